// Issue 19: per-kwadrant.csv, summary.csv and `mkba compare` publish the report's protected cells, so
// every file hides what the report hides. Before the fix these three were written from the raw
// results: a kwadrant of a few persons, or a region cell the report hides, was printed in full
// (tests/report/audit_disclosure.py shows the old compare CSV giving away hidden verdeling cells).
#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/accounting_report.hpp>
#include <mkba/report/cost_effectiveness_csv.hpp>
#include <mkba/report/per_period.hpp>
#include <mkba/report/psa_summary.hpp>
#include <mkba/report/summary.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace mkba;

namespace {

struct Fixture {
  Scenario s;
  analysis::RunResult r;
  report::ReportTables t;
};

const Fixture& tiny() {
  static const Fixture f = [] {
    Fixture x;
    x.s = load_scenario(std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml", {{"rescreening", "null"}});
    analysis::RunOptions opt;
    opt.mode = analysis::Mode::cohort;
    x.r = analysis::run(x.s, opt);
    x.t = report::build_tables(x.s, x.r, 10.0);
    return x;
  }();
  return f;
}

bool same(const report::Cell& a, const report::Cell& b) {
  return a.suppressed == b.suppressed && a.value == Approx(b.value).margin(1e-6).epsilon(1e-9);
}

}  // namespace

TEST_CASE("per-kwadrant: the total row is the comparison's and the verdelingstabel's cells, kwadranten hidden with their persons",
          "[report][disclosure][issue19]") {
  const auto& f = tiny();
  const std::size_t A = f.s.alternatives.size(), SH = f.s.stakeholders.size(), S = f.s.segments.size();
  REQUIRE(S == 5);
  REQUIRE(f.t.segments.size() == 2 * A - 1);
  REQUIRE(f.t.per_kwadrant.size() == f.t.segments.size());
  int hidden = 0;
  for (std::size_t i = 0; i < f.t.segments.size(); ++i) {
    const auto& res = f.t.segments[i];
    const auto& tab = f.t.per_kwadrant[i];
    REQUIRE(tab.cells.size() == S + 1);
    for (std::size_t k = 0; k <= SH; ++k) {
      const report::Cell& total = tab.cells[S][k];
      const report::Cell& there = res.difference ? f.t.verdeling[static_cast<std::size_t>(res.alternative - 1)].cells.back()[k]
                                                 : f.t.comparison.cells[k][static_cast<std::size_t>(res.alternative)];
      CHECK(same(total, there));
      // The analysis' own number for the same cell (per_segment's total row).
      CHECK(total.value == Approx(res.base[S][k]).margin(1e-6));
    }
    for (std::size_t seg = 0; seg < S; ++seg)
      for (const auto& c : tab.cells[seg]) hidden += c.suppressed ? 1 : 0;
  }
  CHECK(hidden > 0);  // some kwadrant cells of this small extract rest on fewer than 10 persons
  // The CSV prints exactly those: "x" in the base column (and the PSA columns) where hidden.
  const std::string csv = report::per_kwadrant_csv(f.s, f.t);
  std::size_t xs = 0;
  for (std::size_t at = csv.find(",x,"); at != std::string::npos; at = csv.find(",x,", at + 1)) ++xs;
  CHECK(xs == static_cast<std::size_t>(hidden));
}

TEST_CASE("mkba compare: A minus B from the protected verdelingstabellen, hidden when either side is",
          "[report][disclosure][issue19]") {
  const auto& f = tiny();
  REQUIRE(f.s.alternatives.size() == 3);
  const auto against_nul = report::pair_difference(f.s, f.t, 1, 0);
  const auto& v1 = f.t.verdeling[0];
  const auto& v2 = f.t.verdeling[1];
  REQUIRE(against_nul.cells.size() == v1.cells.size());
  for (std::size_t row = 0; row < v1.cells.size(); ++row)
    for (std::size_t col = 0; col < v1.cells[row].size(); ++col) CHECK(same(against_nul.cells[row][col], v1.cells[row][col]));
  const auto nul_minus = report::pair_difference(f.s, f.t, 0, 1);
  const auto between = report::pair_difference(f.s, f.t, 1, 2);
  for (std::size_t row = 0; row < v1.cells.size(); ++row)
    for (std::size_t col = 0; col < v1.cells[row].size(); ++col) {
      CHECK(nul_minus.cells[row][col].suppressed == v1.cells[row][col].suppressed);
      CHECK(nul_minus.cells[row][col].value == Approx(-v1.cells[row][col].value).margin(1e-6));
      CHECK(between.cells[row][col].suppressed == (v1.cells[row][col].suppressed || v2.cells[row][col].suppressed));
      CHECK(between.cells[row][col].value == Approx(v1.cells[row][col].value - v2.cells[row][col].value).margin(1e-6));
    }
  // The CSV and the analysis' comparison agree on every published number.
  const auto c = analysis::compare(f.s, f.r, 1, 0);
  const std::string csv = report::comparison_csv(f.s, c, against_nul);
  const std::size_t total = f.s.categories.size();
  for (std::size_t k = 0; k <= f.s.stakeholders.size(); ++k)
    if (!against_nul.cells[total][k].suppressed) CHECK(against_nul.cells[total][k].value == Approx(c.base[k]).margin(0.01));
  CHECK(csv.find(",x,") != std::string::npos);  // this extract hides some region cells
}

TEST_CASE("summary.csv: the comparison table's cells, per candidate hidden with its difference", "[report][disclosure][issue19]") {
  const auto& f = tiny();
  const std::string csv = report::summary_csv(f.s, f.r, f.t);
  const std::size_t A = f.s.alternatives.size();
  std::size_t expected = 0;
  for (const auto& row : f.t.comparison.cells) {
    for (const auto& c : row) expected += c.suppressed ? 1 : 0;
    for (std::size_t a = 1; a < A; ++a) expected += row[A + a - 1].suppressed ? 1 : 0;  // per kandidaat
  }
  std::size_t xs = 0;
  for (std::size_t at = csv.find(",x"); at != std::string::npos; at = csv.find(",x", at + 1)) ++xs;
  CHECK(xs == expected);
}

TEST_CASE("psa.csv, per-periode.csv and gevoeligheid.csv hide what varies or sums to a hidden difference",
          "[report][disclosure][issue19]") {
  Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml", {{"rescreening", "null"}});
  s.sensitivity_rates = {0.04};
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 3;
  const auto r = analysis::run(s, opt);
  // A threshold above every basis: every cell with persons behind it is hidden, the society
  // difference of each projectalternatief included.
  const auto t = report::build_tables(s, r, 1e9);
  REQUIRE(t.psa_indicators);
  const std::size_t SH = s.stakeholders.size();
  for (int a = 1; a < static_cast<int>(s.alternatives.size()); ++a) REQUIRE(report::difference_hidden(t, a, SH));
  const std::string psa = report::psa_csv(s, r, t);
  CHECK(psa.find("intensivering - nulalternatief,maatschappij,x,x,x,x,x,3") != std::string::npos);
  CHECK(psa.find("intensivering - meer_beschut,maatschappij,x,x,x,x,x,3") != std::string::npos);
  const std::string periods = report::per_period_csv(s, r, t);
  CHECK(periods.find(",x,x\n") != std::string::npos);
  const std::string rates = report::sensitivity_csv(s, t, {});
  CHECK(rates == "analyse,alternatief,parameter,waarde,ncw_maatschappij_verschil\n"
                 "discontovoet,intensivering,rate,0.04,x\ndiscontovoet,meer_beschut,rate,0.04,x\n");
  // At the ordinary threshold the same files publish them (the region is large enough).
  const auto open = report::build_tables(s, r, 10.0);
  CHECK(report::psa_csv(s, r, open).find("intensivering - nulalternatief,maatschappij,x") == std::string::npos);
}

TEST_CASE("uitkomsten.csv: an alternative's outcome total hidden where the protected tables hide it", "[report][disclosure][issue19]") {
  const auto& f = tiny();
  const auto hidden = report::build_tables(f.s, f.r, 1e9);
  const std::string all = report::outcomes_csv(f.s, f.r, hidden);
  CHECK(all.find("nulalternatief,persoonsjaren_werk,x\n") != std::string::npos);
  CHECK(report::outcomes_csv(f.s, f.r, f.t).find(",x") == std::string::npos);
}
