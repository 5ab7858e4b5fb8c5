#pragma once
// Counter-based random numbers. A draw is a pure function of (seed, iteration, person, cycle, kind
// of draw), never of the thread or MPI rank, so results do not depend on how work is split, and
// the same person-cycle sees the same uniform in every alternative (common random numbers).
//
// Two layers (see docs/random-numbers.md):
//  * Philox4x32-10 (Random123) derives one 32-bit key per (seed, iteration, person, kind). It is
//    called once per person per iteration, outside the monthly loop.
//  * Inside the loop, the uniform for cycle t is triple32(key + t * golden): three multiply-xorshift
//    rounds of a well-tested avalanche hash. It is a few integer instructions and vectorises.
#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace mkba::engine {

// Separate streams for separate purposes (OpenM++'s "one stream per call site").
enum class DrawKind : std::uint32_t {
  transition = 1,
  rescreen = 2,
  parameter = 3,
  population = 4,
  capacity = 5,
  transition_row = 6,  // Dirichlet draws of an uncertain transition row (PSA)
};

// Key for the per-cycle draws of one person in one iteration.
inline std::uint32_t person_key(std::uint64_t seed, std::uint32_t iteration, std::uint32_t person,
                                DrawKind kind) {
  r123::Philox4x32 philox;
  r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed),
                                     static_cast<std::uint32_t>(seed >> 32)}};
  r123::Philox4x32::ctr_type ctr = {{iteration, person, static_cast<std::uint32_t>(kind), 0u}};
  return philox(ctr, key)[0];
}

// Chris Wellons' triple32 hash: a bijection on 32 bits with very low avalanche bias.
constexpr std::uint32_t triple32(std::uint32_t x) {
  x ^= x >> 17;
  x *= 0xed5ad4bbu;
  x ^= x >> 11;
  x *= 0xac4c1b51u;
  x ^= x >> 15;
  x *= 0x31848babu;
  x ^= x >> 14;
  return x;
}

// The uniform (as 32 bits) of one person-cycle.
constexpr std::uint32_t cycle_bits(std::uint32_t key, std::uint32_t cycle) {
  return triple32(key + cycle * 0x9e3779b9u);
}

// A URBG (C++ UniformRandomBitGenerator) over Philox4x32 for draws outside the loop: parameter
// draws in the PSA, population sampling. Usable with Boost.Random and std distributions.
class PhiloxEngine {
 public:
  using result_type = std::uint32_t;
  PhiloxEngine(std::uint64_t seed, std::uint32_t iteration, DrawKind kind, std::uint32_t stream)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{iteration, stream, static_cast<std::uint32_t>(kind), 0u}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (used_ == 4) {
      block_ = philox_(ctr_, key_);
      ++ctr_[3];
      used_ = 0;
    }
    return block_[used_++];
  }

  // A double in (0, 1), never exactly 0 or 1 (safe for quantile functions).
  double uniform01() {
    const std::uint64_t hi = (*this)() >> 5, lo = (*this)() >> 6;  // 53 bits
    return (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
  }

 private:
  r123::Philox4x32 philox_;
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_;
  r123::Philox4x32::ctr_type block_{};
  int used_ = 4;
};

}  // namespace mkba::engine
