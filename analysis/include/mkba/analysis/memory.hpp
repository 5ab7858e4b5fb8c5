#pragma once
// An estimate of a run's peak memory, made before anything runs, so that a run that would not fit
// is refused with the estimate in the message instead of failing halfway (docs/architecture.md).
#include <mkba/analysis/run.hpp>
#include <mkba/engine/model.hpp>

#include <cstdint>

namespace mkba::analysis {

struct MemoryEstimate {
  std::uint64_t persons = 0;       // simulated persons, inflow included
  std::uint64_t bytes = 0;         // estimated peak
};

MemoryEstimate estimate_memory(const Scenario& s, const RunOptions& options);

// Bytes per expanded person in the kernel (its columns, and the order index while expanding).
std::uint64_t person_bytes(bool rescreening);

// The one-way sensitivity's (tornado's) peak on top of the run, from its compiled base model when it
// simulates (`simulates`: no cohort trace): the base case's persons, the rows each drew from, its
// counts and traces per alternative, the sides' transition sets of one batch of `bars` bars, and per
// thread a subset of persons with its counts (analysis/src/sensitivity.cpp).
std::uint64_t estimate_tornado_memory(const engine::CompiledModel& base, bool simulates, std::size_t bars,
                                      const RunOptions& options);

// Half of the physical memory: the default budget.
std::uint64_t default_memory_budget();

// Parses "4G", "512M", "2048" (MiB) -> bytes; throws UsageError naming the flag.
std::uint64_t parse_memory(const std::string& text);

}  // namespace mkba::analysis
