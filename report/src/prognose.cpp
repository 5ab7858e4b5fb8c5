#include "prognose.hpp"

#include <mkba/analysis/indicators.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/trace.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>

#include <algorithm>

namespace mkba::report::detail {

namespace {

// Persons per gemeente and state at the end of projected month k (occupancy at the start of cycle
// k + 1), summed over segments, into out[k][g][state].
void end_of_month(const engine::Trace& tr, int months, std::vector<double>& out, int n_g, int n_s) {
  out.assign(static_cast<std::size_t>(months * n_g * n_s), 0.0);
  const int n_seg = tr.n_segments;
  for (int k = 0; k < months && k + 1 <= tr.n_cycles; ++k)
    for (int g = 0; g < n_g; ++g)
      for (int seg = 0; seg < n_seg; ++seg)
        for (int st = 0; st < n_s; ++st)
          out[static_cast<std::size_t>((k * n_g + g) * n_s + st)] +=
              tr.occupancy[static_cast<std::size_t>((((k + 1) * n_g + g) * n_seg + seg) * n_s + st)];
}

}  // namespace

ForecastValues forecast_values(const Scenario& s, const analysis::RunResult& r, int months) {
  ForecastValues f;
  f.gemeenten = static_cast<int>(s.gemeenten.size());
  f.states = static_cast<int>(s.states.size());
  const engine::Trace& base = r.alternatives.front().trace;
  f.months = std::min(months, base.n_cycles);
  end_of_month(base, f.months, f.mean, f.gemeenten, f.states);
  f.alternatives.resize(r.alternatives.size());
  f.alternatives[0] = f.mean;
  for (std::size_t a = 1; a < r.alternatives.size(); ++a)
    end_of_month(r.alternatives[a].trace, f.months, f.alternatives[a], f.gemeenten, f.states);
  if (r.psa.empty()) return f;
  // The PSA keeps summaries only: each iteration's draw is simulated again (the nulalternatief, the
  // first year), with the run's key, so the values are those the run's iteration had.
  f.interval = true;
  const int n = static_cast<int>(r.psa.size());
  std::vector<std::vector<double>> draws(f.mean.size(), std::vector<double>(static_cast<std::size_t>(n)));
  Scenario shorter = s;
  shorter.time.horizon_years = std::min(s.time.horizon_years, (f.months + 1 + 11) / 12);
  for (int k = 0; k < n; ++k) {
    const Scenario drawn = instantiate(shorter, draw_parameters(shorter, r.seed, static_cast<std::uint32_t>(k + 1)));
    const engine::CompiledModel model = compile_model(drawn, {r.simulated_persons});
    engine::Trace tr;
    if (r.mode == analysis::Mode::cohort) {
      tr = engine::cohort_trace(model, 0);
      for (auto& x : tr.occupancy) x *= model.person_weight;
    } else {
      tr = engine::to_trace(engine::simulate(model, 0, {r.seed, static_cast<std::uint32_t>(k + 1)}, {}), model.person_weight);
    }
    std::vector<double> one;
    end_of_month(tr, f.months, one, f.gemeenten, f.states);
    for (std::size_t c = 0; c < one.size(); ++c) draws[c][static_cast<std::size_t>(k)] = one[c];
  }
  f.p5.resize(f.mean.size());
  f.p95.resize(f.mean.size());
  for (std::size_t c = 0; c < draws.size(); ++c) {
    const auto d = analysis::describe(draws[c]);
    f.p5[c] = d.p5;
    f.p95[c] = d.p95;
  }
  f.region_p5.assign(static_cast<std::size_t>(f.months * f.states), 0.0);
  f.region_p95 = f.region_p5;
  for (int k = 0; k < f.months; ++k)
    for (int st = 0; st < f.states; ++st) {
      std::vector<double> sum(static_cast<std::size_t>(n), 0.0);
      for (int g = 0; g < f.gemeenten; ++g)
        for (int i = 0; i < n; ++i) sum[static_cast<std::size_t>(i)] += draws[f.at(k, g, st)][static_cast<std::size_t>(i)];
      const auto d = analysis::describe(sum);
      f.region_p5[f.region_at(k, st)] = d.p5;
      f.region_p95[f.region_at(k, st)] = d.p95;
    }
  return f;
}

}  // namespace mkba::report::detail
