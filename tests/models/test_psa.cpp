// PSA oracles: a model linear in a parameter, identical alternatives under common random numbers,
// EVPI when one alternative always wins, and reproducibility whatever the number of threads.
#include "temp_path.hpp"

#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

using namespace mkba;

namespace {
// Two alternatives; everyone stays in uitkering (absorbing-like row); the benefit amount is a
// parameter. NCW is linear in it: N x amount x annuity-due.
std::string write_linear(const std::string& extra_alternative) {
  std::string text = R"(meta: {name: linear}
time: {start: 2026-01, horizon_years: 2}
states:
  - {id: uitkering, kind: benefit}
  - {id: werk, kind: work}
parameters:
  bedrag: {distribution: normal, mean: 1000, sd: 100}
population: {counts: {uitkering: 10}}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {uitkering: 1.0}
    werk: {werk: 1.0}
)" + extra_alternative + R"(
effects:
  - {name: bijstand, category: uitkeringen, type: real, payer: gemeente, per_month_in: [uitkering], amount: bedrag}
simulation: {seed: 3}
)";
  // A file per content (ctest runs test cases as parallel processes).
  const auto path = mkba::test::process_temp_path("mkba-test-psa-" + std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST_CASE("PSA mean of a model linear in a parameter matches the analytic expectation", "[analysis][psa]") {
  const auto s = load_scenario(write_linear(""));
  analysis::RunOptions opt;
  opt.iterations = 400;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  REQUIRE(r.psa.size() == 400);
  const double vm = std::pow(1.0225, -1.0 / 12);
  const double annuity = (1 - std::pow(vm, 24)) / (1 - vm);
  std::vector<double> ncw;
  for (const auto& it : r.psa) {
    double sum = 0;
    for (double x : it.alternatives[0].ncw) sum += x;
    ncw.push_back(sum);
  }
  const auto d = analysis::describe(ncw);
  const double expected = -10 * 1000 * annuity, sd = 10 * 100 * annuity;
  REQUIRE(std::abs(d.mean - expected) < 4 * sd / std::sqrt(400.0));
  // Base case uses the base value exactly.
  REQUIRE(analysis::ncw_society(r.alternatives[0].valued) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("identical alternatives differ by exactly zero, EVPI is zero when one always wins", "[analysis][psa]") {
  const auto same = load_scenario(write_linear("alternatives:\n  kopie: {label: kopie}\n"));
  analysis::RunOptions opt;
  opt.iterations = 30;
  const auto r = analysis::run(same, opt);
  const auto ind = analysis::psa_indicators(same, r);
  REQUIRE(ind.alternatives[0].society.mean == 0.0);
  REQUIRE(ind.alternatives[0].society.p5 == 0.0);
  REQUIRE(ind.alternatives[0].society.p95 == 0.0);
  REQUIRE(ind.evpi == 0.0);

  // An alternative that moves everyone to work in month 0 saves the (uncertain) benefit every time.
  const auto better = load_scenario(write_linear(
      "alternatives:\n  werk:\n    transitions:\n      - {from: uitkering, to: werk, probability: 1.0}\n"));
  const auto r2 = analysis::run(better, opt);
  const auto ind2 = analysis::psa_indicators(better, r2);
  REQUIRE(ind2.alternatives[0].society.p_positive == 1.0);
  REQUIRE(ind2.evpi == Approx(0.0).margin(1e-6));
}

TEST_CASE("PSA results do not depend on the number of threads", "[analysis][psa][determinism]") {
  const auto s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml",
                               {{"simulation.persons", "2000"}});
  analysis::RunOptions opt;
  opt.iterations = 6;
  opt.threads = 1;
  const auto one = analysis::run(s, opt);
  opt.threads = 2;
  const auto two = analysis::run(s, opt);
  for (std::size_t k = 0; k < one.psa.size(); ++k)
    for (std::size_t a = 0; a < one.psa[k].alternatives.size(); ++a)
      REQUIRE(one.psa[k].alternatives[a].ncw == two.psa[k].alternatives[a].ncw);
}

TEST_CASE("parameter quantiles and draws follow their distributions", "[models][parameters]") {
  ParameterSpec beta;
  beta.distribution = Distribution::beta;
  beta.a = 0.6;
  beta.b = 0.1;
  REQUIRE(parameter_quantile(beta, 0.5) == Approx(0.6).margin(0.01));
  ParameterSpec uni;
  uni.distribution = Distribution::uniform;
  uni.a = 2000;
  uni.b = 6000;
  REQUIRE(parameter_quantile(uni, 0.05) == Approx(2200));
  REQUIRE(parameter_quantile(uni, 0.95) == Approx(5800));
}

TEST_CASE("one-way sensitivity of a parameter the model is linear in is linear", "[analysis][sensitivity]") {
  const auto s = load_scenario(write_linear(
      "alternatives:\n  werk:\n    transitions:\n      - {from: uitkering, to: werk, probability: 1.0}\n"));
  analysis::RunOptions opt;
  const auto bars = analysis::one_way(s, opt);
  REQUIRE(bars.size() == 1);
  const auto& b = bars[0];
  REQUIRE(b.low_value == Approx(1000 - 1.6448536 * 100).epsilon(1e-6));
  // Everyone leaves uitkering at the end of month 0: the saving is 10 x amount x (annuity - 1).
  const double vm = std::pow(1.0225, -1.0 / 12);
  const double annuity = (1 - std::pow(vm, 24)) / (1 - vm);
  REQUIRE(b.low[0] == Approx(10 * b.low_value * (annuity - 1)).epsilon(1e-10));
  REQUIRE(b.high[0] == Approx(10 * b.high_value * (annuity - 1)).epsilon(1e-10));
  // Discount-rate variants re-value the same flows: a higher rate, a smaller saving.
  auto with_rates = s;
  with_rates.sensitivity_rates = {0.0, 0.0225, 0.05};
  const auto base = analysis::run(with_rates, opt);
  const auto variants = analysis::discount_variants(with_rates, base);
  REQUIRE(variants[0].society[0] == Approx(10 * 1000 * 23).epsilon(1e-12));
  REQUIRE(variants[1].society[0] > variants[2].society[0]);
}

namespace {
// Three uncertain parameters and an uncertain row, the parameters declared in the given order.
std::string write_ordered(const std::vector<std::string>& order) {
  const std::map<std::string, std::string> decl = {
      {"bedrag", "  bedrag: {distribution: normal, mean: 1000, sd: 100}\n"},
      {"kans_werk", "  kans_werk: {distribution: beta, mean: 0.05, sd: 0.01}\n"},
      {"loon", "  loon: {distribution: gamma, mean: 2000, sd: 200}\n"}};
  std::string params;
  for (const auto& id : order) params += decl.at(id);
  const std::string text = "meta: {name: ordered}\ntime: {start: 2026-01, horizon_years: 2}\n"
                           "states:\n  - {id: uitkering, kind: benefit}\n  - {id: werk, kind: work}\n"
                           "parameters:\n" + params +
                           R"(population: {counts: {uitkering: 200}}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {werk: kans_werk, uitkering: rest}
    werk: {uitkering: 0.02, werk: 0.98}
  dirichlet: {werk: 300}
effects:
  - {name: bijstand, category: uitkeringen, type: real, payer: gemeente, per_month_in: [uitkering], amount: bedrag}
  - {name: productie, category: loonkosten_productie, type: real, receiver: werkgever, per_month_in: [werk], amount: loon}
simulation: {seed: 11}
)";
  const auto path = mkba::test::process_temp_path("mkba-test-psa-order-" + std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

// Issue 19: parameter streams are keyed by id, so the order of declaration changes nothing.
TEST_CASE("PSA: reordering parameter declarations gives identical draws and results", "[analysis][psa][issue19]") {
  const auto a = load_scenario(write_ordered({"bedrag", "kans_werk", "loon"}));
  const auto b = load_scenario(write_ordered({"loon", "bedrag", "kans_werk"}));
  REQUIRE(a.parameters[0].id != b.parameters[0].id);
  for (std::uint32_t it = 0; it < 5; ++it) {
    const auto da = draw_parameters(a, 99, it), db = draw_parameters(b, 99, it);
    for (std::size_t i = 0; i < a.parameters.size(); ++i) {
      const auto j = static_cast<std::size_t>(std::find_if(b.parameters.begin(), b.parameters.end(),
                                                           [&](const auto& p) { return p.id == a.parameters[i].id; }) -
                                              b.parameters.begin());
      REQUIRE(j < b.parameters.size());
      CHECK(da.values[i] == db.values[j]);
    }
    CHECK(da.rows == db.rows);
  }
  analysis::RunOptions opt;
  opt.iterations = 6;
  const auto ra = analysis::run(a, opt), rb = analysis::run(b, opt);
  REQUIRE(ra.psa.size() == rb.psa.size());
  for (std::size_t k = 0; k < ra.psa.size(); ++k) CHECK(ra.psa[k].alternatives[0].ncw == rb.psa[k].alternatives[0].ncw);
  // Different parameters do get different streams.
  CHECK(parameter_stream("bedrag") != parameter_stream("loon"));
}

// Issue 19: benefit/cost and break-even are defined once (analysis::difference_indicators), for the
// report's base-case table and for every PSA iteration alike.
TEST_CASE("difference indicators: benefits and costs per category of society's balance, break-even year", "[analysis][indicators][issue19]") {
  Scenario s;
  s.stakeholders = {"gemeente", "kandidaat"};
  s.categories = {"productie", "begeleiding", "uitkeringen"};
  analysis::AlternativeSummary x, nul;
  // [stakeholder * 3 + category]; uitkeringen is a transfer: +10 for one, -10 for the other.
  x.ncw = {100, -30, 10, 0, 0, -10};
  nul.ncw = {0, 0, 0, 0, 0, 0};
  x.society_by_year = {-50, 20, 40};
  nul.society_by_year = {0, 0, 0};
  auto d = analysis::difference_indicators(s, x, nul);
  CHECK(d.society == Approx(70));
  CHECK(d.benefits == Approx(100));
  CHECK(d.costs == Approx(30));
  REQUIRE(d.benefit_cost_ratio);
  CHECK(*d.benefit_cost_ratio == Approx(100.0 / 30.0));
  CHECK(d.break_even_year == 3);  // cumulative -50, -30, +10
  x.society_by_year = {10, -20, 30};  // cumulative 10, -10, 20: positive from year 3 on
  CHECK(analysis::difference_indicators(s, x, nul).break_even_year == 3);
  x.society_by_year = {10, 5, 1};
  CHECK(analysis::difference_indicators(s, x, nul).break_even_year == 1);
  x.society_by_year = {-1, -1, 3};  // cumulative -1, -2, +1
  CHECK(analysis::difference_indicators(s, x, nul).break_even_year == 3);
  x.society_by_year = {-1, -1, -1};
  CHECK(analysis::difference_indicators(s, x, nul).break_even_year == 4);  // never: horizon + 1
  // Nothing costs more: the ratio is undefined, not 0.
  x.ncw = {100, 0, 0, 0, 0, 0};
  CHECK_FALSE(analysis::difference_indicators(s, x, nul).benefit_cost_ratio);
}
