// The kernel's code paths (AVX-512 permute tables of 1-4 register pairs, the same tables of the
// distinct rows through a row map, the per-person row compare for larger tables, AVX-512 gathers, the portable loop for 2-8 and more states; uniform,
// per-segment and duration-dependent matrices; gemeenten, segments, inflow) all give the counts of
// the documented formula (docs/random-numbers.md), bit for bit, also when a draw is read from
// a bucket table before the compare: `reference()` below computes it
// person by person, the way the walking-skeleton kernel did. Run the test also with
// MKBA_KERNEL_PORTABLE=1 in the environment to check the portable path.
#include "reference_draw.hpp"

#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>
#include <mkba/engine/thresholds.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

using namespace mkba::engine;

namespace {

// n states, G gemeenten, S segments, B duration bands (cap 12, or 40 when vary = 2), T cycles; M
// matrices (3 unless given) chosen by cycle only (vary = 0), by cycle, segment and band (vary = 1)
// or by segment and band only (vary = 2: one row map for all cycles); two groups per
// cell, one entering later. With `edges`, state 1 is always left (stay probability 0), state 2
// stays with probability 1e-4 (less than the row map's 1/4,096 steps) and state 3 is never left.
CompiledModel model(int n, int G, int S, int B, int T, int persons, int vary, int M = 3, bool edges = false) {
  CompiledModel m;
  m.n_states = n;
  m.n_gemeenten = G;
  m.n_segments = S;
  m.n_cycles = T;
  if (B > 1) {
    m.n_bands = B;
    m.band_of_duration.clear();
    const int cap = vary == 2 ? 40 : 12;
    for (int d = 0; d <= cap; ++d) m.band_of_duration.push_back(static_cast<std::uint8_t>(std::min(d / (cap / (B - 1) + 1), B - 1)));
  }
  Alternative a;
  a.name = "x";
  a.transitions.n_matrices = M;
  for (int k = 0; k < M; ++k)
    for (int i = 0; i < n; ++i) {
      double rest = 1;
      for (int j = 0; j < n; ++j) {
        double p = j == n - 1 ? rest : rest * (i == j ? 0.8 : 0.1) * (1 + 0.3 * k / M);
        if (edges && i == j && i == 1) p = 0;
        if (edges && i == j && i == 2) p = 1e-4;
        if (edges && i == 3) p = i == j ? rest : 0;
        p = std::min(p, rest);
        rest -= p;
        a.transitions.probabilities.push_back(p);
      }
    }
  for (int t = 0; t < T; ++t)
    for (int s = 0; s < S; ++s)
      for (int b = 0; b < B; ++b)
        a.transitions.matrix_index.push_back(vary == 2 ? (s * B + b) % M : vary == 1 ? (t + s * B + b) % M : t % M);
  m.alternatives.push_back(a);
  for (int g = 0; g < G; ++g)
    for (int s = 0; s < S; ++s) {
      m.population.push_back({g, s, static_cast<StateId>((g + s) % n), s, 0, persons});
      m.population.push_back({g, s, 0, 0, 5 + g, persons / 7});
    }
  check_model(m);
  return m;
}

// The documented draw, one person at a time: persons numbered by entry cycle (then as declared),
// key = Philox(seed, iteration, person), u = cycle_bits(key, t) >> 1, next = #{j < n-1 : u >= T_j}
// in the row of (cycle, segment, band of months in state, state).
Counts reference(const CompiledModel& m, RunKey key) {
  const auto& alt = m.alternatives[0];
  const int n = m.n_states, S = m.n_segments, cap = m.duration_cap();
  const auto thr = make_thresholds(alt.transitions.probabilities, n);
  std::vector<std::size_t> order(m.population.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return m.population[a].entry_cycle < m.population[b].entry_cycle; });
  std::vector<mkba::test::ReferencePerson> ps;
  for (auto gi : order) {
    const auto& g = m.population[gi];
    for (std::int64_t i = 0; i < g.persons; ++i) ps.push_back({g.state, std::min(g.months_in_state, cap), g.gemeente, g.segment, g.entry_cycle});
  }
  std::vector<PersonKey> keys;
  for (std::size_t i = 0; i < ps.size(); ++i)
    keys.push_back(person_key(key.seed, key.iteration, static_cast<std::uint32_t>(i), DrawKind::transition));
  Counts c;
  c.resize(m.n_cycles, m.n_gemeenten, S, n);
  for (int t = 0; t < m.n_cycles; ++t)
    for (std::size_t i = 0; i < ps.size(); ++i) {
      auto& p = ps[i];
      if (p.entry > t) continue;
      mkba::test::reference_cycle(m, thr, keys[i], t, p, c);
    }
  for (const auto& p : ps)
    if (p.entry <= m.n_cycles) ++c.occupancy[c.occ_index(m.n_cycles, p.g, p.seg, p.state)];
  return c;
}

}  // namespace

TEST_CASE("every kernel path gives the documented formula's counts bit for bit", "[engine][kernel]") {
  struct Case {
    int n, G, S, B, T, persons, vary, mats = 3, edges = 0;
  };
  const Case cases[] = {
      {5, 1, 1, 1, 120, 3000, 0},  // W-like: one matrix
      {2, 1, 1, 1, 60, 1000, 0},
      {3, 2, 3, 2, 40, 2000, 1},   // bands, table of 18 rows
      {7, 3, 2, 3, 30, 5000, 1},   // bands, 42 rows (two register pairs)
      {12, 2, 2, 1, 30, 3000, 1},  // by segment, 24 rows
      {8, 1, 4, 1, 50, 40000, 1},  // by segment, 32 rows, several blocks
      {5, 6, 4, 1, 24, 20000, 0},  // 24 cells, one matrix
      {10, 1, 1, 4, 36, 3000, 1},
      {9, 2, 4, 3, 30, 4000, 1},   // 108 rows: four register pairs
      {20, 1, 2, 2, 20, 3000, 1},  // more than 16 states: portable loop
      {16, 1, 2, 1, 20, 5000, 1},
      {6, 2, 4, 3, 40, 3000, 0},   // bands declared, matrix uniform
      {6, 2, 5, 3, 30, 3000, 1},   // 90 rows: three register pairs
      {8, 1, 4, 4, 30, 3000, 1},   // 128 rows: four register pairs
      {6, 2, 5, 7, 30, 3000, 1},   // 210 combinations, 18 distinct rows: row map, one register pair
      {12, 1, 4, 3, 30, 3000, 1},  // 144 combinations of 12 states, 36 distinct rows: row map
      {6, 2, 5, 7, 30, 3000, 1, 19},   // 210 combinations, 114 distinct rows: row map, four pairs
      {6, 2, 5, 7, 30, 3000, 1, 17, 1},  // the same with rows never, barely and always staying
      {6, 2, 5, 7, 60, 3000, 2, 19},     // one row map for all cycles: each person's entry kept, months up to 40
      {6, 2, 5, 7, 60, 3000, 2, 17, 1},  // ... with rows never, barely and always staying
      {6, 2, 5, 7, 30, 3000, 1, 35},   // 210 distinct rows: per-person row compare, 8 wide
      {12, 1, 4, 3, 30, 3000, 1, 12},  // 144 distinct rows of 12 states: per-person row compare, 16 wide
      {4, 1, 40, 1, 20, 500, 1},   // 160 rows by segment: gathers
      // Runs of 4 M person-months or more with three or four register pairs take the bucket
      // tables (KernelTables::buckets) first.
      {6, 2, 5, 3, 30, 12500, 1},      // 90 rows, 143,000 persons
      {6, 2, 5, 7, 30, 12500, 1, 19},  // 114 distinct rows through the row map
      {6, 2, 5, 7, 30, 12500, 1, 17, 1},  // ... with rows never, barely and always staying
      {6, 2, 5, 7, 60, 12500, 2, 19},     // entries kept, buckets for the movers
  };
  for (const auto& c : cases) {
    INFO("n " << c.n << " G " << c.G << " S " << c.S << " B " << c.B << " matrices " << c.mats << " edges " << c.edges);
    const auto m = model(c.n, c.G, c.S, c.B, c.T, c.persons, c.vary, c.mats, c.edges != 0);
    const Counts ref = reference(m, {7, 3});
    for (int threads : {1, 2}) {
      const Counts got = simulate(m, 0, {7, 3}, {threads});
      REQUIRE(got.transitions == ref.transitions);
      REQUIRE(got.occupancy == ref.occupancy);
    }
  }
}
