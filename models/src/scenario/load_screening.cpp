// `population.screening`: the starting caseload from a ZRM screening extract (docs/data-formats.md),
// and `rescreening`: how often persons are screened again and how their scores move.
#include "loader.hpp"

#include <mkba/models/bestand.hpp>
#include <mkba/models/calendar.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/engine/rng.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace mkba::detail {

namespace {
constexpr double kSmallestScreeningProbability = 1.0 / engine::kScreeningRange;
}  // namespace

// The starting caseload from a ZRM screening extract (docs/data-formats.md); segments are the
// kwadranten (k1..k4 and 'onbekend').
void Loader::screening(const YAML::Node& n) {
  const std::string path = "population.screening";
  screening_given_ = true;
  if (!r_.expect_map(n, path)) return;
  r_.check_keys(n, path, {"file", "lenient"});
  auto f = r_.required(n, "file", path);
  auto rel = f ? r_.string(*f, join_path(path, "file")) : std::nullopt;
  if (!rel) return;
  bool lenient = false;
  if (n["lenient"].IsDefined()) {
    auto v = r_.choice(n["lenient"], join_path(path, "lenient"), {"true", "false"});
    lenient = v && *v == "true";
  }
  if (s_.segments.size() != static_cast<std::size_t>(kKwadrantSegments)) {
    r_.error(*f, join_path(path, "file"),
             fmt::format("a screening population needs the {} kwadrant segments: declare "
                         "segments: [k1, k2, k3, k4, onbekend] (in that order)", kKwadrantSegments));
    return;
  }
  const auto file = (std::filesystem::path(r_.file()).parent_path() / *rel).string();
  // The memory budget is checked from the file's size before a byte is read.
  std::error_code size_ec;
  const auto bytes = std::filesystem::is_regular_file(file, size_ec) ? std::filesystem::file_size(file, size_ec) : 0;
  if (!size_ec && limits_.memory_budget > 0 && screening_read_memory(bytes) > limits_.memory_budget) {
    r_.error(*f, join_path(path, "file"),
             fmt::format("reading the screening file ({:.1f} MiB) takes about {:.2f} GiB, more than the memory "
                         "budget of {:.2f} GiB; raise --max-memory or use a smaller extract",
                         static_cast<double>(bytes) / (1 << 20),
                         static_cast<double>(screening_read_memory(bytes)) / (1ull << 30),
                         static_cast<double>(limits_.memory_budget) / (1ull << 30)));
    return;
  }
  ScreeningReadOptions opt;
  opt.gemeenten = s_.gemeenten;
  for (const auto& st : s_.states) opt.states.push_back(st.id);
  // A caseload is known at the start: nothing in the extract may lie after time.start's month.
  const CalendarDate start_end{s_.time.start.year, s_.time.start.month,
                               days_in_month(s_.time.start.year, s_.time.start.month)};
  opt.reference = std::min(today_utc(), start_end);
  if (opt.reference == start_end) {
    opt.reference_what = "the end of time.start's month";
    opt.reference_month_what = "time.start";
  }
  opt.lenient = lenient;
  try {
    screening_data_ = std::make_shared<const ScreeningData>(read_screening_csv(file, opt));
    const ScreeningData& data = *screening_data_;
    if (data.records.empty())
      throw DataError(fmt::format("{}: every one of the {} data rows was skipped (lenient); no persons are left",
                                  file, data.rows_read));
    s_.screening_file = file;
    s_.screening_persons = static_cast<std::int64_t>(data.records.size());
    s_.screening_skipped = data.skipped_total();
    // The bestandsanalyse as `mkba bestand` makes it (default segment rule, the extract's latest
    // screening as peildatum); the report takes its cells and their suppression from it.
    BestandOptions bo;
    bo.peildatum = latest_screening(data, opt.reference);
    s_.screening_bestand = std::make_shared<const Bestand>(bestandsanalyse(data, bo));
    if (s_.rescreening) {
      // One group per person: each keeps their own scores and screening month.
      for (const auto& r : data.records) {
        StartGroup g;
        g.gemeente = r.gemeente;
        g.segment = screened_segment(r.scores, s_.segment_rule);
        g.state = r.state;
        g.persons = 1;
        g.ontheffing = r.ontheffing ? 1 : 0;  // (used only when a change or limit tells the sides apart)
        g.months_in_state = std::max(0, s_.time.start.months_since(r.state_since));
        g.scores = r.scores;
        const int since = s_.time.start.months_since(r.screened.year_month());
        const int interval = s_.rescreening->interval_months;
        g.first_rescreen_month = interval - ((since % interval) + interval) % interval;
        s_.start.push_back(g);
      }
    } else if (s_.age_groups && s_.age_groups->from_screening) {
      detail::screening_age_groups(data, s_);
    } else {
      for (const auto& g : screening_groups(data, s_.segment_rule, s_.time.start))
        s_.start.push_back({g.gemeente, g.segment, g.state, static_cast<double>(g.persons), g.months_in_state, {}, -1});
    }
  } catch (const DataError& e) {
    r_.error(*f, join_path(path, "file"), fmt::format("the screening file has problems:\n{}", e.what()));
  }
}

void Loader::rescreening(const YAML::Node& n) {
  if (!r_.expect_map(n, "rescreening")) return;
  r_.check_keys(n, "rescreening", {"interval_months", "improve", "worsen"});
  RescreeningSpec spec;
  spec.improve.assign(s_.states.size(), 0.0);
  spec.worsen.assign(s_.states.size(), 0.0);
  if (n["interval_months"].IsDefined())
    spec.interval_months = static_cast<int>(r_.integer_in(n["interval_months"], "rescreening.interval_months", 1, 120).value_or(12));
  for (const char* key : {"improve", "worsen"}) {
    if (!n[key].IsDefined()) continue;
    const std::string path = join_path("rescreening", key);
    if (!r_.expect_map(n[key], path)) continue;
    for (const auto& kv : n[key]) {
      const std::string p = join_path(path, kv.first.Scalar());
      auto st = state_ref(kv.first, p);
      auto v = r_.number_in(kv.second, p, 0, 1, "a probability per domain per screening");
      // The screening draws have 16 bits (docs/random-numbers.md): a smaller probability would
      // silently become 0 or 2^-16.
      if (v && *v > 0 && *v < kSmallestScreeningProbability) {
        r_.error(kv.second, p,
                 fmt::format("expected 0 or a probability of at least 1/{} (about {:.7f}, the resolution of the "
                             "screening draws), found {}",
                             engine::kScreeningRange, kSmallestScreeningProbability, kv.second.Scalar()));
        v.reset();
      }
      if (st && v) (std::string(key) == "improve" ? spec.improve : spec.worsen)[static_cast<std::size_t>(*st)] = *v;
    }
  }
  for (std::size_t i = 0; i < s_.states.size(); ++i)
    if (spec.improve[i] + spec.worsen[i] > 1)
      r_.error(n, "rescreening", fmt::format("improve + worsen for state '{}' exceed 1", s_.states[i].id));
  s_.rescreening = spec;
}

}  // namespace mkba::detail
