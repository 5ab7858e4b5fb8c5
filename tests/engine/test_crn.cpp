// Common random numbers: two nearly equal alternatives see the same uniform for every
// person-cycle, so the variance of their difference is far below that of independent streams.
#include "helpers.hpp"

#include <mkba/engine/microsim.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace mkba;

namespace {

// Persons-months in state 1 ("werk") over the horizon: the outcome compared between alternatives.
double months_in_work(const engine::Counts& c) {
  double sum = 0;
  for (int t = 0; t < c.n_cycles; ++t) sum += static_cast<double>(c.state_total(t, 1));
  return sum;
}

double variance(const std::vector<double>& x) {
  double mean = 0, ss = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / static_cast<double>(x.size() - 1);
}

}  // namespace

TEST_CASE("common random numbers cut the variance of a difference at least 10x", "[engine][crn]") {
  // uitkering / werk / uit; the project alternative raises the monthly job-finding probability
  // from 0.050 to 0.052.
  const int T = 60, N = 2000, R = 60;
  auto m = test::constant_model(3, {0.930, 0.050, 0.020, 0.030, 0.960, 0.010, 0.0, 0.0, 1.0}, T,
                                {{0, 0, 0, 0, 0, N}});
  engine::Alternative project = m.alternatives[0];
  project.name = "project";
  project.transitions.probabilities = {0.928, 0.052, 0.020, 0.030, 0.960, 0.010, 0.0, 0.0, 1.0};
  m.alternatives.push_back(project);
  engine::check_model(m);

  std::vector<double> crn, independent;
  for (std::uint32_t r = 0; r < R; ++r) {
    const double base = months_in_work(engine::simulate(m, 0, {99, r}));
    // Same iteration key: the same persons with the same uniforms in both alternatives.
    crn.push_back(months_in_work(engine::simulate(m, 1, {99, r})) - base);
    // Independent streams: another iteration key for the second alternative.
    independent.push_back(months_in_work(engine::simulate(m, 1, {99, r + 100000u})) - base);
  }
  const double v_crn = variance(crn), v_ind = variance(independent);
  INFO("variance of the difference: CRN " << v_crn << ", independent " << v_ind);
  REQUIRE(v_crn * 10 <= v_ind);
  double mean = 0;
  for (double d : crn) mean += d;
  REQUIRE(mean > 0);  // the policy effect has the right sign in every sense that matters here
}
