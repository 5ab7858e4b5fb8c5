// Per gemeente (issue 17, item 7): each gemeente's NCW per stakeholder and break-even year come from
// analysis::per_gemeente (analysis::difference_indicators on the gemeente's own summaries), add up
// to the region, and are published through the report's disclosure control.
#include <mkba/analysis/over_time.hpp>
#include <mkba/analysis/per_gemeente.hpp>
#include <mkba/analysis/werkbedrijf.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/analysis/work.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/html_report.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/tables.hpp>
#include <mkba/report/table_writers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
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

// Issue 19: results over time are defined once (analysis/over_time.hpp) and the report's bundle
// carries them: the cumulative chart's series and per-periode.csv's rows, by hand on the same model.
TEST_CASE("over time: per cycle, cumulative, per year and per semester by hand on a model where nobody moves",
          "[report][period][issue19]") {
  const auto& [s, r] = tiny();
  const std::size_t SH = s.stakeholders.size();
  const auto gemeente = static_cast<std::size_t>(stakeholder(s, "gemeente"));
  const auto kandidaat = static_cast<std::size_t>(stakeholder(s, "kandidaat"));
  // The project: 1,200 a month for each of the 30 persons in 2026; 500 a month for the 10 on benefit in 2027-2030.
  const auto by_cycle = analysis::society_by_cycle(r.alternatives[1].valued);
  REQUIRE(by_cycle.size() == 60);
  CHECK(by_cycle[0] == Approx(-36000));
  CHECK(by_cycle[12] == Approx(5000));
  const auto running = analysis::cumulative(by_cycle);
  CHECK(running[11] == Approx(-432000));
  CHECK(running[12] == Approx(-427000));
  CHECK(running[59] == Approx(-192000));
  CHECK(analysis::society_by_cycle(r.alternatives[1].valued, 0)[12] == Approx(5000));  // Aa alone
  CHECK(analysis::society_by_cycle(r.alternatives[1].valued, 1)[0] == Approx(-24000));  // Bb alone
  // summarise()'s society_by_year (the break-even year) is the same sum by year.
  const auto sum = analysis::summarise(s, r.alternatives[1].valued);
  REQUIRE(sum.society_by_year.size() == 5);
  CHECK(sum.society_by_year[0] == Approx(-432000));
  for (std::size_t y = 1; y < 5; ++y) CHECK(sum.society_by_year[y] == Approx(60000));

  const auto t = report::build_tables(s, r, 5.0);
  REQUIRE(t.society_cumulative.size() == 2);
  CHECK(t.society_cumulative[1] == running);
  CHECK(t.society_cumulative[0].back() == Approx(0).margin(1e-9));
  REQUIRE(t.by_year.size() == 1);
  const auto& years = t.by_year[0];
  REQUIRE(years.size() == 5);
  CHECK(years.begin()->first == 20260);
  CHECK(years.at(20260)[gemeente] == Approx(-432000));
  CHECK(years.at(20260)[kandidaat] == Approx(0).margin(1e-9));
  CHECK(years.at(20280)[kandidaat] == Approx(60000));
  CHECK(years.at(20300)[gemeente] == Approx(0).margin(1e-9));
  const auto& halves = t.by_semester[0];
  REQUIRE(halves.size() == 10);
  CHECK(halves.at(20261)[gemeente] == Approx(-216000));
  CHECK(halves.at(20262)[gemeente] == Approx(-216000));
  CHECK(halves.at(20302)[kandidaat] == Approx(30000));
  CHECK(halves.at(20302).size() == SH);
}

// Issue 19: persons in work are counted once (analysis/work.hpp) for the plausibility check and the
// report's "extra persoonsjaren in werk".
TEST_CASE("work years: person-years and the most persons in work, by hand", "[report][issue19]") {
  const auto& [s, r] = tiny();
  const auto w = analysis::work_years(s, r.alternatives[0].trace);
  CHECK(w.years == Approx(100));  // Bb's 20 persons at work for five years
  CHECK(w.peak == Approx(20));
  CHECK(analysis::work_at(s, r.alternatives[1].trace, 30) == Approx(20));
  const auto t = report::build_tables(s, r, 5.0);
  const auto& rows = t.indicators.rows;
  const auto row = std::find_if(rows.begin(), rows.end(), [](const std::string& x) { return x.find("persoonsjaren in werk") != std::string::npos; });
  REQUIRE(row != rows.end());
  CHECK(t.indicators.cells[static_cast<std::size_t>(row - rows.begin())][0].value == Approx(0).margin(1e-9));
}

// Issue 15 item 2: the werkbedrijf's operational result per fte-year, computed once in analysis/
// from its column and the fte outcome, and printed with the verdelingstabellen.
TEST_CASE("werkbedrijf: result per fte-year and its change under an alternative, by hand", "[report][werkbedrijf]") {
  const Run run = cohort(std::string(MKBA_TEST_DATA) + "/report/werkbedrijf_tiny.yaml");
  const auto& s = run.scenario;
  const auto& r = run.result;
  CHECK(analysis::fte_outcome(s) == 0);  // persoonsjaren is per person, not per fte
  const auto w = analysis::werkbedrijf_per_fte(s, r);
  REQUIRE(w);
  CHECK(s.stakeholders[static_cast<std::size_t>(w->stakeholder)] == "werkbedrijf");
  REQUIRE(w->alternatives.size() == 2);
  // 10 persons x 0.5 fte x 12 months: 5 fte-years; (1,000 - 1,500) x 60 fte-months = -30,000.
  CHECK(w->alternatives[0].fte_years == Approx(5));
  CHECK(w->alternatives[0].ncw == Approx(-30000));
  CHECK(*w->alternatives[0].per_fte == Approx(-6000));
  // 200 more a month per fte: +12,000.
  CHECK(w->alternatives[1].ncw == Approx(-18000));
  CHECK(*w->alternatives[1].per_fte == Approx(-3600));
  REQUIRE(w->against_nul.size() == 1);
  CHECK(w->against_nul[0].ncw == Approx(12000));
  CHECK(w->against_nul[0].fte_years == Approx(0).margin(1e-9));
  CHECK(*w->against_nul[0].per_fte_change == Approx(2400));
  CHECK_FALSE(w->against_nul[0].per_extra_fte);  // no extra fte-years: no result per extra fte-year

  // The report's table: the same numbers, published at threshold 5 (10 persons), hidden at 20.
  const auto t = report::build_tables(s, r, 5.0);
  REQUIRE(t.werkbedrijf);
  const auto& tab = *t.werkbedrijf;
  REQUIRE(tab.rows.size() == 2);
  CHECK(tab.cells[0][2].value == Approx(-6000));
  CHECK(tab.cells[1][0].value == Approx(-18000));
  CHECK(tab.cells[1][1].value == Approx(5));
  CHECK(tab.cells[1][3].value == Approx(2400));
  CHECK_FALSE(tab.cells[1][3].suppressed);
  const auto hidden = report::build_tables(s, r, 20.0);
  REQUIRE(hidden.werkbedrijf);
  for (const auto& row : hidden.werkbedrijf->cells)
    for (const auto& c : row) CHECK((c.unit == report::Unit::text || c.suppressed));
  report::ReportOptions ro;
  ro.threshold = 5;
  const std::string html = report::html_report(s, r, t, ro);
  CHECK(html.find("Werkbedrijf: operationeel resultaat per fte-jaar") != std::string::npos);
  // Without a werkbedrijf stakeholder (the payback model): no table.
  CHECK_FALSE(report::build_tables(tiny().scenario, tiny().result, 5.0).werkbedrijf);
}
