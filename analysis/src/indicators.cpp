#include <mkba/analysis/indicators.hpp>

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/over_time.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mkba::analysis {
namespace {

// Type-7 quantile (linear interpolation between order statistics), as R's default.
double quantile_sorted(const std::vector<double>& x, double p) {
  if (x.empty()) return 0;
  const double h = (static_cast<double>(x.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

double society(const AlternativeSummary& a) { return std::accumulate(a.ncw.begin(), a.ncw.end(), 0.0); }

double stakeholder(const AlternativeSummary& a, std::size_t sh, std::size_t n_cat) {
  double sum = 0;
  for (std::size_t c = 0; c < n_cat; ++c) sum += a.ncw[sh * n_cat + c];
  return sum;
}

}  // namespace

Distribution1 describe(std::vector<double> x) {
  Distribution1 d;
  d.n = static_cast<int>(x.size());
  if (x.empty()) return d;
  std::sort(x.begin(), x.end());
  d.mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  d.median = quantile_sorted(x, 0.5);
  d.p5 = quantile_sorted(x, 0.05);
  d.p95 = quantile_sorted(x, 0.95);
  d.p_positive = static_cast<double>(std::count_if(x.begin(), x.end(), [](double v) { return v > 0; })) /
                 static_cast<double>(x.size());
  return d;
}

DifferenceIndicators difference_indicators(const Scenario& s, const AlternativeSummary& x, const AlternativeSummary& n) {
  DifferenceIndicators d;
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  // Per category, society's balance (the sum over stakeholders: transfers cancel), as in the
  // verdelingstabel's society column.
  for (std::size_t c = 0; c < n_cat; ++c) {
    double balance = 0;
    for (std::size_t k = 0; k < n_sh; ++k) balance += x.ncw[k * n_cat + c] - n.ncw[k * n_cat + c];
    (balance >= 0 ? d.benefits : d.costs) += balance >= 0 ? balance : -balance;
    d.society += balance;
  }
  if (d.costs > 0) d.benefit_cost_ratio = d.benefits / d.costs;
  for (std::size_t o = 0; o < x.outcomes.size() && o < n.outcomes.size(); ++o) d.outcomes.push_back(x.outcomes[o] - n.outcomes[o]);
  const std::size_t years = std::min(x.society_by_year.size(), n.society_by_year.size());
  std::vector<double> by_year(years);
  for (std::size_t y = 0; y < years; ++y) by_year[y] = x.society_by_year[y] - n.society_by_year[y];
  const std::vector<double> running = cumulative(by_year);
  d.break_even_year = static_cast<int>(years) + 1;
  for (int y = static_cast<int>(years) - 1; y >= 0 && running[static_cast<std::size_t>(y)] >= 0; --y) d.break_even_year = y + 1;
  return d;
}

PsaIndicators psa_indicators(const Scenario& s, const RunResult& r) {
  PsaIndicators out;
  const std::size_t n_alt = s.alternatives.size(), n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  const auto& psa = r.psa;
  for (std::size_t a = 0; a < n_alt; ++a) {
    LevelIndicators lv;
    lv.alternative = static_cast<int>(a);
    std::vector<double> soc;
    std::vector<std::vector<double>> sh(n_sh);
    for (const auto& it : psa) {
      soc.push_back(society(it.alternatives[a]));
      for (std::size_t k = 0; k < n_sh; ++k) sh[k].push_back(stakeholder(it.alternatives[a], k, n_cat));
    }
    lv.society = describe(soc);
    for (auto& v : sh) lv.stakeholders.push_back(describe(v));
    out.levels.push_back(lv);
  }
  for (std::size_t a = 1; a < n_alt; ++a) {
    AlternativeIndicators ind;
    ind.alternative = static_cast<int>(a);
    std::vector<double> soc, bcr, even;
    std::vector<std::vector<double>> sh(n_sh), oc(s.outcomes.size());
    for (const auto& it : psa) {
      const auto& x = it.alternatives[a];
      const auto& n = it.alternatives[0];
      soc.push_back(society(x) - society(n));
      for (std::size_t k = 0; k < n_sh; ++k) sh[k].push_back(stakeholder(x, k, n_cat) - stakeholder(n, k, n_cat));
      const auto d = difference_indicators(s, x, n);
      for (std::size_t o = 0; o < s.outcomes.size(); ++o) oc[o].push_back(d.outcomes[o]);
      if (d.benefit_cost_ratio) bcr.push_back(*d.benefit_cost_ratio);
      even.push_back(d.break_even_year);
    }
    ind.society = describe(soc);
    ind.society_draws = std::move(soc);
    for (auto& v : sh) ind.stakeholders.push_back(describe(v));
    for (auto& v : oc) ind.outcomes.push_back(describe(v));
    ind.benefit_cost_ratio = describe(bcr);
    ind.break_even_year = describe(even);
    out.alternatives.push_back(ind);
  }
  // Every pair a - b: analysis::compare()'s distributions (one definition for `mkba compare` and the
  // report's pairwise table).
  for (std::size_t a = 0; a < n_alt; ++a)
    for (std::size_t b = a + 1; b < n_alt; ++b) {
      const Comparison c = compare(s, r, static_cast<int>(a), static_cast<int>(b));
      PairwiseComparison pc;
      pc.a = static_cast<int>(a);
      pc.b = static_cast<int>(b);
      pc.stakeholders.assign(n_sh, Distribution1{});  // without iterations: empty distributions
      if (!c.psa.empty()) {
        std::copy_n(c.psa.begin(), n_sh, pc.stakeholders.begin());
        pc.incremental = c.psa.at(n_sh);
      }
      pc.p_a_better = pc.incremental.p_positive;
      out.pairs.push_back(pc);
    }
  // EVPI = E[max_a NB_a] - max_a E[NB_a], with NB the society NCW.
  if (!psa.empty()) {
    double e_max = 0;
    std::vector<double> mean(n_alt, 0.0);
    for (const auto& it : psa) {
      double best = -INFINITY;
      for (std::size_t a = 0; a < n_alt; ++a) {
        const double v = society(it.alternatives[a]);
        best = std::max(best, v);
        mean[a] += v;
      }
      e_max += best;
    }
    const double k = static_cast<double>(psa.size());
    out.evpi = e_max / k - *std::max_element(mean.begin(), mean.end()) / k;
  }
  return out;
}

}  // namespace mkba::analysis
