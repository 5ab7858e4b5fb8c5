// `aow:` reaching the AOW age ends participation (docs/scenario-format.md, "aow"): against a closed
// form (a cohort aged 66 at the start with AOW at 67 leaves exactly at month 12), the cohort trace
// and the microsimulation agreeing, and the errors for what cannot work.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kFile = std::string(MKBA_TEST_DATA) + "/aow.yaml";
constexpr int kUitkering = 0, kWerk = 1, kOverleden = 2, kAow = 3;

std::string message(const std::vector<Override>& o) {
  try {
    const Scenario s = load_scenario(kFile, o);
    compile_model(s);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// The expected persons per state at the start of month t without the AOW exit (the scenario's
// monthly matrix, by hand).
std::array<double, 4> without_aow(int t) {
  std::array<double, 4> x{600, 400, 0, 0};
  for (int k = 0; k < t; ++k) {
    const double u = x[0], w = x[1];
    x = {u * 0.94 + w * 0.02, u * 0.05 + w * 0.98, x[2] + u * 0.01, x[3]};
  }
  return x;
}

}  // namespace

TEST_CASE("aged 66 with AOW at 67: everybody still participating leaves to the AOW state at month 12", "[aow]") {
  const Scenario s = load_scenario(kFile);
  REQUIRE(s.aow);
  REQUIRE(s.aow->age == 67);
  REQUIRE(s.aow->state == kAow);
  const auto m = compile_model(s);
  const auto tr = engine::cohort_trace(m, 0);
  for (int t = 0; t <= 11; ++t) {
    const auto x = without_aow(t);
    REQUIRE(tr.state_total(t, kAow) == 0.0);
    REQUIRE(tr.state_total(t, kUitkering) == Approx(x[kUitkering]).epsilon(1e-12));
    REQUIRE(tr.state_total(t, kOverleden) == Approx(x[kOverleden]).epsilon(1e-12).margin(1e-12));
  }
  const auto x11 = without_aow(11);
  for (int t = 12; t <= m.n_cycles; ++t) {
    REQUIRE(tr.state_total(t, kUitkering) == 0.0);
    REQUIRE(tr.state_total(t, kWerk) == 0.0);
    REQUIRE(tr.state_total(t, kOverleden) == Approx(x11[kOverleden]).epsilon(1e-12));  // nobody dies at the exit
    REQUIRE(tr.state_total(t, kAow) == Approx(x11[kUitkering] + x11[kWerk]).epsilon(1e-12));
  }

  // The microsimulation: the same month, exactly, for every simulated person; any thread count.
  const auto one = engine::simulate(m, 0, {7, 1}, {1});
  const auto two = engine::simulate(m, 0, {7, 1}, {2});
  REQUIRE(one.occupancy == two.occupancy);
  REQUIRE(one.transitions == two.transitions);
  REQUIRE(one.state_total(11, kAow) == 0);
  REQUIRE(one.state_total(12, kUitkering) + one.state_total(12, kWerk) == 0);
  REQUIRE(one.state_total(12, kAow) == one.state_total(11, kUitkering) + one.state_total(11, kWerk));
  REQUIRE(one.state_total(12, kOverleden) == one.state_total(11, kOverleden));
  REQUIRE(one.state_total(m.n_cycles, kAow) + one.state_total(m.n_cycles, kOverleden) == 1000);
  REQUIRE(one.state_total(12, kAow) > 900);  // ~ 1000 - 11 months of 1 % deaths among the uitkering
}

TEST_CASE("the AOW exit is valued through the ordinary effects: a one-off on the move, no benefit after it", "[aow]") {
  const Scenario s = load_scenario(kFile);
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.discount_rate = 0.0;
  const auto r = analysis::run(s, opt);
  const auto ncw = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  auto of = [&](const std::string& id) {
    for (std::size_t i = 0; i < s.stakeholders.size(); ++i)
      if (s.stakeholders[i] == id) return ncw[i];
    FAIL("no stakeholder " << id);
    return 0.0;
  };
  double months_on_benefit = 0;  // counted at the start of each month: months 0..11 only
  for (int t = 0; t < 12; ++t) months_on_benefit += without_aow(t)[kUitkering];
  const auto x11 = without_aow(11);
  REQUIRE(of("gemeente") == Approx(-1000 * months_on_benefit).epsilon(1e-10));
  REQUIRE(of("rijk") == Approx(-(x11[kUitkering] + x11[kWerk])).epsilon(1e-10));  // 1 euro per AOW exit
  REQUIRE(of("kandidaat") == Approx(1000 * months_on_benefit + x11[kUitkering] + x11[kWerk]).epsilon(1e-10));
}

TEST_CASE("the AOW age within a cycle: annual cycles leave in the cycle in which the age is reached", "[aow]") {
  const Scenario s = load_scenario(kFile, {{"time.cycle", "year"}, {"population.age", "66.5"}});
  const auto p = cycle_matrix(s, 0, 0);
  // Five months of the monthly matrix, then the exit in the sixth (at whose end the age is 67), as
  // at month 12 above: who is alive after five months leaves.
  const double died = without_aow(5)[kOverleden];
  REQUIRE(p(kUitkering, kUitkering) == 0.0);
  REQUIRE(p(kUitkering, kWerk) == 0.0);
  REQUIRE(600 * p(kUitkering, kOverleden) + 400 * p(kWerk, kOverleden) == Approx(died).epsilon(1e-12));
  REQUIRE(p(kUitkering, kAow) + p(kUitkering, kOverleden) == Approx(1.0).epsilon(1e-14));
  REQUIRE(p(kOverleden, kOverleden) == 1.0);  // absorbing states stay
  // Younger than AOW age - horizon: the exit never comes.
  const Scenario young = load_scenario(kFile, {{"population.age", "40"}});
  const auto tr = engine::cohort_trace(compile_model(young), 0);
  REQUIRE(tr.state_total(tr.n_cycles, kAow) == 0.0);
}

TEST_CASE("aow: errors name the key and what was expected", "[aow]") {
  REQUIRE_THAT(message({{"aow", "{age: 67, to: werk}"}}),
               Catch::Contains("aow.to") && Catch::Contains("expected an exit (a state of kind absorbing), found 'werk'"));
  REQUIRE_THAT(message({{"aow", "{age: 67, to: uitstroom_aov}"}}),
               Catch::Contains("expected a declared state, found 'uitstroom_aov' (did you mean 'uitstroom_aow'?)"));
  REQUIRE_THAT(message({{"aow", "{age: 167, to: uitstroom_aow}"}}), Catch::Contains("aow.age"));
  REQUIRE_THAT(message({{"aow", "{age: 67}"}}), Catch::Contains("aow"));
  REQUIRE_THAT(message({{"population", "{counts: {uitkering: 10}}"}}),
               Catch::Contains("the AOW exit needs the persons' age at the start: give population.age"));
  REQUIRE_THAT(message({{"aow", "{age: 67, to: uitstroom_aow, leeftijd: 3}"}}), Catch::Contains("unknown key 'leeftijd'"));
}
