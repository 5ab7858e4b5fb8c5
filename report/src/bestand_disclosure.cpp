#include <mkba/report/bestand_disclosure.hpp>

#include <cmath>
#include <numeric>

namespace mkba::report {

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
}  // namespace

BestandDisclosure bestand_disclosure(const Bestand& b) {
  BestandDisclosure out;
  auto& p = out.problem;
  const int G = static_cast<int>(b.gemeenten.size()), S = static_cast<int>(b.states.size()), K = kKwadranten;
  auto cell = [&](std::int64_t n) {
    const auto v = static_cast<double>(n);
    return p.add_cell(v, v);  // a count is its own basis; 0 is a known zero
  };
  auto kw = [&](int g, int k, int s) -> int& { return out.kwadrant[BestandHidden::kw_index(z(S), g, k, s)]; };
  out.kwadrant.assign(z(G + 1) * z(K + 1) * z(S + 1), -1);
  // Gemeente cells with their totals; then the region as the sum of the gemeenten, cell by cell.
  for (int g = 0; g <= G; ++g) {
    for (int k = 0; k <= K; ++k)
      for (int s = 0; s <= S; ++s) {
        std::int64_t n = 0;
        for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
          for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk)
            for (int ss = (s < S ? s : 0); ss < (s < S ? s + 1 : S); ++ss) n += b.cell(h, kk, ss);
        kw(g, k, s) = cell(n);
      }
    for (int k = 0; k <= K; ++k) {
      std::vector<int> m;
      for (int s = 0; s < S; ++s) m.push_back(kw(g, k, s));
      p.add_relation(kw(g, k, S), m);
    }
    for (int s = 0; s <= S; ++s) {
      std::vector<int> m;
      for (int k = 0; k < K; ++k) m.push_back(kw(g, k, s));
      p.add_relation(kw(g, K, s), m);
    }
  }
  for (int k = 0; k <= K; ++k)
    for (int s = 0; s <= S; ++s) {
      std::vector<int> m;
      for (int g = 0; g < G; ++g) m.push_back(kw(g, k, s));
      p.add_relation(kw(G, k, s), m);
    }
  auto persons = [&](int g) { return kw(g, K, S); };
  auto kw_total = [&](int g, int k) { return kw(g, k, S); };
  auto value = [&](int id) { return static_cast<std::int64_t>(std::llround(p.value[z(id)])); };

  // Histograms: bins sum to the persons of the gemeente; the region is the sum of the gemeenten.
  auto histogram = [&](const std::vector<std::int64_t>& hist, int bins, std::vector<int>& ids) {
    ids.assign(z(G + 1) * z(bins), -1);
    for (int g = 0; g <= G; ++g)
      for (int i = 0; i < bins; ++i) {
        std::int64_t n = 0;
        for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h) n += hist[z(h * bins + i)];
        ids[z(g * bins + i)] = cell(n);
      }
    for (int g = 0; g <= G; ++g) p.add_relation(persons(g), std::vector<int>(ids.begin() + std::ptrdiff_t{g} * bins, ids.begin() + std::ptrdiff_t{g + 1} * bins));
    for (int i = 0; i < bins; ++i) {
      std::vector<int> m;
      for (int g = 0; g < G; ++g) m.push_back(ids[z(g * bins + i)]);
      p.add_relation(ids[z(G * bins + i)], m);
    }
  };
  histogram(b.distance_hist, kDistanceBins, out.distance);
  histogram(b.risk_hist, kRiskBins, out.risk);
  auto dist = [&](int g, int i) { return out.distance[z(g * kDistanceBins + i)]; };
  auto risk = [&](int g, int i) { return out.risk[z(g * kRiskBins + i)]; };

  // Across tables. Each relation is added only when the data satisfy it (a relation that holds by
  // construction always does; one that holds by chance can only hide more).
  auto sum_ids = [&](const std::vector<int>& ids) {
    std::int64_t n = 0;
    for (int id : ids) n += value(id);
    return n;
  };
  auto add_if_holds = [&](int total, const std::vector<int>& members) {
    if (value(total) == sum_ids(members)) p.add_relation(total, members);
  };
  for (int g = 0; g <= G; ++g) add_if_holds(kw_total(g, 0), {dist(g, 0)});
  // Near work = distance below far_from_work_at = bins 1..c when far_from_work_at = c * 0.5:
  // persons = near bins + kwadrant 0 + 3 + 4.
  const double c_exact = b.rule.far_from_work_at / 0.5;
  if (c_exact == std::floor(c_exact) && c_exact >= 0 && c_exact <= kDistanceBins - 2) {
    const int c = static_cast<int>(c_exact);
    for (int g = 0; g <= G; ++g) {
      std::vector<int> m{kw_total(g, 0), kw_total(g, 3), kw_total(g, 4)};
      for (int i = 1; i <= c; ++i) m.push_back(dist(g, i));
      add_if_holds(persons(g), m);
    }
  }
  // Low risk = risk bins 0..h-1 when high_risk_at = h is whole: kwadrant 1 + 3 plus the low-risk
  // persons of kwadrant 0 (x), whose high-risk rest (y) makes up kwadrant 0. x and y are never
  // printed but follow from the printed cells, so they are cells too.
  const double h_exact = b.rule.high_risk_at;
  if (h_exact == std::floor(h_exact) && h_exact >= 1 && h_exact <= kRiskBins - 1) {
    const int hr = static_cast<int>(h_exact);
    std::vector<int> xs, ys;
    for (int g = 0; g <= G; ++g) {
      std::int64_t low = 0;
      for (int i = 0; i < hr; ++i) low += value(risk(g, i));
      const std::int64_t x = low - value(kw_total(g, 1)) - value(kw_total(g, 3)), y = value(kw_total(g, 0)) - x;
      if (x < 0 || y < 0) {  // not the rule's relation (cannot happen): leave the histograms untied
        xs.clear();
        break;
      }
      xs.push_back(cell(x));
      ys.push_back(cell(y));
    }
    for (int g = 0; g <= G && !xs.empty(); ++g) {
      p.add_relation(kw_total(g, 0), {xs[z(g)], ys[z(g)]});
      std::vector<int> m{kw_total(g, 2), kw_total(g, 4), ys[z(g)]};
      for (int i = 0; i < hr; ++i) m.push_back(risk(g, i));
      add_if_holds(persons(g), m);
    }
    if (!xs.empty()) {
      p.add_relation(xs[z(G)], std::vector<int>(xs.begin(), xs.begin() + G));
      p.add_relation(ys[z(G)], std::vector<int>(ys.begin(), ys.begin() + G));
    }
  }

  // Screening status: gescreend and ontheffing with their unprinted complements (persons minus).
  auto status = [&](const std::vector<std::int64_t>& v, std::vector<int>& ids, std::vector<int>& rest) {
    ids.assign(z(G + 1), -1);
    rest.assign(z(G + 1), -1);
    for (int g = 0; g <= G; ++g) {
      const std::int64_t n = g < G ? v[z(g)] : std::accumulate(v.begin(), v.end(), std::int64_t{0});
      ids[z(g)] = cell(n);
      rest[z(g)] = cell(value(persons(g)) - n);
      p.add_relation(persons(g), {ids[z(g)], rest[z(g)]});
    }
    p.add_relation(ids[z(G)], std::vector<int>(ids.begin(), ids.begin() + G));
    p.add_relation(rest[z(G)], std::vector<int>(rest.begin(), rest.begin() + G));
  };
  status(b.screened_recent, out.recent, out.not_recent);
  std::vector<int> not_exempt;
  status(b.ontheffing, out.ontheffing, not_exempt);

  out.disclosure = protect(p, b.small_cell);
  auto flags = [&](const std::vector<int>& ids) {
    std::vector<bool> f;
    for (int id : ids) {
      f.push_back(out.disclosure.suppressed[z(id)]);
      out.printed.push_back(id);
    }
    return f;
  };
  out.hidden.kwadrant = flags(out.kwadrant);
  out.hidden.distance = flags(out.distance);
  out.hidden.risk = flags(out.risk);
  out.hidden.recent = flags(out.recent);
  out.hidden.ontheffing = flags(out.ontheffing);
  return out;
}

}  // namespace mkba::report
