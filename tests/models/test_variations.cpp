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

namespace {
// compile_model() builds a cycle's matrices once and reuses them for later cycles that
// first_alike_cycle() finds alike: every matrix it compiled must be exactly cycle_matrix()'s.
int compiled_mismatches(const Scenario& s) {
  const auto model = compile_model(s);
  const int A = model.n_segments / static_cast<int>(s.segments.size()), n = model.n_states;
  int wrong = 0;
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    const auto& tr = model.alternatives[static_cast<std::size_t>(a)].transitions;
    for (int t = 0; t < model.n_cycles; ++t)
      for (int seg = 0; seg < model.n_segments; ++seg)
        for (int b = 0; b < model.n_bands; ++b) {
          const auto k = static_cast<std::size_t>(
              tr.matrix_index[(static_cast<std::size_t>(t) * model.n_segments + seg) * model.n_bands + b]);
          const Eigen::MatrixXd p = cycle_matrix(s, a, t, seg / A, b, seg % A);
          for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
              if (tr.probabilities[(k * n + i) * n + j] != p(i, j)) ++wrong;
        }
  }
  return wrong;
}
}  // namespace

TEST_CASE("compile reuses a cycle's matrices only where the changes in force, year and values are the same", "[models][bands]") {
  // Start 2026-07, 36 months: 2027 (the by_year change) is months 6-17; the window 2027-03 until
  // 2028-01 is months 8-17.
  const auto s = bands({{"alternatives", "{snel: {transitions: [{from: uitkering, to: werk, relative_risk: 1.5, "
                                         "window: {from: 2027-03, until: 2028-01}}]}}"}});
  const auto null = first_alike_cycle(s, 0), snel = first_alike_cycle(s, 1);
  REQUIRE(null.size() == 36);
  for (int t = 0; t < 36; ++t) {
    INFO("cycle " << t);
    CHECK(null[static_cast<std::size_t>(t)] == (t >= 6 && t < 18 ? 6 : 0));
    CHECK(snel[static_cast<std::size_t>(t)] == (t < 6 || t >= 18 ? 0 : t < 8 ? 6 : 8));
  }
  CHECK(compiled_mismatches(s) == 0);
  // A change whose value changes over time: every cycle in its window is its own.
  const auto v = bands({{"alternatives", "{snel: {transitions: [{from: uitkering, to: werk, "
                                         "relative_risk: \"1 + 0.01 * model_time\", window: {from: 2027-03, until: 2028-01}}]}}"}});
  const auto varying = first_alike_cycle(v, 1);
  for (int t = 8; t < 18; ++t) CHECK(varying[static_cast<std::size_t>(t)] == t);
  CHECK(varying[20] == 0);
  CHECK(compiled_mismatches(v) == 0);
  // Age groups, mortality, the AOW exit, a matrix given per cycle with values that change over time.
  for (const std::string& f : {std::string(MKBA_TEST_DATA) + "/age-groups.yaml", std::string(MKBA_TEST_DATA) + "/age-mortality.yaml",
                              std::string(MKBA_TEST_DATA) + "/aow.yaml", std::string(MKBA_SCENARIO_DIR) + "/examples/briggs-thr.yaml"}) {
    INFO(f);
    CHECK(compiled_mismatches(load_scenario(f)) == 0);
  }
}

TEST_CASE("the load checks every matrix compile builds, also a later month of a change whose value grows", "[models][bands]") {
  // The window is months 8-17 (2027-03 until 2028-01). The relative risk 1 + 0.8 x model_time
  // keeps the row valid in month 8 and first breaks it in month 11: the load looks at month 11
  // too, because first_alike_cycle() makes every month of a growing change its own.
  auto load = [](const std::string& k) {
    return bands({{"alternatives", "{snel: {transitions: [{from: uitkering, to: werk, relative_risk: \"1 + " + k +
                                       " * model_time\", window: {from: 2027-03, until: 2028-01}}]}}"}});
  };
  REQUIRE_THROWS_WITH(load("0.8"), Catch::Contains("month 11 from time.start"));
  REQUIRE_NOTHROW(load("0.5"));
}
