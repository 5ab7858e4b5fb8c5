// Two states with a closed form: everyone starts in A and stays with probability q each month,
// B is absorbing. Expected occupancy of A at the start of month t is N q^t.
#include "helpers.hpp"

#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace mkba;

TEST_CASE("two-state model: cohort trace equals N q^t to 1e-12", "[engine][oracle]") {
  const double q = 0.93;
  const int T = 120, N = 1000;
  const auto m = test::constant_model(2, {q, 1 - q, 0.0, 1.0}, T, {{0, 0, 0, 0, 0, N}});
  const auto tr = engine::cohort_trace(m, 0);
  for (int t = 0; t <= T; ++t) {
    const double expected = N * std::pow(q, t);
    REQUIRE(std::abs(tr.state_total(t, 0) - expected) <= 1e-12 * N);
    REQUIRE(std::abs(tr.state_total(t, 1) - (N - expected)) <= 1e-12 * N);
  }
}

TEST_CASE("two-state model: microsimulation mean lies within 4 standard errors of N q^t", "[engine][oracle]") {
  const double q = 0.93;
  const int T = 60, N = 20000;
  const auto m = test::constant_model(2, {q, 1 - q, 0.0, 1.0}, T, {{0, 0, 0, 0, 0, N}});
  const auto c = engine::simulate(m, 0, {12345, 0});
  for (int t = 0; t <= T; ++t) {
    const double p = std::pow(q, t);
    const double se = std::sqrt(N * p * (1 - p));
    INFO("t = " << t);
    REQUIRE(std::abs(static_cast<double>(c.state_total(t, 0)) - N * p) <= 4 * se + 1e-9);
  }
}

TEST_CASE("people are conserved every month, with inflow", "[engine][property]") {
  const int T = 36;
  std::vector<engine::PersonGroup> pop{{0, 0, 0, 0, 0, 500}, {0, 0, 1, 0, 0, 200}};
  for (int t = 1; t < T; ++t) pop.push_back({0, 0, 0, 0, t, 7});
  const auto m = test::constant_model(3, {0.9, 0.07, 0.03, 0.2, 0.75, 0.05, 0, 0, 1}, T, pop);
  const auto c = engine::simulate(m, 0, {7, 0});
  const auto tr = engine::cohort_trace(m, 0);
  for (int t = 0; t <= T; ++t) {
    const std::int64_t present = 700 + 7 * std::min(t, T - 1);
    REQUIRE(c.total(t) == present);
    double cohort_total = 0;
    for (int s = 0; s < 3; ++s) cohort_total += tr.state_total(t, s);
    REQUIRE(cohort_total == Approx(static_cast<double>(present)).epsilon(1e-12));
  }
}

TEST_CASE("an absorbing state is never left and a zero-probability move never happens", "[engine][property]") {
  const auto m = test::constant_model(3, {0.5, 0.5, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0}, 48,
                                      {{0, 0, 0, 0, 0, 5000}, {0, 0, 2, 0, 0, 100}});
  const auto c = engine::simulate(m, 0, {99, 0});
  for (int t = 0; t <= 48; ++t) REQUIRE(c.state_total(t, 2) == 100);
}
