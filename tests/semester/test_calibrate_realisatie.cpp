// mkba calibrate --realisatie (issue 16 item 4): the realisatie's monthly moves added to the
// calibration as aggregate counts, pinned against the closed form (moves / months at risk, and the
// Dirichlet posterior mean of a segment), combined with episodes, its refusals, its disclosure, and
// the include loaded and run by a scenario.
#include "temp_path.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/models/calibrate.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/calibration_disclosure.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace mkba;

namespace {

const std::string kDir = std::string(MKBA_TEST_DATA) + "/realisatie/";

// tests/data/realisatie/good.csv: two gemeenten, January (the opening stand) and February.
// February by hand (months at risk = January's stand less February's vertrek):
//   Noordstad uitkering: 400 - 2 = 398 months, 8 to traject, 2 to werk
//   Noordstad traject:   40 months, 2 to uitkering;  Noordstad werk: 20 months, no move
//   Zuiddorp uitkering:  120 months; traject 12; werk 5; no moves
Realisatie good(const Scenario& s) {
  RealisatieReadOptions o;
  o.gemeenten = s.gemeenten;
  for (const auto& st : s.states) o.states.push_back(st.id);
  return read_realisatie_csv(kDir + "good.csv", o);
}

EpisodeData no_episodes(const Scenario& s) {
  EpisodeData none;
  for (const auto& st : s.states) none.states.push_back(st.id);
  return none;
}

}  // namespace

TEST_CASE("calibrate realisatie: months at risk and moves give the closed-form rates", "[calibrate][realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const Realisatie r = good(s);
  const int u = s.state_index("uitkering"), t = s.state_index("traject"), w = s.state_index("werk");

  // One segment: the pooled row is n / M.
  const AggregateEvidence all = realisatie_evidence(r, {});
  CHECK(all.segments == std::vector<std::string>{"alle"});
  CHECK(all.months == 1);
  CHECK(all.exposure[0][static_cast<std::size_t>(u)] == 518);
  const Calibration c = calibrate_episodes(no_episodes(s), {}, {}, CalibrationOptions{}, &all);
  CHECK(c.row(-1, 0, u).exposure == 518);
  CHECK(c.row(-1, 0, u).mle[static_cast<std::size_t>(t)] == Approx(8.0 / 518));
  CHECK(c.row(-1, 0, u).mle[static_cast<std::size_t>(w)] == Approx(2.0 / 518));
  CHECK(c.row(-1, 0, t).exposure == 52);
  CHECK(c.row(-1, 0, t).mle[static_cast<std::size_t>(u)] == Approx(2.0 / 52));
  CHECK(c.row(-1, 0, w).exposure == 25);
  CHECK(c.aggregate_months == 1);

  // By gemeente: each gemeente's row is shrunk toward the pooled one with k = 120 person-months:
  // posterior mean = (k x pooled + n) / (M + k).
  const AggregateEvidence by = realisatie_evidence(r, {"gemeente"});
  REQUIRE(by.segments == std::vector<std::string>{"noordstad", "zuiddorp"});
  CHECK(by.persons == std::vector<std::int64_t>{468, 138});  // the largest caseload of one month
  const Calibration g = calibrate_episodes(no_episodes(s), {}, {}, CalibrationOptions{}, &by);
  REQUIRE(g.segments == by.segments);
  const double pooled = 8.0 / 518, k = 120;
  CHECK(g.row(0, 0, u).exposure == 398);
  CHECK(g.row(0, 0, u).posterior_mean(t) == Approx((k * pooled + 8) / (398 + k)));
  CHECK(g.row(1, 0, u).exposure == 120);
  CHECK(g.row(1, 0, u).posterior_mean(t) == Approx(k * pooled / (120 + k)));
  CHECK(rate_parameter_id(g, 0, 0, u, t) == "p_noordstad_uitkering_traject");
}

TEST_CASE("calibrate realisatie: the counts add to the episodes' and the segments join", "[calibrate][realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  EpisodeReadOptions eo;
  for (const auto& st : s.states) eo.states.push_back(st.id);
  eo.extraction = {2026, 1};
  // One person: 12 months in uitkering (2025-01 .. 2025-12), then traject from 2026-01 (censored).
  const EpisodeData ep = parse_episodes_csv("id,status,begin,einde,volgende_status\n"
                                            "a,uitkering,2025-01,2025-12,traject\n"
                                            "a,traject,2026-01,,\n",
                                            "e.csv", eo);
  const int u = s.state_index("uitkering"), t = s.state_index("traject");
  const AggregateEvidence ev = realisatie_evidence(good(s), {});
  const Calibration c = calibrate_episodes(ep, {0}, {"alle"}, CalibrationOptions{}, &ev);
  CHECK(c.row(-1, 0, u).exposure == 12 + 518);
  CHECK(c.row(-1, 0, u).moves[static_cast<std::size_t>(t)] == 1 + 8);
  CHECK(c.row(-1, 0, u).mle[static_cast<std::size_t>(t)] == Approx(9.0 / 530));
  CHECK(c.segments == std::vector<std::string>{"alle"});
  CHECK(c.episodes_used == 2);
}

TEST_CASE("calibrate realisatie: refused with duration bands or by kwadrant without kwadranten", "[calibrate][realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const Realisatie r = good(s);
  CHECK_THROWS_WITH(realisatie_evidence(r, {"kwadrant"}),
                    Catch::Contains("has no kwadrant column") && Catch::Contains("--by kwadrant"));
  const AggregateEvidence ev = realisatie_evidence(r, {});
  CalibrationOptions banded;
  banded.band_starts = {0, 12};
  CHECK_THROWS_WITH(calibrate_episodes(no_episodes(s), {}, {}, banded, &ev),
                    Catch::Contains("no months in state") && Catch::Contains("duration bands"));
}

TEST_CASE("calibrate realisatie: a gemeente under the threshold is pooled, not published", "[calibrate][realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const AggregateEvidence by = realisatie_evidence(good(s), {"gemeente"});
  const Calibration g = calibrate_episodes(no_episodes(s), {}, {}, CalibrationOptions{}, &by);
  // Zuiddorp's largest caseload is 138 persons: under a threshold of 200 it has no rows of its own.
  const CalibrationHidden h = report::calibration_disclosure(g, 200);
  CHECK_FALSE(h.segment_pooled(0));
  CHECK(h.segment_pooled(1));
  CalibrationSource src;
  src.command = "mkba calibrate --realisatie good.csv --by gemeente";
  src.realisatie_file = "good.csv";
  const std::string yaml = calibration_yaml(&g, nullptr, src, &h);
  CHECK(yaml.find("p_noordstad_uitkering_traject") != std::string::npos);
  CHECK(yaml.find("p_zuiddorp_") == std::string::npos);
  CHECK(calibration_fit_csv(g, &h).find("zuiddorp,,,,x,") != std::string::npos);
}

TEST_CASE("calibrate realisatie: the include is loaded and run by a scenario", "[calibrate][realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const AggregateEvidence ev = realisatie_evidence(good(s), {});
  const Calibration c = calibrate_episodes(no_episodes(s), {}, {}, CalibrationOptions{}, &ev);
  CalibrationSource src;
  src.command = "mkba calibrate --realisatie good.csv --transitions";
  src.realisatie_file = "good.csv";
  src.transitions = true;
  const auto dir = mkba::test::process_temp_path("mkba_test_calibrate_realisatie");
  std::filesystem::create_directories(dir);
  write_text_file((dir / "rates.yaml").string(), calibration_yaml(&c, nullptr, src, nullptr));
  std::ofstream(dir / "scenario.yaml") << R"(include: rates.yaml
meta: {name: herkalibreerd, gemeenten: [Noordstad, Zuiddorp]}
time: {start: 2026-03, horizon_years: 1}
states:
  - {id: uitkering, kind: benefit}
  - {id: traject, kind: trajectory}
  - {id: werk, kind: work}
  - {id: uitstroom, kind: absorbing}
population: {counts: {Noordstad: {uitkering: 400, traject: 46, werk: 22}}}
nulalternatief: {label: Huidig beleid}
effects:
  - {name: bijstand, category: uitkeringen, type: transfer, payer: gemeente, receiver: kandidaat,
     per_month_in: [uitkering, traject], amount: 1345, source: "test [U]"}
)";
  const Scenario sc = load_scenario((dir / "scenario.yaml").string());
  const int u = sc.state_index("uitkering"), t = sc.state_index("traject");
  CHECK(sc.monthly(u, t) == Approx(8.0 / 518).epsilon(1e-7));
  CHECK(sc.monthly(t, u) == Approx(2.0 / 52).epsilon(1e-7));
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const analysis::RunResult r = analysis::run(sc, opt);
  // After the first month the cohort holds 400 x (1 - 10/518) + 46 x 2/52 persons in uitkering.
  REQUIRE(r.alternatives.size() == 1);
  CHECK(r.alternatives[0].trace.state_total(1, u) == Approx(400 * (1 - 10.0 / 518) + 46 * 2.0 / 52));
}
