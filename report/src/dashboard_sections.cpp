// Disclosure control of the dashboard's sections beyond the bestand (dashboard.hpp): ZRM domain
// scores per extract, outcomes per instrument x kwadrant, caseload per month.
#include <mkba/report/dashboard.hpp>

#include <cmath>
#include <stdexcept>

namespace mkba::report {

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
constexpr int K = kKwadranten;

// A gemeente x kwadrant table with its totals: cells [g * (K + 1) + k] for g <= G (G: region) and
// k <= K (K: all kwadranten), count(g, k) for g < G, k < K; the totals are the sums. Adds the cells
// and their relations (kwadranten to the total, gemeenten to the region) to p.
template <class Count, class Basis>
std::vector<int> gk_table(DisclosureProblem& p, int G, Count count, Basis basis) {
  std::vector<int> id(z(G + 1) * (K + 1), -1);
  for (int g = 0; g <= G; ++g)
    for (int k = 0; k <= K; ++k) {
      std::int64_t n = 0, b = 0;
      for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
        for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk) {
          n += count(h, kk);
          b += basis(h, kk);
        }
      id[z(g * (K + 1) + k)] = p.add_cell(static_cast<double>(n), static_cast<double>(b));
    }
  for (int g = 0; g <= G; ++g) {
    std::vector<int> m;
    for (int k = 0; k < K; ++k) m.push_back(id[z(g * (K + 1) + k)]);
    p.add_relation(id[z(g * (K + 1) + K)], m);
  }
  for (int k = 0; k <= K; ++k) {
    std::vector<int> m;
    for (int g = 0; g < G; ++g) m.push_back(id[z(g * (K + 1) + k)]);
    p.add_relation(id[z(G * (K + 1) + k)], m);
  }
  return id;
}

std::int64_t published(const DisclosureProblem& p, const Disclosure& d, int id) {
  return d.suppressed[z(id)] ? -1 : std::llround(p.value[z(id)]);
}
}  // namespace

std::vector<std::int64_t> dashboard_zrm(const Bestand& b, const DashboardExtractDisclosure& d, const ExtractDetail& det) {
  const int G = static_cast<int>(b.gemeenten.size());
  if (det.gemeenten != G) throw std::invalid_argument("dashboard_zrm: the detail and the extract differ in gemeenten");
  std::vector<std::int64_t> out(z(G + 1) * (K + 1) * kZrmDomains * kZrmBins, -1);
  for (int dom = 0; dom < kZrmDomains; ++dom) {
    DisclosureProblem p;
    // The extract's kwadrant counts with the pattern decided in its own problem.
    std::vector<int> kw(z(G + 1) * (K + 1));
    for (std::size_t i = 0; i < kw.size(); ++i) {
      const int id = d.kwadrant[i];
      const bool hidden = d.disclosure.suppressed[z(id)];
      kw[i] = p.add_cell(d.problem.value[z(id)], d.problem.basis[z(id)], !hidden, hidden);
    }
    std::vector<std::vector<int>> bins;
    for (int s = 0; s < kZrmBins; ++s) {
      auto count = [&](int g, int k) { return det.zrm_count(g, k, dom, s); };
      bins.push_back(gk_table(p, G, count, count));
    }
    for (std::size_t i = 0; i < kw.size(); ++i) {
      std::vector<int> m;
      for (int s = 0; s < kZrmBins; ++s) m.push_back(bins[z(s)][i]);
      p.add_relation(kw[i], m);
    }
    const Disclosure dd = protect(p, b.small_cell);
    for (std::size_t i = 0; i < kw.size(); ++i)
      for (int s = 0; s < kZrmBins; ++s) out[(i * kZrmDomains + z(dom)) * kZrmBins + z(s)] = published(p, dd, bins[z(s)][i]);
  }
  return out;
}

PublishedOutcomes dashboard_outcomes(const EpisodeOutcomes& o, int small) {
  const int G = o.gemeenten, S = static_cast<int>(o.states.size());
  PublishedOutcomes out;
  out.persons.assign(o.persons.size(), -1);
  out.moves.assign(o.moves.size(), -1);
  for (int s = 0; s < S; ++s) {
    {
      DisclosureProblem p;
      auto count = [&](int g, int k) { return o.persons[o.row(g, k, s)]; };
      const auto id = gk_table(p, G, count, count);
      const Disclosure d = protect(p, small);
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) out.persons[o.row(g, k, s)] = published(p, d, id[z(g * (K + 1) + k)]);
    }
    for (int to = 0; to < S; ++to) {
      if (to == s) continue;
      DisclosureProblem p;
      // The totals' basis is the sum of the members' persons: a person counts in one gemeente and
      // one kwadrant, so the sum is the distinct persons of the total.
      const auto id = gk_table(p, G, [&](int g, int k) { return o.moves[o.cell(g, k, s, to)]; },
                               [&](int g, int k) { return o.movers[o.cell(g, k, s, to)]; });
      const Disclosure d = protect(p, small);
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) out.moves[o.cell(g, k, s, to)] = published(p, d, id[z(g * (K + 1) + k)]);
    }
  }
  return out;
}

std::vector<std::int64_t> dashboard_stocks(const MonthlyStocks& ms, int small) {
  const int G = ms.gemeenten, S = static_cast<int>(ms.states.size()), M = static_cast<int>(ms.months.size());
  const std::size_t per_month = z(G + 1) * (K + 1) * z(S + 1);
  std::vector<std::int64_t> out(z(M) * per_month, -1);
  auto index = [&](int g, int k, int s) { return (z(g) * (K + 1) + z(k)) * z(S + 1) + z(s); };
  for (int m = 0; m < M; ++m) {
    DisclosureProblem p;
    std::vector<int> id(per_month);
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k)
        for (int s = 0; s <= S; ++s) {
          std::int64_t n = 0;
          for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
            for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk)
              for (int ss = (s < S ? s : 0); ss < (s < S ? s + 1 : S); ++ss) n += ms.at(m, h, kk, ss);
          id[index(g, k, s)] = p.add_cell(static_cast<double>(n), static_cast<double>(n));
        }
    // States to the total, kwadranten to the total, gemeenten to the region.
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k) {
        std::vector<int> mem;
        for (int s = 0; s < S; ++s) mem.push_back(id[index(g, k, s)]);
        p.add_relation(id[index(g, k, S)], mem);
      }
    for (int g = 0; g <= G; ++g)
      for (int s = 0; s <= S; ++s) {
        std::vector<int> mem;
        for (int k = 0; k < K; ++k) mem.push_back(id[index(g, k, s)]);
        p.add_relation(id[index(g, K, s)], mem);
      }
    for (int k = 0; k <= K; ++k)
      for (int s = 0; s <= S; ++s) {
        std::vector<int> mem;
        for (int g = 0; g < G; ++g) mem.push_back(id[index(g, k, s)]);
        p.add_relation(id[index(G, k, s)], mem);
      }
    const Disclosure d = protect(p, small);
    for (std::size_t i = 0; i < id.size(); ++i) out[z(m) * per_month + i] = published(p, d, id[i]);
  }
  return out;
}

}  // namespace mkba::report
