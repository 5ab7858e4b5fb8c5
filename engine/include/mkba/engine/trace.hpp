#pragma once
// Occupancy, transitions and entries in real persons (doubles): the common input of valuation,
// whether it came from the microsimulation (counts x person weight) or the cohort trace.
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/counts.hpp>

namespace mkba::engine {

using Trace = CohortTrace;

Trace to_trace(const Counts& counts, double person_weight);

}  // namespace mkba::engine
