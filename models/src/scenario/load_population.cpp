// `population`: the starting caseload as counts (one gemeente or per gemeente), the segment mix, the
// cohort's age, and the `inflow` of new persons per month.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::detail {

void Loader::population(const YAML::Node& n) {
  if (!r_.expect_map(n, "population")) return;
  r_.check_keys(n, "population", {"counts", "inflow", "segment_mix", "screening", "age"});
  detail::load_age(r_, n, s_);
  if (n["segment_mix"].IsDefined() && r_.expect_map(n["segment_mix"], "population.segment_mix")) {
    std::fill(s_.segment_mix.begin(), s_.segment_mix.end(), 0.0);
    double sum = 0;
    for (const auto& kv : n["segment_mix"]) {
      const std::string p = join_path("population.segment_mix", kv.first.Scalar());
      auto seg = name_ref(kv.first, p, s_.segments, "segment");
      auto share = r_.number_in(kv.second, p, 0, 1, "a share");
      if (seg && share) {
        s_.segment_mix[*seg] = *share;
        sum += *share;
      }
    }
    if (std::abs(sum - 1.0) > 1e-9)
      r_.error(n["segment_mix"], "population.segment_mix", fmt::format("expected shares summing to 1, found a sum of {}", sum));
  }
  if (n["screening"].IsDefined()) {
    if (n["counts"].IsDefined()) r_.error(n["counts"], "population.counts", "give either 'counts' or 'screening', not both");
    screening(n["screening"]);
    // New candidates get the kwadrant mix of the screened caseload unless segment_mix says otherwise.
    if (!n["segment_mix"].IsDefined() && s_.start_population() > 0) {
      std::fill(s_.segment_mix.begin(), s_.segment_mix.end(), 0.0);
      for (const auto& g : s_.start) s_.segment_mix[static_cast<std::size_t>(g.segment)] += g.persons / s_.start_population();
    }
  } else if (auto c = r_.required(n, "counts", "population")) {
    // Either {state: persons} (one gemeente) or {gemeente: {state: persons}}.
    const bool per_gemeente = c->IsMap() && c->size() > 0 && c->begin()->second.IsMap();
    if (!per_gemeente) {
      if (s_.gemeenten.size() > 1)
        r_.error(*c, "population.counts",
                 "with more than one gemeente in meta.gemeenten, give counts per gemeente: "
                 "{gemeente: {state: persons}}");
      else
        state_counts(*c, "population.counts", 0);
    } else {
      for (const auto& kv : *c) {
        const std::string p = join_path("population.counts", kv.first.Scalar());
        auto g = name_ref(kv.first, p, s_.gemeenten, "gemeente");
        if (g) state_counts(kv.second, p, *g);
      }
    }
    if (s_.start_population() <= 0)
      r_.error(*c, "population.counts", "expected at least one person in the starting population, found none");
  }
  if (n["inflow"].IsDefined()) inflow(n["inflow"]);
}

void Loader::state_counts(const YAML::Node& n, const std::string& path, int gemeente) {
  if (!r_.expect_map(n, path)) return;
  for (const auto& kv : n) {
    const std::string p = join_path(path, kv.first.Scalar());
    auto st = state_ref(kv.first, p);
    // Persons are counted whole: 12.5 persons is a typo or a share, not a caseload.
    auto v = r_.number_in(kv.second, p, 0, 1e8, "a number of persons");
    if (v && *v != std::floor(*v))  // (still counted below, so the total is not reported as empty too)
      r_.error(kv.second, p, fmt::format("expected a whole number of persons, found {}", *v));
    if (st && v && *v > 0) s_.start.push_back({gemeente, 0, *st, *v, 0, {}, -1});
  }
}

void Loader::inflow(const YAML::Node& n) {
  if (!r_.expect_sequence(n, "population.inflow")) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = fmt::format("population.inflow[{}]", i);
    const YAML::Node f = n[i];
    if (!r_.expect_map(f, path)) continue;
    r_.check_keys(f, path, {"gemeente", "per_month", "mix", "from", "until"});
    InflowSpec spec;
    if (f["gemeente"].IsDefined()) {
      auto g = name_ref(f["gemeente"], join_path(path, "gemeente"), s_.gemeenten, "gemeente");
      if (!g) continue;
      spec.gemeente = *g;
    } else if (s_.gemeenten.size() > 1) {
      r_.error(f, join_path(path, "gemeente"), "required key 'gemeente' is missing (there is more than one gemeente)");
      continue;
    }
    auto pm = r_.required(f, "per_month", path);
    auto v = pm ? r_.number_in(*pm, join_path(path, "per_month"), 0, 1e7, "persons per month") : std::nullopt;
    if (!v) continue;
    spec.per_month = *v;
    spec.state_mix.assign(s_.states.size(), 0.0);
    auto mix = r_.required(f, "mix", path);
    if (!mix || !r_.expect_map(*mix, join_path(path, "mix"))) continue;
    double sum = 0;
    for (const auto& kv : *mix) {
      const std::string p = join_path(join_path(path, "mix"), kv.first.Scalar());
      auto st = state_ref(kv.first, p);
      auto share = r_.number_in(kv.second, p, 0, 1, "a share");
      if (st && share) {
        spec.state_mix[*st] = *share;
        sum += *share;
      }
    }
    if (std::abs(sum - 1.0) > 1e-9)
      r_.error(*mix, join_path(path, "mix"), fmt::format("expected shares summing to 1, found a sum of {}", sum));
    if (!window(f, path, spec.first_month, spec.last_month, false)) continue;
    s_.inflow.push_back(spec);
  }
}

}  // namespace mkba::detail
