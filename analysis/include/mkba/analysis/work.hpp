#pragma once
// Persons in work, defined once: a state counts as work when its kind is work or sheltered (beschut
// werk counts). The plausibility check (extra persons in work) and the report's indicator
// "extra persoonsjaren in werk" read these.
#include <mkba/engine/trace.hpp>
#include <mkba/models/scenario.hpp>

namespace mkba::analysis {

bool in_work(const Scenario& s, int state);
// Persons in a work state at the start of cycle t (all gemeenten and segments).
double work_at(const Scenario& s, const engine::Trace& tr, int t);

struct WorkYears {
  double years = 0;  // person-years in work over the horizon, undiscounted
  double peak = 0;   // the most persons in work at the start of any cycle
};
WorkYears work_years(const Scenario& s, const engine::Trace& tr);

}  // namespace mkba::analysis
