#pragma once
// Sensitivity analysis (gevoeligheidsanalyse) of the base case:
//  - one-way: every uncertain parameter at its P5 and at its P95, the others at their base values
//    (the tornado). A bar shows that parameter alone, not Monte Carlo noise: where the model allows
//    (no rescreening, no capacity limits) every bar and its base are cohort traces (expected
//    values); otherwise microsimulations with the base case's persons and random numbers (seed,
//    iteration 0: common random numbers). A parameter that only changes amounts re-values the
//    base case's traces (exact, no compile, no simulation); one that changes the moves of some
//    alternatives simulates only those again (the others keep the base case's traces, exactly),
//    and of those only the persons who drew from a row it changes (the others follow the base
//    case's paths; without capacity limits the counts add up exactly); the sides that change the
//    same rows of an alternative share those persons and their base counts.
//    The runs are spread over options.threads.
//  - discount-rate variants: the base case's flows valued again at each sensitivity rate.
#include <mkba/analysis/run.hpp>

#include <string>
#include <vector>

namespace mkba::analysis {

struct TornadoBar {
  int parameter = 0;
  double low_value = 0, high_value = 0;   // the parameter at P5 and P95
  std::vector<double> low, high;          // [alternative 1..n-1]: society NCW minus nulalternatief
  // The same difference with every parameter at its base value, evaluated the same way as low and
  // high (cohort or microsimulation with the same random numbers): the point the bar is drawn
  // around. With cohort == true it is the expected value, which can differ from a microsimulated
  // base case by Monte Carlo noise.
  std::vector<double> base;
  bool cohort = false;     // evaluated as cohort traces (expected values)
  bool simulated = false;  // the parameter changes who moves where (not only amounts)
  double swing(std::size_t alternative = 0) const;  // |high - low|; 0 when not computed
};

// Bars sorted by the widest swing of the first projectalternatief (largest first, so a report
// shows the first 10-15). options.progress, when set, is called after each of the one-way runs:
// (runs done, runs in all); options.threads runs at a time.
std::vector<TornadoBar> one_way(const Scenario& s, const RunOptions& options);

// The number of bars one_way draws: the parameters that are not fixed.
std::size_t one_way_bar_count(const Scenario& s);

// Whether one_way simulates (microsimulations with common random numbers) rather than taking
// cohort traces: when asked to, or when the model cannot be a cohort (rescreening, capacity limits).
bool one_way_simulates(const Scenario& s, const RunOptions& options);

struct RateVariant {
  double rate = 0;
  std::vector<double> society;  // [alternative 1..n-1]: society NCW minus nulalternatief
};
std::vector<RateVariant> discount_variants(const Scenario& s, const RunResult& base);

}  // namespace mkba::analysis
