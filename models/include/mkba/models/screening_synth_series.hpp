#pragma once
// A synthetic series of screening extracts with consistent persons (issue 18, for `mkba dashboard`
// without real data; docs/data-formats.md, "Synthetic series"). Extract 0 is synth_screening(base).
// Between two extracts, months_between months apart, each person of the earlier extract
//   - leaves the caseload with probability leave_share [U];
//   - otherwise stays with the same id, gemeente, birth year, state and ontheffing, and is rescreened
//     with probability rescreen_share [U]: new ZRM scores (those of a fresh synthetic person, drawn
//     from the same marginals, so a rescreen does not depend on the earlier scores: crude [U]) and a
//     screening date within the interval;
// and as many new persons as left enter (fresh synthetic persons with new ids), so the caseload keeps
// its size. Deterministic per seed: the same options give the same files.
#include <mkba/models/screening.hpp>
#include <mkba/models/screening_synth.hpp>

#include <vector>

namespace mkba {

struct SynthSeriesOptions {
  int extracts = 4;            // 1..24
  int months_between = 6;      // 1..24
  double leave_share = 0.10;   // per interval [U]
  double rescreen_share = 0.5; // per interval, of those who stay [U]
};

// std::invalid_argument for options out of range (and whatever synth_screening refuses).
std::vector<ScreeningData> synth_screening_series(const SynthOptions& base, const SynthSeriesOptions& series);

// The peildatum of extract s: base plus s * months_between months (day clamped to the month).
CalendarDate series_peildatum(CalendarDate base, int months);

}  // namespace mkba
