// Rates by segment, by duration band (months in state) and by calendar year: closed forms in the
// cohort, and microsimulation against cohort.
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace mkba;

namespace {
Scenario bands(const std::vector<Override>& o = {}) {
  return load_scenario(std::string(MKBA_TEST_DATA) + "/bands.yaml", o);
}
}  // namespace

TEST_CASE("duration bands: nobody leaves uitkering for werk after 6 months in it", "[models][bands][oracle]") {
  // No inflow, no way back from werk: uitkering at month t = N (q_seg)^min(t, 6).
  const auto s = bands({{"population.inflow", "[]"}, {"transitions.matrix.werk", "{werk: 1.0}"}, {"transitions.by_year", "[]"}});
  const auto model = compile_model(s);
  const auto tr = engine::cohort_trace(model, 0);
  for (int t = 0; t <= model.n_cycles; ++t) {
    const double expected = 400 * std::pow(0.9, std::min(t, 6)) + 600 * std::pow(0.95, std::min(t, 6));
    INFO("month " << t);
    REQUIRE(tr.state_total(t, 0) == Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("by_year changes apply in that calendar year only", "[models][bands]") {
  const auto s = bands();
  // The scenario starts 2026-07: months 6..17 are 2027.
  REQUIRE(cycle_matrix(s, 0, 5)(1, 0) == Approx(0.02));
  REQUIRE(cycle_matrix(s, 0, 6)(1, 0) == Approx(0.04));
  REQUIRE(cycle_matrix(s, 0, 17)(1, 0) == Approx(0.04));
  REQUIRE(cycle_matrix(s, 0, 18)(1, 0) == Approx(0.02));
  REQUIRE(cycle_matrix(s, 0, 6)(1, 1) == Approx(0.96));
  REQUIRE(cycle_matrix(s, 0, 0, 1, 0)(0, 1) == Approx(0.05));  // veraf: RR 0.5
  REQUIRE(cycle_matrix(s, 0, 0, 1, 1)(0, 1) == 0.0);           // band from 6 months
}

TEST_CASE("segments, bands, years and inflow: microsimulation agrees with the cohort trace", "[models][bands][oracle]") {
  const auto s = bands();
  const auto model = compile_model(s, {20000});
  const auto c = engine::simulate(model, 0, {1, 0});
  const auto tr = engine::cohort_trace(model, 0);
  for (int t = 0; t <= model.n_cycles; ++t) {
    const double present = static_cast<double>(c.total(t));
    REQUIRE(std::abs(present - (tr.state_total(t, 0) + tr.state_total(t, 1))) < 1e-6);
    for (int st = 0; st < 2; ++st) {
      const double e = tr.state_total(t, st), p = e / present;
      INFO("month " << t << " state " << st);
      REQUIRE(std::abs(static_cast<double>(c.state_total(t, st)) - e) <= 4 * std::sqrt(present * p * (1 - p)) + 1e-9);
    }
  }
}

TEST_CASE("an alternative may extend another: its changes come on top", "[models][extends]") {
  const auto s = bands({{"alternatives",
                         "{meer: {transitions: [{from: uitkering, to: werk, relative_risk: 2.0}]},"
                         " nog_meer: {extends: meer, transitions: [{from: werk, to: uitkering, relative_risk: 0.5}]}}"}});
  REQUIRE(s.alternatives.size() == 3);
  REQUIRE(s.alternatives[2].extends == 1);
  REQUIRE(s.alternatives[2].overlays.size() == 2);
  REQUIRE(cycle_matrix(s, 2, 0)(0, 1) == Approx(0.2));   // from the parent
  REQUIRE(cycle_matrix(s, 2, 0)(1, 0) == Approx(0.01));  // its own
  REQUIRE(cycle_matrix(s, 1, 0)(1, 0) == Approx(0.02));  // the parent is unchanged
}
