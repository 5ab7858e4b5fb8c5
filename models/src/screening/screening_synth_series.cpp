#include <mkba/models/screening_synth_series.hpp>

#include <mkba/engine/rng.hpp>

#include <boost/random/uniform_01.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace mkba {

CalendarDate series_peildatum(CalendarDate base, int months) {
  const int m = base.year * 12 + (base.month - 1) + months;
  const int y = m / 12, mo = m % 12 + 1;
  return {y, mo, std::min(base.day, days_in_month(y, mo))};
}

std::vector<ScreeningData> synth_screening_series(const SynthOptions& base, const SynthSeriesOptions& series) {
  if (series.extracts < 1 || series.extracts > 24)
    throw std::invalid_argument(fmt::format("series: extracts must be 1..24, found {}", series.extracts));
  if (series.months_between < 1 || series.months_between > 24)
    throw std::invalid_argument(fmt::format("series: months between extracts must be 1..24, found {}", series.months_between));
  if (!(series.leave_share >= 0 && series.leave_share <= 1) || !(series.rescreen_share >= 0 && series.rescreen_share <= 1))
    throw std::invalid_argument("series: leave and rescreen shares must be between 0 and 1");
  std::vector<ScreeningData> out{synth_screening(base)};
  // Person serial numbers: extract 0 holds 0..persons-1 (synth_screening's ids are triple32(serial ^
  // key)); newcomers continue the count, so every id of the series is distinct (triple32 is a bijection).
  const auto id_key = static_cast<std::uint32_t>(base.seed ^ (base.seed >> 32));
  std::vector<std::uint32_t> serial(out[0].records.size());
  for (std::size_t i = 0; i < serial.size(); ++i) serial[i] = static_cast<std::uint32_t>(i);
  auto next_serial = static_cast<std::uint32_t>(serial.size());
  boost::random::uniform_01<double> unif;
  for (int s = 1; s < series.extracts; ++s) {
    SynthOptions o = base;
    o.peildatum = series_peildatum(base.peildatum, s * series.months_between);
    o.seed = base.seed + static_cast<std::uint64_t>(s);
    const ScreeningData pool = synth_screening(o);  // fresh persons for rescreens and newcomers
    std::size_t used = 0;
    const ScreeningData& prev = out.back();
    ScreeningData next;
    next.file = "synthetic";
    next.gemeenten = prev.gemeenten;
    next.states = prev.states;
    std::vector<std::uint32_t> next_serials;
    const long peil_day = o.peildatum.days();
    const long prev_day = series_peildatum(base.peildatum, (s - 1) * series.months_between).days();
    for (std::size_t i = 0; i < prev.records.size(); ++i) {
      engine::PhiloxEngine eng(base.seed, static_cast<std::uint32_t>(s), engine::DrawKind::rescreen, serial[i]);
      if (unif(eng) < series.leave_share) continue;
      ScreeningRecord r = prev.records[i];
      if (unif(eng) < series.rescreen_share) {
        r.scores = pool.records[used++].scores;
        r.screened = CalendarDate::from_days(prev_day + 1 + static_cast<long>(unif(eng) * static_cast<double>(peil_day - prev_day)));
        if (r.screened.days() > peil_day) r.screened = o.peildatum;
      }
      next.records.push_back(r);
      next.ids.push_back(prev.ids[i]);
      next_serials.push_back(serial[i]);
    }
    while (next.records.size() < prev.records.size()) {
      next.records.push_back(pool.records[used++]);
      next.ids.push_back(fmt::format("syn-{:08x}", engine::triple32(next_serial ^ id_key)));
      next_serials.push_back(next_serial++);
    }
    serial = std::move(next_serials);
    out.push_back(std::move(next));
  }
  return out;
}

}  // namespace mkba
