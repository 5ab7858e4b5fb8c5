#include <mkba/models/bestand.hpp>

#include <algorithm>
#include <cmath>

namespace mkba {

std::int64_t Bestand::cell(int g, int k, int s) const {
  const std::size_t ns = states.size();
  return cells[(static_cast<std::size_t>(g) * kKwadranten + static_cast<std::size_t>(k)) * ns +
               static_cast<std::size_t>(s)];
}

int distance_bin(const Segment& s) {
  if (!s.distance_known) return 0;
  return 1 + std::clamp(static_cast<int>(std::floor(s.distance / 0.5)), 0, kDistanceBins - 2);
}

int risk_bin(double risk) { return std::clamp(static_cast<int>(std::floor(risk)), 0, kRiskBins - 1); }

CalendarDate latest_screening(const ScreeningData& data, CalendarDate fallback) {
  if (data.records.empty()) return fallback;
  return std::max_element(data.records.begin(), data.records.end(),
                          [](const auto& x, const auto& y) { return x.screened < y.screened; })->screened;
}

bool screened_within_year(CalendarDate screened, CalendarDate peildatum) {
  // "Within the last twelve months": screened after the same day one year before the peildatum.
  const long window_start =
      CalendarDate{peildatum.year - 1, peildatum.month, std::min(peildatum.day, days_in_month(peildatum.year - 1, peildatum.month))}.days();
  const long day = screened.days();
  return day > window_start && day <= peildatum.days();
}

Bestand bestandsanalyse(const ScreeningData& data, const BestandOptions& opt) {
  check_rule(opt.rule);
  Bestand b;
  b.gemeenten = data.gemeenten;
  b.states = data.states;
  b.peildatum = opt.peildatum;
  b.rule = opt.rule;
  b.small_cell = opt.small_cell;
  b.skipped = data.skipped_total();
  const std::size_t ng = b.gemeenten.size(), ns = b.states.size();
  b.cells.assign(ng * kKwadranten * ns, 0);
  b.distance_hist.assign(ng * kDistanceBins, 0);
  b.risk_hist.assign(ng * kRiskBins, 0);
  b.per_gemeente.assign(ng, 0);
  b.screened_recent.assign(ng, 0);
  b.ontheffing.assign(ng, 0);

  for (const ScreeningRecord& r : data.records) {
    const auto g = static_cast<std::size_t>(r.gemeente);
    const Segment seg = segment(r.scores, opt.rule);
    ++b.cells[(g * kKwadranten + static_cast<std::size_t>(seg.kwadrant)) * ns + static_cast<std::size_t>(r.state)];
    ++b.distance_hist[g * kDistanceBins + static_cast<std::size_t>(distance_bin(seg))];
    ++b.risk_hist[g * kRiskBins + static_cast<std::size_t>(risk_bin(seg.risk))];
    ++b.per_gemeente[g];
    if (screened_within_year(r.screened, opt.peildatum)) ++b.screened_recent[g];
    if (r.ontheffing) ++b.ontheffing[g];
  }
  b.persons = static_cast<std::int64_t>(data.records.size());
  return b;
}

}  // namespace mkba
