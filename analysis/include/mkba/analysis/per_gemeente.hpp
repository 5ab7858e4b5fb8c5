#pragma once
// Results per gemeente (docs/accounting.md, "Per gemeente"): each gemeente's NCW per stakeholder
// for every alternative and, for every projectalternatief minus the nulalternatief, the same
// indicators as the region (benefit/cost, break-even year) through analysis::difference_indicators.
// Money is linear in the persons, so the gemeenten add up to the region, item by item.
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/run.hpp>

#include <vector>

namespace mkba::analysis {

struct GemeenteResult {
  int gemeente = 0;  // index into Scenario::gemeenten
  // [alternative][row], rows: the stakeholders, then society (their sum); discounted euros.
  std::vector<std::vector<double>> ncw;
  // [alternative - 1]: projectalternatief minus the nulalternatief within this gemeente.
  std::vector<DifferenceIndicators> against_nul;
};

// One entry per gemeente, in the scenario's order (base case).
std::vector<GemeenteResult> per_gemeente(const Scenario& s, const RunResult& r);

}  // namespace mkba::analysis
