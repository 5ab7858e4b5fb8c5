// The kernel's code paths (AVX-512 permute tables up to 32 and 64 rows, AVX-512 gathers, the
// portable loop for 2-8 and more states; uniform, per-segment and duration-dependent matrices;
// gemeenten, segments, inflow) all give the counts of the walking-skeleton kernel, bit for bit.
// The hashes below were computed with that kernel (git 20eabef, engine/src/microsim.cpp). Run the
// test also with MKBA_KERNEL_PORTABLE=1 in the environment to check the portable path.
#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

using namespace mkba::engine;

namespace {

std::uint64_t fnv(const Counts& c) {
  std::uint64_t x = 1469598103934665603ull;
  for (auto v : c.transitions) x = (x ^ static_cast<std::uint64_t>(v)) * 1099511628211ull;
  for (auto v : c.occupancy) x = (x ^ static_cast<std::uint64_t>(v)) * 1099511628211ull;
  return x;
}

// n states, G gemeenten, S segments, B duration bands (cap 12), T cycles; three matrices chosen by
// cycle only (vary = 0) or by cycle, segment and band (vary = 1); two groups per cell, one entering
// later.
CompiledModel model(int n, int G, int S, int B, int T, int persons, bool vary) {
  CompiledModel m;
  m.n_states = n;
  m.n_gemeenten = G;
  m.n_segments = S;
  m.n_cycles = T;
  if (B > 1) {
    m.n_bands = B;
    m.band_of_duration.clear();
    for (int d = 0; d <= 12; ++d) m.band_of_duration.push_back(static_cast<std::uint8_t>(std::min(d / (12 / (B - 1) + 1), B - 1)));
  }
  Alternative a;
  a.name = "x";
  const int M = 3;
  a.transitions.n_matrices = M;
  for (int k = 0; k < M; ++k)
    for (int i = 0; i < n; ++i) {
      double rest = 1;
      for (int j = 0; j < n; ++j) {
        double p = j == n - 1 ? rest : rest * (i == j ? 0.8 : 0.1) * (1 + 0.1 * k);
        p = std::min(p, rest);
        rest -= p;
        a.transitions.probabilities.push_back(p);
      }
    }
  for (int t = 0; t < T; ++t)
    for (int s = 0; s < S; ++s)
      for (int b = 0; b < B; ++b) a.transitions.matrix_index.push_back(vary ? (t + s + b) % M : t % M);
  m.alternatives.push_back(a);
  for (int g = 0; g < G; ++g)
    for (int s = 0; s < S; ++s) {
      m.population.push_back({g, s, static_cast<StateId>((g + s) % n), s, 0, persons});
      m.population.push_back({g, s, 0, 0, 5 + g, persons / 7});
    }
  check_model(m);
  return m;
}

}  // namespace

TEST_CASE("every kernel path gives the walking skeleton's counts bit for bit", "[engine][kernel]") {
  struct Case {
    int n, G, S, B, T, persons, vary;
    std::uint64_t hash;
  };
  const Case cases[] = {
      {5, 1, 1, 1, 120, 3000, 0, 0x4582157ca5683cefull},  // W-like: one matrix
      {2, 1, 1, 1, 60, 1000, 0, 0xc0b714bea0bff0b3ull},
      {3, 2, 3, 2, 40, 2000, 1, 0x7a60143319308be5ull},   // bands, table of 18 rows
      {7, 3, 2, 3, 30, 5000, 1, 0xd44e549b2e3c4e69ull},   // bands, 42 rows (two permutes)
      {12, 2, 2, 1, 30, 3000, 1, 0x551d9cb063d0c635ull},  // by segment, 24 rows
      {8, 1, 4, 1, 50, 40000, 1, 0x1b6aec51654edaebull},  // by segment, 32 rows, several blocks
      {5, 6, 4, 1, 24, 20000, 0, 0xfdcdf8463801ea6full},  // 24 cells, one matrix
      {10, 1, 1, 4, 36, 3000, 1, 0xa094f7afe5ed9177ull},
      {9, 2, 4, 3, 30, 4000, 1, 0xa52e01f2e8002709ull},   // 108 rows: gathers
      {20, 1, 2, 2, 20, 3000, 1, 0xad3e44248c7ffe31ull},  // more than 16 states: portable loop
      {16, 1, 2, 1, 20, 5000, 1, 0xdeff6b6707322907ull},
      {6, 2, 4, 3, 40, 3000, 0, 0x003cb71552894569ull},   // bands declared, matrix uniform
  };
  for (const auto& c : cases) {
    INFO("n " << c.n << " G " << c.G << " S " << c.S << " B " << c.B);
    const auto m = model(c.n, c.G, c.S, c.B, c.T, c.persons, c.vary != 0);
    REQUIRE(fnv(simulate(m, 0, {7, 3}, {1})) == c.hash);
    REQUIRE(fnv(simulate(m, 0, {7, 3}, {2})) == c.hash);
  }
}
