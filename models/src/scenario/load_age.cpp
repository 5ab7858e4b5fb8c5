// `population.age` (one age, a distribution of start ages, or each screened person's own from the
// extract's geboortejaar) and `mortality:` (background mortality from a life table), read with
// the loader's YamlReader. docs/scenario-format.md, "population" and "mortality"; models/age.hpp.
#include "load_parts.hpp"

#include <mkba/models/age.hpp>

#include <mkba/models/screening_population.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

namespace mkba::detail {
namespace {

constexpr int kMaxAgeGroups = kMaxEngineSegments;

// {age: share, ...} into `out` (age -> share); false after reporting a problem.
bool shares(YamlReader& r, const YAML::Node& n, const std::string& path, std::map<double, double>& out) {
  if (!r.expect_map(n, path)) return false;
  bool ok = true;
  double sum = 0;
  for (const auto& kv : n) {
    const std::string p = join_path(path, kv.first.Scalar());
    auto age = r.number_in(kv.first, p, 0, 120, "an age in years at time.start");
    auto share = r.number_in(kv.second, p, 0, 1, "a share");
    if (!age || !share) {
      ok = false;
      continue;
    }
    if (out.count(*age)) {
      r.error(kv.first, p, fmt::format("the age {:g} is given twice", *age));
      ok = false;
    }
    out[*age] = *share;
    sum += *share;
  }
  if (ok && std::abs(sum - 1.0) > 1e-9) {
    r.error(n, path, fmt::format("expected shares summing to 1, found a sum of {:.10g}", sum));
    ok = false;
  }
  return ok;
}

}  // namespace

void load_age(YamlReader& r, const YAML::Node& population, Scenario& s) {
  const YAML::Node n = population["age"];
  if (!n.IsDefined()) return;
  const std::string path = "population.age";
  const bool screening = (n.IsScalar() && n.Scalar() == "screening") || (n.IsMap() && n["from"].IsDefined());
  if (screening) {
    AgeGroups g;
    g.from_screening = true;
    g.band_edges = kDefaultScreeningAgeBands;
    if (n.IsMap()) {
      r.check_keys(n, path, {"from", "bands"});
      if (!r.choice(n["from"], join_path(path, "from"), {"screening"})) return;
      if (n["bands"].IsDefined() && r.expect_sequence(n["bands"], join_path(path, "bands"))) {
        g.band_edges.clear();
        for (std::size_t i = 0; i < n["bands"].size(); ++i) {
          const std::string p = fmt::format("{}.bands[{}]", path, i);
          auto a = r.number_in(n["bands"][i], p, 0, 120, "an age in years at time.start");
          if (!a) return;
          if (!g.band_edges.empty() && !(*a > g.band_edges.back())) {
            r.error(n["bands"][i], p, fmt::format("expected increasing ages, found {:g} after {:g}", *a, g.band_edges.back()));
            return;
          }
          g.band_edges.push_back(*a);
        }
        if (g.band_edges.empty()) {
          r.error(n["bands"], join_path(path, "bands"), "expected at least one age, e.g. [0, 30, 40, 50, 55, 60, 63, 65, 66, 67]");
          return;
        }
      }
    }
    if (!population["screening"].IsDefined()) {
      r.error(n, path, "'age: screening' takes each person's age from the screening extract's geboortejaar: "
                       "give population.screening");
      return;
    }
    if (s.rescreening) {
      r.error(n, path, "ages per person cannot yet be combined with rescreening (the simulation recomputes a "
                       "person's segment from the ZRM scores alone): give one age, or rescreening: null");
      return;
    }
    s.age_groups = std::move(g);  // the groups: screening_age_groups(), when the extract is read
    return;
  }
  if (n.IsScalar()) {
    if (auto a = r.number_in(n, path, 0, 120, "an age in years, a map {groups: {age: share}} or 'screening'"))
      s.start_age = *a;
    return;
  }
  if (!r.expect_map(n, path)) return;
  r.check_keys(n, path, {"groups", "by_segment", "source"});
  if (s.rescreening) {
    r.error(n, path, "an age distribution cannot yet be combined with rescreening (the simulation recomputes a "
                     "person's segment from the ZRM scores alone): give one age, or rescreening: null");
    return;
  }
  const std::size_t D = s.segments.size();  // the declared segments (loonwaarde bands come later)
  std::map<double, double> all;
  std::vector<std::map<double, double>> per(D);
  std::vector<bool> given(D, false);
  bool ok = true;
  if (n["groups"].IsDefined()) {
    ok = shares(r, n["groups"], join_path(path, "groups"), all) && ok;
    for (std::size_t d = 0; d < D; ++d) {
      per[d] = all;
      given[d] = true;
    }
  }
  if (n["by_segment"].IsDefined() && r.expect_map(n["by_segment"], join_path(path, "by_segment")))
    for (const auto& kv : n["by_segment"]) {
      const std::string p = join_path(join_path(path, "by_segment"), kv.first.Scalar());
      const auto it = std::find(s.segments.begin(), s.segments.end(), kv.first.Scalar());
      if (it == s.segments.end()) {
        r.error(kv.first, p, fmt::format("unknown segment '{}'{}", kv.first.Scalar(), did_you_mean(kv.first.Scalar(), s.segments)));
        ok = false;
        continue;
      }
      const auto d = static_cast<std::size_t>(it - s.segments.begin());
      per[d].clear();
      ok = shares(r, kv.second, p, per[d]) && ok;
      given[d] = true;
    }
  if (!ok) return;
  for (std::size_t d = 0; d < D; ++d)
    if (!given[d]) {
      r.error(n, path, fmt::format("expected 'groups' (the shares of every segment) or by_segment.{}", s.segments[d]));
      return;
    }
  AgeGroups g;
  for (const auto& m : per)
    for (const auto& [age, share] : m) g.ages.push_back(age);
  std::sort(g.ages.begin(), g.ages.end());
  g.ages.erase(std::unique(g.ages.begin(), g.ages.end()), g.ages.end());
  if (static_cast<int>(g.ages.size()) > kMaxAgeGroups) {
    r.error(n, path, fmt::format("at most {} age groups are supported, found {}", kMaxAgeGroups, g.ages.size()));
    return;
  }
  for (std::size_t d = 0; d < D; ++d) {
    g.share.emplace_back();
    for (double a : g.ages) g.share.back().push_back(per[d].count(a) ? per[d].at(a) : 0.0);
  }
  s.start_age = g.ages.front();
  s.age_groups = std::move(g);
}

void screening_age_groups(const ScreeningData& data, Scenario& s, bool by_ontheffing) {
  // A birth year Y stands for a birthday on 1 July Y: the age on the first day of time.start's month.
  const double start = s.time.start.year + (s.time.start.month - 1) / 12.0;
  AgeGroups& g = *s.age_groups;
  const std::vector<double>& edges = g.band_edges;
  auto band_of = [&](const ScreeningRecord& rec) {
    const double age = start - (rec.birth_year + 0.5);
    const auto it = std::upper_bound(edges.begin(), edges.end(), age);
    return it == edges.begin() ? std::size_t{0} : static_cast<std::size_t>(it - edges.begin()) - 1;
  };
  // The non-empty bands become the groups, at the mean age of their persons.
  std::vector<double> sum(edges.size(), 0.0), persons(edges.size(), 0.0);
  for (const auto& rec : data.records) {
    const std::size_t b = band_of(rec);
    sum[b] += start - (rec.birth_year + 0.5);
    persons[b] += 1;
  }
  std::vector<int> group_of(edges.size(), -1);
  g.ages.clear();
  for (std::size_t b = 0; b < edges.size(); ++b)
    if (persons[b] > 0) {
      group_of[b] = static_cast<int>(g.ages.size());
      g.ages.push_back(sum[b] / persons[b]);
    }
  const std::size_t A = g.ages.size(), D = s.segments.size();
  // (the ontheffing flag last, -1 when not split by it: the order of the groups is then as without)
  std::map<std::tuple<int, std::int32_t, std::int32_t, std::int32_t, std::int32_t, int>, std::int64_t> groups;
  std::vector<std::vector<double>> count(D, std::vector<double>(A, 0.0));
  for (const auto& rec : data.records) {
    const int group = group_of[band_of(rec)];
    const std::int32_t seg = screened_segment(rec.scores, s.segment_rule);
    ++groups[{group, rec.gemeente, seg, rec.state, std::max(0, s.time.start.months_since(rec.state_since)),
              by_ontheffing ? static_cast<int>(rec.ontheffing) : -1}];
    count[static_cast<std::size_t>(seg)][static_cast<std::size_t>(group)] += 1;
  }
  for (const auto& [key, n] : groups) {
    StartGroup sg;
    sg.age_group = std::get<0>(key);
    sg.gemeente = std::get<1>(key);
    sg.segment = std::get<2>(key);
    sg.state = std::get<3>(key);
    sg.months_in_state = std::get<4>(key);
    sg.ontheffing = std::get<5>(key);
    sg.persons = static_cast<double>(n);
    s.start.push_back(sg);
  }
  // New candidates of a kwadrant get its caseload's ages (the whole caseload's for an empty one).
  std::vector<double> total(A, 0.0);
  for (const auto& row : count)
    for (std::size_t a = 0; a < A; ++a) total[a] += row[a];
  g.share.assign(D, {});
  for (std::size_t d = 0; d < D; ++d) {
    const auto& row = std::accumulate(count[d].begin(), count[d].end(), 0.0) > 0 ? count[d] : total;
    const double all = std::accumulate(row.begin(), row.end(), 0.0);
    for (double x : row) g.share[d].push_back(all > 0 ? x / all : 0.0);
  }
  if (!g.ages.empty()) s.start_age = g.ages.front();
}

void load_mortality(YamlReader& r, const YAML::Node& n, Scenario& s) {
  if (!r.expect_map(n, "mortality")) return;
  r.check_keys(n, "mortality", {"table", "to"});
  auto table = r.required(n, "table", "mortality");
  auto to = r.required(n, "to", "mortality");
  if (!table || !to) return;
  const auto name = r.identifier(*table, "mortality.table");
  const auto id = r.identifier(*to, "mortality.to");
  if (!name || !id) return;
  if (!s.tables.count(*name)) {
    std::vector<std::string> names;
    for (const auto& [k, v] : s.tables) names.push_back(k);
    r.error(*table, "mortality.table",
            fmt::format("expected a table declared under 'tables' (or in an included library), found '{}'{}", *name,
                        did_you_mean(*name, names)));
    return;
  }
  for (double q : s.tables.at(*name).y)
    if (!(q >= 0 && q <= 1)) {
      r.error(*table, "mortality.table",
              fmt::format("expected yearly death probabilities in [0, 1] in table '{}', found {:.6g}", *name, q));
      return;
    }
  const int state = s.state_index(*id);
  if (state < 0) {
    std::vector<std::string> ids;
    for (const auto& st : s.states) ids.push_back(st.id);
    r.error(*to, "mortality.to", fmt::format("expected a declared state, found '{}'{}", *id, did_you_mean(*id, ids)));
    return;
  }
  if (s.states[static_cast<std::size_t>(state)].kind != StateKind::absorbing) {
    r.error(*to, "mortality.to", fmt::format("expected an exit (a state of kind absorbing), found '{}'", *id));
    return;
  }
  if (!s.start_age) {
    r.error(n, "mortality", "background mortality by age needs the persons' age at the start: give population.age");
    return;
  }
  s.mortality = MortalitySpec{*name, state};
}

}  // namespace mkba::detail
