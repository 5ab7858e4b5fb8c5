#pragma once
// Successive screening extracts (project C, `mkba dashboard`): the movement of the caseload between
// kwadranten from one extract to the next. Persons are matched by their pseudonymous id inside this
// function only; the result holds counts, never an id.
#include <mkba/models/bestand.hpp>
#include <mkba/models/calendar.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/segments.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mkba {

// Transition counts from the earlier extract to the later one, by the person's gemeente in the
// earlier extract: [g][from kwadrant 0..4][to 0..5], where to == kKwadranten ("uit bestand") is a
// person who is no longer in the later extract. So every row sums to the earlier extract's
// kwadrant count of that gemeente (summed over the states).
struct KwadrantTransitions {
  static constexpr int kTo = kKwadranten + 1;
  std::vector<std::string> gemeenten;
  CalendarDate from, to;            // the two peildata
  std::vector<std::int64_t> counts; // [(g * kKwadranten + k) * kTo + to]
  std::int64_t count(int g, int k, int to_k) const;
};

// Both extracts must use the same list of gemeenten (std::invalid_argument otherwise).
KwadrantTransitions kwadrant_transitions(const ScreeningData& earlier, const ScreeningData& later,
                                         const SegmentRule& rule, CalendarDate from, CalendarDate to);

}  // namespace mkba
