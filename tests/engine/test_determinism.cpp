// Same seed, same counts, whatever the number of threads; a different seed, different counts.
#include "helpers.hpp"

#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

using namespace mkba;

TEST_CASE("counts are bit-identical for 1, 2 and 8 threads", "[engine][determinism]") {
  // 71,234 persons: one thread runs them in blocks of 65,536, two and eight threads in blocks of
  // 16,384 (engine/src/microsim.cpp, block_persons): the counts must not depend on the blocks.
  const auto m = test::constant_model(3, {0.9, 0.07, 0.03, 0.2, 0.75, 0.05, 0, 0, 1}, 60,
                                      {{0, 0, 0, 0, 0, 70000}, {0, 0, 1, 0, 3, 1234}});
  const auto one = engine::simulate(m, 0, {5, 1}, {1});
  const auto two = engine::simulate(m, 0, {5, 1}, {2});
  const auto eight = engine::simulate(m, 0, {5, 1}, {8});
  REQUIRE(one.transitions == two.transitions);
  REQUIRE(one.transitions == eight.transitions);
  REQUIRE(one.occupancy == eight.occupancy);
  const auto other_seed = engine::simulate(m, 0, {6, 1}, {1});
  REQUIRE(one.transitions != other_seed.transitions);
  const auto other_iteration = engine::simulate(m, 0, {5, 2}, {1});
  REQUIRE(one.transitions != other_iteration.transitions);
}
