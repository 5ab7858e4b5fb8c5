#pragma once
// Notes on unusual but valid combinations of conventions (time.counting, discounting.timing, the
// cycle length), printed by `mkba validate` as warnings. docs/timing.md explains each.
#include <mkba/models/scenario.hpp>

#include <string>
#include <vector>

namespace mkba {

std::vector<std::string> convention_notes(const Scenario& s);

}  // namespace mkba
