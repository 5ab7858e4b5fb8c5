#pragma once
// One meaning of an effect item: in which alternatives it holds and over which cycles. The
// valuation (valuation_plan) and every report table call these; nothing decides it again.
#include <mkba/engine/valuation.hpp>
#include <mkba/models/scenario.hpp>

#include <vector>

namespace mkba {

// Whether effect `e` holds in `alternative`. An effect limited to some alternatives also holds in
// every alternative that extends one of them (directly or through a chain of `extends`).
bool effect_applies(const Scenario& s, const EffectSpec& e, int alternative);

// The alternatives (indices, ascending) in which `e` holds.
std::vector<int> effect_alternatives(const Scenario& s, const EffectSpec& e);

// The item as the engine values it in `alternative`: the amount per cycle (0 where the effect does
// not hold, so item indices match across alternatives) and the window in CYCLES [first_cycle,
// last_cycle), a cycle counting when it starts inside the window given in months.
engine::ValueItem compiled_effect(const Scenario& s, const EffectSpec& e, int alternative);

}  // namespace mkba
