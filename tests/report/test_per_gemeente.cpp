// Per gemeente (issue 17, item 7): each gemeente's NCW per stakeholder and break-even year come from
// analysis::per_gemeente (analysis::difference_indicators on the gemeente's own summaries), add up
// to the region, and are published through the report's disclosure control.
#include <mkba/analysis/per_gemeente.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/tables.hpp>
#include <mkba/report/table_writers.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace mkba;

namespace {

struct Run {
  Scenario scenario;
  analysis::RunResult result;
};

Run cohort(const std::string& file) {
  Run r{load_scenario(file, {{"rescreening", "null"}}), {}};
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  r.result = analysis::run(r.scenario, opt);
  return r;
}

const Run& tiny() {
  static const Run r = cohort(std::string(MKBA_TEST_DATA) + "/report/payback_tiny.yaml");
  return r;
}

int stakeholder(const Scenario& s, const std::string& id) {
  for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
    if (s.stakeholders[k] == id) return static_cast<int>(k);
  return -1;
}

}  // namespace

TEST_CASE("per gemeente: NCW per stakeholder and break-even year by hand on a model where nobody moves", "[report][gemeente]") {
  const auto& [s, r] = tiny();
  const auto g = analysis::per_gemeente(s, r);
  REQUIRE(g.size() == 2);
  const std::size_t SH = s.stakeholders.size();
  const int gemeente = stakeholder(s, "gemeente"), kandidaat = stakeholder(s, "kandidaat");
  REQUIRE(gemeente >= 0);
  REQUIRE(kandidaat >= 0);
  // Aa: 10 persons on benefit; cost 1,200 x 12 x 10 in 2026, benefit 500 x 12 x 10 in each of 2027-2030.
  const auto& aa = g[0];
  CHECK(aa.ncw[0][SH] == Approx(0).margin(1e-6));  // nothing happens in the nulalternatief
  CHECK(aa.ncw[1][gemeente] == Approx(-144000));
  CHECK(aa.ncw[1][kandidaat] == Approx(240000));
  CHECK(aa.ncw[1][SH] == Approx(96000));
  REQUIRE(aa.against_nul.size() == 1);
  CHECK(aa.against_nul[0].society == Approx(96000));
  CHECK(aa.against_nul[0].benefits == Approx(240000));
  CHECK(aa.against_nul[0].costs == Approx(144000));
  CHECK(aa.against_nul[0].break_even_year == 4);  // -144,000, -84,000, -24,000, +36,000
  // Bb: 20 persons at work, only the cost: never within the five years (horizon + 1).
  const auto& bb = g[1];
  CHECK(bb.ncw[1][gemeente] == Approx(-288000));
  CHECK(bb.ncw[1][SH] == Approx(-288000));
  CHECK(bb.against_nul[0].break_even_year == 6);

  // The report: each gemeente's appendix has the table and the year in words.
  report::ReportOptions o;
  o.threshold = 5;
  const auto t = report::build_tables(s, r, o);
  REQUIRE(t.gemeenten.size() == 2);
  REQUIRE(t.gemeenten[0].indicators);
  const auto& ind = *t.gemeenten[0].indicators;
  REQUIRE(ind.rows.back() == "Terugverdienjaar");
  CHECK(ind.cells.back()[0].text == "2029");
  CHECK(t.gemeenten[1].indicators->cells.back()[0].text == "niet binnen de horizon");
  // The NCW table: columns nul, project, project - nul; the society row last.
  const auto& ncw = t.gemeenten[0].ncw;
  REQUIRE(ncw.columns.size() == 3);
  CHECK(ncw.cells.back()[2].value == Approx(96000));
  CHECK_FALSE(ncw.cells.back()[2].suppressed);
  const std::string md = report::appendix_markdown(s, t.gemeenten[0], o.threshold);
  CHECK(md.find("| Terugverdienjaar | 2029 |") != std::string::npos);
  CHECK(md.find("96.000") != std::string::npos);
}

TEST_CASE("per gemeente: the gemeenten add up to the region, stakeholder by stakeholder", "[report][gemeente]") {
  const Run run = cohort(std::string(MKBA_TEST_DATA) + "/report/two_gemeenten.yaml");
  const auto& s = run.scenario;
  const auto& r = run.result;
  const auto g = analysis::per_gemeente(s, r);
  const std::size_t SH = s.stakeholders.size(), C = s.categories.size();
  REQUIRE(g.size() == s.gemeenten.size());
  for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
    const auto region = analysis::summarise(s, r.alternatives[a].valued);
    for (std::size_t k = 0; k <= SH; ++k) {
      double want = 0, got = 0, scale = 1;
      for (std::size_t kk = 0; kk < SH; ++kk)
        for (std::size_t c = 0; c < C; ++c) {
          if (k == SH || kk == k) want += region.ncw[kk * C + c];
          scale += std::abs(region.ncw[kk * C + c]);
        }
      for (const auto& x : g) got += x.ncw[a][k];
      INFO("alternative " << a << ", row " << k);
      CHECK(std::abs(got - want) <= 1e-9 * scale);
    }
  }
  // The report's gemeente NCW table and indicators: differences are the verdelingstabel's total row
  // (the same cells, hidden alike), the break-even year hidden with the society difference.
  const auto t = report::build_tables(s, r, 10.0);
  bool wassenaar_hidden = false;  // some NCW cell of the tiny gemeente is not published
  for (const auto& app : t.gemeenten) {
    INFO(app.name);
    const int A = static_cast<int>(r.alternatives.size());
    for (int a = 1; a < A; ++a) {
      const auto& total = app.verdeling[static_cast<std::size_t>(a - 1)].cells.back();
      for (std::size_t k = 0; k <= SH; ++k) {
        const auto& cell = app.ncw.cells[k][static_cast<std::size_t>(A + a - 1)];
        CHECK(cell.suppressed == total[k].suppressed);
        if (!cell.suppressed) CHECK(cell.value == Approx(total[k].value));
      }
      const auto& year = app.indicators->cells.back()[static_cast<std::size_t>(a - 1)];
      CHECK(year.suppressed == total[SH].suppressed);
    }
    // An alternative's level is the nul's plus the difference: published only when that does not
    // reveal a hidden one.
    for (std::size_t k = 0; k <= SH; ++k)
      for (int a = 1; a < A; ++a) {
        const auto& level = app.ncw.cells[k][static_cast<std::size_t>(a)];
        const auto& nul = app.ncw.cells[k][0];
        const auto& diff = app.ncw.cells[k][static_cast<std::size_t>(A + a - 1)];
        const int hidden = (level.suppressed ? 1 : 0) + (nul.suppressed ? 1 : 0) + (diff.suppressed ? 1 : 0);
        CHECK(hidden != 1);
        if (app.name == "Wassenaar") wassenaar_hidden = wassenaar_hidden || hidden > 0;
      }
  }
  // Some of the tiny gemeente's stakeholder cells rest on fewer persons than the threshold.
  CHECK(wassenaar_hidden);
}
