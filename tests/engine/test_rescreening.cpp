// Annual rescreening: scores move at each person's screening, the segment follows, and the draws
// are per person (deterministic across threads).
#include "helpers.hpp"

#include <mkba/engine/expanded.hpp>
#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace mkba;

namespace {
// Two segments: 'far' (0) while the first domain is below 4, 'close' (1) from 4. Everybody stays
// in state 0; at a screening the domain improves with probability p.
engine::CompiledModel drift_model(double p, std::int64_t persons) {
  auto m = test::constant_model(1, {1.0}, 36, {});
  m.n_segments = 2;
  m.alternatives[0].transitions.matrix_index.assign(36 * 2, 0);
  engine::PersonGroup g{0, 0, 0, 0, 0, persons};
  g.scores.fill(3);
  g.first_rescreen = 12;
  m.population.push_back(g);
  engine::Rescreening r;
  r.interval = 12;
  r.improve.assign(engine::kZrmDomains, p);
  r.worsen.assign(engine::kZrmDomains, 0.0);
  r.segment_of = [](const engine::ZrmScoreArray& s) { return s[0] >= 4 ? 1 : 0; };
  m.rescreening = r;
  engine::check_model(m);
  return m;
}

std::int64_t in_segment(const engine::Counts& c, int t, int seg) { return c.occupancy[c.occ_index(t, 0, seg, 0)]; }

// Two states and two segments, 3,000 persons at the start and 700 arriving in cycle 5 (in the other
// state and segment), screened yearly from cycle 12 (17); the segment is 1 from a first-domain
// score of `close_from`.
engine::CompiledModel two_states(double leave, int close_from = 4, std::int64_t arrivals = 700) {
  auto m = test::constant_model(2, {1 - leave, leave, 0.2, 0.8}, 36, {});
  m.n_segments = 2;
  m.alternatives[0].transitions.matrix_index.assign(36 * 2, 0);
  engine::PersonGroup g{0, 0, 0, 0, 0, 3000};
  g.scores.fill(3);
  g.first_rescreen = 12;
  m.population.push_back(g);
  engine::PersonGroup later{0, 1, 1, 0, 5, arrivals};
  later.scores.fill(2);
  later.first_rescreen = 17;
  m.population.push_back(later);
  engine::Rescreening r;
  r.interval = 12;
  r.improve.assign(engine::kZrmDomains, 0.2);
  r.worsen.assign(engine::kZrmDomains, 0.1);
  r.segment_of = [close_from](const engine::ZrmScoreArray& s) { return s[0] >= close_from ? 1 : 0; };
  m.rescreening = r;
  engine::check_model(m);
  return m;
}

void require_same(const engine::Counts& a, const engine::Counts& b) {
  REQUIRE(a.transitions == b.transitions);
  REQUIRE(a.occupancy == b.occupancy);
  REQUIRE(a.entries == b.entries);
}
}  // namespace

TEST_CASE("rescreening moves people between segments at their screening, as expected", "[engine][rescreening]") {
  const double p = 0.3;
  const std::int64_t N = 20000;
  const auto c = engine::simulate(drift_model(p, N), 0, {17, 0});
  // The screening at month 12 takes effect at the start of month 12 (docs/timing.md).
  for (int t = 0; t < 12; ++t) REQUIRE(in_segment(c, t, 1) == 0);  // nobody before the first screening
  // After one screening: N p close to work; after two (month 24): N (1 - (1 - p)^2).
  const double e1 = N * p, se1 = std::sqrt(N * p * (1 - p));
  const double p2 = 1 - (1 - p) * (1 - p), e2 = N * p2, se2 = std::sqrt(N * p2 * (1 - p2));
  REQUIRE(std::abs(static_cast<double>(in_segment(c, 12, 1)) - e1) <= 4 * se1);
  REQUIRE(in_segment(c, 12, 1) == in_segment(c, 23, 1));  // nothing changes between screenings
  REQUIRE(std::abs(static_cast<double>(in_segment(c, 24, 1)) - e2) <= 4 * se2);
  REQUIRE(in_segment(c, 24, 0) + in_segment(c, 24, 1) == N);
}

TEST_CASE("rescreening is bit-identical for 1 and 2 threads and never moves without probability", "[engine][rescreening]") {
  const auto m = drift_model(0.25, 40000);
  const auto one = engine::simulate(m, 0, {3, 1}, {1});
  const auto two = engine::simulate(m, 0, {3, 1}, {2});
  REQUIRE(one.occupancy == two.occupancy);
  const auto none = engine::simulate(drift_model(0.0, 1000), 0, {3, 1});
  REQUIRE(in_segment(none, 36, 1) == 0);
}

// Rescreening::segments_of (the rule for a piece of persons at once, domains as columns) gives the
// counts of segment_of called person by person, bit for bit: the kernel takes a person's new
// segment only at their first screening or when a score moved, either way.
TEST_CASE("rescreening with the segment rule for many persons at once equals the rule per person", "[engine][rescreening]") {
  auto m = drift_model(0.2, 30000);
  m.rescreening->worsen.assign(engine::kZrmDomains, 0.15);
  const auto rule = [](int a, int b, int c) { return (a + 2 * b + c) % 3 == 0 ? 1 : 0; };
  m.rescreening->segment_of = [rule](const engine::ZrmScoreArray& s) { return rule(s[0], s[5], s[12]); };
  const auto per_person = engine::simulate(m, 0, {5, 2}, {2});
  m.rescreening->segments_of = [rule](const std::array<const std::uint8_t*, engine::kZrmDomains>& s, std::size_t n,
                                      std::uint8_t* out) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(rule(s[0][i], s[5][i], s[12][i]));
  };
  const auto batched = engine::simulate(m, 0, {5, 2}, {2});
  REQUIRE(batched.occupancy == per_person.occupancy);
  REQUIRE(batched.transitions == per_person.transitions);
  REQUIRE(in_segment(batched, 36, 1) > 0);
  REQUIRE(in_segment(batched, 36, 0) > 0);
}

// The tornado expands the base case's persons once and simulates every side's model from a copy
// (engine/expanded.hpp): the counts must be those of simulate() expanding them itself, also for a
// model with other transition probabilities and the same population, and the copy is not used up.
TEST_CASE("a simulation from persons expanded once equals one that expands them", "[engine][rescreening]") {
  const auto base = two_states(0.1), side = two_states(0.3);
  const engine::RunKey key{11, 0};
  const auto persons = engine::expand_persons(base, key);
  for (const auto* m : {&base, &side, &base})
    for (int threads : {1, 2}) {
      const auto a = engine::simulate(*m, 0, key, *persons, {threads});
      const auto b = engine::simulate(*m, 0, key, {threads});
      REQUIRE(a.transitions == b.transitions);
      REQUIRE(a.occupancy == b.occupancy);
      REQUIRE(a.entries == b.entries);
    }
  REQUIRE_THROWS_AS(engine::simulate(base, 0, {11, 1}, *persons), std::invalid_argument);

  // Persons are independent: the counts of all are those of any subset plus those of the rest
  // (the tornado simulates again only the persons who drew from a changed row).
  engine::RowVisits visits;
  const auto all = engine::simulate(side, 0, key, *persons, {1}, &visits);
  const std::size_t N = engine::person_count(*persons);
  REQUIRE(N == 3700);
  REQUIRE(visits.words == 1);  // 2 segments x 1 band x 2 states
  std::vector<std::size_t> odd, rest;
  for (std::size_t i = 0; i < N; ++i) (i % 3 == 1 ? odd : rest).push_back(i);
  const auto a = engine::simulate(side, 0, key, *engine::subset(*persons, odd), {1});
  const auto b = engine::simulate(side, 0, key, *engine::subset(*persons, rest), {1});
  for (std::size_t j = 0; j < all.transitions.size(); ++j) REQUIRE(all.transitions[j] == a.transitions[j] + b.transitions[j]);
  const auto ends = static_cast<std::size_t>(36) * 2 * 2;  // the occupancy at the end of the horizon
  for (std::size_t j = 0; j < 4; ++j) REQUIRE(all.occupancy[ends + j] == a.occupancy[ends + j] + b.occupancy[ends + j]);
  // Everybody drew from a row of their start state and segment; the arrivals (segment 1, state 1)
  // never before cycle 5.
  REQUIRE((visits.bits[0] & 1u) != 0);            // person 0: segment 0, state 0
  REQUIRE((visits.bits[N - 1] & (1u << 3)) != 0);  // the last arrival: segment 1, state 1
}

// A PSA thread expands its persons again for every iteration from those of its previous one
// (engine::expand_persons with `previous`): only the keys change, in place when nobody else holds
// the previous persons. The persons must be those expanded afresh, bit for bit; and a model whose
// population or segment rule differs, or a subset, must not lend its columns.
TEST_CASE("persons expanded from the previous iteration's equal persons expanded afresh", "[engine][rescreening]") {
  const auto m = two_states(0.1);
  const auto fresh = [&](const engine::CompiledModel& model, engine::RunKey key) { return engine::simulate(model, 0, key, {1}); };
  auto first = engine::expand_persons(m, {11, 1});
  const auto held = first;  // another owner: the next persons are a copy
  auto second = engine::expand_persons(m, {11, 2}, nullptr, std::move(first));
  REQUIRE(second.get() != held.get());
  require_same(engine::simulate(m, 0, {11, 2}, *second, {1}), fresh(m, {11, 2}));
  require_same(engine::simulate(m, 0, {11, 1}, *held, {1}), fresh(m, {11, 1}));  // untouched
  const auto* at = second.get();
  auto third = engine::expand_persons(m, {11, 3}, nullptr, std::move(second));  // the last owner: in place
  REQUIRE(third.get() == at);
  require_same(engine::simulate(m, 0, {11, 3}, *third, {2}), fresh(m, {11, 3}));
  REQUIRE_THROWS_AS(engine::simulate(m, 0, {11, 2}, *third, {1}), std::invalid_argument);

  const auto fewer = two_states(0.1, 4, 500);  // another population
  auto other = engine::expand_persons(fewer, {11, 4}, nullptr, std::move(third));
  require_same(engine::simulate(fewer, 0, {11, 4}, *other, {1}), fresh(fewer, {11, 4}));
  // The same population under a rule that puts the first group in the other segment at the start:
  // its persons take the rule's segment at their first screening even when no score moved.
  const auto ruled = two_states(0.1, 3);
  const auto back = engine::expand_persons(m, {11, 5});
  const auto by_rule = engine::expand_persons(ruled, {11, 5}, nullptr, back);
  require_same(engine::simulate(ruled, 0, {11, 5}, *by_rule, {1}), fresh(ruled, {11, 5}));
  REQUIRE(fresh(ruled, {11, 5}).occupancy != fresh(m, {11, 5}).occupancy);

  std::vector<std::size_t> odd;
  for (std::size_t i = 1; i < engine::person_count(*back); i += 2) odd.push_back(i);
  const auto some = engine::subset(*back, odd);
  const auto whole = engine::expand_persons(m, {11, 6}, nullptr, some);
  REQUIRE(engine::person_count(*whole) == engine::person_count(*back));
  require_same(engine::simulate(m, 0, {11, 6}, *whole, {1}), fresh(m, {11, 6}));
}
