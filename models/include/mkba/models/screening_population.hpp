#pragma once
// From a screening extract to the engine's starting population: identical people (same gemeente,
// segment, state and months in state) become one engine::PersonGroup. This is the bridge for
// scenarios whose population comes from a screening file; per-person ZRM scores (needed for
// rescreening during the simulation) are in ScreeningData::records in the same order as read.
#include <mkba/engine/model.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/segments.hpp>

#include <cstdint>
#include <vector>

namespace mkba {

// Segment index of a kwadrant: kwadrant k (1..4) -> k - 1; undetermined (0) -> 4. A scenario using
// kwadranten declares segments in this order: k1, k2, k3, k4, onbekend.
constexpr std::int32_t kwadrant_segment(int kwadrant) { return kwadrant == 0 ? 4 : kwadrant - 1; }
inline constexpr int kKwadrantSegments = 5;

// The scenario segment a screened person falls in: their kwadrant by the scenario's rule, as a
// segment index (kwadrant_segment). The one definition for the loader, compile and rescreening.
inline std::int32_t screened_segment(const ZrmScores& scores, const SegmentRule& rule) {
  return kwadrant_segment(segment(scores, rule).kwadrant);
}

// Groups at the simulation start `start`: months in state = months from state_since to start
// (0 if the state began at or after the start). gemeente and state indices are the extract's,
// i.e. those of the lists the caller passed to the reader. Groups come sorted by (gemeente,
// segment, state, months in state); `persons` counts real people (the caller scales).
std::vector<engine::PersonGroup> screening_groups(const ScreeningData& data, const SegmentRule& rule, YearMonth start);

}  // namespace mkba
