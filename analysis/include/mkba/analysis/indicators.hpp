#pragma once
// Indicators of an MKBA over PSA iterations: distributions (mean, median, P5-P95, P(> 0)) of
// society's NCW and each stakeholder's, for every projectalternatief minus the nulalternatief, and
// pairwise comparisons. See docs/accounting.md for the definitions.
#include <mkba/analysis/run.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mkba::analysis {

struct Distribution1 {
  double mean = 0, median = 0, p5 = 0, p95 = 0, p_positive = 0;
  int n = 0;
};
Distribution1 describe(std::vector<double> values);

struct AlternativeIndicators {
  int alternative = 0;
  // Differences from the nulalternatief, one distribution each over the PSA iterations.
  Distribution1 society;
  std::vector<double> society_draws;         // [iteration]: the values `society` describes (the histogram)
  std::vector<Distribution1> stakeholders;   // [stakeholder]
  std::vector<Distribution1> outcomes;       // [outcome]: extra discounted quantities
  Distribution1 benefit_cost_ratio;          // difference_indicators(); over the iterations with costs
  Distribution1 break_even_year;             // first year from which cumulative society difference stays >= 0 (NaN-free: horizon+1 if never)
};

struct PairwiseComparison {
  int a = 0, b = 0;
  Distribution1 incremental;                 // society NCW of a minus b
  std::vector<Distribution1> stakeholders;   // [stakeholder]: a minus b
  double p_a_better = 0;                     // P(society NCW of a > b)
};

// One alternative's own NCW (not a difference) over the PSA iterations.
struct LevelIndicators {
  int alternative = 0;
  Distribution1 society;
  std::vector<Distribution1> stakeholders;  // [stakeholder]
};

struct PsaIndicators {
  std::vector<LevelIndicators> levels;              // one per alternative (0..n-1), the nul included
  std::vector<AlternativeIndicators> alternatives;  // one per projectalternatief (1..n-1)
  std::vector<PairwiseComparison> pairs;           // every pair of alternatives (including the nul)
  double evpi = 0;                                 // expected value of perfect information (society NCW)
};

PsaIndicators psa_indicators(const Scenario& s, const RunResult& r);

// The indicators of one alternative minus the nulalternatief, from their summaries (the base case or
// one PSA iteration). Each is defined here once; the report's indicator table and the PSA
// distributions both call this (docs/accounting.md).
struct DifferenceIndicators {
  double society = 0;   // society's NCW difference
  double benefits = 0;  // sum of the categories whose society balance improves
  double costs = 0;     // minus the sum of the categories whose society balance worsens (>= 0)
  // benefits / costs; none when nothing costs more (the ratio is undefined, not zero or infinite).
  std::optional<double> benefit_cost_ratio;
  // Break-even: the first year of the horizon (1 = the twelve months from time.start) from which
  // the cumulative society difference stays >= 0; horizon_years + 1 when it never does.
  int break_even_year = 0;
  std::vector<double> outcomes;  // [outcome]: the extra discounted quantity
};
DifferenceIndicators difference_indicators(const Scenario& s, const AlternativeSummary& alternative,
                                           const AlternativeSummary& nulalternatief);

}  // namespace mkba::analysis
