#include <mkba/models/age.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/gemeente_targeting.hpp>
#include <mkba/models/ontheffing.hpp>

#include <fmt/format.h>

namespace mkba {

int age_group_count(const Scenario& s) {
  return s.age_groups && !s.age_groups->ages.empty() ? static_cast<int>(s.age_groups->ages.size()) : 1;
}

bool age_dependent(const Scenario& s) {
  if (s.aow || s.mortality) return true;
  for (const auto& u : s.varying_uses)
    if (u.expression.uses(Expression::TimeVariable::age)) return true;
  return false;
}

double group_start_age(const Scenario& s, int group) {
  if (s.age_groups && !s.age_groups->ages.empty()) return s.age_groups->ages[static_cast<std::size_t>(group)];
  return s.start_age.value_or(0);
}

int engine_segment_count(const Scenario& s) {
  return static_cast<int>(s.segments.size()) * age_group_count(s) * gemeente_class_count(s) * ontheffing_count(s);
}

engine::Trace scenario_trace(const Scenario& s, engine::Trace tr) {
  // The age groups, gemeente classes and ontheffing flags of one segment are adjacent
  // (models/gemeente_targeting.hpp, models/ontheffing.hpp).
  const int A = age_group_count(s) * gemeente_class_count(s) * ontheffing_count(s);
  if (A == 1) return tr;
  const int S = tr.n_segments / A, G = tr.n_gemeenten, N = tr.n_states, T = tr.n_cycles;
  engine::Trace out;
  out.n_cycles = T;
  out.n_gemeenten = G;
  out.n_segments = S;
  out.n_states = N;
  // Engine segment e = segment * A + (group, class): those of one segment are adjacent, so summing
  // each run of A blocks of `width` values gives the segment's block.
  auto fold = [&](const std::vector<double>& in, std::size_t width) {
    std::vector<double> res(in.size() / static_cast<std::size_t>(A), 0.0);
    const std::size_t blocks = res.size() / width;  // [t][g][segment]
    for (std::size_t b = 0; b < blocks; ++b)
      for (int a = 0; a < A; ++a) {
        const double* from = in.data() + (b * static_cast<std::size_t>(A) + static_cast<std::size_t>(a)) * width;
        for (std::size_t i = 0; i < width; ++i) res[b * width + i] += from[i];
      }
    return res;
  };
  out.occupancy = fold(tr.occupancy, static_cast<std::size_t>(N));
  out.transitions = fold(tr.transitions, static_cast<std::size_t>(N) * static_cast<std::size_t>(N));
  out.entries = fold(tr.entries, static_cast<std::size_t>(N));
  return out;
}

void check_age_groups(const Scenario& s) {
  const int n = engine_segment_count(s);
  if (n <= kMaxEngineSegments) return;
  const int O = ontheffing_count(s);
  const std::string by_ontheffing = O > 1 ? " x 2 (with and without ontheffing)" : "";
  if (const SourcePos* w = first_gemeente_use(s))
    throw ScenarioError({w->diagnostic(fmt::format(
        "the {} targeted at gemeenten split the gemeenten into {} groups; {} segments x {} age groups x {}{} = {} "
        "groups to count by; at most {} are supported: target fewer distinct sets of gemeenten (or give fewer age "
        "groups or loonwaarde bands{})",
        first_gemeente_change(s) != nullptr ? "changes" : "capacity limits", gemeente_class_count(s), s.segments.size(), age_group_count(s), gemeente_class_count(s), by_ontheffing, n,
        kMaxEngineSegments, O > 1 ? ", or leave out 'ontheffing'" : ""))});
  if (const SourcePos* w = first_ontheffing_use(s))
    throw ScenarioError({w->diagnostic(fmt::format(
        "'ontheffing' splits every segment in two; {} segments x {} age groups x 2 = {} groups to count by; at "
        "most {} are supported: give fewer age groups (or loonwaarde bands), or leave out 'ontheffing'",
        s.segments.size(), age_group_count(s), n, kMaxEngineSegments))});
  throw ScenarioError({{s.file, 0, 0, "population.age",
                        fmt::format("{} segments x {} age groups = {} groups to count by; at most {} are supported: "
                                    "give fewer age groups (or loonwaarde bands)",
                                    s.segments.size(), age_group_count(s), n, kMaxEngineSegments)}});
}

double mortality_at(const Scenario& s, double age) {
  if (!s.mortality) return 0.0;
  const auto it = s.tables.find(s.mortality->table);
  return it == s.tables.end() ? 0.0 : it->second.at(age);
}

}  // namespace mkba
