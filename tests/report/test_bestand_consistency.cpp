// Issue 19, item 3: `mkba bestand` and `mkba report` on the same screening extract publish the same
// suppression pattern, so combining their outputs recovers nothing. The extract
// (tests/data/report/screening_tiny.csv) has a large and a tiny gemeente; the bestand side is
// computed exactly as `mkba bestand <file> --gemeenten Zoetermeer,Wassenaar --states <the scenario's>`
// does (cli/cmd_bestand.cpp), the report side by report::build_tables on a cohort run. Before the
// fix the report protected these cells in its own problem and published, e.g., Wassenaar's
// kwadrant 3 total (13 persons) that `mkba bestand` hides.
#include <mkba/analysis/run.hpp>
#include <mkba/models/bestand.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/report/bestand_disclosure.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

// Kwadrant (bestand layout: 0 = onbekend, 1..4, kKwadranten = total) of a report column or row
// (segment layout: k1..k4, onbekend, then the total).
int kwadrant_of_segment(int k) { return k == kKwadrantSegments ? kKwadranten : k == 4 ? 0 : k + 1; }

}  // namespace

TEST_CASE("bestand and report on the same extract: the same cells hidden, so subtraction recovers nothing",
          "[report][disclosure][bestand][issue19]") {
  const std::string dir = std::string(MKBA_TEST_DATA) + "/report/";
  const Scenario s = load_scenario(dir + "screening_tiny.yaml", {{"rescreening", "null"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const analysis::RunResult r = analysis::run(s, opt);
  const double threshold = 10;
  const auto t = report::build_tables(s, r, threshold);
  REQUIRE(t.bestand_gemeenten);
  REQUIRE(t.bestand_toestanden);

  // `mkba bestand` on the same file with the scenario's gemeenten and states.
  ScreeningReadOptions ro;
  ro.gemeenten = s.gemeenten;
  for (const auto& st : s.states) ro.states.push_back(st.id);
  ro.reference = today_utc();
  const ScreeningData data = read_screening_csv(dir + "screening_tiny.csv", ro);
  BestandOptions bo;
  bo.peildatum = latest_screening(data, ro.reference);
  bo.small_cell = static_cast<int>(threshold);
  const Bestand b = bestandsanalyse(data, bo);
  const auto bd = report::bestand_disclosure(b);
  const int G = static_cast<int>(s.gemeenten.size()), N = static_cast<int>(s.states.size());
  REQUIRE(b.gemeenten.size() == s.gemeenten.size());
  REQUIRE(b.states.size() == s.states.size());
  const std::size_t S = b.states.size();

  int hidden = 0, compared = 0;
  auto same = [&](const report::Cell& c, int id, const std::string& where) {
    const auto u = static_cast<std::size_t>(id);
    const double v = bd.problem.value[u];
    const bool bestand_hidden = bd.disclosure.suppressed[u] || (v > 0 && v < threshold);
    INFO(where << ": report " << (c.suppressed ? "hidden" : "published") << " " << c.value << ", bestand "
               << (bestand_hidden ? "hidden" : "published") << " " << v);
    CHECK(c.value == Approx(v));
    // Published in one output and hidden in the other gives the hidden count away directly.
    CHECK(c.suppressed == bestand_hidden);
    hidden += bestand_hidden ? 1 : 0;
    ++compared;
  };
  // Report table 1: gemeente (region last) x kwadrant (total last) = the bestand's kwadrant totals.
  for (int g = 0; g <= G; ++g)
    for (int k = 0; k <= kKwadrantSegments; ++k)
      same(t.bestand_gemeenten->cells[static_cast<std::size_t>(g)][static_cast<std::size_t>(k)],
           bd.kwadrant[BestandHidden::kw_index(S, g, kwadrant_of_segment(k), static_cast<int>(S))],
           "gemeente " + std::to_string(g) + " kwadrant column " + std::to_string(k));
  // Report table 2: kwadrant x state for the region = the bestand's region cells.
  for (int k = 0; k <= kKwadrantSegments; ++k)
    for (int st = 0; st <= N; ++st)
      same(t.bestand_toestanden->cells[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)],
           bd.kwadrant[BestandHidden::kw_index(S, G, kwadrant_of_segment(k), st == N ? static_cast<int>(S) : st)],
           "kwadrant row " + std::to_string(k) + " state " + std::to_string(st));
  // The first row of every occupancy table (report and bezetting.csv) is the same persons per
  // gemeente and state as the bestand's state totals: the same pattern there too.
  for (std::size_t a = 0; a < s.alternatives.size(); ++a)
    for (int g = 0; g <= G; ++g) {
      const report::Table& occ = g < G ? t.gemeenten[static_cast<std::size_t>(g)].occupancy[a] : t.occupancy[a];
      REQUIRE(occ.cells.front().size() == static_cast<std::size_t>(N) + 1);
      for (int st = 0; st <= N; ++st)
        same(occ.cells.front()[static_cast<std::size_t>(st)],
             bd.kwadrant[BestandHidden::kw_index(S, g, kKwadranten, st == N ? static_cast<int>(S) : st)],
             "occupancy " + std::to_string(a) + " gemeente " + std::to_string(g) + " state " + std::to_string(st));
    }
  CHECK(compared == (G + 1) * (kKwadrantSegments + 1) + (kKwadrantSegments + 1) * (N + 1) +
                        static_cast<int>(s.alternatives.size()) * (G + 1) * (N + 1));
  CHECK(hidden > 0);  // the tiny gemeente does have hidden cells
}
