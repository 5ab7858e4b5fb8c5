// Rescreening in the kernel gives the counts of the documented formula (docs/random-numbers.md,
// docs/timing.md), bit for bit, on every path: the AVX-512 pass over the 13 domains or the
// portable loop per domain (ctest runs this file's [kernel] tests again with MKBA_KERNEL_PORTABLE=1),
// with the segment rule person by person (scores packed) or for many persons at once, with
// persons leaving the loops in a staying state, and with inflow. `reference()` below computes it
// one person at a time:
// - persons are numbered by entry cycle, then by first screening, then as declared;
// - at the end of cycle t (boundary b = t + 1) a present person whose screening is due draws, for
//   domain d the 16 bits u = half d % 2 of cycle_bits(key, 2^31 + 8 b + d / 2) (low half for even
//   d; key: the person's transition key): a scored domain goes one point up when u < round(2^16 improve) (and it is below 5),
//   else one point down when u < round(2^16 min(1, improve + worsen)) (and it is above 1), with
//   the probabilities of the state they are in then;
// - the segment becomes rule(scores) x fold + segment % fold when a score moved, or at the first
//   screening of a person whose start segment is not the rule's; the next screening is an
//   interval on (none past the horizon).
#include "reference_draw.hpp"

#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>
#include <mkba/engine/thresholds.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

using namespace mkba::engine;

namespace {

constexpr int kFold = 2;  // segment = rule x 2 + a fixed part (as models/ folds the ontheffing flag)

// The parity of the scores' sum: any single wrong score moves the person's segment, so the counts
// show it (a rule reading two domains let a score of 1 wrongly go down to 0 pass).
int rule(const ZrmScoreArray& s) {
  int sum = 0;
  for (const auto x : s) sum += x;
  return sum % 2;
}

// n = 6 states: 1-3 with moves and rescreening; 0, 4 and 5 kept by everybody and without rescreening
// moves (staying states: their persons leave the loops; and the kernel settles only the rows of
// states 1-3, KernelTables::leave_lo and leave_hi); 2 gemeenten, 4 segments, 3 duration bands; per
// (gemeente, segment) a
// start group and a group entering later, with differing scores (some domains not scored), months
// in state and first screenings (also one past the horizon and one never). `mapped`: 6 duration
// bands up to 40 months and matrices that do not change over time, so that the 144 rows take the
// row map and the kernel keeps each person's entry of it (KernelTables::follow), also past 32
// months in state.
CompiledModel model(int T, std::int64_t persons, bool many_at_once, bool mapped = false) {
  const int n = 6, G = 2, S = 4, B = mapped ? 6 : 3, M = 4;
  CompiledModel m;
  m.n_states = n;
  m.n_gemeenten = G;
  m.n_segments = S;
  m.n_cycles = T;
  m.n_bands = B;
  m.band_of_duration.clear();
  if (mapped)
    for (int d = 0; d <= 40; ++d)
      m.band_of_duration.push_back(static_cast<std::uint8_t>(d < 3 ? 0 : d < 6 ? 1 : d < 10 ? 2 : d < 18 ? 3 : d < 34 ? 4 : 5));
  else
    for (int d = 0; d <= 24; ++d) m.band_of_duration.push_back(static_cast<std::uint8_t>(d < 6 ? 0 : d < 18 ? 1 : 2));
  Alternative a;
  a.name = "x";
  a.transitions.n_matrices = M;
  for (int k = 0; k < M; ++k)
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        double p = 0;
        if (i == 0 || i >= 4) p = j == i ? 1 : 0;
        else p = j == i ? 0.80 - 0.04 * k : j == 4 ? 0.02 + 0.01 * k : j == 5 ? 0.01 : (0.17 + 0.03 * k) / 3;
        a.transitions.probabilities.push_back(p);
      }
  for (int t = 0; t < T; ++t)
    for (int s = 0; s < S; ++s)
      for (int b = 0; b < B; ++b) a.transitions.matrix_index.push_back(((mapped ? 0 : t / 7) + s + 2 * b) % M);
  m.alternatives.push_back(a);
  const int first[] = {1, 5, 12, T + 3, -1};
  int k = 0;
  for (int g = 0; g < G; ++g)
    for (int s = 0; s < S; ++s, ++k) {
      PersonGroup start{g, s, static_cast<StateId>(k % 4), k % 20, 0, persons};
      PersonGroup later{g, s, 1, 0, 3 + k, persons / 5};
      for (std::size_t d = 0; d < start.scores.size(); ++d) {
        start.scores[d] = static_cast<std::uint8_t>((k + 2 * d) % 6);  // 0: not scored
        later.scores[d] = static_cast<std::uint8_t>(1 + (k * 3 + d) % 5);
      }
      start.first_rescreen = first[k % 5];
      later.first_rescreen = later.entry_cycle + 1 + k % 11;
      m.population.push_back(start);
      m.population.push_back(later);
    }
  Rescreening r;
  r.interval = 12;
  r.fold = kFold;
  for (int st = 0; st < n; ++st)
    for (int d = 0; d < kZrmDomains; ++d) {
      const bool stays = st == 0 || st >= 4;
      r.improve.push_back(stays ? 0.0 : 0.04 + 0.03 * ((st + d) % 4));
      r.worsen.push_back(stays ? 0.0 : 0.03 * ((st * 3 + d) % 3));
    }
  r.segment_of = rule;
  if (many_at_once)
    r.segments_of = [](const std::array<const std::uint8_t*, kZrmDomains>& s, std::size_t count, std::uint8_t* out) {
      for (std::size_t i = 0; i < count; ++i) {
        int sum = 0;
        for (const std::uint8_t* d : s) sum += d[i];
        out[i] = static_cast<std::uint8_t>(sum % 2);
      }
    };
  m.rescreening = r;
  check_model(m);
  return m;
}

std::uint32_t threshold(double p) { return static_cast<std::uint32_t>(std::llround(std::min(1.0, p) * 65536.0)); }

// `changes`: how many times a person's segment changed at a screening.
Counts reference(const CompiledModel& m, RunKey key, std::int64_t& changes) {
  const auto& alt = m.alternatives[0];
  const auto& r = *m.rescreening;
  const int n = m.n_states, S = m.n_segments, cap = m.duration_cap(), T = m.n_cycles;
  const auto thr = make_thresholds(alt.transitions.probabilities, n);
  std::vector<std::size_t> order(m.population.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    const auto &ga = m.population[a], &gb = m.population[b];
    return ga.entry_cycle != gb.entry_cycle ? ga.entry_cycle < gb.entry_cycle : ga.first_rescreen < gb.first_rescreen;
  });
  struct P : mkba::test::ReferencePerson {
    int next;
    bool by_rule;
    ZrmScoreArray scores;
  };
  std::vector<P> ps;
  for (auto gi : order) {
    const auto& g = m.population[gi];
    const bool by_rule = rule(g.scores) * r.fold + g.segment % r.fold == g.segment;
    const int next = g.first_rescreen >= 0 && g.first_rescreen <= T ? g.first_rescreen : -1;
    for (std::int64_t i = 0; i < g.persons; ++i)
      ps.push_back({{g.state, std::min(g.months_in_state, cap), g.gemeente, g.segment, g.entry_cycle}, next, by_rule, g.scores});
  }
  std::vector<PersonKey> keys;
  for (std::size_t i = 0; i < ps.size(); ++i)
    keys.push_back(person_key(key.seed, key.iteration, static_cast<std::uint32_t>(i), DrawKind::transition));
  Counts c;
  c.resize(T, m.n_gemeenten, S, n);
  for (int t = 0; t < T; ++t) {
    for (std::size_t i = 0; i < ps.size(); ++i) {
      auto& p = ps[i];
      if (p.entry > t) continue;
      mkba::test::reference_cycle(m, thr, keys[i], t, p, c);
    }
    const int b = t + 1;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      auto& p = ps[i];
      if (p.entry > t || p.next != b) continue;
      const PersonKey k = keys[i];
      bool moved = false;
      for (int d = 0; d < kZrmDomains; ++d) {
        auto& v = p.scores[static_cast<std::size_t>(d)];
        const auto at = static_cast<std::size_t>(p.state * kZrmDomains + d);
        const std::uint32_t bits = cycle_bits(k, 0x80000000u + static_cast<std::uint32_t>(8 * b + d / 2));
        const std::uint32_t u = d % 2 == 0 ? bits & 0xffffu : bits >> 16;
        const std::uint32_t up = threshold(r.improve[at]), down = threshold(r.improve[at] + r.worsen[at]);
        if (v == 0) continue;
        if (u < up) {
          if (v < 5) ++v, moved = true;
        } else if (u < down && v > 1) {
          --v, moved = true;
        }
      }
      const int seg = p.seg;
      if (moved || !p.by_rule) p.seg = rule(p.scores) * r.fold + p.seg % r.fold;
      changes += p.seg != seg ? 1 : 0;
      p.by_rule = true;
      p.next = b + r.interval <= T ? b + r.interval : -1;
    }
  }
  for (const auto& p : ps)
    if (p.entry <= T) ++c.occupancy[c.occ_index(T, p.g, p.seg, p.state)];
  return c;
}

}  // namespace

TEST_CASE("rescreening gives the documented formula's counts bit for bit on every path", "[engine][kernel][rescreening]") {
  // 2 x 4 x 1.2 x 9,000 = 86,400 persons: more than one block of persons.
  for (const auto& [many_at_once, mapped] : {std::pair{false, false}, std::pair{true, false}, std::pair{true, true}}) {
    INFO("segment rule for many persons at once: " << many_at_once << ", row map: " << mapped);
    const auto m = model(40, 9000, many_at_once, mapped);
    std::int64_t changes = 0;
    const Counts ref = reference(m, {11, 2}, changes);
    REQUIRE(changes > 10000);  // screenings do move persons between segments
    for (int threads : {1, 2}) {
      const Counts got = simulate(m, 0, {11, 2}, {threads});
      REQUIRE(got.transitions == ref.transitions);
      REQUIRE(got.occupancy == ref.occupancy);
    }
  }
}
