#pragma once
// The werkbedrijf's operational result per fte-year (issue 15 item 2, docs/instrumenten/werkbedrijf.md):
// its column of the verdelingstabel (NCW: the NTW of its werksoorten minus its own costs, with every
// subsidy and wage it receives or pays) divided by the discounted fte-years of the outcome counted per
// fte (`per: fte`, e.g. fte_jaren_werkbedrijf), per alternative and as the change under each
// projectalternatief. Base case. Computed once here; the report's verdelingstabel section renders it.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <optional>
#include <vector>

namespace mkba::analysis {

// The outcome counted in fte: the first outcome that effects feed and every one of them is `per: fte`
// (a state factor); -1 when there is none.
int fte_outcome(const Scenario& s);

struct WerkbedrijfLevel {
  double ncw = 0;        // the werkbedrijf's NCW (euro)
  double fte_years = 0;  // discounted fte-years of the fte outcome
  std::optional<double> per_fte;  // ncw / fte_years; none without fte-years
};
struct WerkbedrijfChange {
  double ncw = 0, fte_years = 0;  // projectalternatief minus the nul
  std::optional<double> per_fte_change;  // its result per fte-year minus the nul's (both must exist)
  std::optional<double> per_extra_fte;   // ncw / fte_years of the differences; none without extra fte-years
};
struct WerkbedrijfPerFte {
  int stakeholder = -1, outcome = -1;
  std::vector<WerkbedrijfLevel> alternatives;  // [alternative]
  std::vector<WerkbedrijfChange> against_nul;  // [projectalternatief - 1]
};

// None when the scenario has no stakeholder `werkbedrijf` or no fte outcome.
std::optional<WerkbedrijfPerFte> werkbedrijf_per_fte(const Scenario& s, const RunResult& r);

}  // namespace mkba::analysis
