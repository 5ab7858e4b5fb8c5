#pragma once
// Ontheffing (exemption from the obligation to seek work) as a second segment dimension next to the
// kwadranten of a screening population (docs/scenario-format.md, "Ontheffing"). It is a person
// attribute of the screening extract (ScreeningRecord::ontheffing), fixed for the whole run. A
// change (`ontheffing: ja` / `nee`, in the base transitions or an alternative) or a capacity limit
// may hold for one side only; then, and only then, the flag is folded into the engine segment index
// as the start-age groups and gemeente classes are (models/age.hpp, models/gemeente_targeting.hpp):
//   engine segment = ((scenario segment x age groups + age group) x classes + class) x O + flag,
// with O = 2 (0 = without, 1 = with ontheffing); O = 1 without such a change, and nothing changes.
// The kernel is unchanged; the rescreening keeps the flag (engine::Rescreening::fold), and
// scenario_trace() sums it back before valuation, so reports show the declared segments.
#include <mkba/models/scenario.hpp>

namespace mkba {

// Whether any change or capacity limit is limited to persons with or without ontheffing.
bool ontheffing_used(const Scenario& s);

// The number of ontheffing values the engine segment index counts by: 2 when used, else 1.
int ontheffing_count(const Scenario& s);

// The first change or capacity limit that uses ontheffing (for messages); nullptr without one.
const SourcePos* first_ontheffing_use(const Scenario& s);

// The value of `ontheffing:` in YAML: "ja" -> 1, "nee" -> 0.
inline constexpr const char* kOntheffingNames[2] = {"nee", "ja"};

}  // namespace mkba
