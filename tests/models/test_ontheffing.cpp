// Ontheffing as a second segment dimension next to the kwadranten of a screening population
// (docs/scenario-format.md, "Ontheffing"; models/ontheffing.hpp): base rates and an alternative's
// change limited to persons with or without ontheffing, against a hand recursion in cohort mode,
// the NCW, the microsimulation against the cohort, the flag kept through rescreening (and a change
// targeted at gemeenten with rescreening), capacity for some segments, one side of ontheffing or a
// list of gemeenten counted by hand, and the load errors.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/trace.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/ontheffing.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kDir = std::string(MKBA_TEST_DATA) + "/ontheffing";
const std::string kFile = kDir + "/ontheffing.yaml";
const std::string kCapacity = kDir + "/capacity.yaml";
constexpr int kUitkering = 0, kWerk = 1, kK1 = 0, kK3 = 2, kK4 = 3;
constexpr double kScale = 1000;  // simulation.persons 10,000 for 10 screened persons

// One (kwadrant, ontheffing) group of extract.csv and the inflow (2 a month in months 1-5, spread
// by the extract's kwadrant mix 0.4/0.4/0.2 and within a kwadrant by its share with ontheffing).
struct Group {
  int segment, flag;
  double start, inflow, p_nul, p_alt;
};
// The base rate is 0.1, halved in k3 with ontheffing; the alternative doubles it without ontheffing.
const std::vector<Group> kGroups = {
    {kK1, 0, 3, 0.6, 0.1, 0.2},  {kK1, 1, 1, 0.2, 0.1, 0.1},   {kK3, 0, 2, 0.4, 0.1, 0.2},
    {kK3, 1, 2, 0.4, 0.05, 0.05}, {kK4, 0, 1, 0.2, 0.1, 0.2}, {kK4, 1, 1, 0.2, 0.1, 0.1}};

// On benefit at the start of month t (real persons).
double on_benefit(const Group& g, bool alt, int t) {
  double x = g.start;
  for (int k = 1; k <= t; ++k) x = x * (1 - (alt ? g.p_alt : g.p_nul)) + (k < 6 ? g.inflow : 0.0);
  return x;
}

// Occupancy of state st in segment seg at the start of t, summed over the gemeenten.
template <class T>
double at(const T& tr, int t, int seg, int st) {
  double sum = 0;
  for (int g = 0; g < tr.n_gemeenten; ++g)
    sum += static_cast<double>(
        tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states + st]);
  return sum;
}

template <class T>
double in_gemeente(const T& tr, int t, int g, int st) {
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg)
    sum += static_cast<double>(
        tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states + st]);
  return sum;
}

std::string message(const std::string& file, const std::vector<Override>& o) {
  try {
    compile_model(load_scenario(file, o));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

const std::string kChanges = "alternatives.extra_begeleiding.transitions";
const std::string kRescreen = "{interval_months: 12, improve: {uitkering: 1.0}}";

}  // namespace

TEST_CASE("ontheffing folds into the engine segments only when a change uses it", "[ontheffing]") {
  const Scenario s = load_scenario(kFile);
  REQUIRE(ontheffing_used(s));
  REQUIRE(engine_segment_count(s) == 10);  // five kwadranten x with and without ontheffing
  REQUIRE(s.ontheffing_share == std::vector<double>{0.25, 0.0, 0.5, 0.5, 0.0});
  const auto m = compile_model(s);
  // Engine segment = kwadrant x 2 + flag; every screened person sits on their own side.
  double with = 0;
  for (const auto& pg : m.population)
    if (pg.entry_cycle == 0 && pg.segment % 2 == 1) with += static_cast<double>(pg.persons);
  REQUIRE(with == 4 * kScale);

  // Without a change by ontheffing: the kwadranten alone, and the same persons as before.
  const Scenario plain = load_scenario(
      kFile, {{kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding}]"},
              {"transitions.by_segment", "{k3: [{from: uitkering, to: werk, relative_risk: 0.5}]}"}});
  REQUIRE_FALSE(ontheffing_used(plain));
  REQUIRE(engine_segment_count(plain) == 5);
  REQUIRE(compile_model(plain).n_segments == 5);
}

TEST_CASE("a change for persons without ontheffing: cohort trace and NCW by hand", "[ontheffing]") {
  const Scenario s = load_scenario(kFile);
  const auto m = compile_model(s);
  const auto nul = engine::cohort_trace(m, 0), alt = engine::cohort_trace(m, 1);
  for (int t = 0; t <= m.n_cycles; ++t) {
    CAPTURE(t);
    for (const auto& g : kGroups) {
      CAPTURE(g.segment, g.flag);
      const int e = g.segment * 2 + g.flag;
      REQUIRE(at(nul, t, e, kUitkering) == Approx(kScale * on_benefit(g, false, t)).epsilon(1e-12));
      REQUIRE(at(alt, t, e, kUitkering) == Approx(kScale * on_benefit(g, true, t)).epsilon(1e-12));
      // Persons with ontheffing: the same path in both alternatives.
      if (g.flag == 1) REQUIRE(at(alt, t, e, kUitkering) == at(nul, t, e, kUitkering));
    }
  }
  // A calendar year's base rate for persons with ontheffing only (by_year): k1 in the first month,
  // 1000 x (1 - 0.3) + 200 arrivals with and 3000 x (1 - 0.1) + 600 without ontheffing.
  const auto my = compile_model(load_scenario(
      kFile, {{"transitions.by_year", "[{year: 2026, changes: [{from: uitkering, to: werk, probability: 0.3, "
                                      "ontheffing: ja}]}]"},
              {"transitions.by_segment", "{}"}}));
  REQUIRE(my.n_segments == 10);
  const auto ny = engine::cohort_trace(my, 0);
  CHECK(at(ny, 1, 2 * kK1 + 1, kUitkering) == Approx(900).epsilon(1e-12));
  CHECK(at(ny, 1, 2 * kK1, kUitkering) == Approx(3300).epsilon(1e-12));
  // Through analysis::run: reports see the five kwadranten, both sides summed.
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  REQUIRE(r.alternatives.size() == 2);
  const auto& tr = r.alternatives[1].trace;
  REQUIRE(tr.n_segments == 5);
  for (int t = 0; t <= tr.n_cycles; ++t)
    REQUIRE(at(tr, t, kK3, kUitkering) ==
            Approx(on_benefit(kGroups[2], true, t) + on_benefit(kGroups[3], true, t)).epsilon(1e-12));
  // The NCW difference of the gemeente: 1000 a month per person fewer on benefit, discounted at
  // 3 % a year; only the persons without ontheffing contribute.
  double by_hand = 0;
  for (int t = 0; t < 12; ++t)
    for (const auto& g : kGroups)
      if (g.flag == 0) by_hand += 1000 * (on_benefit(g, false, t) - on_benefit(g, true, t)) * std::pow(1.03, -t / 12.0);
  int sh = -1;
  for (std::size_t i = 0; i < s.stakeholders.size(); ++i)
    if (s.stakeholders[i] == "gemeente") sh = static_cast<int>(i);
  REQUIRE(sh >= 0);
  auto ncw = [&](const engine::Valued& v) {
    double sum = 0;
    for (int t = 0; t < v.n_cycles; ++t)
      for (int g = 0; g < v.n_gemeenten; ++g)
        for (int c = 0; c < v.n_categories; ++c) sum += v.money[v.money_index(t, g, sh, c)];
    return sum;
  };
  REQUIRE(ncw(r.alternatives[1].valued) - ncw(r.alternatives[0].valued) == Approx(by_hand).epsilon(1e-10));
  // The same change for persons with ontheffing only: its NCW is that of the other groups.
  const Scenario ja = load_scenario(kFile, {{kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, "
                                                       "ontheffing: ja}]"}});
  const auto rj = analysis::run(ja, opt);
  double ja_by_hand = 0;
  for (int t = 0; t < 12; ++t)
    for (auto g : kGroups)
      if (g.flag == 1) {
        g.p_alt = 2 * g.p_nul;
        ja_by_hand += 1000 * (on_benefit(g, false, t) - on_benefit(g, true, t)) * std::pow(1.03, -t / 12.0);
      }
  REQUIRE(ncw(rj.alternatives[1].valued) - ncw(rj.alternatives[0].valued) == Approx(ja_by_hand).epsilon(1e-10));
  // The report's table of changes says for whom.
  const auto tables = report::build_tables(s, r, 10);
  REQUIRE(tables.overlays.rows.size() == 1);
  CHECK(tables.overlays.cells[0][5].text == "zonder ontheffing");
  const Scenario both = load_scenario(kFile, {{kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, "
                                                         "segments: [k3, k4], ontheffing: ja, gemeenten: Delft}]"}});
  CHECK(report::build_tables(both, analysis::run(both, opt), 10).overlays.cells[0][5].text ==
        "k3, k4 met ontheffing in Delft");
}

TEST_CASE("a change by ontheffing: the microsimulation agrees with the cohort", "[ontheffing]") {
  const auto m = compile_model(load_scenario(kFile));
  const auto cohort = engine::cohort_trace(m, 1);
  const auto micro_nul = engine::simulate(m, 0, {7, 0}, {1});
  const auto micro = engine::simulate(m, 1, {7, 0}, {1});
  for (int t : {3, 6, 12})
    for (int e = 0; e < m.n_segments; ++e) {
      CAPTURE(t, e);
      const double x = at(cohort, t, e, kUitkering);
      // A sum of independent persons: within 5 standard deviations (at most sqrt of the count).
      REQUIRE(std::abs(at(micro, t, e, kUitkering) - x) <= 5 * std::sqrt(x) + 1e-9);
      // With ontheffing: the same matrices and random numbers in both alternatives, the same paths.
      if (e % 2 == 1) REQUIRE(at(micro, t, e, kUitkering) == at(micro_nul, t, e, kUitkering));
    }
}

TEST_CASE("rescreening keeps a person's ontheffing and gemeente group", "[ontheffing]") {
  // Every scored domain improves one point at each screening of a person on benefit: the screened
  // persons of k3 and k4 become k1 at their first screening (month 5).
  const Scenario s = load_scenario(kFile, {{"rescreening", kRescreen}});
  const auto m = compile_model(s);
  REQUIRE(m.rescreening);
  REQUIRE(m.rescreening->fold == 2);
  const auto nul = engine::simulate(m, 0, {11, 0}, {1});
  const auto alt = engine::simulate(m, 1, {11, 0}, {1});
  const auto plain = engine::simulate(compile_model(load_scenario(kFile)), 0, {11, 0}, {1});
  for (int t = 0; t <= m.n_cycles; ++t) {
    CAPTURE(t);
    double with = 0;
    for (int e = 1; e < m.n_segments; e += 2) {
      with += at(nul, t, e, kUitkering) + at(nul, t, e, kWerk);
      REQUIRE(at(alt, t, e, kUitkering) == at(nul, t, e, kUitkering));  // untargeted side: the same paths
    }
    // The persons with ontheffing: 4 screened and 0.8 a month of inflow (months 1-5), always.
    REQUIRE(with == kScale * (4 + 0.8 * std::min(t, 5)));
  }
  // The screening did move persons: fewer far from work on benefit than without rescreening.
  const int T = m.n_cycles;
  REQUIRE(at(nul, T, 2 * kK3 + 1, kUitkering) < at(plain, T, 2 * kK3 + 1, kUitkering));
  REQUIRE(at(nul, T, 2 * kK1 + 1, kUitkering) > at(plain, T, 2 * kK1 + 1, kUitkering));

  // A change targeted at a gemeente with rescreening (refused before): Delft's persons keep the
  // nulalternatief's paths, Zoetermeer's move faster.
  const Scenario g = load_scenario(
      kFile, {{"rescreening", kRescreen},
              {kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, gemeenten: [Zoetermeer]}]"},
              {"transitions.by_segment", "{}"}});
  REQUIRE(engine_segment_count(g) == 10);  // five kwadranten x two gemeente groups
  const auto mg = compile_model(g);
  const auto gn = engine::simulate(mg, 0, {5, 0}, {1}), ga = engine::simulate(mg, 1, {5, 0}, {1});
  for (int t = 1; t <= mg.n_cycles; ++t) {
    CAPTURE(t);
    REQUIRE(in_gemeente(ga, t, 1, kUitkering) == in_gemeente(gn, t, 1, kUitkering));
    REQUIRE(in_gemeente(ga, t, 0, kUitkering) < in_gemeente(gn, t, 0, kUitkering));
  }
}

TEST_CASE("capacity for some segments only: places counted by hand", "[ontheffing][capacity]") {
  // Everybody draws `beschut` in the first month; only the persons a limit covers wait for its places.
  // extract.csv: k1 3 + 1, k3 2 + 2, k4 1 + 1 (without + with ontheffing).
  struct Case {
    std::string limit;
    double placed, waiting;
  };
  const std::vector<Case> cases = {
      {"{state: beschut, places: 3, segments: [k3, k4]}", 4 + 3, 3},                     // 6 covered, 3 places
      {"{state: beschut, places: 1, ontheffing: ja}", 6 + 1, 3},                         // 4 covered, 1 place
      {"{state: beschut, places: 1, segments: [k3, k4], ontheffing: nee}", 7 + 1, 2},    // 3 covered, 1 place
      {"{state: beschut, places: 20, segments: k1}", 10, 0},                             // room for all
      // Delft has 3 persons (k1, k3 without and k3 with ontheffing), Zoetermeer 7.
      {"{state: beschut, places: 2, gemeenten: [Delft]}", 7 + 2, 1},
      {"{state: beschut, places: 4, gemeenten: [Zoetermeer, Delft]}", 4, 6},             // shared by both
      {"{state: beschut, places: 1, gemeenten: [Delft], segments: k3}", 8 + 1, 1},       // 2 covered, 1 place
  };
  for (const auto& c : cases) {
    CAPTURE(c.limit);
    const Scenario s = load_scenario(kCapacity, {{"alternatives.plaatsen.capacity", "[" + c.limit + "]"}});
    const auto m = compile_model(s);
    const auto counts = engine::simulate(m, 1, {3, 0}, {1});
    constexpr int kBeschut = 1;
    for (int t = 1; t <= m.n_cycles; ++t) {
      CAPTURE(t);
      double placed = 0;
      for (int e = 0; e < m.n_segments; ++e) placed += at(counts, t, e, kBeschut);
      REQUIRE(placed == c.placed);
      REQUIRE(static_cast<double>(counts.waiting[static_cast<std::size_t>(t) * m.n_states + kBeschut]) == c.waiting);
    }
  }
  // Two limits for different persons both apply: 3 places for k3 and k4, 5 in all.
  const Scenario both = load_scenario(
      kCapacity, {{"alternatives.plaatsen.capacity",
                   "[{state: beschut, places: 3, segments: [k3, k4]}, {state: beschut, places: 5}]"}});
  const auto m = compile_model(both);
  const auto counts = engine::simulate(m, 1, {3, 0}, {1});
  double placed = 0, far = 0;
  for (int e = 0; e < m.n_segments; ++e) {
    placed += at(counts, 1, e, 1);
    if (e == kK3 || e == kK4) far += at(counts, 1, e, 1);
  }
  REQUIRE(placed == 5);
  REQUIRE(far <= 3);
}

// An error in a value given with --set is located in it: "--set path", then line and column in the value.
TEST_CASE("ontheffing and capacity per segment: load errors", "[ontheffing]") {
  CHECK_THAT(message(kFile, {{kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, ontheffing: "
                                        "misschien}]"}}),
             Catch::Contains("--set " + kChanges + ":1:73: " + kChanges + "[0].ontheffing: expected one of ja, nee, found "
                             "'misschien'"));
  // A population given by counts has no ontheffing per person.
  CHECK_THAT(message(std::string(MKBA_TEST_DATA) + "/gemeente-targeting.yaml",
                     {{kChanges, "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, ontheffing: ja}]"}}),
             Catch::Contains("'ontheffing' needs a screening population (population.screening)"));
  // Seven age groups x five kwadranten x 2 = 70 > 64: refused at the first use, line and column.
  CHECK_THAT(message(kFile, {{"population.age", "{groups: {20: 0.1, 25: 0.1, 30: 0.1, 35: 0.1, 40: 0.2, 45: 0.2, "
                                                "50: 0.2}}"}}),
             Catch::Contains("ontheffing.yaml:27:10: transitions.by_segment.k3[0]: 'ontheffing' splits every segment "
                             "in two; 5 segments x 7 age groups x 2 = 70 groups to count by; at most 64"));
  CHECK_THAT(message(kCapacity, {{"alternatives.plaatsen.capacity", "[{state: beschut, places: 3, segments: [k3, k5]}]"}}),
             Catch::Contains("--set alternatives.plaatsen.capacity:1:45: alternatives.plaatsen.capacity[0].segments[1]: unknown segment 'k5' "
                             "(did you mean 'k1'?)"));
  CHECK_THAT(message(kCapacity, {{"alternatives.plaatsen.capacity", "[{state: beschut, places: 3, ontheffing: nee}, "
                                                                    "{state: beschut, places: 2, ontheffing: nee}]"}}),
             Catch::Contains("alternatives.plaatsen.capacity[1]: a second capacity limit for state 'beschut'"));
  // Amounts are valued on the trace summed over ontheffing: refused with a reason.
  CHECK_THAT(message(kFile, {{"effects", "[{name: bijstand, category: uitkeringen, type: transfer, payer: gemeente, "
                                         "receiver: kandidaat, per_month_in: [uitkering], amount: 1000, ontheffing: "
                                         "ja}]"}}),
             Catch::Contains("--set effects:1:149: effects[0].ontheffing: an amount cannot yet differ by ontheffing"));
  CHECK_THAT(message(kCapacity, {{"alternatives.plaatsen.capacity",
                                  "[{state: beschut, places: 3, gemeente: Delft, gemeenten: [Delft]}]"}}),
             Catch::Contains("--set alternatives.plaatsen.capacity:1:58: alternatives.plaatsen.capacity[0].gemeenten: give either 'gemeente' "
                             "(one gemeente) or 'gemeenten'"));
  // Limits for other persons are no second limit.
  CHECK(message(kCapacity, {{"alternatives.plaatsen.capacity",
                             "[{state: beschut, places: 3, ontheffing: nee}, {state: beschut, places: 2, ontheffing: "
                             "ja}]"}}) == "no error");
}
