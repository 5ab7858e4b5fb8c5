// The realisatie reader, its start and the synthetic writer (docs/data-formats.md, "Realisatie").
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace mkba;

namespace {
const std::string kDir = std::string(MKBA_TEST_DATA) + "/realisatie/";

RealisatieReadOptions options(const Scenario& s, std::optional<ReportPeriod> period = std::nullopt) {
  RealisatieReadOptions o;
  o.gemeenten = s.gemeenten;
  for (const auto& st : s.states) o.states.push_back(st.id);
  o.period = period;
  return o;
}

std::string problems_of(const std::string& text, const Scenario& s) {
  try {
    parse_realisatie_csv(text, "r.csv", options(s));
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("realisatie: periods, a semester and a quarter and the next one", "[realisatie]") {
  const auto q = parse_report_period("2026-Q3");
  REQUIRE(q);
  CHECK(q->first.str() == "2026-07");
  CHECK(q->last.str() == "2026-09");
  CHECK(q->next().label == "2026-Q4");
  CHECK(parse_report_period("2026-H2")->next().label == "2027-H1");
  CHECK(parse_report_period("2027-H1")->next().first.str() == "2027-07");
  CHECK_FALSE(parse_report_period("2026-H3"));
  CHECK(semester_of({2026, 7}).label == "2026-H2");
}

TEST_CASE("realisatie: a hand-made file, its stand and the start it gives", "[realisatie]") {
  Scenario s = load_scenario(kDir + "semester.yaml");
  const Realisatie r = read_realisatie_csv(kDir + "good.csv", options(s));
  CHECK(r.rows.size() == 12);
  CHECK(r.first_month.str() == "2026-01");
  CHECK(r.last_month.str() == "2026-02");
  CHECK(r.period.label == "2026-H1");
  // February by hand: 400 + 10 instroom + 2 back from traject - 8 to traject - 2 to werk - 2 vertrek.
  CHECK(r.stand(0, s.state_index("uitkering"), {2026, 2}) == 400);
  CHECK(r.stand(0, s.state_index("traject"), {2026, 2}) == 46);
  bool decimal_comma = false;
  for (const auto& row : r.rows)
    if (row.plaatsen && *row.plaatsen == 45.5) decimal_comma = true;
  CHECK(decimal_comma);
  apply_realisatie(s, r);
  CHECK(s.time.start.str() == "2026-03");
  CHECK(s.start_population() == 400 + 46 + 22 + 121 + 12 + 5);
  CHECK(s.realisatie);
}

TEST_CASE("realisatie: every problem with row and column", "[realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const std::string head = "gemeente,maand,status,stand,instroom,naar_traject\n";
  // Moves into a state that has no row in the month: the counts do not add up there.
  const std::string e = problems_of(head + "Noordstad,2026-01,uitkering,10,,\nNoordstad,2026-02,uitkering,7,,3\n", s);
  CHECK(e.find("r.csv: row 3, column naar_traject: the month 2026-02 has no row for Noordstad, traject") != std::string::npos);
  // Only instroom in the second month: 10 + 2 = 12.
  CHECK(problems_of(head + "Zuiddorp,2026-01,werk,10,,\nZuiddorp,2026-02,werk,12,2,\n", s).empty());
  const std::string f = problems_of(head + "Zuiddorp,2026-01,werk,10,,\nZuiddorp,2026-02,werk,11,2,\n", s);
  CHECK(f.find("row 3, column stand: expected 12 = 10") != std::string::npos);
  CHECK(problems_of(head, s).find("row 2: expected data rows") != std::string::npos);
}

TEST_CASE("realisatie: two synthetic windows of one seed make one consistent path", "[realisatie]") {
  const Scenario s = load_scenario(kDir + "semester.yaml");
  const Realisatie a = synth_realisatie(s, {2026, 1}, {2026, 6}, 3);
  const Realisatie b = synth_realisatie(s, {2026, 7}, {2026, 12}, 3);
  const std::string csv_b = realisatie_csv(b);
  // The second file without its header, after the first: read as one year, every month balances.
  const std::string joined = realisatie_csv(a) + csv_b.substr(csv_b.find('\n') + 1);
  const ReportPeriod year{"2026", {2026, 1}, {2026, 12}};
  const Realisatie both = parse_realisatie_csv(joined, "joined.csv", options(s, year));
  CHECK(both.last_month.str() == "2026-12");
  // Each window read back on its own gives what was written.
  CHECK(realisatie_csv(parse_realisatie_csv(csv_b, "b.csv", options(s))) == csv_b);
  // The first month's stand starts from the scenario's start population (520 + 52 + 25 persons and
  // the month's inflow, nobody leaves the states but to uitstroom, which is a state).
  std::int64_t total = 0, inflow = 0;
  for (const auto& row : a.rows)
    if (row.month.str() == "2026-01") {
      total += row.stand;
      inflow += row.instroom;
    }
  CHECK(total == 400 + 40 + 20 + 120 + 12 + 5 + inflow);
}
