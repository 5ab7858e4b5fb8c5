#pragma once
// Changes of an alternative targeted at gemeenten (`gemeenten:` on a change, docs/scenario-format.md).
// The kernel chooses a person's matrix by cycle, engine segment and duration band only, so the
// gemeente is folded into the engine segment index, as the start-age groups are (models/age.hpp):
// gemeenten that every targeted change (and capacity limit with `gemeenten`) treats alike form one class, and
//   engine segment = (scenario segment x age groups + age group) x classes + class.
// Without a targeted change there is one class and nothing changes. Persons keep their gemeente;
// scenario_trace() sums the classes back with the age groups before valuation.
#include <mkba/models/scenario.hpp>

#include <vector>

namespace mkba {

// Per gemeente its class: gemeenten with the same membership in every targeted change's list share
// one, numbered in the order of their first gemeente. All zeros without a targeted change.
std::vector<int> gemeente_classes(const Scenario& s);

// The number of classes (1 without a targeted change).
int gemeente_class_count(const Scenario& s);

// The first gemeente of class `c`: the one the matrix in force is built for (all of its class
// share the matrix). -1 when there is no targeted change.
int class_gemeente(const Scenario& s, int c);

// The first targeted change (for messages); nullptr without one.
const TransitionOverlay* first_gemeente_change(const Scenario& s);

// The first targeted change or capacity limit shared by a list of gemeenten (`gemeenten:`); nullptr
// without either. A capacity limit's list splits the gemeenten into classes as a change's does, so
// that the limit covers whole engine segments (compile_model()).
const SourcePos* first_gemeente_use(const Scenario& s);

}  // namespace mkba
