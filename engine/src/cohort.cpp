#include <mkba/engine/cohort.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace mkba::engine {

double CohortTrace::state_total(int t, int s) const {
  double sum = 0;
  const std::size_t cells = static_cast<std::size_t>(n_gemeenten) * n_segments;
  for (std::size_t cell = 0; cell < cells; ++cell)
    sum += occupancy[(static_cast<std::size_t>(t) * cells + cell) * n_states + s];
  return sum;
}

CohortTrace cohort_trace(const CompiledModel& m, int alternative) {
  if (alternative < 0 || alternative >= static_cast<int>(m.alternatives.size()))
    throw std::invalid_argument("cohort_trace: no such alternative");
  const Alternative& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  if (!alt.capacities.empty())
    throw std::invalid_argument(
        "the cohort mode cannot express capacity-limited states (alternative '" + alt.name +
        "'): people interact through the waiting list; use the microsimulation");
  if (m.rescreening)
    throw std::invalid_argument(
        "the cohort mode cannot express rescreening: segments then follow each person's ZRM scores; use "
        "the microsimulation");
  const int n = m.n_states, T = m.n_cycles, S = m.n_segments, D = m.duration_cap() + 1;
  const std::size_t cells = static_cast<std::size_t>(m.n_gemeenten) * S;
  CohortTrace tr;
  tr.n_cycles = T;
  tr.n_gemeenten = m.n_gemeenten;
  tr.n_segments = S;
  tr.n_states = n;
  tr.occupancy.assign((T + 1) * cells * n, 0.0);
  tr.transitions.assign(T * cells * n * n, 0.0);
  tr.entries.assign(T * cells * n, 0.0);

  // x[cell][state][duration]: expected persons, with tunnel states for the duration bands.
  std::vector<double> x(cells * n * D, 0.0), next(x.size()), band_mass(static_cast<std::size_t>(m.n_bands));
  auto at = [&](std::size_t cell, int s, int d) { return (cell * n + s) * D + d; };
  // Nobody changes cell (gemeente, segment) in a cohort, so the cells nobody enters stay empty:
  // many of them where segments are products of kwadrant, age group and other classes.
  std::vector<std::size_t> used;
  {
    std::vector<bool> entered(cells, false);
    for (const auto& g : m.population) entered[static_cast<std::size_t>(g.gemeente) * S + g.segment] = true;
    for (std::size_t cell = 0; cell < cells; ++cell)
      if (entered[cell]) used.push_back(cell);
  }
  const auto& P = alt.transitions.probabilities;
  // A state whose row is the same in every duration band needs no tunnel: its mass is kept at
  // duration 0 (durations[s] == 1), which the occupancy and flows cannot tell apart.
  std::vector<int> durations(static_cast<std::size_t>(n), 1);
  for (std::size_t i = 0; i < alt.transitions.matrix_index.size(); ++i) {
    const auto first = static_cast<std::size_t>(alt.transitions.matrix_index[i - i % static_cast<std::size_t>(m.n_bands)]);
    const auto k = static_cast<std::size_t>(alt.transitions.matrix_index[i]);
    if (k == first) continue;
    for (int s = 0; s < n; ++s)
      if (!std::equal(&P[(k * n + s) * n], &P[(k * n + s) * n] + n, &P[(first * n + s) * n])) durations[static_cast<std::size_t>(s)] = D;
  }
  // The groups by entry cycle (inflow adds groups for every cycle).
  std::vector<std::size_t> by_entry(m.population.size());
  for (std::size_t i = 0; i < by_entry.size(); ++i) by_entry[i] = i;
  std::stable_sort(by_entry.begin(), by_entry.end(),
                   [&](std::size_t a, std::size_t b) { return m.population[a].entry_cycle < m.population[b].entry_cycle; });
  auto entering = by_entry.begin();
  for (int t = 0; t <= T; ++t) {
    for (; entering != by_entry.end() && m.population[*entering].entry_cycle <= t; ++entering) {
      const auto& g = m.population[*entering];
      if (g.entry_cycle != t) continue;  // before cycle 0: never counted, as before
      const std::size_t cell = static_cast<std::size_t>(g.gemeente) * S + g.segment;
      x[at(cell, g.state, std::min(g.months_in_state, durations[static_cast<std::size_t>(g.state)] - 1))] += static_cast<double>(g.persons);
      if (t > 0 && t < T) tr.entries[(t * cells + cell) * n + g.state] += static_cast<double>(g.persons);
    }
    for (const std::size_t cell : used)
      for (int s = 0; s < n; ++s)
        for (int d = 0; d < durations[static_cast<std::size_t>(s)]; ++d) tr.occupancy[(t * cells + cell) * n + s] += x[at(cell, s, d)];
    if (t == T) break;
    // Only the entries a cycle writes: the used cells' durations (a fill of all of `next` was most
    // of the memory traffic of a cohort with many empty cells and few tunnel states).
    for (const std::size_t cell : used)
      for (int s = 0; s < n; ++s) std::fill_n(next.begin() + static_cast<std::ptrdiff_t>(at(cell, s, 0)), durations[static_cast<std::size_t>(s)], 0.0);
    for (const std::size_t cell : used) {
      const int seg = static_cast<int>(cell % S);
      const std::int32_t* bands = &alt.transitions.matrix_index[(static_cast<std::size_t>(t) * S + seg) * m.n_bands];
      for (int s = 0; s < n; ++s) {
        // Staying moves a person one duration on; leaving resets it. So only the stays need the
        // duration itself: the moves out are one flow per band (the same row for every duration
        // in it), which makes a cycle O(D + bands x states) per state rather than O(D x states).
        std::fill(band_mass.begin(), band_mass.end(), 0.0);
        const int Ds = durations[static_cast<std::size_t>(s)];
        const double* xs = &x[at(cell, s, 0)];
        double* ns = &next[at(cell, s, 0)];
        // By runs of durations in one band (one row): without a branch per duration. An empty
        // duration adds +0.0 to sums of masses >= 0, which leaves them as they were.
        for (int d = 0; d < Ds;) {
          const int b = m.band_of_duration[static_cast<std::size_t>(d)];
          int e = d + 1;
          while (e < Ds && m.band_of_duration[static_cast<std::size_t>(e)] == b) ++e;
          const double stay = P[(static_cast<std::size_t>(bands[b]) * n + s) * n + s];
          double& mass_b = band_mass[static_cast<std::size_t>(b)];
          for (; d < e; ++d) {
            mass_b += xs[d];
            ns[std::min(d + 1, Ds - 1)] += xs[d] * stay;
          }
        }
        double* flows = &tr.transitions[((t * cells + cell) * n + s) * n];
        for (int b = 0; b < m.n_bands; ++b) {
          const double mass = band_mass[static_cast<std::size_t>(b)];
          if (mass == 0.0) continue;
          const double* row = &P[(static_cast<std::size_t>(bands[b]) * n + s) * n];
          for (int to = 0; to < n; ++to) {
            if (row[to] == 0.0) continue;
            const double flow = mass * row[to];
            flows[to] += flow;
            if (to != s) next[at(cell, to, 0)] += flow;
          }
        }
      }
    }
    std::swap(x, next);
  }
  return tr;
}

}  // namespace mkba::engine
