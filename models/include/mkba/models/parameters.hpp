#pragma once
// Parameter draws for the probabilistic sensitivity analysis (PSA) and the one-way analysis.
// A draw is a pure function of (seed, iteration, parameter id): each parameter and each uncertain
// transition row has its own Philox stream, keyed by the parameter's id (the row's from-state id),
// never by position, so adding, removing or reordering declarations does not shift the others.
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace mkba {

struct ParameterDraw {
  std::vector<double> values;             // [parameter]
  std::vector<std::vector<double>> rows;  // [row_uncertainty entry]: the drawn transition row
};

// The Philox stream of a parameter (or of the uncertain row leaving a state): FNV-1a of the id.
// The loader refuses two parameters whose ids share a stream (a 1 in 2^32 coincidence).
std::uint32_t parameter_stream(std::string_view id);

ParameterDraw base_draw(const Scenario& s);  // every parameter at its base value, rows as given
ParameterDraw draw_parameters(const Scenario& s, std::uint64_t seed, std::uint32_t iteration);

// The p-quantile of a parameter's distribution (p in (0, 1)); the value itself when fixed.
double parameter_quantile(const ParameterSpec& p, double probability);
double parameter_mean(const ParameterSpec& p);

// The scenario with the drawn values in place. Throws ScenarioError naming the parameter and the
// use when a draw falls outside the range its use allows, or leaves a transition row not summing to 1.
Scenario instantiate(const Scenario& s, const ParameterDraw& draw);

}  // namespace mkba
