#pragma once
// The individual (Monte Carlo) microsimulation kernel: persons x cycles, counting only.
#include <mkba/engine/counts.hpp>
#include <mkba/engine/model.hpp>

#include <atomic>
#include <cstdint>

namespace mkba::engine {

struct RunKey {
  std::uint64_t seed = 0;
  std::uint32_t iteration = 0;
};

struct MicrosimOptions {
  int threads = 1;  // threads over blocks of persons; results do not depend on it
  // When *cancel becomes true the kernel stops at the next block of persons (or cycle, with
  // capacity), so that SIGINT ends even a very large run within a second. The counts returned
  // then are incomplete: the caller must discard them.
  const std::atomic<bool>* cancel = nullptr;
};

// Simulates alternative `alternative` of `model`. Same (model, key): identical counts, whatever
// the number of threads. Persons are the same individuals, with the same random numbers, in every
// alternative (common random numbers). An alternative with capacity limits runs on one thread
// (people interact through the waiting list; docs/timing.md) and fills Counts::waiting.
Counts simulate(const CompiledModel& model, int alternative, RunKey key,
                const MicrosimOptions& options = {});

}  // namespace mkba::engine
