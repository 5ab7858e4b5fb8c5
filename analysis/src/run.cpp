#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>

#include <atomic>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>

namespace mkba::analysis {
namespace {

engine::Trace simulate_trace(const engine::CompiledModel& model, int a, Mode mode, engine::RunKey key, int threads) {
  if (mode == Mode::cohort) {
    engine::Trace tr = engine::cohort_trace(model, a);
    for (auto* v : {&tr.occupancy, &tr.transitions, &tr.entries})
      for (auto& x : *v) x *= model.person_weight;
    return tr;
  }
  return engine::to_trace(engine::simulate(model, a, key, {threads}), model.person_weight);
}

void check_transfers(const engine::Valued& v, const std::string& alternative) {
  double scale = 1.0;
  for (double x : v.money) scale = std::max(scale, std::abs(x));
  if (transfer_imbalance(v) > 1e-12 * scale * static_cast<double>(v.money.size()))
    throw std::logic_error("transfers do not sum to zero across stakeholders (alternative " + alternative + ")");
}

// One PSA iteration: draw, instantiate, compile, and for every alternative simulate and value.
IterationSummary run_iteration(const Scenario& s, const RunOptions& opt, std::uint64_t seed, std::uint32_t k,
                               double rate) {
  const Scenario drawn = instantiate(s, draw_parameters(s, seed, k));
  const engine::CompiledModel model = compile_model(drawn, {opt.persons});
  IterationSummary it;
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    const engine::Trace tr = simulate_trace(model, a, opt.mode, {seed, k}, 1);
    const engine::Valued v = engine::value(valuation_plan(drawn, a, rate), tr);
    check_transfers(v, drawn.alternatives[static_cast<std::size_t>(a)].id);
    it.alternatives.push_back(summarise(drawn, v));
  }
  return it;
}

}  // namespace

AlternativeSummary summarise(const Scenario& s, const engine::Valued& v) {
  AlternativeSummary out;
  out.ncw.assign(static_cast<std::size_t>(v.n_stakeholders) * v.n_categories, 0.0);
  out.outcomes.assign(static_cast<std::size_t>(v.n_outcomes), 0.0);
  const int months = s.time.months_per_cycle;
  out.society_by_year.assign(static_cast<std::size_t>(s.time.horizon_years), 0.0);
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g) {
      for (int sh = 0; sh < v.n_stakeholders; ++sh)
        for (int c = 0; c < v.n_categories; ++c) {
          const double x = v.money[v.money_index(t, g, sh, c)];
          out.ncw[static_cast<std::size_t>(sh) * v.n_categories + c] += x;
          out.society_by_year[static_cast<std::size_t>(t * months / 12)] += x;
        }
      for (int o = 0; o < v.n_outcomes; ++o)
        out.outcomes[static_cast<std::size_t>(o)] += v.outcomes[(static_cast<std::size_t>(t) * v.n_gemeenten + g) * v.n_outcomes + o];
    }
  for (std::size_t i = 0; i < s.effects.size(); ++i)
    out.real_items.push_back(!s.effects[i].item.transfer && s.effects[i].item.outcome < 0 ? v.item_total[i] : 0.0);
  return out;
}

RunResult run(const Scenario& s, const RunOptions& opt) {
  const double rate = opt.discount_rate.value_or(s.discount_rate);
  const engine::CompiledModel model = compile_model(s, {opt.persons});
  RunResult result;
  result.seed = opt.seed.value_or(s.seed);
  result.simulated_persons = model.simulated_persons();
  result.person_weight = model.person_weight;
  result.mode = opt.mode;
  result.threads = std::max(1, opt.threads);
  // The base case: every parameter at its base value; random streams of iteration 0.
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    AlternativeResult alt;
    alt.id = s.alternatives[static_cast<std::size_t>(a)].id;
    alt.label = s.alternatives[static_cast<std::size_t>(a)].label;
    alt.trace = simulate_trace(model, a, opt.mode, {result.seed, 0}, result.threads);
    alt.valued = engine::value(valuation_plan(s, a, rate), alt.trace);
    check_transfers(alt.valued, alt.id);
    result.alternatives.push_back(std::move(alt));
  }
  // PSA iterations 1..K, in parallel over iterations; each result lands in its own slot, so the
  // outcome does not depend on the number of threads.
  const int K = opt.iterations.value_or(s.iterations);
  if (K <= 1) return result;
  result.psa.resize(static_cast<std::size_t>(K));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(K));
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int k; (k = next.fetch_add(1)) < K;) {
      try {
        result.psa[static_cast<std::size_t>(k)] = run_iteration(s, opt, result.seed, static_cast<std::uint32_t>(k + 1), rate);
      } catch (...) {
        errors[static_cast<std::size_t>(k)] = std::current_exception();
      }
    }
  };
  const int n_threads = std::min(result.threads, K);
  std::vector<std::thread> pool;
  for (int w = 1; w < n_threads; ++w) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);  // the lowest failing iteration, whatever thread ran it
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
