// An alternative's `capacity`: places per state (and gemeente, segments, ontheffing), over time, in
// persons or fte; one limit per state and group of persons in any month.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace mkba::detail {

void Loader::capacity(const YAML::Node& c, const std::string& path, AlternativeSpec& alt) {
  if (!r_.expect_map(c, path)) return;
  r_.check_keys(c, path,
                {"state", "places", "places_by_year", "gemeente", "gemeenten", "segments", "ontheffing", "window", "unit"});
  CapacitySpec spec;
  auto st = r_.required(c, "state", path);
  auto state = st ? state_ref(*st, join_path(path, "state")) : std::nullopt;
  std::optional<double> places;
  if (c["places_by_year"].IsDefined()) {
    const std::string yp = join_path(path, "places_by_year");
    if (c["places"].IsDefined()) r_.error(c, path, "give either 'places' or 'places_by_year', not both");
    if (!r_.expect_map(c["places_by_year"], yp)) return;
    for (const auto& kv : c["places_by_year"]) {
      const std::string p = join_path(yp, kv.first.Scalar());
      auto year = r_.integer_in(kv.first, p, 1990, 2100);
      auto v = r_.number_in(kv.second, p, 0, 1e8, "a number of places");
      if (year && v) spec.places_by_year[static_cast<int>(*year)] = *v;
    }
    places = 0.0;
  } else {
    auto pl = r_.required(c, "places", path);
    places = pl ? r_.number_in(*pl, join_path(path, "places"), 0, 1e8, "a number of places") : std::nullopt;
  }
  if (!state || !places) return;
  spec.state = *state;
  spec.places = *places;
  if (c["unit"].IsDefined()) {
    // Places in fte: the limit in persons is fte / the state's part-time factor.
    auto u = r_.choice(c["unit"], join_path(path, "unit"), {"persons", "fte"});
    if (!u) return;
    if (*u == "fte") {
      const double f = s_.states[static_cast<std::size_t>(spec.state)].fte;
      spec.places /= f;
      for (auto& [year, v] : spec.places_by_year) v /= f;
    }
  }
  if (c["gemeente"].IsDefined()) {
    auto g = name_ref(c["gemeente"], join_path(path, "gemeente"), s_.gemeenten, "gemeente");
    if (!g) return;
    spec.gemeente = *g;
  }
  // Places only for persons in these segments and/or on one side of ontheffing (their engine
  // segments: compile_model()); a person outside them neither holds nor takes its places.
  // `gemeenten: [..]`: one limit shared by these gemeenten together (their classes:
  // models/gemeente_targeting.hpp).
  if (c["gemeenten"].IsDefined()) {
    const std::string gp = join_path(path, "gemeenten");
    if (c["gemeente"].IsDefined()) {
      r_.error(c["gemeenten"], gp, "give either 'gemeente' (one gemeente) or 'gemeenten' (a list sharing the places), not both");
      return;
    }
    if (c["gemeenten"].IsSequence() && c["gemeenten"].size() == 0) {
      r_.error(c["gemeenten"], gp, "expected at least one gemeente, found an empty list; leave 'gemeenten' out for a "
                                   "limit shared by all gemeenten");
      return;
    }
    spec.gemeenten = name_mask(c["gemeenten"], gp, s_.gemeenten, "gemeente");
    if (std::find(spec.gemeenten.begin(), spec.gemeenten.end(), 1) == spec.gemeenten.end()) return;  // (reported)
  }
  if (c["segments"].IsDefined()) {
    spec.segments = name_mask(c["segments"], join_path(path, "segments"), s_.segments, "segment");
    if (std::find(spec.segments.begin(), spec.segments.end(), 1) == spec.segments.end()) return;  // (reported)
  }
  if (c["ontheffing"].IsDefined()) {
    const auto side = ontheffing_side(c["ontheffing"], join_path(path, "ontheffing"));
    if (!side) return;
    spec.ontheffing = *side;
  }
  if (c["window"].IsDefined() && !window(c["window"], join_path(path, "window"), spec.first_month, spec.last_month))
    return;
  spec.where = {r_.file(), c.Mark().line + 1, c.Mark().column + 1, path};
  // One limit per state and gemeente in any month: a second one would silently replace the first.
  // A limit inherited through `extends` (before own_capacities_from_) is replaced by this one.
  // Limits for the same persons (state, gemeente, segments, ontheffing); limits for other groups
  // (say one for k3 and k4 and one in total) all apply.
  auto same_group = [](const CapacitySpec& a, const CapacitySpec& b) {
    return a.state == b.state && a.gemeente == b.gemeente && a.gemeenten == b.gemeenten && a.segments == b.segments &&
           a.ontheffing == b.ontheffing;
  };
  auto overlap = [](const CapacitySpec& a, const CapacitySpec& b) {
    const long a_end = a.last_month < 0 ? std::numeric_limits<long>::max() : a.last_month;
    const long b_end = b.last_month < 0 ? std::numeric_limits<long>::max() : b.last_month;
    return a.first_month < b_end && b.first_month < a_end;
  };
  for (std::size_t k = 0; k < alt.capacities.size(); ++k) {
    const auto& other = alt.capacities[k];
    if (!same_group(other, spec) || !overlap(other, spec)) continue;
    if (k < own_capacities_from_) continue;
    r_.error(c, path, fmt::format("a second capacity limit for state '{}' ({}) in months that the limit at line {} "
                                  "already covers; give one limit per state, gemeente, segments and ontheffing "
                                  "(change it over time with 'window' or 'places_by_year')", s_.states[static_cast<std::size_t>(spec.state)].id,
                                  spec.gemeente < 0 ? "all gemeenten together" : "gemeente " + s_.gemeenten[static_cast<std::size_t>(spec.gemeente)],
                                  other.where.line));
    return;
  }
  for (std::size_t k = own_capacities_from_; k-- > 0;)
    if (same_group(alt.capacities[k], spec)) {
      alt.capacities.erase(alt.capacities.begin() + static_cast<std::ptrdiff_t>(k));
      --own_capacities_from_;
    }
  alt.capacities.push_back(spec);
}

}  // namespace mkba::detail
