#pragma once
// State occupancy per month (start of the month) per alternative, in real persons: the flows per
// state that analysts ask for, as CSV (base case).
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <string>

namespace mkba::report {

std::string occupancy_csv(const Scenario& s, const analysis::RunResult& r);

}  // namespace mkba::report
