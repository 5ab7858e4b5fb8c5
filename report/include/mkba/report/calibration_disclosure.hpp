#pragma once
// Disclosure control for `mkba calibrate --by ...` (docs/calibration.md, "Disclosure"): every count
// its outputs print (months at risk, moves per target state and the moves out of the state, per
// segment and pooled, per duration band) is a cell of one DisclosureProblem with the relations a
// reader can use: pooled = sum of the segments (cell by cell) and months at risk = staying + moves
// out = staying + sum of the moves per target state (row by row).
//   - A segment with fewer persons than the threshold gets no row of its own: its cells are
//     primarily suppressed (zeros enter as known, as in the report: a zero reveals nobody) and its
//     rates are the pooled ones.
//   - The other segments' rows are published with their rates unchanged; the Beta parameters of a
//     segment pin down its counts (mean and sd give alpha, alpha minus the prior gives the counts),
//     so their cells enter as known: protect() can then only hide pooled cells around a hidden
//     segment, which it does until no hidden cell follows by subtraction.
#include <mkba/models/calibrate.hpp>
#include <mkba/report/disclosure.hpp>

namespace mkba::report {

CalibrationHidden calibration_disclosure(const Calibration& c, double threshold);

}  // namespace mkba::report
