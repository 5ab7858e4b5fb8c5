#pragma once
// The persons of a microsimulation, expanded once from a compiled model's population and a run key
// (their order, start states, 64-bit random keys and rescreening schedule), so that several
// simulations of models with the same population can start from a copy instead of expanding again
// (the tornado's sides, analysis/src/sensitivity.cpp).
#include <mkba/engine/counts.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/model.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace mkba::engine {

struct ExpandedPersons;  // opaque: engine/src/microsim.cpp

// With `cancel`: stops early when *cancel becomes true (a national caseload takes a while); the
// persons returned then are incomplete and must not be simulated.
//
// With `previous` (persons this caller expanded before, e.g. the PSA's previous iteration on this
// thread): when its model had the same population, schedule and segment rule (everything but the
// keys depends only on those), only the keys are made for `key`, in place when `previous` was the
// last owner (pass it with std::move), otherwise in a copy. The persons are the same, bit for bit,
// as without `previous`; a subset is never reused.
std::shared_ptr<const ExpandedPersons> expand_persons(const CompiledModel& model, RunKey key,
                                                      const std::atomic<bool>* cancel = nullptr,
                                                      std::shared_ptr<const ExpandedPersons> previous = nullptr);

// simulate(model, alternative, key, options) from a copy of `persons`: the same counts, bit for bit,
// provided `persons` was expanded for the same key from a model whose population, number of cycles,
// segments, duration bands and rescreening are the same as `model`'s (the caller checks the
// population and the rescreening; the key, the sizes and the duration cap are checked here).
//
// With `visits` (no capacity limits), which rows each person's path drew from is recorded: one bit
// per (segment, duration band, state) of the model, in any cycle. A person who drew only from rows
// that another model has the same in every cycle follows the same path in that model (same key,
// same draws, same rescreening), so only the other persons need simulating again.
struct RowVisits {
  std::size_t words = 0;             // 64-bit words per person
  std::size_t persons = 0;
  // [word][person]: bit (segment * n_bands + band) * n_states + state of word row / 64. Word-major,
  // so that finding who drew from a few rows reads only their words.
  std::vector<std::uint64_t> bits;
};
Counts simulate(const CompiledModel& model, int alternative, RunKey key, const ExpandedPersons& persons,
                const MicrosimOptions& options = {}, RowVisits* visits = nullptr);

std::size_t person_count(const ExpandedPersons& persons);

// The persons `which` (ascending indices into `all`), in their order, with their own keys, scores,
// entry cycles and screening schedule. Persons are independent without capacity limits, so the
// counts of a model are those of the persons left out plus those of the subset, exactly.
std::shared_ptr<const ExpandedPersons> subset(const ExpandedPersons& all, const std::vector<std::size_t>& which);

}  // namespace mkba::engine
