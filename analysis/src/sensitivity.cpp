#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>

#include <algorithm>
#include <cmath>

namespace mkba::analysis {
namespace {

// Society NCW of every projectalternatief minus the nulalternatief, for one parameter draw.
std::vector<double> differences(const Scenario& s, const ParameterDraw& draw, const RunOptions& opt) {
  RunOptions o = opt;
  o.iterations = 1;
  o.progress = nullptr;
  o.base_progress = nullptr;
  const RunResult r = run(instantiate(s, draw), o);  // collective under MPI: every rank calls it
  std::vector<double> out;
  if (r.alternatives.empty()) return out;  // not rank 0
  const double nul = ncw_society(r.alternatives[0].valued);
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) out.push_back(ncw_society(r.alternatives[a].valued) - nul);
  return out;
}

}  // namespace

std::vector<TornadoBar> one_way(const Scenario& s, const RunOptions& opt) {
  std::vector<TornadoBar> bars;
  const int runs = 2 * static_cast<int>(std::count_if(s.parameters.begin(), s.parameters.end(), [](const auto& p) {
                     return p.distribution != Distribution::fixed;
                   }));
  int done = 0;
  auto ran = [&] {
    if (opt.progress) opt.progress(++done, runs);
  };
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const auto& p = s.parameters[i];
    if (p.distribution == Distribution::fixed) continue;
    TornadoBar bar;
    bar.parameter = static_cast<int>(i);
    bar.low_value = parameter_quantile(p, 0.05);
    bar.high_value = parameter_quantile(p, 0.95);
    ParameterDraw d = base_draw(s);
    d.values[i] = bar.low_value;
    bar.low = differences(s, d, opt);
    ran();
    d.values[i] = bar.high_value;
    bar.high = differences(s, d, opt);
    ran();
    bars.push_back(bar);
  }
  auto swing = [](const TornadoBar& b) { return b.low.empty() || b.high.empty() ? 0.0 : std::abs(b.high[0] - b.low[0]); };
  std::stable_sort(bars.begin(), bars.end(), [&](const auto& a, const auto& b) { return swing(a) > swing(b); });
  return bars;
}

std::vector<RateVariant> discount_variants(const Scenario& s, const RunResult& base) {
  std::vector<RateVariant> out;
  for (double rate : s.sensitivity_rates) {
    RateVariant v;
    v.rate = rate;
    std::vector<double> society;
    for (std::size_t a = 0; a < base.alternatives.size(); ++a)
      society.push_back(ncw_society(engine::value(valuation_plan(s, static_cast<int>(a), rate), base.alternatives[a].trace)));
    for (std::size_t a = 1; a < society.size(); ++a) v.society.push_back(society[a] - society[0]);
    out.push_back(v);
  }
  return out;
}

}  // namespace mkba::analysis
