// The one-way sensitivity (tornado): bars show the parameter, not Monte Carlo noise. For parameters
// the result is monotone in, every bar brackets its base value (P5 and P95 on opposite sides or
// equal), both with cohort traces and with microsimulations that share the base case's persons
// and random numbers; bars come sorted by swing.
#include "temp_path.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/trace.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <vector>

using namespace mkba;

namespace {
// Uitkering -> werk (absorbing) with an uncertain monthly probability; the benefit, the wage
// subsidy and the value of work are uncertain amounts. The project raises the probability by an
// uncertain relative risk. The NCW difference is monotone in every parameter. `limit` adds a
// capacity limit that never binds (it only makes the cohort trace unavailable).
std::string write_model(bool limit) {
  const std::string text = std::string(R"(meta: {name: tornado}
time: {start: 2026-01, horizon_years: 3}
states:
  - {id: uitkering, kind: benefit}
  - {id: werk, kind: work}
parameters:
  p_werk: {distribution: beta, mean: 0.03, sd: 0.01}
  rr: {distribution: lognormal, mean: 1.5, sd: 0.2}
  bedrag: {distribution: normal, mean: 1000, sd: 100}
  productie: {distribution: gamma, mean: 2500, sd: 300}
population: {counts: {uitkering: 400}}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {uitkering: rest, werk: p_werk}
    werk: {werk: 1.0}
)") + (limit ? "nulalternatief: {capacity: [{state: werk, places: 100000}]}\n" : "") + R"(alternatives:
  project:
    transitions:
      - {from: uitkering, to: werk, relative_risk: rr}
effects:
  - {name: bijstand, category: uitkeringen, type: real, payer: gemeente, per_month_in: [uitkering], amount: bedrag}
  - {name: productie, category: loonkosten_productie, type: real, receiver: werkgever, per_month_in: [werk], amount: productie}
simulation: {seed: 11}
)";
  const auto path = mkba::test::process_temp_path("mkba-test-tornado-" + std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

void require_bracketing(const std::vector<analysis::TornadoBar>& bars, bool cohort) {
  REQUIRE(bars.size() == 4);
  for (const auto& b : bars) {
    INFO("parameter " << b.parameter << " low " << b.low[0] << " base " << b.base[0] << " high " << b.high[0]);
    REQUIRE(b.cohort == cohort);
    REQUIRE(b.low.size() == 1);
    REQUIRE(b.high.size() == 1);
    REQUIRE(b.base.size() == 1);
    REQUIRE((b.low[0] - b.base[0]) * (b.high[0] - b.base[0]) <= 0.0);
    REQUIRE(b.swing() > 0.0);
  }
  for (std::size_t i = 1; i < bars.size(); ++i) REQUIRE(bars[i - 1].swing() >= bars[i].swing());
}
// One side of a bar evaluated in full, without the tornado's shortcuts: compile the drawn
// scenario, simulate both alternatives with the base case's random numbers (seed, iteration 0),
// value them; the society NCW of the projectalternatief minus the nulalternatief's.
double full_evaluation(const Scenario& s, const analysis::TornadoBar& b, int side, std::optional<std::int64_t> persons) {
  ParameterDraw d = base_draw(s);
  d.values[static_cast<std::size_t>(b.parameter)] = side == 0 ? b.low_value : b.high_value;
  const Scenario drawn = instantiate(s, d);
  const engine::CompiledModel m = compile_model(drawn, CompileOptions{persons});
  std::vector<double> ncw;
  for (int a = 0; a < 2; ++a)
    ncw.push_back(analysis::ncw_society(engine::value(
        valuation_plan(drawn, a, s.discount_rate),
        scenario_trace(drawn, engine::to_trace(engine::simulate(m, a, {s.seed, 0}, {1}), m.person_weight)))));
  return ncw[1] - ncw[0];
}
}  // namespace

TEST_CASE("tornado bars of monotone parameters bracket the base: cohort traces", "[analysis][sensitivity][tornado]") {
  const auto s = load_scenario(write_model(false));
  analysis::RunOptions opt;
  opt.threads = 2;
  const auto bars = analysis::one_way(s, opt);
  require_bracketing(bars, true);
  // Amount parameters re-value the base traces; transition parameters are evaluated again.
  for (const auto& b : bars) {
    const auto& id = s.parameters[static_cast<std::size_t>(b.parameter)].id;
    REQUIRE(b.simulated == (id == "p_werk" || id == "rr"));
  }
}

TEST_CASE("tornado bars of monotone parameters bracket the base: microsimulation with common random numbers", "[analysis][sensitivity][tornado]") {
  const auto s = load_scenario(write_model(true));
  analysis::RunOptions opt;
  opt.threads = 2;
  const auto bars = analysis::one_way(s, opt);
  require_bracketing(bars, false);
  // Whatever the number of threads, the same bars.
  opt.threads = 1;
  const auto one = analysis::one_way(s, opt);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    REQUIRE(one[i].parameter == bars[i].parameter);
    REQUIRE(one[i].low == bars[i].low);
    REQUIRE(one[i].high == bars[i].high);
  }
}

// The tornado's shortcuts are exact: a side that leaves an alternative's moves alone reuses the
// base case's trace of it, and an amount-only parameter is not compiled at all; every bar equals
// the full evaluation (compile, simulate every alternative with the base case's random numbers,
// value), to the last bit.
TEST_CASE("tornado shortcuts give the bars of a full evaluation, bit for bit", "[analysis][sensitivity][tornado]") {
  const auto s = load_scenario(write_model(true));
  analysis::RunOptions opt;
  opt.threads = 1;
  const auto bars = analysis::one_way(s, opt);
  REQUIRE(bars.size() == 4);
  for (const auto& b : bars)
    for (const int side : {0, 1}) {
      INFO("parameter " << s.parameters[static_cast<std::size_t>(b.parameter)].id << " side " << side);
      REQUIRE((side == 0 ? b.low : b.high)[0] == full_evaluation(s, b, side, opt.persons));
    }
}

// With rescreening (no cohort trace) and no capacity limits, a side simulates again only the
// persons who drew from a row it changes, and adds their new counts to the others' base counts;
// the sides that change the same rows (p_lks and p_lks_reg: the lks row; p_tr and rr: the uitkering
// row of the projectalternatief) share those persons and their base counts. Every bar must still
// equal the full evaluation, to the last bit, on one thread or two, in one batch of bars or one bar
// at a time, and progress counts every side once.
TEST_CASE("tornado with rescreening: re-simulating only the persons on changed rows gives the full bars, bit for bit", "[analysis][sensitivity][tornado]") {
  const auto s = load_scenario(
      std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml",
      {{"rescreening", "{interval_months: 12, improve: {uitkering: 0.1, traject: 0.1}, worsen: {uitkering: 0.05}}"},
       {"parameters", "{p_lks: {distribution: beta, mean: 0.005, sd: 0.002}, p_lks_reg: {distribution: beta, mean: 0.005, sd: 0.002},"
                      " p_tr: {distribution: beta, mean: 0.015, sd: 0.004}, rr: {distribution: lognormal, mean: 2.0, sd: 0.3}}"},
       {"transitions.matrix.uitkering",
        "{uitkering: rest, traject: p_tr, beschut: 0.0005, lks: 0.0020, regulier: 0.0075, uitstroom: 0.0130}"},
       {"transitions.matrix.lks", "{uitkering: p_lks, lks: rest, regulier: p_lks_reg, uitstroom: 0.0020}"},
       {"alternatives", "{intensivering: {transitions: [{from: uitkering, to: traject, relative_risk: rr}]}}"}});
  REQUIRE(s.rescreening);
  analysis::RunOptions opt;
  opt.threads = 1;
  const auto bars = analysis::one_way(s, opt);
  REQUIRE(bars.size() == 4);
  for (const auto& b : bars) {
    REQUIRE_FALSE(b.cohort);
    REQUIRE(b.simulated);
    for (const int side : {0, 1}) {
      INFO("parameter " << s.parameters[static_cast<std::size_t>(b.parameter)].id << " side " << side);
      REQUIRE((side == 0 ? b.low : b.high)[0] == full_evaluation(s, b, side, opt.persons));
    }
  }
  opt.threads = 2;
  std::vector<int> progress;
  opt.progress = [&](int done, int runs) {
    REQUIRE(runs == 8);
    progress.push_back(done);
  };
  const auto two = analysis::one_way(s, opt);
  REQUIRE(progress == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8});
  // One bar at a time (the batches a model with large transition sets gets): the same bars.
  opt.progress = nullptr;
  opt.tornado_batch_bytes = 1;
  const auto one_by_one = analysis::one_way(s, opt);
  for (const auto* other : {&two, &one_by_one})
    for (std::size_t i = 0; i < bars.size(); ++i) {
      REQUIRE((*other)[i].parameter == bars[i].parameter);
      REQUIRE((*other)[i].low == bars[i].low);
      REQUIRE((*other)[i].high == bars[i].high);
    }
}
