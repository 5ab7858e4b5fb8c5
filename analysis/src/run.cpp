#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>

#include <cmath>
#include <stdexcept>

namespace mkba::analysis {

RunResult run(const Scenario& s, const RunOptions& opt) {
  const engine::CompiledModel model = compile_model(s, {opt.persons});
  RunResult result;
  result.seed = opt.seed.value_or(s.seed);
  result.simulated_persons = model.simulated_persons();
  result.person_weight = model.person_weight;
  result.mode = opt.mode;
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    AlternativeResult alt;
    alt.id = s.alternatives[static_cast<std::size_t>(a)].id;
    alt.label = s.alternatives[static_cast<std::size_t>(a)].label;
    if (opt.mode == Mode::cohort) {
      alt.trace = engine::cohort_trace(model, a);
      for (auto* v : {&alt.trace.occupancy, &alt.trace.transitions, &alt.trace.entries})
        for (auto& x : *v) x *= model.person_weight;
    } else {
      const engine::Counts counts = engine::simulate(model, a, {result.seed, 0}, {opt.threads});
      alt.trace = engine::to_trace(counts, model.person_weight);
    }
    alt.valued = engine::value(valuation_plan(s, a, s.discount_rate), alt.trace);
    const double imbalance = transfer_imbalance(alt.valued);
    double scale = 1.0;
    for (double x : alt.valued.money) scale = std::max(scale, std::abs(x));
    if (imbalance > 1e-9 * scale * static_cast<double>(alt.valued.money.size()))
      throw std::logic_error("transfers do not sum to zero across stakeholders (alternative " + alt.id + ")");
    result.alternatives.push_back(std::move(alt));
  }
  return result;
}

std::vector<double> ncw_per_stakeholder(const engine::Valued& v) {
  std::vector<double> out(static_cast<std::size_t>(v.n_stakeholders), 0.0);
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g)
      for (int sh = 0; sh < v.n_stakeholders; ++sh)
        for (int c = 0; c < v.n_categories; ++c) out[static_cast<std::size_t>(sh)] += v.money[v.money_index(t, g, sh, c)];
  return out;
}

double ncw_society(const engine::Valued& v) {
  double sum = 0;
  for (double x : ncw_per_stakeholder(v)) sum += x;
  return sum;
}

double transfer_imbalance(const engine::Valued& v) {
  double worst = 0;
  for (double x : v.transfers) worst = std::max(worst, std::abs(x));
  return worst;
}

}  // namespace mkba::analysis
