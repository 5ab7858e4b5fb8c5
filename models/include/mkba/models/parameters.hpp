#pragma once
// Parameter draws for the probabilistic sensitivity analysis (PSA) and the one-way analysis.
// A draw is a pure function of (seed, iteration, parameter): each parameter and each uncertain
// transition row has its own Philox stream, so adding a parameter does not shift the others.
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <vector>

namespace mkba {

struct ParameterDraw {
  std::vector<double> values;             // [parameter]
  std::vector<std::vector<double>> rows;  // [row_uncertainty entry]: the drawn transition row
};

ParameterDraw base_draw(const Scenario& s);  // every parameter at its base value, rows as given
ParameterDraw draw_parameters(const Scenario& s, std::uint64_t seed, std::uint32_t iteration);

// The p-quantile of a parameter's distribution (p in (0, 1)); the value itself when fixed.
double parameter_quantile(const ParameterSpec& p, double probability);
double parameter_mean(const ParameterSpec& p);

// The scenario with the drawn values in place. Throws ScenarioError naming the parameter and the
// use when a draw falls outside the range its use allows, or leaves a transition row not summing to 1.
Scenario instantiate(const Scenario& s, const ParameterDraw& draw);

}  // namespace mkba
