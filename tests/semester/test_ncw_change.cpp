// The NCW change between two reports split by cause (issue 16 item 4, report/ncw_change.hpp):
// in cohort mode, a change of values only is attributed entirely to "waarden", of rates only to
// "kansen", of the discount rate only to "methode", of the realisatie only to "data", and the
// steps add up to the total change exactly; a hidden NCW hides its row's steps.
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/ncw_change.hpp>
#include <mkba/report/report_options.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

using namespace mkba;

namespace {

const std::string kScenario = std::string(MKBA_TEST_DATA) + "/realisatie/semester.yaml";

struct Report {
  Scenario s;
  analysis::RunResult r;
  report::ReportTables t;
};

analysis::RunOptions cohort() {
  analysis::RunOptions o;
  o.mode = analysis::Mode::cohort;
  o.iterations = 1;
  return o;
}

Report make(const std::vector<Override>& overrides, double threshold = 10) {
  Report p{load_scenario(kScenario, overrides), {}, {}};
  p.r = analysis::run(p.s, cohort());
  p.t = report::build_tables(p.s, p.r, threshold);
  return p;
}

report::PreviousBasis basis_of(const Report& p) {
  return {"previous/manifest.json", "2026-H1", report::ncw_basis_json(p.s, p.r, p.t.summary)};
}

// The steps of alternative a (0 = nul) and its previous and current NCW.
struct Steps {
  double previous = 0, data = 0, kansen = 0, waarden = 0, methode = 0, current = 0;
};

Steps steps_of(const report::NcwChange& c, std::size_t a) {
  REQUIRE(c.failure.empty());
  REQUIRE(c.previous[a]);
  const auto& b = c.rebuilt[a];
  return {*c.previous[a], b[0] - *c.previous[a], b[1] - b[0], b[2] - b[1], c.current[a] - b[2], c.current[a]};
}

void check_sum(const Steps& s) {
  const double total = s.current - s.previous;
  CHECK(s.data + s.kansen + s.waarden + s.methode == Approx(total).margin(1e-6));
}

report::NcwChange change(const Report& previous, const Report& current) {
  return report::ncw_change(current.s, current.r, cohort(), basis_of(previous));
}

}  // namespace

TEST_CASE("ncw change: the same inputs give no change in any step", "[ncw_change]") {
  const Report p = make({});
  const report::NcwChange c = change(p, p);
  for (std::size_t a = 0; a < 2; ++a) {
    const Steps s = steps_of(c, a);
    CHECK(s.data == Approx(0).margin(1e-6));
    CHECK(s.kansen == Approx(0).margin(1e-6));
    CHECK(s.waarden == Approx(0).margin(1e-6));
    CHECK(s.methode == Approx(0).margin(1e-6));
  }
}

TEST_CASE("ncw change: only an amount changed goes to waarden", "[ncw_change]") {
  const Report p = make({});
  const Report q = make({parse_override("effects.2.amount=3100")});
  const report::NcwChange c = change(p, q);
  for (std::size_t a = 0; a < 2; ++a) {
    const Steps s = steps_of(c, a);
    CHECK(std::abs(s.current - s.previous) > 1000);
    CHECK(s.waarden == Approx(s.current - s.previous).margin(1e-6));
    CHECK(s.data == Approx(0).margin(1e-6));
    CHECK(s.kansen == Approx(0).margin(1e-6));
    CHECK(s.methode == Approx(0).margin(1e-6));
    check_sum(s);
  }
}

TEST_CASE("ncw change: only a transition rate changed goes to kansen", "[ncw_change]") {
  const Report p = make({});
  // A parameter read by the matrix and a literal cell of the matrix, together.
  const Report q = make({parse_override("parameters.kans_werk.mean=0.03"),
                         parse_override("transitions.matrix.traject.werk=0.06")});
  const report::NcwChange c = change(p, q);
  for (std::size_t a = 0; a < 2; ++a) {
    const Steps s = steps_of(c, a);
    CHECK(std::abs(s.current - s.previous) > 1000);
    CHECK(s.kansen == Approx(s.current - s.previous).margin(1e-6));
    CHECK(s.data == Approx(0).margin(1e-6));
    CHECK(s.waarden == Approx(0).margin(1e-6));
    CHECK(s.methode == Approx(0).margin(1e-6));
    check_sum(s);
  }
  // The alternative's relative risk is a rate too: the difference with the nul moves in kansen.
  const Report r = make({parse_override("parameters.rr_trajecten.value=2")});
  const report::NcwChange d = change(p, r);
  const Steps s = steps_of(d, 1);
  CHECK(s.kansen == Approx(s.current - s.previous).margin(1e-6));
  CHECK(steps_of(d, 0).kansen == Approx(0).margin(1e-6));  // the nul does not use it
}

TEST_CASE("ncw change: the discount rate and horizon go to methode, a realisatie to data", "[ncw_change]") {
  const Report p = make({});
  const Report q = make({parse_override("discounting.rate=0.04"), parse_override("time.horizon_years=3")});
  const report::NcwChange c = change(p, q);
  const Steps s = steps_of(c, 0);
  CHECK(s.methode == Approx(s.current - s.previous).margin(1e-6));
  CHECK(s.data + s.kansen + s.waarden == Approx(0).margin(1e-6));

  // A realisatie moves the start and the population: data; with an amount changed too, each
  // group keeps its own part and the steps still add up.
  Report r{load_scenario(kScenario, {parse_override("effects.2.amount=3100")}), {}, {}};
  apply_realisatie_file(r.s, std::string(MKBA_TEST_DATA) + "/realisatie/good.csv");
  r.r = analysis::run(r.s, cohort());
  r.t = report::build_tables(r.s, r.r, 10);
  const report::NcwChange d = change(p, r);
  for (std::size_t a = 0; a < 2; ++a) {
    const Steps t = steps_of(d, a);
    CHECK(std::abs(t.data) > 1000);
    CHECK(std::abs(t.waarden) > 1000);
    CHECK(t.kansen == Approx(0).margin(1e-6));
    CHECK(t.methode == Approx(0).margin(1e-6));
    check_sum(t);
  }
  // The data step is exactly the change with only the realisatie applied.
  Report only{load_scenario(kScenario), {}, {}};
  apply_realisatie_file(only.s, std::string(MKBA_TEST_DATA) + "/realisatie/good.csv");
  only.r = analysis::run(only.s, cohort());
  CHECK(steps_of(d, 0).data == Approx(analysis::ncw_society(only.r.alternatives[0].valued) - *d.previous[0]).margin(1e-6));
}

TEST_CASE("ncw change: the table, its sum and its disclosure", "[ncw_change]") {
  const Report p = make({});
  const Report q = make({parse_override("effects.2.amount=3100"), parse_override("parameters.kans_werk.mean=0.03")});
  const report::NcwChange c = change(p, q);
  const report::Table t = report::ncw_change_table(c, q.t.summary, report::Lang::nl);
  REQUIRE(t.rows.size() == 3);  // two alternatives and the difference
  REQUIRE(t.columns.size() == 6);
  CHECK(t.columns[1] == "Data");
  CHECK(t.note.find("Volgorde van de stappen: data, kansen, waarden, methode") != std::string::npos);
  for (const auto& row : t.cells) {
    double sum = row[0].value;
    for (std::size_t k = 1; k <= 4; ++k) sum += row[k].value;
    CHECK(sum == Approx(row[5].value).margin(1e-6));
  }
  // The difference row is the alternative's row minus the nul's, step by step.
  for (std::size_t k = 0; k < 6; ++k) CHECK(t.cells[2][k].value == Approx(t.cells[1][k].value - t.cells[0][k].value).margin(1e-6));

  // A previous report that hid its NCW (stored as null): the row's steps are hidden.
  auto j = nlohmann::json::parse(basis_of(p).json);
  j["ncw"][1]["ncw"] = nullptr;
  const report::PreviousBasis hidden{"previous/manifest.json", "2026-H1", j.dump()};
  const report::Table h = report::ncw_change_table(report::ncw_change(q.s, q.r, cohort(), hidden), q.t.summary, report::Lang::nl);
  for (std::size_t k = 0; k <= 4; ++k) CHECK(h.cells[1][k].suppressed);
  CHECK_FALSE(h.cells[1][5].suppressed);
  CHECK_FALSE(h.cells[0][1].suppressed);

  // The manifest's basis holds no NCW the report hides: a threshold above the caseload hides it.
  const Report small = make({}, 1e6);
  const auto b = nlohmann::json::parse(report::ncw_basis_json(small.s, small.r, small.t.summary));
  CHECK(small.t.summary.cells[0][0].suppressed);
  CHECK(b["ncw"][0]["ncw"].is_null());
}
