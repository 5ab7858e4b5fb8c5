#pragma once
// Secondary suppression for `mkba bestand`: every number the bestandsanalyse prints (console and
// CSV) is a cell of one DisclosureProblem, tied by every additive relation a reader can use:
//   - kwadrant x state per gemeente and for the region, with row, column and grand totals;
//   - the region as the sum of the gemeenten, for every cell of every table;
//   - the two histograms: their bins sum to the gemeente's persons (the kwadrant grand total);
//     distance bin "onbekend" is kwadrant "onbekend"; when far_from_work_at falls on a bin edge the
//     near-work bins sum to kwadrant 1 + 2, and when high_risk_at is a whole number the low-risk
//     bins sum to kwadrant 1 + 3 plus the low-risk part of "onbekend";
//   - screening: personen (the same cell as the kwadrant grand total), gescreend and ontheffing.
// Numbers a reader can derive but that are never printed (the persons not screened, not exempt,
// the risk split of kwadrant "onbekend") enter as cells too: a small one is protected like a printed
// one, a large one counts as published (safe: the reader may know at most that much).
// Zero counts print as "<10" but enter as known zeros (as in the HTML report: a zero reveals nobody).
// The one place the pattern of an extract is decided: `mkba report` enters this problem with its
// pattern as fixed cells into its own (report/src/tables.cpp, add_bestand()), so both commands hide
// the same cells (issue 19).
#include <mkba/models/bestand.hpp>
#include <mkba/report/disclosure.hpp>

namespace mkba::report {

struct BestandDisclosure {
  DisclosureProblem problem;
  Disclosure disclosure;
  BestandHidden hidden;  // secondary flags for the formatter (suppressed cells; primary ones print "<10" anyway)
  // Cell ids, laid out like the vectors of BestandHidden (region = index G).
  std::vector<int> kwadrant, distance, risk, recent, ontheffing;
  std::vector<int> not_recent;  // [g]: persons minus recent (due for a rescreening; the dashboard prints it)
  std::vector<int> printed;  // every cell that is printed somewhere (the rest are derived helpers)
};

BestandDisclosure bestand_disclosure(const Bestand& b);

}  // namespace mkba::report
