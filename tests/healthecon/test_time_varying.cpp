// Derived parameters, transition cells that change over time (cycle, model_time, years, age) and
// step tables: against closed forms, and the errors for what cannot work.
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kFile = std::string(MKBA_TEST_DATA) + "/healthecon/three_state.yaml";

std::string message(const std::vector<Override>& o) {
  try {
    const Scenario s = load_scenario(kFile, o);
    compile_model(s);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a derived parameter follows the drawn values of its inputs in every PSA draw", "[healthecon][parameters]") {
  const Scenario s = load_scenario(
      kFile, {{"parameters", "{r_sick: {distribution: gamma, mean: 0.2, sd: 0.05}, p_sick: {value: 'rate_to_prob(r_sick)'}}"},
              {"transitions.matrix.healthy", "{healthy: rest, sick: p_sick, dead: 0.05}"}});
  REQUIRE(s.monthly(0, 1) == Approx(1 - std::exp(-0.2)).epsilon(1e-14));
  REQUIRE(s.parameters[1].derived);
  for (std::uint32_t it = 1; it <= 5; ++it) {
    const auto d = draw_parameters(s, 7, it);
    const Scenario x = instantiate(s, d);
    const double r = d.values[0];
    REQUIRE(x.monthly(0, 1) == Approx(1 - std::exp(-r)).epsilon(1e-14));
    REQUIRE(x.monthly(0, 0) == Approx(std::exp(-r) - 0.05).epsilon(1e-13));
  }
  REQUIRE_THAT(message({{"parameters", "{p_sick: {value: 'rate_to_prob(r_sick)'}, r_sick: {value: 0.2}}"}}),
               Catch::Contains("a derived parameter may use only parameters declared before it; 'r_sick' comes after"));
  REQUIRE_THAT(message({{"parameters", "{a: {value: 1}, b: {value: 'a * 2', year: 2020}}"}}),
               Catch::Contains("a derived parameter (a formula) takes the price year"));
}

TEST_CASE("transition cells that change over time: cycle, model_time and years", "[healthecon][varying]") {
  const Scenario s = load_scenario(kFile, {{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: '0.1 + 0.05 * cycle'}"}});
  const auto model = compile_model(s);
  for (int t = 0; t < 10; ++t) {
    const auto p = cycle_matrix(s, 0, t);
    REQUIRE(p(1, 2) == Approx(0.1 + 0.05 * t).epsilon(1e-14));
    REQUIRE(p(1, 1) == Approx(0.7 - 0.05 * t).epsilon(1e-13));
    REQUIRE(p(0, 2) == 0.05);
  }
  REQUIRE(model.alternatives[0].transitions.n_matrices >= 10);
  // model_time = cycle + 1 and years = cycle x 12 / 12 with annual cycles.
  const Scenario m = load_scenario(kFile, {{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: '0.02 * model_time + 0.01 * years'}"}});
  REQUIRE(cycle_matrix(m, 0, 3)(1, 2) == Approx(0.02 * 4 + 0.01 * 3).epsilon(1e-14));
  // An alternative's change may vary too: a relative risk fading out over the cycles.
  const Scenario a = load_scenario(kFile, {{"alternatives.behandeling.transitions.0.relative_risk", "'max(1, 2 - 0.25 * cycle)'"},
                                           {"alternatives.behandeling.transitions.0.window", "{from_cycle: 0}"}});
  REQUIRE(cycle_matrix(a, 1, 0)(1, 0) == Approx(0.4).epsilon(1e-14));
  REQUIRE(cycle_matrix(a, 1, 2)(1, 0) == Approx(0.3).epsilon(1e-14));
  REQUIRE(cycle_matrix(a, 1, 5)(1, 0) == Approx(0.2).epsilon(1e-14));
}

TEST_CASE("age from population.age and a step table: background mortality in one cell", "[healthecon][age]") {
  const Scenario s = load_scenario(kFile, {{"population.age", "62"},
                                           {"tables", "{sterfte: {from: [0, 65, 70], value: [0.01, 0.03, 0.08]}}"},
                                           {"transitions.matrix.healthy", "{healthy: rest, sick: 0.1, dead: 'table(sterfte, age)'}"}});
  for (int t = 0; t < 10; ++t) {
    const double age = 62 + t;
    const double q = age < 65 ? 0.01 : age < 70 ? 0.03 : 0.08;
    REQUIRE(cycle_matrix(s, 0, t)(0, 2) == q);
    REQUIRE(cycle_matrix(s, 0, t)(0, 0) == Approx(0.9 - q).epsilon(1e-14));
  }
  Expression::StepTable t{{0, 65, 70}, {0.01, 0.03, 0.08}};
  REQUIRE(t.at(-1) == 0.01);  // below the first: the first value
  REQUIRE(t.at(65) == 0.03);
  REQUIRE(t.at(69.999) == 0.03);
  REQUIRE(t.at(120) == 0.08);  // the last band is open-ended
}

TEST_CASE("time-varying values: what cannot work is refused with the place and the fix", "[healthecon][varying][errors]") {
  REQUIRE_THAT(message({{"transitions.matrix.sick", "{sick: 0.6, healthy: 0.2, dead: '0.2 + 0 * cycle'}"}}),
               Catch::Contains("a cell that changes over time needs a 'rest' cell"));
  REQUIRE_THAT(message({{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: 'table(sterfte, age)'}"},
                        {"tables", "{sterfte: {from: [0], value: [0.01]}}"}}),
               Catch::Contains("'age' needs the cohort's age at the start: give population.age"));
  REQUIRE_THAT(message({{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: 'table(sterfe, 1)'}"}}),
               Catch::Contains("unknown table 'sterfe'"));
  REQUIRE_THAT(message({{"effects.0.amount", "'5000 * cycle'"}}),
               Catch::Contains("'cycle' is a time variable: it may be used in transition cells and changes only"));
  // In range in the first cycle, out of range later: named with the cycle when the model is compiled.
  REQUIRE_THAT(message({{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: '0.1 * model_time'}"}}),
               Catch::Contains("in cycle 8 the other probabilities sum to 1.1 > 1"));
  REQUIRE_THAT(message({{"transitions.matrix.sick", "{sick: rest, healthy: 0.2, dead: '0.5 - 0.1 * cycle'}"}}),
               Catch::Contains("in cycle 6 (model_time 7, years 6) the value is -0.1, outside [0, 1]"));
  REQUIRE_THAT(message({{"tables", "{sterfte: {from: [0, 65, 60], value: [0.01, 0.02, 0.03]}}"}}),
               Catch::Contains("tables.sterfte.from[2]: expected increasing values, found 60 after 65"));
  REQUIRE_THAT(message({{"tables", "{sterfte: {from: [0, 65], value: [0.01]}}"}}),
               Catch::Contains("expected as many values as 'from' entries (2), found 1"));
}
