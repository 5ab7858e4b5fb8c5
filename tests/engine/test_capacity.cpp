// Capacity-limited states and the waiting list (docs/timing.md, "Capacity and waiting list").
#include "helpers.hpp"

#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace mkba;

namespace {

engine::Capacity limit(int state, int gemeente, int n_cycles, int places) {
  engine::Capacity c;
  c.state = static_cast<engine::StateId>(state);
  c.gemeente = gemeente;
  c.places.assign(static_cast<std::size_t>(n_cycles), places);
  return c;
}

// Three states (0 wacht, 1 beschut = limited, 2 uit), two gemeenten, two segments, duration bands
// and inflow: the general kernel path.
engine::CompiledModel busy_model(int T) {
  engine::CompiledModel m;
  m.n_states = 3;
  m.n_gemeenten = 2;
  m.n_segments = 2;
  m.n_cycles = T;
  m.n_bands = 2;
  m.band_of_duration = {0, 0, 0, 1};
  for (int s = 0; s < 3; ++s) m.state_ids.push_back("s" + std::to_string(s));
  engine::Alternative alt;
  alt.name = "met capaciteit";
  alt.transitions.n_matrices = 2;
  alt.transitions.probabilities = {0.75, 0.2, 0.05, 0.06, 0.9, 0.04, 0.01, 0.02, 0.97,   //
                                   0.6, 0.3, 0.1, 0.1, 0.85, 0.05, 0.02, 0.03, 0.95};
  for (int t = 0; t < T; ++t)
    for (int seg = 0; seg < 2; ++seg)
      for (int b = 0; b < 2; ++b) alt.transitions.matrix_index.push_back((seg + b + t / 12) % 2);
  m.alternatives.push_back(alt);
  m.population = {{0, 0, 0, 0, 0, 1500}, {0, 1, 0, 4, 0, 700}, {1, 0, 0, 0, 0, 900}, {1, 1, 2, 0, 0, 300}};
  for (int t = 1; t < T; ++t) m.population.push_back({t % 2, t % 2, 0, 0, t, 25});
  return m;
}

std::int64_t occupancy_in(const engine::Counts& c, int t, int gemeente, int state) {
  std::int64_t n = 0;
  for (int seg = 0; seg < c.n_segments; ++seg) n += c.occupancy[c.occ_index(t, gemeente, seg, state)];
  return n;
}

}  // namespace

TEST_CASE("capacity is never exceeded, per gemeente and in total", "[engine][capacity]") {
  const int T = 48;
  auto m = busy_model(T);
  auto& alt = m.alternatives[0];
  alt.capacities = {limit(1, 0, T, 150), limit(1, 1, T, 90), limit(1, -1, T, 200)};
  // Places change over time, also below the current occupancy (nobody is put out).
  for (int t = 20; t < 30; ++t) alt.capacities[0].places[static_cast<std::size_t>(t)] = 60;
  engine::check_model(m);
  const auto c = engine::simulate(m, 0, {11, 0});
  bool someone_waited = false;
  for (int t = 0; t < T; ++t) {
    INFO("t = " << t);
    const auto g0 = occupancy_in(c, t + 1, 0, 1), g1 = occupancy_in(c, t + 1, 1, 1);
    const auto g0_before = occupancy_in(c, t, 0, 1);
    // No admissions to a full state: either within the limit or not grown.
    REQUIRE((g0 <= alt.capacities[0].places[static_cast<std::size_t>(t)] || g0 <= g0_before));
    REQUIRE(g1 <= 90);
    REQUIRE(g0 + g1 <= 200);
    someone_waited = someone_waited || c.waiting[static_cast<std::size_t>(t + 1) * 3 + 1] > 0;
    REQUIRE(c.waiting[static_cast<std::size_t>(t + 1) * 3 + 0] == 0);
    // People are conserved.
    std::int64_t present = 3400 + 25 * std::min(t + 1, T - 1);
    REQUIRE(c.total(t + 1) == present);
  }
  REQUIRE(someone_waited);
  REQUIRE(c.waiting[1] + c.waiting[2] == 0);  // nobody waits at the start
}

TEST_CASE("the waiting list is served first, in order of cycle joined, then person index", "[engine][capacity]") {
  // States 0 wacht, 1 plek (limited, 5 places, everyone in it leaves after one cycle), 2 uit.
  // Segment 0 (persons 0..19) asks for a place from cycle 1; segments 1 (20..39) and 2 (40..49)
  // ask from cycle 0. Each cycle exactly 5 places are free.
  const int T = 12;
  engine::CompiledModel m;
  m.n_states = 3;
  m.n_segments = 3;
  m.n_cycles = T;
  m.state_ids = {"wacht", "plek", "uit"};
  engine::Alternative alt;
  alt.name = "plekken";
  alt.transitions.n_matrices = 2;
  alt.transitions.probabilities = {1, 0, 0, 0, 0, 1, 0, 0, 1,   // 0: stay
                                   0, 1, 0, 0, 0, 1, 0, 0, 1};  // 1: ask for a place
  for (int t = 0; t < T; ++t)
    for (int seg = 0; seg < 3; ++seg) alt.transitions.matrix_index.push_back(t == 0 && seg == 0 ? 0 : 1);
  alt.capacities = {limit(1, -1, T, 5)};
  m.alternatives.push_back(alt);
  m.population = {{0, 0, 0, 0, 0, 20}, {0, 1, 0, 0, 0, 20}, {0, 2, 0, 0, 0, 10}};
  engine::check_model(m);
  const auto c = engine::simulate(m, 0, {3, 0});
  auto admitted = [&](int t, int seg) { return c.transitions[c.trans_index(t, 0, seg, 0, 1)]; };
  // Cycle 0: segment 1 first (lower index), 15 of it and all of segment 2 join the list.
  // Cycles 1-3: the rest of segment 1 (joined in cycle 0) before segment 0 (joined in cycle 1).
  // Cycles 4-5: segment 2 (joined in cycle 0). Cycles 6-9: segment 0.
  const std::int64_t seg0[T] = {0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 0, 0};
  const std::int64_t seg1[T] = {5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0};
  const std::int64_t seg2[T] = {0, 0, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0};
  const std::int64_t waiting[T + 1] = {0, 25, 40, 35, 30, 25, 20, 15, 10, 5, 0, 0, 0};
  for (int t = 0; t < T; ++t) {
    INFO("t = " << t);
    REQUIRE(admitted(t, 0) == seg0[t]);
    REQUIRE(admitted(t, 1) == seg1[t]);
    REQUIRE(admitted(t, 2) == seg2[t]);
    REQUIRE(c.state_total(t + 1, 1) <= 5);
  }
  for (int t = 0; t <= T; ++t) {
    INFO("t = " << t);
    REQUIRE(c.waiting[static_cast<std::size_t>(t) * 3 + 1] == waiting[t]);
  }
}

TEST_CASE("a waiting person who draws a move elsewhere leaves the list", "[engine][capacity]") {
  // Everybody asks for the single place in cycle 0; in cycle 1 segment 1 draws 'uit' instead.
  const int T = 4;
  engine::CompiledModel m;
  m.n_states = 3;
  m.n_segments = 2;
  m.n_cycles = T;
  m.state_ids = {"wacht", "plek", "uit"};
  engine::Alternative alt;
  alt.name = "plekken";
  alt.transitions.n_matrices = 2;
  alt.transitions.probabilities = {0, 1, 0, 0, 1, 0, 0, 0, 1,   // 0: ask for a place (and keep it)
                                   0, 0, 1, 0, 1, 0, 0, 0, 1};  // 1: leave for 'uit'
  for (int t = 0; t < T; ++t)
    for (int seg = 0; seg < 2; ++seg) alt.transitions.matrix_index.push_back(t == 1 && seg == 1 ? 1 : 0);
  alt.capacities = {limit(1, -1, T, 1)};
  m.alternatives.push_back(alt);
  m.population = {{0, 0, 0, 0, 0, 3}, {0, 1, 0, 0, 0, 4}};
  engine::check_model(m);
  const auto c = engine::simulate(m, 0, {3, 0});
  REQUIRE(c.waiting[1 * 3 + 1] == 6);                              // after cycle 0: one admitted
  REQUIRE(c.transitions[c.trans_index(1, 0, 1, 0, 2)] == 4);       // segment 1 leaves in cycle 1
  REQUIRE(c.waiting[2 * 3 + 1] == 2);                              // segment 0 still waits
  REQUIRE(c.state_total(4, 1) == 1);                               // the place stays taken
  REQUIRE(c.state_total(4, 2) == 4);
}

TEST_CASE("a place left for another limited state is given out again only the next cycle", "[engine][capacity]") {
  // 0 pool -> 1 A (2 places) -> 2 B (1 place) -> 3 uit, one step a cycle. Persons 0, 1 start in A,
  // person 2 in B, persons 3, 4, 5 in the pool.
  const int T = 5;
  auto m = test::constant_model(4, {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1}, T,
                                {{0, 0, 1, 0, 0, 2}, {0, 0, 2, 0, 0, 1}, {0, 0, 0, 0, 0, 3}});
  m.alternatives[0].capacities = {limit(1, -1, T, 2), limit(2, -1, T, 1)};
  engine::check_model(m);
  const auto c = engine::simulate(m, 0, {1, 0});
  // Cycle 0: person 0 gets B (person 2 leaves it); person 1 waits for B and keeps holding A, so
  // the pool (3, 4, 5) waits for A. Cycle 1: person 1 gets B, person 3 gets A; the A place person 1
  // left is free only in cycle 2 (person 4), and so on.
  const std::int64_t pool[T + 1] = {3, 3, 2, 1, 0, 0}, a[T + 1] = {2, 1, 1, 1, 1, 0},
                     b[T + 1] = {1, 1, 1, 1, 1, 1}, uit[T + 1] = {0, 1, 2, 3, 4, 5},
                     wait_a[T + 1] = {0, 3, 2, 1, 0, 0}, wait_b[T + 1] = {0, 1, 0, 0, 0, 0};
  for (int t = 0; t <= T; ++t) {
    INFO("t = " << t);
    REQUIRE(c.state_total(t, 0) == pool[t]);
    REQUIRE(c.state_total(t, 1) == a[t]);
    REQUIRE(c.state_total(t, 2) == b[t]);
    REQUIRE(c.state_total(t, 3) == uit[t]);
    REQUIRE(c.waiting[static_cast<std::size_t>(t) * 4 + 1] == wait_a[t]);
    REQUIRE(c.waiting[static_cast<std::size_t>(t) * 4 + 2] == wait_b[t]);
  }
}

TEST_CASE("with capacity for everybody the results equal the run without limits exactly", "[engine][capacity]") {
  const int T = 60;
  const auto free_model = busy_model(T);
  auto capped = free_model;
  const auto everybody = static_cast<int>(free_model.simulated_persons());
  capped.alternatives[0].capacities = {limit(1, 0, T, everybody), limit(1, 1, T, everybody),
                                       limit(2, -1, T, everybody)};
  engine::check_model(capped);
  for (std::uint32_t iteration : {0u, 1u}) {
    const auto a = engine::simulate(free_model, 0, {2026, iteration}, {2});
    const auto b = engine::simulate(capped, 0, {2026, iteration}, {1});
    REQUIRE(a.transitions == b.transitions);
    REQUIRE(a.occupancy == b.occupancy);
    REQUIRE(a.entries == b.entries);
    REQUIRE(std::all_of(b.waiting.begin(), b.waiting.end(), [](std::int64_t w) { return w == 0; }));
  }
}

TEST_CASE("capacity runs are deterministic whatever the thread option and the cohort refuses them", "[engine][capacity]") {
  const int T = 36;
  auto m = busy_model(T);
  m.alternatives[0].capacities = {limit(1, -1, T, 120)};
  const auto one = engine::simulate(m, 0, {5, 2}, {1});
  const auto eight = engine::simulate(m, 0, {5, 2}, {8});
  REQUIRE(one.transitions == eight.transitions);
  REQUIRE(one.waiting == eight.waiting);
  REQUIRE_THROWS_AS(engine::cohort_trace(m, 0), std::invalid_argument);
}
