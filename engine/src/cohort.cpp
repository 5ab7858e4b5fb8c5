#include <mkba/engine/cohort.hpp>

#include <algorithm>
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
  std::vector<double> x(cells * n * D, 0.0), next(x.size());
  auto at = [&](std::size_t cell, int s, int d) { return (cell * n + s) * D + d; };
  const auto& P = alt.transitions.probabilities;
  for (int t = 0; t <= T; ++t) {
    for (const auto& g : m.population) {
      if (g.entry_cycle != t) continue;
      const std::size_t cell = static_cast<std::size_t>(g.gemeente) * S + g.segment;
      x[at(cell, g.state, std::min(g.months_in_state, D - 1))] += static_cast<double>(g.persons);
      if (t > 0 && t < T) tr.entries[(t * cells + cell) * n + g.state] += static_cast<double>(g.persons);
    }
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (int s = 0; s < n; ++s)
        for (int d = 0; d < D; ++d) tr.occupancy[(t * cells + cell) * n + s] += x[at(cell, s, d)];
    if (t == T) break;
    std::fill(next.begin(), next.end(), 0.0);
    for (std::size_t cell = 0; cell < cells; ++cell) {
      const int seg = static_cast<int>(cell % S);
      for (int s = 0; s < n; ++s)
        for (int d = 0; d < D; ++d) {
          const double mass = x[at(cell, s, d)];
          if (mass == 0.0) continue;
          const auto k = static_cast<std::size_t>(
              alt.transitions.matrix_index[(static_cast<std::size_t>(t) * S + seg) * m.n_bands +
                                           m.band_of_duration[d]]);
          const double* row = &P[(k * n + s) * n];
          for (int to = 0; to < n; ++to) {
            const double flow = mass * row[to];
            tr.transitions[((t * cells + cell) * n + s) * n + to] += flow;
            next[at(cell, to, to == s ? std::min(d + 1, D - 1) : 0)] += flow;
          }
        }
    }
    std::swap(x, next);
  }
  return tr;
}

}  // namespace mkba::engine
