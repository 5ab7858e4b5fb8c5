#include <mkba/analysis/cost_effectiveness.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mkba::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// compute_icers() of dampack on rows in cost order: each against the previous one.
void compute_icers(std::vector<IcerRow>& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i == 0) {
      rows[i].inc_cost = rows[i].inc_effect = rows[i].icer = kNaN;
      continue;
    }
    rows[i].inc_cost = rows[i].cost - rows[i - 1].cost;
    rows[i].inc_effect = rows[i].effect - rows[i - 1].effect;
    rows[i].icer = rows[i].inc_cost / rows[i].inc_effect;
  }
}

}  // namespace

std::vector<IcerRow> calculate_icers(const std::vector<double>& cost, const std::vector<double>& effect) {
  if (cost.size() != effect.size()) throw std::invalid_argument("calculate_icers: cost and effect differ in length");
  const std::size_t n = cost.size();
  std::vector<IcerRow> df;
  for (std::size_t a = 0; a < n; ++a) {
    IcerRow r;
    r.alternative = static_cast<int>(a);
    r.cost = cost[a];
    r.effect = effect[a];
    r.inc_cost = r.inc_effect = r.icer = kNaN;
    df.push_back(r);
  }
  if (n <= 1) return df;
  // arrange(Cost, desc(Effect)); a stable sort keeps declaration order on full ties.
  std::stable_sort(df.begin(), df.end(), [](const IcerRow& a, const IcerRow& b) {
    return a.cost != b.cost ? a.cost < b.cost : a.effect > b.effect;
  });
  // Strong dominance: j after i (more or equally costly) with an effect <= i's.
  std::vector<bool> dominated(n, false), extended(n, false);
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (df[j].effect <= df[i].effect) dominated[j] = true;
  // Extended dominance, repeated until no new one is found.
  std::vector<IcerRow> nd;
  for (;;) {
    nd.clear();
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < n; ++i)
      if (!dominated[i] && !extended[i]) {
        nd.push_back(df[i]);
        at.push_back(i);
      }
    compute_icers(nd);
    if (nd.size() <= 2) break;
    int found = 0;
    for (std::size_t i = 1; i + 1 < nd.size(); ++i)
      if (nd[i].icer > nd[i + 1].icer) {
        extended[at[i]] = true;
        ++found;
      }
    if (found == 0) break;
  }
  std::vector<IcerRow> out = nd;  // non-dominated, in cost order, with their ICERs
  for (std::size_t i = 0; i < n; ++i)
    if (extended[i] && !dominated[i]) {
      IcerRow r = df[i];
      r.status = CeStatus::extended_dominance;
      out.push_back(r);
    }
  for (std::size_t i = 0; i < n; ++i)
    if (dominated[i]) {
      IcerRow r = df[i];
      r.status = CeStatus::dominated;
      out.push_back(r);
    }
  return out;
}

double ce_cost(const Scenario& s, const AlternativeSummary& a) {
  const auto& ce = *s.cost_effectiveness;
  const std::size_t n_cat = s.categories.size();
  double ncw = 0;
  for (std::size_t sh = 0; sh < s.stakeholders.size(); ++sh) {
    const bool counts = ce.costs_of.empty() ||
                        std::find(ce.costs_of.begin(), ce.costs_of.end(), static_cast<int>(sh)) != ce.costs_of.end();
    if (!counts) continue;
    for (std::size_t c = 0; c < n_cat; ++c) ncw += a.ncw[sh * n_cat + c];
  }
  return -ncw;  // a net payment is a cost
}

double ce_effect(const Scenario& s, const AlternativeSummary& a) {
  return a.outcomes[static_cast<std::size_t>(s.cost_effectiveness->effect)];
}

CostEffectiveness cost_effectiveness(const Scenario& s, const RunResult& r) {
  if (!s.cost_effectiveness) throw std::invalid_argument("the scenario has no cost_effectiveness section");
  CostEffectiveness out;
  out.thresholds = s.cost_effectiveness->thresholds;
  const std::size_t n_alt = r.alternatives.size();
  for (const auto& alt : r.alternatives) {
    const AlternativeSummary sum = summarise(s, alt.valued);
    out.cost.push_back(ce_cost(s, sum));
    out.effect.push_back(ce_effect(s, sum));
  }
  out.table = calculate_icers(out.cost, out.effect);
  for (std::size_t a = 0; a < n_alt; ++a) {
    out.nmb.emplace_back();
    for (double k : out.thresholds) out.nmb.back().push_back(net_monetary_benefit(out.cost[a], out.effect[a], k));
  }
  if (r.psa.empty()) return out;
  const auto iterations = static_cast<double>(r.psa.size());
  out.psa_cost.assign(n_alt, 0.0);
  out.psa_effect.assign(n_alt, 0.0);
  out.ceac.assign(out.thresholds.size(), std::vector<double>(n_alt, 0.0));
  std::vector<double> c(n_alt), e(n_alt);
  for (const auto& it : r.psa) {
    for (std::size_t a = 0; a < n_alt; ++a) {
      c[a] = ce_cost(s, it.alternatives[a]);
      e[a] = ce_effect(s, it.alternatives[a]);
      out.psa_cost[a] += c[a];
      out.psa_effect[a] += e[a];
    }
    for (std::size_t k = 0; k < out.thresholds.size(); ++k) {
      std::size_t best = 0;
      for (std::size_t a = 1; a < n_alt; ++a)
        if (net_monetary_benefit(c[a], e[a], out.thresholds[k]) > net_monetary_benefit(c[best], e[best], out.thresholds[k]))
          best = a;
      out.ceac[k][best] += 1.0;  // a count (exact), divided below
    }
  }
  for (std::size_t a = 0; a < n_alt; ++a) {
    out.psa_cost[a] /= iterations;
    out.psa_effect[a] /= iterations;
  }
  for (auto& row : out.ceac)
    for (double& x : row) x /= iterations;
  return out;
}

}  // namespace mkba::analysis
