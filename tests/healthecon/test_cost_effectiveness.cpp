// The incremental table (dampack's calculate_icers), net monetary benefit and the CEAC.
#include <mkba/analysis/cost_effectiveness.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/cost_effectiveness_csv.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace mkba;
using analysis::CeStatus;

TEST_CASE("incremental table: strong and extended dominance as dampack's calculate_icers", "[healthecon][icer]") {
  // A 0/0, B 100/0.5, C 250/1.2, D 200/1.5, E 300/1.6. In cost order A, B, D, C, E: C is dominated
  // by D (more costly, less effective); of A, B, D, E the ICERs are 200, 100, 1000, so B (200 > 100)
  // is extendedly dominated; then A -> D 133.33, D -> E 1000.
  const auto t = analysis::calculate_icers({0, 100, 250, 200, 300}, {0, 0.5, 1.2, 1.5, 1.6});
  REQUIRE(t.size() == 5);
  REQUIRE(t[0].alternative == 0);
  REQUIRE(std::isnan(t[0].icer));
  REQUIRE(t[0].status == CeStatus::non_dominated);
  REQUIRE(t[1].alternative == 3);
  REQUIRE(t[1].inc_cost == 200);
  REQUIRE(t[1].inc_effect == 1.5);
  REQUIRE(t[1].icer == Approx(200 / 1.5).epsilon(1e-15));
  REQUIRE(t[2].alternative == 4);
  REQUIRE(t[2].icer == Approx(1000).epsilon(1e-12));
  REQUIRE(t[3].alternative == 1);
  REQUIRE(t[3].status == CeStatus::extended_dominance);
  REQUIRE(std::isnan(t[3].icer));
  REQUIRE(t[4].alternative == 2);
  REQUIRE(t[4].status == CeStatus::dominated);
}

TEST_CASE("incremental table: equal effects are dominated, extended dominance repeats", "[healthecon][icer]") {
  // B costs more for the same effect: dominated (dampack: effect <= a cheaper one's).
  auto t = analysis::calculate_icers({10, 20}, {1, 1});
  REQUIRE(t[0].alternative == 0);
  REQUIRE(t[1].status == CeStatus::dominated);
  // ICERs 100, 90, 80, 1000 in cost order: the first pass marks the 2nd and 3rd; then 0 -> 3.
  t = analysis::calculate_icers({0, 100, 190, 270, 1270}, {0, 1, 2, 3, 4});
  REQUIRE(t[0].alternative == 0);
  REQUIRE(t[1].alternative == 3);
  REQUIRE(t[1].icer == Approx(90).epsilon(1e-15));
  REQUIRE(t[2].alternative == 4);
  REQUIRE(t[2].icer == Approx(1000).epsilon(1e-15));
  REQUIRE(t[3].status == CeStatus::extended_dominance);
  REQUIRE(t[4].status == CeStatus::extended_dominance);
  // One alternative: the reference alone.
  t = analysis::calculate_icers({5}, {1});
  REQUIRE(t.size() == 1);
  REQUIRE(std::isnan(t[0].icer));
}

TEST_CASE("net monetary benefit and the CEAC over a PSA", "[healthecon][ceac]") {
  // The THR example over 20 years with an uncertain hazard ratio of NP1.
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/examples/briggs-thr.yaml",
                                   {{"time.horizon_years", "20"},
                                    {"parameters.ln_rr_np1", "{distribution: normal, mean: -1.344474, sd: 1.2}"},
                                    {"cost_effectiveness.thresholds", "[0, 2000, 1000000000]"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 40;
  const auto r = analysis::run(s, opt);
  const auto ce = analysis::cost_effectiveness(s, r);
  REQUIRE(ce.ceac.size() == 3);
  int np1_more_effective = 0;
  double mean_cost = 0;
  for (const auto& it : r.psa) {
    const double e0 = analysis::ce_effect(s, it.alternatives[0]), e1 = analysis::ce_effect(s, it.alternatives[1]);
    if (e1 > e0) ++np1_more_effective;
    mean_cost += analysis::ce_cost(s, it.alternatives[1]);
    // NP1's prosthesis costs 185 more and saves at most a few revisions of 5294 x P(revision).
    REQUIRE(analysis::ce_cost(s, it.alternatives[1]) > analysis::ce_cost(s, it.alternatives[0]));
  }
  REQUIRE(ce.psa_cost[1] == Approx(mean_cost / 40).epsilon(1e-12));
  for (const auto& row : ce.ceac) REQUIRE(row[0] + row[1] == Approx(1.0).epsilon(1e-12));
  REQUIRE(ce.ceac[0][0] == Approx(1.0));  // at 0 per QALY the cheaper standard always wins
  REQUIRE(ce.ceac[2][1] == Approx(np1_more_effective / 40.0).epsilon(1e-12));  // effects alone
  REQUIRE(np1_more_effective > 0);
  REQUIRE(np1_more_effective < 40);
  // A hypothetical cohort: published without disclosure control (--onbeschermd), hidden at 10.
  const auto unprotected = report::build_tables(s, r, 0.0);
  REQUIRE_THAT(report::ceac_csv(s, ce, unprotected), Catch::StartsWith("threshold,alternative,probability\n0,nulalternatief,1\n0,np1,0\n2000,"));
  REQUIRE_THAT(report::ceac_csv(s, ce, report::build_tables(s, r, 10.0)),
               Catch::StartsWith("threshold,alternative,probability\n0,nulalternatief,x\n0,np1,x\n2000,"));
  // NMB of the base case.
  REQUIRE(ce.nmb[0][1] == Approx(2000 * ce.effect[0] - ce.cost[0]).epsilon(1e-15));
}

TEST_CASE("kosteneffectiviteit.csv, ceac.csv and uitkomsten.csv carry full precision", "[healthecon][csv]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/examples/briggs-thr.yaml");
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto ce = analysis::cost_effectiveness(s, r);
  const auto unprotected = report::build_tables(s, r, 0.0);
  const std::string table = report::cost_effectiveness_csv(s, ce, unprotected);
  REQUIRE_THAT(table, Catch::StartsWith("alternative,cost,effect,incremental_cost,incremental_effect,icer,status,"
                                        "nmb_20000,nmb_30000\nnulalternatief,512.43465834"));
  REQUIRE_THAT(table, Catch::Contains("\nnp1,610.3118177"));
  REQUIRE_THAT(table, Catch::Contains(",2198.48666"));
  REQUIRE_THAT(table, Catch::Contains(",ND,"));
  // The value read back equals the computed one to the last bit (17 significant digits).
  const auto at = table.find("nulalternatief,") + 15;
  REQUIRE(std::stod(table.substr(at, table.find(',', at) - at)) == ce.cost[0]);
  // A hypothetical cohort of one patient (expected values: fractions of a person): published with the
  // disclosure control off (--onbeschermd, docs/examples.md), hidden at the default 10.
  REQUIRE_THAT(report::outcomes_csv(s, r, report::build_tables(s, r, 10.0)), Catch::Contains("nulalternatief,qaly,x"));
  REQUIRE_THAT(report::outcomes_csv(s, r, report::build_tables(s, r, 0.0)), Catch::StartsWith("alternative,outcome,base_case\nnulalternatief,qaly,14.6531896"));
  REQUIRE(report::ceac_csv(s, ce, unprotected) == "threshold,alternative,probability\n");  // no PSA: no curve
  // At the default threshold the cohort of one patient hides cost and effect of both alternatives:
  // every cell "x", the incremental columns and the status withheld, rows in scenario order.
  REQUIRE(report::cost_effectiveness_csv(s, ce, report::build_tables(s, r, 10.0)) ==
          "alternative,cost,effect,incremental_cost,incremental_effect,icer,status,nmb_20000,nmb_30000\n"
          "nulalternatief,x,x,x,x,x,x,x,x\nnp1,x,x,x,x,x,x,x,x\n");
}
