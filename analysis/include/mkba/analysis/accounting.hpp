#pragma once
// MKBA accounting views on a run (docs/accounting.md): results per kwadrant (segment), per
// candidate, and the comparison of two alternatives per stakeholder. All are linear in the valued
// results; each comes as the base case and, with a PSA, a distribution over the iterations.
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/run.hpp>

#include <string>
#include <vector>

namespace mkba::analysis {

// Rows of the per-segment and per-candidate tables: the stakeholders, then society ("maatschappij"),
// then (per segment only) the outcomes.
std::vector<std::string> money_rows(const Scenario& s);

// NCW per segment (kwadrant) of one alternative, or of its difference from the nulalternatief. An
// effect counts in the segment the person is in during the cycle it happens.
struct SegmentResult {
  int alternative = 0;       // index into Scenario::alternatives
  bool difference = false;   // alternative minus nulalternatief
  // [segment][row]; segment n_segments is the total over all segments (the ordinary NCW);
  // rows: stakeholders, maatschappij, outcomes (discounted quantities).
  std::vector<std::vector<double>> base;
  std::vector<std::vector<Distribution1>> psa;  // same shape; empty without PSA
};
// Every alternative (levels) and every projectalternatief minus the nul, in that order.
std::vector<SegmentResult> per_segment(const Scenario& s, const RunResult& r);

// NCW per candidate: (projectalternatief - nulalternatief) / N, with N the real persons of the
// starting caseload. The numerator includes the effects on the persons arriving during the
// horizon (`arrivals`), who are not in N.
struct PerCandidate {
  double start_caseload = 0;  // N: real persons at the start
  double arrivals = 0;        // real persons arriving during the horizon (nulalternatief, base case)
  // [alternative - 1][row], rows: stakeholders, maatschappij
  std::vector<std::vector<double>> base;
  std::vector<std::vector<Distribution1>> psa;  // same shape; empty without PSA
};
PerCandidate per_candidate(const Scenario& s, const RunResult& r);

// Alternative a minus alternative b per stakeholder and for society: the base case (also per
// category) and the PSA distribution with P(a better than b) per row.
struct Comparison {
  int a = 0, b = 0;
  std::vector<double> base;                // [row]: stakeholders, maatschappij
  std::vector<std::vector<double>> base_by_category;  // [row][category]
  std::vector<Distribution1> psa;          // [row]; empty without PSA
};
Comparison compare(const Scenario& s, const RunResult& r, int a, int b);

// Index of an alternative by id (or "nul" for the nulalternatief); -1 if unknown.
int alternative_index(const Scenario& s, const std::string& id);

}  // namespace mkba::analysis
