#pragma once
// The cohort (expected-value Markov trace) of the same model: the oracle for the microsimulation
// and a fast deterministic mode. Duration bands are handled exactly with tunnel states
// (state x cycles-in-state up to the duration cap). Capacity-limited states make people interact;
// a cohort cannot express that, so cohort_trace refuses such alternatives.
#include <mkba/engine/model.hpp>

#include <vector>

namespace mkba::engine {

// Expected occupancy and transitions, same layout as Counts but in (fractional) simulated persons.
struct CohortTrace {
  int n_cycles = 0, n_gemeenten = 0, n_segments = 0, n_states = 0;
  std::vector<double> occupancy;    // [t][g][seg][s], t = 0..n_cycles
  std::vector<double> transitions;  // [t][g][seg][from][to], t = 0..n_cycles-1
  std::vector<double> entries;      // [t][g][seg][s]
  double state_total(int t, int s) const;
};

// Throws std::invalid_argument for an alternative with capacity limits.
CohortTrace cohort_trace(const CompiledModel& model, int alternative);

}  // namespace mkba::engine
