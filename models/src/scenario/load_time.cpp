// `time` (start, horizon, cycle, counting), the one rule for a window of months, and `discounting`
// with the combinations of counting and discounting timing that have no meaning (docs/timing.md).
#include "loader.hpp"

#include <fmt/format.h>

#include <regex>

namespace mkba::detail {

void Loader::time(const YAML::Node& n) {
  if (!r_.expect_map(n, "time")) return;
  r_.check_keys(n, "time", {"start", "horizon_years", "cycle", "counting"});
  if (auto v = r_.required(n, "start", "time"))
    if (auto ym = year_month(*v, "time.start")) s_.time.start = *ym;
  if (auto v = r_.required(n, "horizon_years", "time"))
    s_.time.horizon_years = static_cast<int>(r_.integer_in(*v, "time.horizon_years", 1, 100).value_or(10));
  if (n["cycle"].IsDefined()) {
    auto c = r_.choice(n["cycle"], "time.cycle", {"month", "quarter", "year"});
    s_.time.months_per_cycle = !c || *c == "month" ? 1 : *c == "quarter" ? 3 : 12;
  }
  if (n["counting"].IsDefined()) {
    auto c = r_.choice(n["counting"], "time.counting", {"start", "end", "half_cycle", "simpson", "darthtools_simpson"});
    s_.time.counting = !c || *c == "start" ? Counting::start
                       : *c == "end"       ? Counting::end
                       : *c == "half_cycle" ? Counting::half_cycle
                       : *c == "simpson"    ? Counting::simpson
                                            : Counting::darthtools_simpson;
  }
}

std::optional<YearMonth> Loader::year_month(const YAML::Node& n, const std::string& path) {
  auto text = r_.string(n, path);
  if (!text) return std::nullopt;
  static const std::regex ym(R"(^(\d{4})-(\d{2})$)");
  std::smatch m;
  if (std::regex_match(*text, m, ym)) {
    YearMonth v{std::stoi(m[1]), std::stoi(m[2])};
    if (v.month >= 1 && v.month <= 12 && v.year >= 1990 && v.year <= 2100) return v;
  }
  r_.error(n, path, fmt::format("expected a month as YYYY-MM between 1990-01 and 2100-12, found '{}'", *text));
  return std::nullopt;
}

// The one rule for every window (changes, capacity limits, effects, inflow): [from, until) as
// calendar months (`from`/`until`: YYYY-MM) or cycles from the start (`from_cycle`/`until_cycle`),
// read into `first`/`last` in months from time.start (left as they are when not given: from the
// start, until the horizon). A window that never applies within the horizon is an error; one that
// begins before the start counts from the start (a warning). Returns false (after reporting) when
// the window is wrong. `own_map`: the window is a map of its own (`window: {...}`); false when its keys sit in a larger
// map whose keys the caller checks (an inflow entry).
bool Loader::window(const YAML::Node& map, const std::string& path, int& first, int& last, bool own_map) {
  if (!r_.expect_map(map, path)) return false;
  if (own_map) r_.check_keys(map, path, {"from", "until", "from_cycle", "until_cycle"});
  bool ok = true;
  if (map["from"].IsDefined() && map["from_cycle"].IsDefined()) {
    r_.error(map, path, "expected 'from' (a month) or 'from_cycle', not both");
    ok = false;
  }
  if (map["until"].IsDefined() && map["until_cycle"].IsDefined()) {
    r_.error(map, path, "expected 'until' (a month) or 'until_cycle', not both");
    ok = false;
  }
  std::optional<int> from, until;
  const int m = s_.time.months_per_cycle, n = s_.time.n_cycles();
  if (map["from"].IsDefined()) {
    if (auto ym = year_month(map["from"], join_path(path, "from"))) from = ym->months_since(s_.time.start);
    else ok = false;
  }
  if (map["until"].IsDefined()) {
    if (auto ym = year_month(map["until"], join_path(path, "until"))) until = ym->months_since(s_.time.start);
    else ok = false;
  }
  if (map["from_cycle"].IsDefined()) {
    if (auto c = r_.integer_in(map["from_cycle"], join_path(path, "from_cycle"), 0, n)) from = static_cast<int>(*c) * m;
    else ok = false;
  }
  if (map["until_cycle"].IsDefined()) {
    if (auto c = r_.integer_in(map["until_cycle"], join_path(path, "until_cycle"), 0, n)) until = static_cast<int>(*c) * m;
    else ok = false;
  }
  if (!ok) return false;
  const int horizon = s_.time.horizon_years * 12;
  if (until && *until <= 0) {
    const YAML::Node at = map["until"].IsDefined() ? map["until"] : map["until_cycle"];
    r_.error(at, join_path(path, map["until"].IsDefined() ? "until" : "until_cycle"),
             fmt::format("the window ends at or before time.start ({}), so it never applies; expected a window "
                         "within the horizon", s_.time.start.str()));
    return false;
  }
  if (!r_.window_ok(map, path, from.value_or(0), until.value_or(-1))) return false;
  if (from && *from >= horizon) {
    const YAML::Node at = map["from"].IsDefined() ? map["from"] : map["from_cycle"];
    r_.error(at, join_path(path, map["from"].IsDefined() ? "from" : "from_cycle"),
             fmt::format("the window starts after the horizon ({} plus {} years), so it never applies",
                         s_.time.start.str(), s_.time.horizon_years));
    return false;
  }
  if (from && *from < 0) {
    warn(map["from"], join_path(path, "from"),
         fmt::format("the window starts before time.start ({}); it counts from time.start", s_.time.start.str()));
    from = 0;
  }
  if (from) first = *from;
  if (until) last = *until;
  return true;
}

void Loader::discounting(const YAML::Node& n) {
  if (!r_.expect_map(n, "discounting")) return;
  r_.check_keys(n, "discounting", {"rate", "sensitivity", "timing"});
  if (n["timing"].IsDefined()) {
    auto c = r_.choice(n["timing"], "discounting.timing", {"start", "middle", "end", "continuous", "counted"});
    if (c) {
      s_.discount_timing = *c == "start"    ? DiscountTiming::start
                           : *c == "middle" ? DiscountTiming::middle
                           : *c == "end"    ? DiscountTiming::end
                           : *c == "continuous" ? DiscountTiming::continuous
                                                : DiscountTiming::counted;
      s_.discount_timing_given = true;
    }
  }
  if (n["rate"].IsDefined())
    s_.discount_rate = r_.number_in(n["rate"], "discounting.rate", -0.05, 0.2, "an annual discount rate").value_or(0.0225);
  if (n["sensitivity"].IsDefined() && r_.expect_sequence(n["sensitivity"], "discounting.sensitivity"))
    for (std::size_t i = 0; i < n["sensitivity"].size(); ++i)
      if (auto v = r_.number_in(n["sensitivity"][i], fmt::format("discounting.sensitivity[{}]", i), -0.05, 0.2,
                                "an annual discount rate"))
        s_.sensitivity_rates.push_back(*v);
}

// Combinations of time.counting and discounting.timing that have no meaning (docs/timing.md).
// Unusual but meaningful ones are notes of `mkba validate` (convention_notes()).
void Loader::conventions(const YAML::Node& root) {
  const bool simpson = s_.time.counting == Counting::simpson || s_.time.counting == Counting::darthtools_simpson;
  if (!simpson) return;
  const YAML::Node counting = root["time"]["counting"];
  if (s_.discount_timing_given && s_.discount_timing != DiscountTiming::counted)
    r_.error(root["discounting"]["timing"], "discounting.timing",
             "Simpson's rule weights the trace points x_0 .. x_n, each discounted at its own time: expected "
             "'counted' (the default with time.counting: simpson), found another timing");
  s_.discount_timing = DiscountTiming::counted;
  if (s_.time.counting == Counting::simpson && s_.time.n_cycles() % 2 != 0)
    r_.error(counting, "time.counting",
             fmt::format("Simpson's 1/3 rule needs an even number of cycles, found {}: lengthen the horizon by one "
                         "cycle, use half_cycle, or darthtools_simpson to reproduce darthtools' gen_wcc",
                         s_.time.n_cycles()));
}

}  // namespace mkba::detail
