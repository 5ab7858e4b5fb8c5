#pragma once
// Sensitivity analysis (gevoeligheidsanalyse) of the base case:
//  - one-way: every uncertain parameter at its P5 and at its P95, the others at their base values,
//    with the same random numbers (common random numbers), so a bar shows that parameter alone
//    (the tornado);
//  - discount-rate variants: the base case's flows valued again at each sensitivity rate.
#include <mkba/analysis/run.hpp>

#include <string>
#include <vector>

namespace mkba::analysis {

struct TornadoBar {
  int parameter = 0;
  double low_value = 0, high_value = 0;   // the parameter at P5 and P95
  std::vector<double> low, high;          // [alternative 1..n-1]: society NCW minus nulalternatief
};

// Bars sorted by the widest swing of the first projectalternatief. options.progress, when set, is
// called after each of the one-way runs: (runs done, runs in all).
std::vector<TornadoBar> one_way(const Scenario& s, const RunOptions& options);

struct RateVariant {
  double rate = 0;
  std::vector<double> society;  // [alternative 1..n-1]: society NCW minus nulalternatief
};
std::vector<RateVariant> discount_variants(const Scenario& s, const RunResult& base);

}  // namespace mkba::analysis
