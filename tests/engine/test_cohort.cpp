// The cohort trace with duration bands. Two oracles: a closed form for a state whose exit rate
// changes with the months spent in it, and the plain tunnel-state trace (every state tracked at
// every duration, every flow one by one) that cohort_trace shortcuts where a state's rows do not
// depend on the duration.
#include <mkba/engine/cohort.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace mkba;

namespace {

// The tunnel-state trace as the model defines it, without shortcuts.
engine::CohortTrace tunnel_trace(const engine::CompiledModel& m, int alternative) {
  const auto& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  const int n = m.n_states, T = m.n_cycles, S = m.n_segments, D = m.duration_cap() + 1;
  const auto cells = static_cast<std::size_t>(m.n_gemeenten) * static_cast<std::size_t>(S);
  const auto un = static_cast<std::size_t>(n);
  engine::CohortTrace tr;
  tr.n_cycles = T;
  tr.n_gemeenten = m.n_gemeenten;
  tr.n_segments = S;
  tr.n_states = n;
  tr.occupancy.assign(static_cast<std::size_t>(T + 1) * cells * un, 0.0);
  tr.transitions.assign(static_cast<std::size_t>(T) * cells * un * un, 0.0);
  tr.entries.assign(static_cast<std::size_t>(T) * cells * un, 0.0);
  std::vector<double> x(cells * un * static_cast<std::size_t>(D), 0.0), next(x.size());
  auto at = [&](std::size_t cell, int s, int d) { return (cell * un + static_cast<std::size_t>(s)) * static_cast<std::size_t>(D) + static_cast<std::size_t>(d); };
  for (int t = 0; t <= T; ++t) {
    const auto ut = static_cast<std::size_t>(t);
    for (const auto& g : m.population) {
      if (g.entry_cycle != t) continue;
      const std::size_t cell = static_cast<std::size_t>(g.gemeente) * static_cast<std::size_t>(S) + static_cast<std::size_t>(g.segment);
      x[at(cell, g.state, std::min(g.months_in_state, D - 1))] += static_cast<double>(g.persons);
      if (t > 0 && t < T) tr.entries[(ut * cells + cell) * un + g.state] += static_cast<double>(g.persons);
    }
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (int s = 0; s < n; ++s)
        for (int d = 0; d < D; ++d) tr.occupancy[(ut * cells + cell) * un + static_cast<std::size_t>(s)] += x[at(cell, s, d)];
    if (t == T) break;
    std::fill(next.begin(), next.end(), 0.0);
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (int s = 0; s < n; ++s)
        for (int d = 0; d < D; ++d) {
          const auto k = static_cast<std::size_t>(
              alt.transitions.matrix_index[(ut * static_cast<std::size_t>(S) + cell % static_cast<std::size_t>(S)) * static_cast<std::size_t>(m.n_bands) +
                                           m.band_of_duration[static_cast<std::size_t>(d)]]);
          for (int to = 0; to < n; ++to) {
            const double flow = x[at(cell, s, d)] * alt.transitions.probabilities[(k * un + static_cast<std::size_t>(s)) * un + static_cast<std::size_t>(to)];
            tr.transitions[((ut * cells + cell) * un + static_cast<std::size_t>(s)) * un + static_cast<std::size_t>(to)] += flow;
            next[at(cell, to, to == s ? std::min(d + 1, D - 1) : 0)] += flow;
          }
        }
    std::swap(x, next);
  }
  return tr;
}

// Random stochastic rows; `absorbing` states keep everybody.
std::vector<double> random_matrix(std::mt19937_64& rng, int n, const std::vector<int>& absorbing) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(static_cast<std::size_t>(n * n), 0.0);
  for (int s = 0; s < n; ++s) {
    double* row = &p[static_cast<std::size_t>(s * n)];
    if (std::find(absorbing.begin(), absorbing.end(), s) != absorbing.end()) {
      row[s] = 1.0;
      continue;
    }
    double sum = 0;
    for (int to = 0; to < n; ++to) sum += row[to] = (to == n - 1 && s == 0) ? 0.0 : u(rng);  // one zero move
    for (int to = 0; to < n; ++to) row[to] /= sum;
  }
  return p;
}

void require_close(const std::vector<double>& a, const std::vector<double>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("index " << i);
    REQUIRE(std::abs(a[i] - b[i]) <= 1e-12 * (1.0 + std::abs(b[i])));
  }
}

}  // namespace

TEST_CASE("duration bands: the exit rate of a state changes after 3 months, a closed form", "[engine][oracle]") {
  // A: leave with p1 in its first 3 months, p2 from then on; B absorbing. Everybody starts in A
  // at duration 0, so A at the start of month t holds N (1-p1)^min(t,3) (1-p2)^max(t-3,0).
  const double p1 = 0.02, p2 = 0.11;
  const int T = 40;
  const double N = 1000;
  engine::CompiledModel m;
  m.n_states = 2;
  m.n_cycles = T;
  m.state_ids = {"A", "B"};
  m.band_of_duration = {0, 0, 0, 1};
  m.n_bands = 2;
  m.population = {{0, 0, 0, 0, 0, 1000}};
  engine::Alternative alt;
  alt.transitions.n_matrices = 2;
  alt.transitions.probabilities = {1 - p1, p1, 0, 1, 1 - p2, p2, 0, 1};
  for (int t = 0; t < T; ++t) alt.transitions.matrix_index.insert(alt.transitions.matrix_index.end(), {0, 1});
  m.alternatives.push_back(alt);
  engine::check_model(m);
  const auto tr = engine::cohort_trace(m, 0);
  for (int t = 0; t <= T; ++t) {
    const double a = N * std::pow(1 - p1, std::min(t, 3)) * std::pow(1 - p2, std::max(t - 3, 0));
    INFO("t = " << t);
    REQUIRE(tr.state_total(t, 0) == Approx(a).epsilon(1e-12));
    REQUIRE(tr.state_total(t, 1) == Approx(N - a).epsilon(1e-12));
  }
}

TEST_CASE("the cohort trace equals the plain tunnel-state trace", "[engine][oracle]") {
  // 5 states: 0 and 1 have rows that differ by duration band (in some cycles and segments only),
  // 2 does not, 3 and 4 are absorbing. 2 gemeenten x 3 segments, segment 2 never entered; inflow
  // declared out of cycle order, some entering in a state other than the first, one group
  // entering after the horizon.
  std::mt19937_64 rng(20261201);
  const int n = 5, T = 30, S = 3;
  engine::CompiledModel m;
  m.n_states = n;
  m.n_cycles = T;
  m.n_gemeenten = 2;
  m.n_segments = S;
  for (int s = 0; s < n; ++s) m.state_ids.push_back("s" + std::to_string(s));
  m.band_of_duration = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2};
  m.n_bands = 3;
  engine::Alternative alt;
  const std::vector<int> absorbing{3, 4};
  std::vector<std::vector<double>> matrices;
  for (int k = 0; k < 4; ++k) matrices.push_back(random_matrix(rng, n, absorbing));
  // Matrix 1 and 2 differ from 0 in states 0 and 1 only; matrix 3 is matrix 0 again but stored twice.
  for (int k = 1; k < 3; ++k)
    for (int s = 2; s < n; ++s)
      std::copy_n(&matrices[0][static_cast<std::size_t>(s * n)], n, &matrices[static_cast<std::size_t>(k)][static_cast<std::size_t>(s * n)]);
  matrices[3] = matrices[0];
  alt.transitions.n_matrices = 4;
  for (const auto& p : matrices) alt.transitions.probabilities.insert(alt.transitions.probabilities.end(), p.begin(), p.end());
  for (int t = 0; t < T; ++t)
    for (int seg = 0; seg < S; ++seg)
      for (int b = 0; b < 3; ++b) alt.transitions.matrix_index.push_back(seg == 1 && t < 10 ? 3 : b);
  m.alternatives.push_back(alt);
  m.population = {{0, 0, 0, 0, 0, 400}, {1, 1, 0, 8, 0, 250}, {0, 1, 2, 3, 0, 90}, {1, 0, 1, 20, 0, 60}};
  for (int t = T; t >= 1; --t) m.population.push_back({t % 2, t % 2, static_cast<engine::StateId>(t % 3 == 0 ? 1 : 0), 0, t, 5 + t});
  m.population.push_back({0, 0, 0, 0, T + 1, 50});
  engine::check_model(m);

  const auto fast = engine::cohort_trace(m, 0);
  const auto plain = tunnel_trace(m, 0);
  require_close(fast.occupancy, plain.occupancy);
  require_close(fast.transitions, plain.transitions);
  require_close(fast.entries, plain.entries);
  // The shortcut must not have dropped the duration of the states that need it.
  REQUIRE(std::abs(fast.state_total(T, 0) - plain.state_total(T, 0)) <= 1e-9);
}
