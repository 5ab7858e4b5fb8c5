#pragma once
// Loonwaarde as a person attribute (docs/scenario-format.md, "loonwaarde"). A person's loonwaarde band is fixed at
// entry; the engine counts by segment = declared segment x band, so money stays out of the kernel:
// an amount that reads `loonwaarde` becomes one amount per segment, evaluated at the band's
// conditional mean, and valuation applies it as a linear map (engine::ValueItem::segment_amount).
#include <mkba/models/scenario.hpp>

#include <vector>

namespace mkba {

struct LoonwaardeBands {
  std::vector<double> probability;  // [segment]: share of its declared segment's persons in this band
  std::vector<double> mean;         // [segment]: E[loonwaarde | band] under its declared segment's distribution
};

// The band shares and conditional means of the scenario's (instantiated) loonwaarde distribution.
// Without `loonwaarde`: one band per segment with probability 1. Throws ScenarioError when a
// mean/sd pair is not a Beta distribution (sd^2 >= mean (1 - mean)).
LoonwaardeBands loonwaarde_bands(const Scenario& s);

// Sets engine::ValueItem::segment_amount of every effect whose amount reads `loonwaarde`, from the
// parameter values `values` (the base case or a PSA draw). Throws ScenarioError naming the effect
// when an amount falls outside the range its use allows in some band.
void apply_loonwaarde(Scenario& s, const std::vector<double>& values);

// Whether persons of `segment` may enter `state` (eligibility by loonwaarde band).
bool loonwaarde_eligible(const Scenario& s, int segment, int state);

}  // namespace mkba
