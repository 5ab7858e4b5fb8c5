// Each malformed scenario gives its message with file, line, column and path (pinned here).
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace mkba;

namespace {
std::string bad(const std::string& name) { return std::string(MKBA_TEST_DATA) + "/bad/" + name; }

std::string error_of(const std::string& file, const std::vector<Override>& o = {}) {
  try {
    load_scenario(file, o);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("the minimal scenario loads", "[models][load]") {
  const auto s = load_scenario(std::string(MKBA_TEST_DATA) + "/minimal.yaml");
  REQUIRE(s.states.size() == 2);
  REQUIRE(s.monthly(0, 1) == 0.05);
  REQUIRE(s.alternatives.size() == 1);
}

TEST_CASE("a transition row not summing to 1 is refused with its position", "[models][load][errors]") {
  REQUIRE(error_of(bad("row_sum.yaml")) ==
          bad("row_sum.yaml") + ":15:11: transitions.matrix.werk: the probabilities of the row of 'werk' sum to "
                                "0.99, expected 1 (staying included); mark one cell 'rest' to take up the complement");
}

TEST_CASE("negative and above-1 probabilities are named", "[models][load][errors]") {
  const auto e = error_of(bad("negative_probability.yaml"));
  CHECK_THAT(e, Catch::Contains(":14:28: transitions.matrix.uitkering.uitkering: expected a probability in [0, 1], found 1.05"));
  CHECK_THAT(e, Catch::Contains(":14:40: transitions.matrix.uitkering.werk: expected a probability in [0, 1], found -0.05"));
}

TEST_CASE("an unknown state is named with a suggestion", "[models][load][errors]") {
  REQUIRE(error_of(bad("unknown_state.yaml")) ==
          bad("unknown_state.yaml") + ":15:29: transitions.matrix.werk.wrek: unknown state 'wrek' (did you mean 'werk'?)");
}

TEST_CASE("invalid YAML, empty files, missing files, unknown keys, decimal commas", "[models][load][errors]") {
  CHECK(error_of(bad("invalid_yaml.yaml")) == bad("invalid_yaml.yaml") + ":11:12: invalid YAML: end of map flow not found");
  CHECK_THAT(error_of(bad("empty.yaml")), Catch::Contains("the scenario file is empty"));
  CHECK_THAT(error_of(bad("does_not_exist.yaml")), Catch::Contains("cannot open the scenario file"));
  CHECK_THAT(error_of(bad("unknown_key.yaml")),
             Catch::Contains(":6:3: time.horizon_year: unknown key 'horizon_year' (did you mean 'horizon_years'?)"));
  CHECK_THAT(error_of(bad("decimal_comma.yaml")),
             Catch::Contains("effects[0].amount: expected a number with a decimal point, found '1000,50' (write 1000.50)"));
}

TEST_CASE("what-if overrides (--set) go through the same validation", "[models][load][set]") {
  const std::string ok = std::string(MKBA_TEST_DATA) + "/minimal.yaml";
  REQUIRE(load_scenario(ok, {{"discounting.rate", "0.03"}}).discount_rate == 0.03);
  CHECK_THAT(error_of(ok, {{"discounting.rate", "drie"}}),
             Catch::Contains("discounting.rate: expected a number, found 'drie'"));
  CHECK_THAT(error_of(ok, {{"time.horizon_years", "0"}}),
             Catch::Contains("time.horizon_years: expected a whole number in [1, 100], found 0"));
  REQUIRE_THROWS_AS(parse_override("no-equals-sign"), UsageError);
}

TEST_CASE("a rescreening probability below the screening draws' resolution (2^-16) is refused, 0 and 2^-16 pass",
          "[models][load][errors][rescreening]") {
  const std::string file = std::string(MKBA_SCENARIO_DIR) + "/default.yaml";
  CHECK_THAT(error_of(file, {{"rescreening.improve.traject", "0.00001"}}),
             Catch::Contains("rescreening.improve.traject: expected 0 or a probability of at least 1/65536 (about "
                             "0.0000153, the resolution of the screening draws), found 0.00001"));
  CHECK_NOTHROW(load_scenario(file, {{"rescreening.worsen.traject", "0"}}));
  CHECK_NOTHROW(load_scenario(file, {{"rescreening.worsen.traject", "0.0000153"}}));
}

TEST_CASE("devices, pipes and directories are refused before reading, never read until memory runs out",
          "[models][load][errors][limits]") {
  // /dev/zero never ends: reading it whole used to grow memory until the process was killed.
  CHECK(error_of("/dev/zero") ==
        "/dev/zero: the scenario file is a device, pipe or socket; expected a regular file (reading it might never end)");
  CHECK(error_of(MKBA_TEST_DATA) == std::string(MKBA_TEST_DATA) + ": the scenario file is a directory; expected a file");
  const std::string inc = std::string(MKBA_TEST_DATA) + "/bad/include_device.yaml";
  CHECK_THAT(error_of(inc), Catch::Contains("include_device.yaml:2:11: include: /dev/zero: the included file is a "
                                            "device, pipe or socket; expected a regular file"));
}

// ---------------------------------------------------------------------------------------------
// Issue 20: nothing accepted silently; large inputs refused before they are read

TEST_CASE("a window that starts before time.start is a warning with its position, it counts from the start",
          "[models][load][issue20]") {
  const std::string ok = std::string(MKBA_TEST_DATA) + "/minimal.yaml";
  const auto s = load_scenario(ok, {{"effects.0.window", "{from: 2025-07, until: 2027-01}"}});
  REQUIRE(s.warnings.size() == 1);
  // The value came from the override: located in it ("--set path", line and column in the value).
  CHECK(s.warnings[0].str() == "--set effects.0.window:1:8: effects[0].window.from: the window starts before time.start (2026-01); "
                                    "it counts from time.start");
  CHECK(s.effects[0].item.first_cycle == 0);
  CHECK(s.effects[0].item.last_cycle == 12);
  CHECK(load_scenario(ok).warnings.empty());
}

TEST_CASE("an alternative's own capacity limit replaces the one it inherits, two of its own are refused",
          "[models][load][issue20]") {
  const std::string ok = std::string(MKBA_TEST_DATA) + "/minimal.yaml";
  const auto s = load_scenario(ok, {{"alternatives", "{a: {capacity: [{state: werk, places: 50}]}, "
                                                     "b: {extends: a, capacity: [{state: werk, places: 20}]}}"}});
  REQUIRE(s.alternatives.size() == 3);
  REQUIRE(s.alternatives[2].capacities.size() == 1);
  CHECK(s.alternatives[2].capacities[0].places == 20);
  // Disjoint windows are one limit changing over time, not two.
  CHECK_NOTHROW(load_scenario(ok, {{"nulalternatief", "{capacity: [{state: werk, places: 50, window: {until: 2027-01}}, "
                                                      "{state: werk, places: 20, window: {from: 2027-01}}]}"}}));
  CHECK_THAT(error_of(ok, {{"alternatives", "{a: {capacity: [{state: werk, places: 50}, {state: werk, places: 20, "
                                            "window: {from: 2027-01}}]}}"}}),
             Catch::Contains("alternatives.a.capacity[1]: a second capacity limit for state 'werk' (all gemeenten "
                             "together) in months that the limit at line 1 already covers"));
}

TEST_CASE("a relative risk on a move of probability 0 is refused only where the move is 0 everywhere",
          "[models][load][issue20]") {
  const std::string ok = std::string(MKBA_TEST_DATA) + "/minimal.yaml";
  // werk -> uitkering is 0 in the base matrix, but a by_year change makes it 0.02 in 2027.
  CHECK_NOTHROW(load_scenario(ok, {{"transitions.matrix.werk", "{werk: 1.0}"},
                                   {"transitions.by_year", "[{year: 2027, changes: [{from: werk, to: uitkering, probability: 0.02}]}]"},
                                   {"alternatives", "{a: {transitions: [{from: werk, to: uitkering, relative_risk: 2}]}}"}}));
  CHECK_THAT(error_of(ok, {{"transitions.matrix.werk", "{werk: 1.0}"},
                           {"alternatives", "{a: {transitions: [{from: werk, to: uitkering, relative_risk: 2}]}}"}}),
             Catch::Contains("alternatives.a.transitions[0]: a relative risk on the move from 'werk' to 'uitkering', "
                             "whose probability is 0 wherever the change is in force, changes nothing"));
}

TEST_CASE("a screening extract dated after time.start is refused per row, the memory budget is checked first",
          "[models][load][issue20]") {
  const std::string file = std::string(MKBA_SCENARIO_DIR) + "/default.yaml";
  const std::string e = error_of(file, {{"time.start", "2019-01"}});
  CHECK_THAT(e, Catch::Contains("population.screening.file: the screening file has problems:"));
  CHECK_THAT(e, Catch::Contains(", column screeningsdatum: expected a date not after the end of time.start's "
                                "month 2019-01-31"));
  CHECK_THAT(e, Catch::Contains(", column status_sinds: expected a month not after time.start 2019-01"));
  CHECK(e.find("rescreening needs a screening population") == std::string::npos);  // no follow-on noise
  try {
    load_scenario(file, {}, LoadLimits{512 << 10});  // 512 KiB: less than three times the 0.3 MiB extract
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& err) {
    CHECK_THAT(std::string(err.what()),
               Catch::Contains("population.screening.file: reading the screening file (0.3 MiB) takes about 0.00 GiB, "
                               "more than the memory budget of 0.00 GiB; raise --max-memory"));
  }
  CHECK_NOTHROW(load_scenario(file, {}, LoadLimits{std::uint64_t{64} << 20}));
}

TEST_CASE("a scenario with an over-long line is refused before parsing", "[models][load][issue20]") {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mkba-long-line-" + std::to_string(::getpid()) + ".yaml")).string();
  {
    std::ofstream out(path);
    out << "meta: {name: x}\ndescription: '" << std::string(std::size_t{2} << 20, 'x') << "'\n";
  }
  CHECK(error_of(path) == path + ":2:1: the line is longer than 1048576 bytes; expected a YAML text file");
  std::remove(path.c_str());
}

TEST_CASE("an include of a non-YAML file is named, never quoted", "[models][load][issue20][privacy]") {
  const std::string e = error_of(bad("include_not_yaml.yaml"));
  CHECK_THAT(e, Catch::Contains("include_not_yaml_lib.txt:1:1: expected a YAML library"));
  CHECK(e.find("geheim") == std::string::npos);
  CHECK(e.find("Zoetermeer") == std::string::npos);
}

TEST_CASE("a PSA draw that breaks a transition row is refused by the same rule, at the row's position",
          "[models][load][issue20]") {
  const std::string ok = std::string(MKBA_TEST_DATA) + "/minimal.yaml";
  const Scenario s = load_scenario(
      ok, {{"states", "[{id: uitkering, kind: benefit}, {id: werk, kind: work}, {id: traject, kind: trajectory}]"},
           {"parameters", "{a: {distribution: uniform, min: 0.3, max: 0.7}}"},
           {"transitions.matrix", "{uitkering: {uitkering: rest, werk: a, traject: a}, werk: {werk: 1.0}, "
                                  "traject: {traject: 1.0}}"}});
  ParameterDraw d = base_draw(s);  // a = 0.5: staying is 0
  d.values[0] = 0.6;
  try {
    (void)instantiate(s, d);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const Diagnostic& g = e.diagnostics()[0];
    CHECK(g.file == ok);
    CHECK(g.line == 1);
    CHECK(g.column == 13);
    CHECK(g.path == "transitions.matrix.uitkering");
    CHECK(g.message == "with the drawn parameters the probability of staying in 'uitkering' would be -0.2: the other "
                       "moves out of 'uitkering' sum to 1.2 > 1");
  }
}
