// Each malformed scenario gives its message with file, line, column and path (pinned here).
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <string>

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
          bad("row_sum.yaml") + ":15:11: transitions.matrix.werk: expected probabilities summing to 1 "
                                "(staying included), found a sum of 0.99");
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
