#pragma once
// Health-economic outputs (docs/accounting.md, "Kosteneffectiviteit"): the incremental table with
// strong and extended dominance exactly as dampack's calculate_icers() defines them, net monetary
// benefit at given thresholds, and the cost-effectiveness acceptability curve (CEAC) over the PSA.
// Costs are the net payments of the stakeholders named in `cost_effectiveness.costs_of` (default:
// every stakeholder, i.e. society's net cost); the effect is one declared outcome.
#include <mkba/analysis/run.hpp>

#include <vector>

namespace mkba::analysis {

enum class CeStatus { non_dominated, extended_dominance, dominated };

struct IcerRow {
  int alternative = 0;
  double cost = 0, effect = 0;
  // Against the previous non-dominated alternative (NaN for the reference and dominated ones).
  double inc_cost, inc_effect, icer;
  CeStatus status = CeStatus::non_dominated;
};

// dampack::calculate_icers(): sort by cost (then effect, descending); an alternative is dominated
// when a cheaper (or equally cheap, listed earlier) one has an equal or larger effect; then,
// repeatedly, every non-dominated alternative (but the first and the last) whose ICER exceeds the
// next one's is extendedly dominated. Rows: non-dominated by cost, then extended, then dominated.
std::vector<IcerRow> calculate_icers(const std::vector<double>& cost, const std::vector<double>& effect);

// NMB(threshold) = threshold x effect - cost.
inline double net_monetary_benefit(double cost, double effect, double threshold) { return threshold * effect - cost; }

struct CostEffectiveness {
  std::vector<double> cost, effect;          // [alternative], base case
  std::vector<IcerRow> table;                // the incremental table of the base case
  std::vector<double> thresholds;            // willingness to pay per unit of effect
  std::vector<std::vector<double>> nmb;      // [alternative][threshold], base case
  // PSA (empty without iterations): means over the iterations and the CEAC, the share of iterations
  // in which an alternative has the highest NMB (ties: the first in declaration order).
  std::vector<double> psa_cost, psa_effect;  // [alternative]
  std::vector<std::vector<double>> ceac;     // [threshold][alternative]
};

// Costs and effect of alternative a from a summary (the base case or one PSA iteration).
double ce_cost(const Scenario& s, const AlternativeSummary& a);
double ce_effect(const Scenario& s, const AlternativeSummary& a);

// Needs s.cost_effectiveness.
CostEffectiveness cost_effectiveness(const Scenario& s, const RunResult& r);

}  // namespace mkba::analysis
