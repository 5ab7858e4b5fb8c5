// Age per person (docs/scenario-format.md, "population", "mortality", "Expressions"): start-age
// groups folded into the segment index (models/age.hpp), transitions by age band, the AOW exit per
// group and background mortality from a life table, against closed forms in cohort mode.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/trace.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/screening.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kGroups = std::string(MKBA_TEST_DATA) + "/age-groups.yaml";
const std::string kMortality = std::string(MKBA_TEST_DATA) + "/age-mortality.yaml";
constexpr int kUitkering = 0, kWerk = 1, kOverleden = 2, kAow = 3;

std::string message(const std::string& file, const std::vector<Override>& o) {
  try {
    const Scenario s = load_scenario(file, o);
    compile_model(s);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// Persons per state at the start of month t of one person starting on benefit, without the AOW
// exit: the scenario's monthly matrix by hand.
std::array<double, 4> one_person(int t) {
  std::array<double, 4> x{1, 0, 0, 0};
  for (int k = 0; k < t; ++k) {
    const double u = x[0], w = x[1];
    x = {u * 0.94 + w * 0.02, u * 0.05 + w * 0.98, x[2] + u * 0.01, x[3]};
  }
  return x;
}

// The closed form of the two groups: 250 aged 66 leave for the AOW at the end of month 11 (the
// month at whose end they are 67), 750 aged 65.5 at the end of month 17.
std::array<double, 4> expected(int t) {
  std::array<double, 4> x{};
  for (const auto& [persons, exit_month] : std::vector<std::pair<double, int>>{{250, 11}, {750, 17}}) {
    const auto y = one_person(std::min(t, exit_month + 1));
    if (t <= exit_month) {
      for (int i = 0; i < 4; ++i) x[i] += persons * y[i];
    } else {
      const auto before = one_person(exit_month);
      x[kOverleden] += persons * before[kOverleden];
      x[kAow] += persons * (before[kUitkering] + before[kWerk]);
    }
  }
  return x;
}

}  // namespace

TEST_CASE("two start-age groups reach the AOW age at their own month, in cohort and microsimulation", "[age]") {
  const Scenario s = load_scenario(kGroups);
  REQUIRE(s.age_groups);
  REQUIRE(s.age_groups->ages == std::vector<double>{65.5, 66});
  REQUIRE(age_group_count(s) == 2);
  REQUIRE(engine_segment_count(s) == 2);
  const auto m = compile_model(s);
  REQUIRE(m.n_segments == 2);
  const auto tr = engine::cohort_trace(m, 0);
  for (int t = 0; t <= m.n_cycles; ++t) {
    const auto x = expected(t);
    for (int st = 0; st < 4; ++st)
      REQUIRE(tr.state_total(t, st) == Approx(x[static_cast<std::size_t>(st)]).epsilon(1e-12).margin(1e-9));
  }
  REQUIRE(tr.state_total(12, kAow) > 0);
  REQUIRE(tr.state_total(18, kUitkering) + tr.state_total(18, kWerk) == 0.0);

  // The microsimulation: each group leaves in its own month, exactly (engine segment = group here).
  const auto c = engine::simulate(m, 0, {3, 1}, {1});
  auto at = [&](int t, int group, int state) { return c.occupancy[c.occ_index(t, 0, group, state)]; };
  const int young = 0, old = 1;  // 65.5 and 66
  REQUIRE(at(0, old, kUitkering) == 250);
  REQUIRE(at(0, young, kUitkering) == 750);
  REQUIRE(at(11, old, kAow) == 0);
  REQUIRE(at(12, old, kAow) == at(11, old, kUitkering) + at(11, old, kWerk));
  REQUIRE(at(12, old, kUitkering) + at(12, old, kWerk) == 0);
  REQUIRE(at(17, young, kAow) == 0);
  REQUIRE(at(18, young, kAow) == at(17, young, kUitkering) + at(17, young, kWerk));
  REQUIRE(at(18, young, kUitkering) + at(18, young, kWerk) == 0);
}

TEST_CASE("NCW of two start-age groups against a hand computation", "[age]") {
  const Scenario s = load_scenario(kGroups);
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  // Reports see the scenario's one segment, not the internal age groups.
  REQUIRE(r.alternatives[0].trace.n_segments == 1);
  const auto ncw = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  auto of = [&](const std::string& id) {
    for (std::size_t i = 0; i < s.stakeholders.size(); ++i)
      if (s.stakeholders[i] == id) return ncw[i];
    FAIL("no stakeholder " << id);
    return 0.0;
  };
  // 1000 a month per person on benefit, counted at the start of month t and discounted at 3 % a
  // year from the start of that month; 1 per AOW exit, discounted from the end of its month.
  double gemeente = 0;
  for (int t = 0; t < 24; ++t) gemeente -= 1000 * expected(t)[kUitkering] * std::pow(1.03, -t / 12.0);
  const auto b11 = one_person(11), b17 = one_person(17);
  const double rijk = -(250 * (b11[kUitkering] + b11[kWerk]) * std::pow(1.03, -12 / 12.0) +
                        750 * (b17[kUitkering] + b17[kWerk]) * std::pow(1.03, -18 / 12.0));
  REQUIRE(of("gemeente") == Approx(gemeente).epsilon(1e-10));
  REQUIRE(of("rijk") == Approx(rijk).epsilon(1e-10));
  REQUIRE(of("kandidaat") == Approx(-gemeente - rijk).epsilon(1e-10));
}

TEST_CASE("an age distribution per segment spreads the caseload and the inflow over the groups", "[age]") {
  const Scenario s = load_scenario(kGroups, {{"segments", "[jong, oud]"},
                                             {"population.segment_mix", "{jong: 0.4, oud: 0.6}"},
                                             {"population.age", "{groups: {30: 0.5, 60: 0.5}, by_segment: {oud: {60: 1}}}"},
                                             {"population.inflow", "[{per_month: 10, mix: {uitkering: 1}}]"}});
  REQUIRE(s.age_groups->ages == std::vector<double>{30, 60});
  REQUIRE(s.age_groups->share == std::vector<std::vector<double>>{{0.5, 0.5}, {0.0, 1.0}});
  const auto m = compile_model(s);
  REQUIRE(m.n_segments == 4);  // segment x group: jong/30, jong/60, oud/30, oud/60
  std::map<int, double> start, inflow;
  for (const auto& g : m.population) (g.entry_cycle == 0 ? start : inflow)[g.segment] += static_cast<double>(g.persons);
  REQUIRE(start[0] == 200);
  REQUIRE(start[1] == 200);
  REQUIRE(start[2] == 0);
  REQUIRE(start[3] == 600);
  const double months = 23;  // months 1..23
  REQUIRE(inflow[0] == Approx(months * 10 * 0.4 * 0.5).margin(1));
  REQUIRE(inflow[3] == Approx(months * 10 * 0.6).margin(1));
  REQUIRE(inflow[2] == 0);
  // Summed back into the scenario's segments for the reports.
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto& tr = r.alternatives[0].trace;
  REQUIRE(tr.n_segments == 2);
  REQUIRE(tr.occupancy[0 * 2 * 4 + 0 * 4 + kUitkering] == Approx(400));
  REQUIRE(tr.occupancy[0 * 2 * 4 + 1 * 4 + kUitkering] == Approx(600));
}

TEST_CASE("by_age: a relative risk by age band in one expression, evaluated per start-age group", "[age]") {
  const Scenario s = load_scenario(kGroups, {{"population.age", "{groups: {25: 0.5, 50: 0.5}}"},
                                             {"transitions.matrix.uitkering.werk", "'0.05 * by_age(18: 1.2, 27: 1.0, 45: 0.8, 55: 0.5)'"}});
  auto werk = [&](int cycle, int group) { return cycle_matrix(s, 0, cycle, 0, 0, group)(kUitkering, kWerk); };
  REQUIRE(werk(0, 0) == Approx(0.06).epsilon(1e-14));   // 25
  REQUIRE(werk(23, 0) == Approx(0.06).epsilon(1e-14));  // 26 11/12
  REQUIRE(werk(0, 1) == Approx(0.04).epsilon(1e-14));   // 50
  // The same band as a change of an alternative: the relative risk applies per group.
  const Scenario alt = load_scenario(kGroups, {{"population.age", "{groups: {25: 0.5, 58: 0.5}}"},
                                                 {"alternatives", "{ouder: {label: x, transitions: [{from: uitkering, to: werk, "
                                                                "relative_risk: \"by_age(18: 1, 55: 2)\"}]}}"}});
  REQUIRE(cycle_matrix(alt, 1, 0, 0, 0, 0)(kUitkering, kWerk) == Approx(0.05).epsilon(1e-14));
  REQUIRE(cycle_matrix(alt, 1, 0, 0, 0, 1)(kUitkering, kWerk) == Approx(0.10).epsilon(1e-14));
  REQUIRE(cycle_matrix(alt, 1, 0, 0, 0, 1)(kUitkering, kUitkering) == Approx(0.89).epsilon(1e-14));
  // Without a time context by_age is refused.
  REQUIRE_THAT(message(kGroups, {{"effects", "[{name: x, category: uitkeringen, type: real, payer: gemeente, "
                                              "per_month_in: [uitkering], amount: \"by_age(18: 1)\"}]"}}),
               Catch::Contains("by_age() reads the time variable 'age'"));
  REQUIRE_THAT(message(kGroups, {{"transitions.matrix.uitkering.werk", "'by_age(30: 0.1, 20: 0.2)'"}}),
               Catch::Contains("expected increasing ages"));
}

TEST_CASE("mortality from the shipped life table: survival is the product of (1 - qx)", "[age]") {
  const Scenario s = load_scenario(kMortality);
  REQUIRE(s.mortality);
  const auto& q = s.tables.at("sterftekans_totaal");
  const auto tr = engine::cohort_trace(compile_model(s), 0);
  double survival = 1;
  for (int year = 0; year <= 5; ++year) {
    REQUIRE(tr.state_total(12 * year, 0) == Approx(1000 * survival).epsilon(1e-12));
    survival *= 1 - q.at(60 + year);
  }
  // Annual cycles: the same survival at every year.
  const Scenario annual = load_scenario(kMortality, {{"time.cycle", "year"}});
  const auto ta = engine::cohort_trace(compile_model(annual), 0);
  survival = 1;
  for (int year = 0; year <= 5; ++year) {
    REQUIRE(ta.state_total(year, 0) == Approx(1000 * survival).epsilon(1e-12));
    survival *= 1 - q.at(60 + year);
  }
  // Two start-age groups each follow their own ages.
  const Scenario two = load_scenario(kMortality, {{"population.age", "{groups: {40: 0.5, 80: 0.5}}"}});
  const auto t2 = engine::cohort_trace(compile_model(two), 0);
  REQUIRE(t2.state_total(12, 0) == Approx(500 * (1 - q.at(40)) + 500 * (1 - q.at(80))).epsilon(1e-12));
}

TEST_CASE("age: screening gives each screened person the age of their birth year, never shown", "[age]") {
  const std::string file = std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml";
  // (Without inflow: its cumulative rounding per stream would differ with more streams.)
  const Scenario plain = load_scenario(file, {{"population.inflow", "[]"}});
  const Scenario s = load_scenario(file, {{"population.age", "screening"}, {"population.inflow", "[]"}});
  REQUIRE(s.age_groups);
  REQUIRE(s.age_groups->from_screening);
  // A person born in Y is 2026 - Y - 0.5 on 1 January 2026; one group per non-empty default band, at
  // the mean age of its persons.
  ScreeningReadOptions o;
  o.gemeenten = s.gemeenten;
  for (const auto& st : s.states) o.states.push_back(st.id);
  o.reference = {2026, 1, 31};
  const auto data = read_screening_csv(std::string(MKBA_TEST_DATA) + "/report/screening_tiny.csv", o);
  const auto& edges = kDefaultScreeningAgeBands;
  std::map<std::size_t, double> persons, sum;
  for (const auto& rec : data.records) {
    const double age = 2026 - rec.birth_year - 0.5;
    std::size_t b = 0;
    while (b + 1 < edges.size() && edges[b + 1] <= age) ++b;
    persons[b] += 1;
    sum[b] += age;
  }
  REQUIRE(s.age_groups->ages.size() == persons.size());
  std::vector<double> start(persons.size(), 0.0);
  for (const auto& g : s.start) start[static_cast<std::size_t>(g.age_group)] += g.persons;
  std::size_t i = 0;
  for (const auto& [b, n] : persons) {
    REQUIRE(start[i] == n);
    REQUIRE(s.age_groups->ages[i] == Approx(sum[b] / n).epsilon(1e-12));
    ++i;
  }
  REQUIRE(engine_segment_count(s) == 5 * static_cast<int>(persons.size()));
  // Bands of one's own: two groups.
  const Scenario two = load_scenario(file, {{"population.age", "{from: screening, bands: [0, 45]}"}});
  REQUIRE(two.age_groups->ages.size() == 2);
  // Nothing in the model depends on age here, so the results are those without ages.
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto a = analysis::run(plain, opt), b = analysis::run(s, opt);
  REQUIRE(b.alternatives[0].trace.n_segments == static_cast<int>(s.segments.size()));
  for (std::size_t k0 = 0; k0 < a.alternatives.size(); ++k0) {
    const auto x = analysis::ncw_per_stakeholder(a.alternatives[k0].valued);
    const auto y = analysis::ncw_per_stakeholder(b.alternatives[k0].valued);
    for (std::size_t k = 0; k < x.size(); ++k) REQUIRE(y[k] == Approx(x[k]).epsilon(1e-9).margin(1e-6));
  }
}

TEST_CASE("age and mortality: errors name the key and what was expected", "[age]") {
  REQUIRE_THAT(message(kGroups, {{"population.age", "{groups: {30: 0.5, 60: 0.4}}"}}),
               Catch::Contains("population.age.groups") && Catch::Contains("expected shares summing to 1"));
  REQUIRE_THAT(message(kGroups, {{"population.age", "{groups: {130: 1}}"}}), Catch::Contains("population.age.groups.130"));
  REQUIRE_THAT(message(kGroups, {{"population.age", "{by_segment: {allle: {30: 1}}}"}}),
               Catch::Contains("unknown segment 'allle'"));
  REQUIRE_THAT(message(kGroups, {{"population.age", "screening"}}),
               Catch::Contains("'age: screening' takes each person's age from the screening extract's geboortejaar"));
  REQUIRE_THAT(message(kGroups, {{"population.age", "{groups: {30: 1}, bands: 3}"}}), Catch::Contains("unknown key 'bands'"));
  const std::string tiny = std::string(MKBA_TEST_DATA) + "/report/screening_tiny.yaml";
  REQUIRE_THAT(message(tiny, {{"population.age", "{from: screening, bands: [40, 30]}"}}),
               Catch::Contains("population.age.bands[1]") && Catch::Contains("expected increasing ages"));
  REQUIRE_THAT(message(tiny, {{"population.age", "{from: screenin}"}}), Catch::Contains("population.age.from"));
  REQUIRE_THAT(message(tiny, {{"population.age", "screening"}, {"rescreening", "{interval_months: 12}"}}),
               Catch::Contains("cannot yet be combined with rescreening"));
  REQUIRE_THAT(message(kMortality, {{"mortality", "{table: sterftekans, to: overleden}"}}),
               Catch::Contains("mortality.table") && Catch::Contains("did you mean 'sterftekans_totaal'"));
  REQUIRE_THAT(message(kMortality, {{"mortality", "{table: sterftekans_totaal, to: leven}"}}),
               Catch::Contains("expected an exit (a state of kind absorbing), found 'leven'"));
  REQUIRE_THAT(message(kMortality, {{"population", "{counts: {leven: 10}}"}}),
               Catch::Contains("background mortality by age needs the persons' age at the start"));
  // 5 segments x 60 groups > 64.
  std::string groups = "{groups: {";
  for (int a = 0; a < 60; ++a) groups += std::to_string(20 + a) + ": " + (a == 0 ? "1" : "0") + (a < 59 ? ", " : "}}");
  REQUIRE_THAT(message(kGroups, {{"segments", "[a, b, c, d, e]"}, {"population.age", groups}}),
               Catch::Contains("at most 64 are supported"));
}

TEST_CASE("start-age groups next to loonwaarde bands: the engine counts by both, reports by the bands", "[age]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/beschut-vs-lks.yaml",
                                   {{"population.age", "{groups: {30: 0.5, 50: 0.5}}"}, {"time.horizon_years", "1"}});
  REQUIRE(s.loonwaarde);
  const int report_segments = static_cast<int>(s.segments.size());  // declared x loonwaarde bands
  REQUIRE(report_segments == 2 * s.loonwaarde->bands());
  const auto m = compile_model(s, {200});
  REQUIRE(m.n_segments == 2 * report_segments);
  const auto raw = engine::to_trace(engine::simulate(m, 0, {1, 0}, {1}), m.person_weight);
  const auto tr = scenario_trace(s, raw);
  REQUIRE(tr.n_segments == report_segments);
  for (int t = 0; t <= tr.n_cycles; ++t)
    for (int st = 0; st < tr.n_states; ++st) REQUIRE(tr.state_total(t, st) == Approx(raw.state_total(t, st)).epsilon(1e-12));
}
