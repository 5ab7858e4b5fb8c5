// The dashboard's "Realisatie" section: aggregates and disclosure control (dashboard_realisatie.hpp).
#include <mkba/report/dashboard_realisatie.hpp>

#include <algorithm>

namespace mkba::report {

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
}  // namespace

RealisatieFigures realisatie_figures(const Realisatie& r) {
  RealisatieFigures f;
  f.gemeenten = r.gemeenten;
  f.states = r.states;
  const auto w = std::find(r.states.begin(), r.states.end(), "regulier");
  f.work = w == r.states.end() ? -1 : static_cast<int>(w - r.states.begin());
  if (!r.rows.empty())
    for (YearMonth m = r.first_month; r.last_month.months_since(m) >= 0;
         m = m.month == 12 ? YearMonth{m.year + 1, 1} : YearMonth{m.year, m.month + 1})
      f.months.push_back(m);
  const int G = static_cast<int>(f.gemeenten.size()), S = static_cast<int>(f.states.size());
  const int M = static_cast<int>(f.months.size());
  const std::size_t n = z(M) * z(G + 1) * z(S + 1);
  f.stand.assign(n, 0);
  f.instroom.assign(n, 0);
  f.uitstroom.assign(n, 0);
  f.plaatsen.assign(n, 0);
  f.vertrek.assign(z(M) * z(G + 1), 0);
  f.naar_werk.assign(z(M) * z(G + 1), 0);
  for (const RealisatieRow& row : r.rows) {
    const int m = row.month.months_since(r.first_month);
    const double to_work = f.work >= 0 && row.state != f.work ? static_cast<double>(row.naar[z(f.work)]) : 0.0;
    if (row.plaatsen) f.has_plaatsen = true;
    for (const int g : {row.gemeente, G})
      for (const int s : {row.state, S}) {
        const std::size_t i = f.at(m, g, s);
        f.stand[i] += static_cast<double>(row.stand);
        f.instroom[i] += static_cast<double>(row.instroom);
        f.uitstroom[i] += static_cast<double>(row.vertrek) + to_work;
        f.plaatsen[i] += row.plaatsen.value_or(0.0);
      }
    for (const int g : {row.gemeente, G}) {
      f.vertrek[z(m) * z(G + 1) + z(g)] += static_cast<double>(row.vertrek);
      f.naar_werk[z(m) * z(G + 1) + z(g)] += to_work;
    }
  }
  return f;
}

PublishedRealisatie dashboard_realisatie(const RealisatieFigures& f, int small) {
  const int G = static_cast<int>(f.gemeenten.size()), S = static_cast<int>(f.states.size());
  const int M = static_cast<int>(f.months.size());
  DisclosureProblem p;
  // One table per quantity: cells for every month, gemeente (and region) and state (and total),
  // states to the total, gemeenten to the region.
  auto table = [&](const std::vector<double>& v, const std::vector<double>* basis) {
    std::vector<int> id(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      double b = basis ? (*basis)[i] : v[i];
      if (basis && v[i] != 0 && b <= 0) b = 1;  // places without persons at the month's end: hide
      id[i] = p.add_cell(v[i], b);
    }
    for (int m = 0; m < M; ++m) {
      for (int g = 0; g <= G; ++g) {
        std::vector<int> mem;
        for (int s = 0; s < S; ++s) mem.push_back(id[f.at(m, g, s)]);
        p.add_relation(id[f.at(m, g, S)], mem);
      }
      for (int s = 0; s <= S; ++s) {
        std::vector<int> mem;
        for (int g = 0; g < G; ++g) mem.push_back(id[f.at(m, g, s)]);
        p.add_relation(id[f.at(m, G, s)], mem);
      }
    }
    return id;
  };
  const auto stand = table(f.stand, nullptr), instroom = table(f.instroom, nullptr), uitstroom = table(f.uitstroom, nullptr);
  std::vector<int> plaatsen;
  if (f.has_plaatsen) plaatsen = table(f.plaatsen, &f.stand);
  // The accounting across months, per gemeente and the region (all states): stand(m-1) + instroom(m)
  // = stand(m) + vertrek(m), and uitstroom(m) = vertrek(m) + moves to work(m). Vertrek, the moves to
  // work and the sum x are not on the page but enter as cells (as if published: that can only hide
  // more), so the months are one problem and no count follows from a chain of months.
  for (int m = 1; m < M; ++m) {
    std::vector<int> x(z(G + 1)), vt(z(G + 1)), nw(z(G + 1));
    for (int g = 0; g <= G; ++g) {
      const std::size_t a = z(m) * z(G + 1) + z(g);
      const double xv = f.stand[f.at(m - 1, g, S)] + f.instroom[f.at(m, g, S)];
      x[z(g)] = p.add_cell(xv, xv);
      vt[z(g)] = p.add_cell(f.vertrek[a], f.vertrek[a]);
      nw[z(g)] = p.add_cell(f.naar_werk[a], f.naar_werk[a]);
      p.add_relation(x[z(g)], {stand[f.at(m - 1, g, S)], instroom[f.at(m, g, S)]});
      p.add_relation(x[z(g)], {stand[f.at(m, g, S)], vt[z(g)]});
      p.add_relation(uitstroom[f.at(m, g, S)], {vt[z(g)], nw[z(g)]});
    }
    for (const auto* c : {&x, &vt, &nw}) p.add_relation((*c)[z(G)], std::vector<int>(c->begin(), c->begin() + G));
  }
  const Disclosure d = protect(p, small);
  auto pub = [&](const std::vector<int>& id) {
    std::vector<double> out(id.size(), -1);
    for (std::size_t i = 0; i < id.size(); ++i)
      if (!d.suppressed[z(id[i])]) out[i] = p.value[z(id[i])];
    return out;
  };
  PublishedRealisatie out{pub(stand), pub(instroom), pub(uitstroom), {}};
  out.plaatsen = f.has_plaatsen ? pub(plaatsen) : std::vector<double>(f.stand.size(), -1);
  return out;
}

}  // namespace mkba::report
