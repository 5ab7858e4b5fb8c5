// Persons in a state nobody leaves (an exit such as verhuisd or overleden) drop out of the kernel's
// per-cycle loops and are counted in bulk from then on (engine/src/microsim.cpp, retire_staying).
// The counts must be exactly those of every person drawing every cycle. A run that records row
// visits keeps everybody in the loops, so it is the reference, through the public API.
#include "helpers.hpp"

#include <mkba/engine/expanded.hpp>
#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace mkba;

namespace {
constexpr int kCycles = 60;

// States: 0 and 1 move; 2 keeps everybody (and scores cannot move there); 3 keeps everybody but
// its scores improve at a screening, so its persons stay in the loops; from cycle 40 on state 3 is
// left again in a second matrix. Two gemeenten and two segments (the rule: the first domain at 4
// or more), arrivals in cycles 5 and 30, one group whose start segment is not the rule's.
engine::CompiledModel exits_model(bool rescreening) {
  // clang-format off
  const std::vector<double> early = {0.80, 0.05, 0.10, 0.05,
                                     0.10, 0.75, 0.10, 0.05,
                                     0.00, 0.00, 1.00, 0.00,
                                     0.00, 0.00, 0.00, 1.00};
  const std::vector<double> late  = {0.80, 0.05, 0.10, 0.05,
                                     0.10, 0.75, 0.10, 0.05,
                                     0.00, 0.00, 1.00, 0.00,
                                     0.20, 0.00, 0.00, 0.80};
  // clang-format on
  auto m = test::constant_model(4, early, kCycles, {});
  m.n_segments = 2;
  m.n_gemeenten = 2;
  auto& tr = m.alternatives[0].transitions;
  tr.n_matrices = 2;
  tr.probabilities.insert(tr.probabilities.end(), late.begin(), late.end());
  tr.matrix_index.assign(static_cast<std::size_t>(kCycles) * 2, 0);
  for (std::size_t c = 40 * 2; c < tr.matrix_index.size(); ++c) tr.matrix_index[c] = 1;
  const auto group = [&](int gemeente, int segment, int state, int entry, std::int64_t persons, std::uint8_t score, int first) {
    engine::PersonGroup g{gemeente, segment, static_cast<engine::StateId>(state), 0, entry, persons};
    g.scores.fill(score);
    g.first_rescreen = rescreening ? first : -1;
    m.population.push_back(g);
  };
  group(0, 0, 0, 0, 14000, 3, 6);
  group(1, 1, 1, 0, 9000, 4, 11);
  group(0, 1, 0, 0, 6000, 2, 20);  // segment 1, but the rule gives 0: the first screening moves it
  group(1, 0, 2, 0, 2000, 3, 8);   // starts in the state nobody leaves
  group(0, 0, 0, 5, 5000, 3, 17);  // arrivals
  group(1, 1, 1, 30, 4000, 5, 36);
  if (rescreening) {
    engine::Rescreening r;
    r.interval = 12;
    r.improve.assign(4 * engine::kZrmDomains, 0.15);
    r.worsen.assign(4 * engine::kZrmDomains, 0.10);
    for (int d = 0; d < engine::kZrmDomains; ++d) {  // state 2: scores stay; state 3: they improve
      r.improve[static_cast<std::size_t>(2 * engine::kZrmDomains + d)] = 0.0;
      r.worsen[static_cast<std::size_t>(2 * engine::kZrmDomains + d)] = 0.0;
      r.worsen[static_cast<std::size_t>(3 * engine::kZrmDomains + d)] = 0.0;
    }
    r.segment_of = [](const engine::ZrmScoreArray& s) { return s[0] >= 4 ? 1 : 0; };
    m.rescreening = r;
  }
  engine::check_model(m);
  return m;
}
}  // namespace

TEST_CASE("persons in a state nobody leaves drop out of the loops: the counts of everybody drawing every cycle",
          "[engine][kernel][staying]") {
  for (const bool rescreening : {false, true}) {
    INFO("rescreening " << rescreening);
    const auto m = exits_model(rescreening);
    const engine::RunKey key{23, 4};
    const auto persons = engine::expand_persons(m, key);
    REQUIRE(engine::person_count(*persons) == 40000);  // three blocks of the kernel
    engine::RowVisits visits;
    const auto everybody = engine::simulate(m, 0, key, *persons, {1}, &visits);
    for (int threads : {1, 2}) {
      const auto c = engine::simulate(m, 0, key, *persons, {threads});
      REQUIRE(c.transitions == everybody.transitions);
      REQUIRE(c.occupancy == everybody.occupancy);
      REQUIRE(c.entries == everybody.entries);
    }
    // The rows each person drew from do not depend on the blocks either (two threads: three
    // blocks of 16,384 persons, each simulated in its worker's own buffers).
    engine::RowVisits in_blocks;
    const auto blocks = engine::simulate(m, 0, key, *persons, {2}, &in_blocks);
    REQUIRE(blocks.transitions == everybody.transitions);
    REQUIRE(in_blocks.bits == visits.bits);
    const auto expanding = engine::simulate(m, 0, key, {2});
    REQUIRE(expanding.transitions == everybody.transitions);
    REQUIRE(expanding.occupancy == everybody.occupancy);
    // The exit fills up (most persons are in it by the end), and people are conserved.
    std::int64_t in_exit = 0, at_end = 0;
    for (int g = 0; g < 2; ++g)
      for (int seg = 0; seg < 2; ++seg) {
        in_exit += everybody.occupancy[everybody.occ_index(kCycles, g, seg, 2)];
        for (int s = 0; s < 4; ++s) at_end += everybody.occupancy[everybody.occ_index(kCycles, g, seg, s)];
      }
    REQUIRE(at_end == 40000);
    REQUIRE(in_exit > 20000);
  }
}
