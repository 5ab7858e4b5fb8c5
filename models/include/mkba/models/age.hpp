#pragma once
// Age per person (docs/scenario-format.md, "population" and "mortality"). A person's start-age group
// is fixed for the whole run and folded into the segment index the engine counts by, as the
// loonwaarde bands are: engine segment = scenario segment x age groups + group. The kernel is
// unchanged; compile builds one set of time-dependent matrices per group, in which `age` is the
// group's start age plus the time since time.start. Every trace is summed back over the groups
// (scenario_trace) before valuation, so reports see the scenario's segments only and never the
// internal age groups (a birth year from a screening extract is personal data).
#include <mkba/engine/trace.hpp>
#include <mkba/engine/types.hpp>
#include <mkba/models/scenario.hpp>

namespace mkba {

// The number of start-age groups (1 without an age distribution).
int age_group_count(const Scenario& s);

// Whether any transition depends on age (an expression of `age`, `aow`, `mortality`): if not, all
// start-age groups of a segment share its matrices.
bool age_dependent(const Scenario& s);

// The age at time.start of `group` (population.age when it is one number; 0 without an age).
double group_start_age(const Scenario& s, int group);

// The segments the engine counts by: the scenario's segments times the age groups times the
// gemeente classes (models/gemeente_targeting.hpp).
int engine_segment_count(const Scenario& s);

// The most segments the kernel can count by.
inline constexpr int kMaxEngineSegments = engine::kMaxSegments;

// The bands of `age: screening` without `bands`: narrow near the AOW age, where the month of the
// exit matters; ten groups, so five kwadranten give 50 segments.
inline const std::vector<double> kDefaultScreeningAgeBands{0, 30, 40, 50, 55, 60, 63, 65, 66, 67};

// A trace by engine segment summed over the age groups and gemeente classes into the scenario's
// segments (unchanged without either). Every trace goes through it before valuation and reports.
engine::Trace scenario_trace(const Scenario& s, engine::Trace trace);

// Throws ScenarioError when the engine segments exceed kMaxEngineSegments (at the first change
// targeted at gemeenten, if there is one).
void check_age_groups(const Scenario& s);

// The yearly death probability of `mortality` at `age` (0 without mortality).
double mortality_at(const Scenario& s, double age);

}  // namespace mkba
