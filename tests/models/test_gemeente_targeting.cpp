// A change of an alternative targeted at gemeenten (docs/scenario-format.md, "nulalternatief and
// alternatives"; models/gemeente_targeting.hpp): the gemeente folded into the engine segment, the
// change moving only that gemeente's persons, against a hand computation in cohort mode, the
// microsimulation against the cohort, and the load errors.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/gemeente_targeting.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kFile = std::string(MKBA_TEST_DATA) + "/gemeente-targeting.yaml";
constexpr int kZoetermeer = 0, kDelft = 1, kUitkering = 0, kWerk = 1;

// The alternative's change with `gemeenten: <targets>` (none when empty).
std::string change(const std::string& targets) {
  return "[{from: uitkering, to: werk, relative_risk: rr_begeleiding" + (targets.empty() ? "" : ", gemeenten: " + targets) + "}]";
}

std::string message(const std::vector<Override>& o) {
  try {
    compile_model(load_scenario(kFile, o));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// Persons on benefit at the start of month t in one gemeente: `start` persons, 10 arrivals at the
// start of months 1 to 5 (Zoetermeer only), leaving for work with probability p a month.
double on_benefit(double start, double p, bool inflow, int t) {
  double x = start;
  for (int k = 1; k <= t; ++k) x = x * (1 - p) + (inflow && k < 6 ? 10.0 : 0.0);
  return x;
}

double occupancy(const engine::Trace& tr, int t, int g, int st) {
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg)
    sum += tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states + st];
  return sum;
}

// The discounted money of gemeente g for stakeholder `gemeente` (index of the stakeholder named so).
double gemeente_ncw(const Scenario& s, const engine::Valued& v, int g) {
  int sh = -1;
  for (std::size_t i = 0; i < s.stakeholders.size(); ++i)
    if (s.stakeholders[i] == "gemeente") sh = static_cast<int>(i);
  REQUIRE(sh >= 0);
  double sum = 0;
  for (int t = 0; t < v.n_cycles; ++t)
    for (int c = 0; c < v.n_categories; ++c) sum += v.money[v.money_index(t, g, sh, c)];
  return sum;
}

}  // namespace

TEST_CASE("a change targeted at one gemeente folds the gemeente into the engine segments", "[gemeente-targeting]") {
  const Scenario s = load_scenario(kFile);
  REQUIRE(gemeente_classes(s) == std::vector<int>{0, 1});
  REQUIRE(gemeente_class_count(s) == 2);
  REQUIRE(engine_segment_count(s) == 4);  // two segments x two gemeente classes
  const auto m = compile_model(s);
  REQUIRE(m.n_segments == 4);
  // Persons keep their gemeente and sit only in their class's engine segments.
  for (const auto& pg : m.population) REQUIRE(pg.segment % 2 == pg.gemeente);

  // Without the targeted change: one class, the engine segments are the scenario's.
  const Scenario plain = load_scenario(kFile, {{"alternatives.extra_begeleiding.transitions", change("")}});
  REQUIRE(gemeente_class_count(plain) == 1);
}

TEST_CASE("a change in one gemeente moves only its persons: cohort trace and NCW by hand", "[gemeente-targeting]") {
  const Scenario s = load_scenario(kFile);
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  REQUIRE(r.alternatives.size() == 2);
  const auto& nul = r.alternatives[0];
  const auto& alt = r.alternatives[1];
  // Reports see the declared segments, not the gemeente classes.
  REQUIRE(alt.trace.n_segments == 2);
  for (int t = 0; t <= alt.trace.n_cycles; ++t) {
    CAPTURE(t);
    REQUIRE(occupancy(nul.trace, t, kZoetermeer, kUitkering) == Approx(on_benefit(600, 0.1, true, t)).epsilon(1e-12));
    REQUIRE(occupancy(alt.trace, t, kZoetermeer, kUitkering) == Approx(on_benefit(600, 0.2, true, t)).epsilon(1e-12));
    REQUIRE(occupancy(nul.trace, t, kDelft, kUitkering) == Approx(on_benefit(400, 0.1, false, t)).epsilon(1e-12));
    REQUIRE(occupancy(alt.trace, t, kDelft, kUitkering) == Approx(on_benefit(400, 0.1, false, t)).epsilon(1e-12));
    // Each declared segment holds half (segment_mix 0.5/0.5, inflow 5 + 5).
    const std::size_t first = ((static_cast<std::size_t>(t) * 2 + kZoetermeer) * 2 + 0) * 2 + kUitkering;
    REQUIRE(alt.trace.occupancy[first] == Approx(on_benefit(600, 0.2, true, t) / 2).epsilon(1e-12));
  }
  // The NCW difference: zero in Delft; in Zoetermeer 1000 a month per person fewer on benefit,
  // counted at the start of month t and discounted at 3 % a year.
  double zoetermeer = 0;
  for (int t = 0; t < 12; ++t)
    zoetermeer += 1000 * (on_benefit(600, 0.1, true, t) - on_benefit(600, 0.2, true, t)) * std::pow(1.03, -t / 12.0);
  REQUIRE(gemeente_ncw(s, alt.valued, kDelft) - gemeente_ncw(s, nul.valued, kDelft) == Approx(0).margin(1e-9));
  REQUIRE(gemeente_ncw(s, alt.valued, kZoetermeer) - gemeente_ncw(s, nul.valued, kZoetermeer) ==
          Approx(zoetermeer).epsilon(1e-10));
}

TEST_CASE("a change in one gemeente: the microsimulation agrees with the cohort", "[gemeente-targeting]") {
  const Scenario s = load_scenario(kFile);
  const auto m = compile_model(s);
  const auto cohort = engine::cohort_trace(m, 1);
  const auto micro_nul = engine::to_trace(engine::simulate(m, 0, {7, 0}, {1}), m.person_weight);
  const auto micro = engine::to_trace(engine::simulate(m, 1, {7, 0}, {1}), m.person_weight);
  for (int t : {3, 6, 12}) {
    CAPTURE(t);
    for (int g : {kZoetermeer, kDelft}) {
      const double x = occupancy(cohort, t, g, kUitkering);
      // A sum of independent persons: within 5 standard deviations (at most sqrt of the count).
      REQUIRE(std::abs(occupancy(micro, t, g, kUitkering) - x) <= 5 * std::sqrt(x));
    }
    // Delft's persons have the same matrices in both alternatives and the same random numbers
    // (common random numbers): their paths are the same, exactly.
    REQUIRE(occupancy(micro, t, kDelft, kUitkering) == occupancy(micro_nul, t, kDelft, kUitkering));
    REQUIRE(occupancy(micro, t, kDelft, kWerk) == occupancy(micro_nul, t, kDelft, kWerk));
    REQUIRE(occupancy(micro, t, kZoetermeer, kUitkering) < occupancy(micro_nul, t, kZoetermeer, kUitkering));
  }
}

TEST_CASE("changes targeted at gemeenten: load errors", "[gemeente-targeting]") {
  const std::string path = "alternatives.extra_begeleiding.transitions";
  CHECK_THAT(message({{path, change("[Delft, Zoetermer]")}}),
             Catch::Contains(path + "[0].gemeenten[1]: unknown gemeente 'Zoetermer' (did you mean 'Zoetermeer'?)"));
  CHECK_THAT(message({{path, change("[]")}}), Catch::Contains("expected at least one gemeente, found an empty list"));
  // 33 segments x 2 gemeente classes = 66 > 64: refused at the change's line and column.
  std::string many = "[";
  for (int i = 0; i < 33; ++i) many += (i ? ", s" : "s") + std::to_string(i);
  many += "]";
  const std::string e = message({{"segments", many}, {"population.segment_mix", "{s0: 1}"}});
  CHECK_THAT(e, Catch::Contains("gemeente-targeting.yaml:30:9: " + path + "[0]: the changes targeted at gemeenten "
                                "split the gemeenten into 2 groups; 33 segments x 1 age groups x 2 = 66"));
}

TEST_CASE("a change targeted at gemeenten combines with rescreening", "[gemeente-targeting]") {
  // The shipped default scenario rescreens its screening population; the kernel keeps a person's
  // gemeente group when it recomputes the kwadrant (tests/models/test_ontheffing.cpp runs it).
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml",
                                   {{"alternatives.intensivering.transitions",
                                     "[{from: uitkering, to: traject, relative_risk: 1.5, gemeenten: [Zoetermeer]}]"}});
  REQUIRE(s.rescreening);
  REQUIRE(gemeente_class_count(s) == 2);
}

TEST_CASE("a change targeted at a gemeente and a segment holds where both hold", "[gemeente-targeting]") {
  const Scenario s = load_scenario(
      kFile, {{"alternatives.extra_begeleiding.transitions",
               "[{from: uitkering, to: werk, relative_risk: rr_begeleiding, gemeenten: Zoetermeer, segments: veraf}]"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto& tr = r.alternatives[1].trace;
  auto at = [&](int t, int g, int seg) {
    return tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states + kUitkering];
  };
  const int dichtbij = 0, veraf = 1;
  for (int t = 0; t <= tr.n_cycles; ++t) {
    CAPTURE(t);
    REQUIRE(at(t, kZoetermeer, veraf) == Approx(on_benefit(600, 0.2, true, t) / 2).epsilon(1e-12));
    REQUIRE(at(t, kZoetermeer, dichtbij) == Approx(on_benefit(600, 0.1, true, t) / 2).epsilon(1e-12));
    REQUIRE(at(t, kDelft, veraf) == Approx(on_benefit(400, 0.1, false, t) / 2).epsilon(1e-12));
  }
}
