#pragma once
// The persons of a microsimulation, expanded once from a compiled model's population and a run key
// (their order, start states, 64-bit random keys and rescreening schedule), so that several
// simulations of models with the same population can start from a copy instead of expanding again
// (the tornado's sides, analysis/src/sensitivity.cpp).
#include <mkba/engine/counts.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/model.hpp>

#include <memory>

namespace mkba::engine {

struct ExpandedPersons;  // opaque: engine/src/microsim.cpp

std::shared_ptr<const ExpandedPersons> expand_persons(const CompiledModel& model, RunKey key);

// simulate(model, alternative, key, options) from a copy of `persons`: the same counts, bit for bit,
// provided `persons` was expanded for the same key from a model whose population, number of cycles,
// segments, duration bands and rescreening are the same as `model`'s (the caller checks the
// population and the rescreening; the key, the sizes and the duration cap are checked here).
Counts simulate(const CompiledModel& model, int alternative, RunKey key, const ExpandedPersons& persons,
                const MicrosimOptions& options = {});

}  // namespace mkba::engine
