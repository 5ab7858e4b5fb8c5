// Months in state at the restart from a realisatie (apply_realisatie; docs/data-formats.md, "What it
// does to a run"): with duration bands the newest entrants of the file are the ones in the last
// stand, the rest were there before its first month; without bands everybody starts at 0.
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace mkba;

namespace {

// Persons per (gemeente, state, months in state) of the start.
std::map<std::tuple<int, int, int>, double> start_of(const Scenario& s) {
  std::map<std::tuple<int, int, int>, double> out;
  for (const auto& g : s.start) out[{g.gemeente, g.state, g.months_in_state}] += g.persons;
  return out;
}

}  // namespace

TEST_CASE("realisatie restart: months in state from the file's entries, newest first", "[realisatie][semester]") {
  const std::string dir = std::string(MKBA_TEST_DATA) + "/realisatie/";
  Scenario banded = load_scenario(dir + "semester.yaml", {parse_override("transitions.duration_bands=[0, 1, 2]")});
  REQUIRE(banded.duration_band_starts.size() == 3);
  apply_realisatie_file(banded, dir + "good.csv");
  const auto b = start_of(banded);
  const int u = banded.state_index("uitkering"), t = banded.state_index("traject"), w = banded.state_index("werk");
  // good.csv, Noordstad in February (the last month): uitkering gets 10 instroom + 2 from traject,
  // traject 8 from uitkering, werk 2 from uitkering; January has no flows. The file covers two
  // months, so whoever was in the stand before them has at least 2 months in state at 2026-03.
  CHECK(b.at({0, u, 0}) == 12);
  CHECK(b.at({0, u, 2}) == 400 - 12);
  CHECK(b.at({0, t, 0}) == 8);
  CHECK(b.at({0, t, 2}) == 46 - 8);
  CHECK(b.at({0, w, 0}) == 2);
  CHECK(b.at({0, w, 2}) == 22 - 2);
  CHECK(b.at({1, u, 0}) == 1);  // Zuiddorp: 1 instroom
  CHECK(banded.start_population() == 400 + 46 + 22 + 121 + 12 + 5);

  // Without duration bands nothing depends on it: everybody at 0, one group per cell.
  Scenario plain = load_scenario(dir + "semester.yaml");
  apply_realisatie_file(plain, dir + "good.csv");
  for (const auto& g : plain.start) CHECK(g.months_in_state == 0);
  CHECK(plain.start_population() == banded.start_population());
}
