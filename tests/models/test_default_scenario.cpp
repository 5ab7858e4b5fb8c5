// The shipped default scenario: microsimulation against its own cohort trace, and reproducibility.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/summary.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace mkba;

namespace {
// Without rescreening, so that the cohort trace is an exact oracle (tests/engine/test_rescreening.cpp
// covers rescreening).
Scenario default_scenario() {
  return load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", {{"rescreening", "null"}});
}
}  // namespace

TEST_CASE("default scenario: microsimulation agrees with the cohort trace per state and month", "[models][oracle]") {
  const Scenario s = default_scenario();
  const auto model = compile_model(s, {20000});
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    const auto counts = engine::simulate(model, a, {s.seed, 0}, {2});
    const auto cohort = engine::cohort_trace(model, a);
    for (int t = 0; t <= model.n_cycles; ++t) {
      const double present = static_cast<double>(counts.total(t));
      for (int st = 0; st < model.n_states; ++st) {
        const double expected = cohort.state_total(t, st);
        // Var(count) = sum_i p_i (1 - p_i) <= N pbar (1 - pbar): a conservative standard error.
        const double pbar = expected / present;
        const double se = std::sqrt(present * pbar * (1 - pbar));
        INFO("alternative " << a << ", month " << t << ", state " << model.state_ids[st]);
        REQUIRE(std::abs(static_cast<double>(counts.state_total(t, st)) - expected) <= 4 * se + 1e-9);
      }
    }
  }
}

namespace {
// summary.csv as `mkba run` writes it (from the protected tables).
std::string summary_of(const Scenario& s, const analysis::RunOptions& opt) {
  const auto run = analysis::run(s, opt);
  return report::summary_csv(s, run, report::build_tables(s, run, 10.0));
}
}  // namespace

TEST_CASE("default scenario: same seed, byte-identical summary, other seed, different", "[models][determinism]") {
  const Scenario s = default_scenario();
  analysis::RunOptions opt;
  opt.seed = 11;
  // The caseload's own size, not the shipped 32 simulated persons per person: determinism does not
  // need the precision, and the test runs under the sanitizers in CI.
  opt.persons = 3150;
  opt.iterations = 20;
  const auto a = summary_of(s, opt);
  opt.threads = 2;
  const auto b = summary_of(s, opt);
  opt.seed = 12;
  const auto c = summary_of(s, opt);
  REQUIRE(a == b);
  REQUIRE(a != c);
}

TEST_CASE("default scenario: transfers net to zero and society equals the real effects", "[models][accounting]") {
  const Scenario s = default_scenario();
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  for (const auto& alt : r.alternatives) {
    REQUIRE(analysis::transfer_imbalance(alt.valued) < 1e-6);
    // Society = sum over stakeholders = real items only.
    double real_only = 0;
    for (std::size_t i = 0; i < s.effects.size(); ++i)
      if (!s.effects[i].item.transfer && s.effects[i].item.outcome < 0) real_only += alt.valued.item_total[i];
    REQUIRE(analysis::ncw_society(alt.valued) == Approx(real_only).epsilon(1e-10));
  }
}

// Issue 14: the shipped default simulates 32 persons per person of its caseload (simulation.persons
// 100,800 = 32 x 3,150), so its base run is not Monte Carlo noise (benchmarks/README.md, "Default
// scenario: base-run noise"). A whole multiple: every screened person stands for exactly 32
// simulated persons, and so does the inflow (its monthly counts x 32 are whole), so every
// simulated person weighs exactly 1/32 of a real one. Only compiled here, not simulated.
TEST_CASE("default scenario: 32 simulated persons per person of the caseload, all of equal weight", "[models][default][persons]") {
  const Scenario shipped = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml");
  REQUIRE(shipped.persons);
  REQUIRE(*shipped.persons == 32 * 3150);
  REQUIRE(shipped.start_population() == Approx(3150.0));
  const auto model = compile_model(shipped);
  REQUIRE(model.person_weight == Approx(1.0 / 32).epsilon(1e-12));
  std::int64_t at_start = 0;
  for (const auto& g : model.population)
    if (g.entry_cycle == 0) {
      REQUIRE(g.persons == 32);  // one screened person each
      at_start += g.persons;
    }
  REQUIRE(at_start == 32 * 3150);
}
