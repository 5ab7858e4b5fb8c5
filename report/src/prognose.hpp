#pragma once
// The forecast values behind prognose.csv (report/semester.hpp): the nulalternatief's persons per
// gemeente and state at the end of each projected month, and with a PSA their P5-P95 over the
// iterations (each iteration's draw re-simulated over the first year only, the same key as the run).
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <vector>

namespace mkba::report::detail {

struct ForecastValues {
  int months = 0, gemeenten = 0, states = 0;
  bool interval = false;
  std::vector<double> mean, p5, p95;                 // [k][g][state]: end of projected month k
  std::vector<double> region_p5, region_p95;         // [k][state]
  // [alternative][k][g][state]: every alternative's base case the same way ([0] is `mean`); no interval.
  std::vector<std::vector<double>> alternatives;
  std::size_t at(int k, int g, int st) const { return static_cast<std::size_t>((k * gemeenten + g) * states + st); }
  std::size_t region_at(int k, int st) const { return static_cast<std::size_t>(k * states + st); }
};

ForecastValues forecast_values(const Scenario& s, const analysis::RunResult& r, int months);

}  // namespace mkba::report::detail
