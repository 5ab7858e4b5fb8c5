#pragma once
// Counter-based random numbers. A draw is a pure function of (seed, iteration, person, cycle, kind
// of draw), never of the thread or MPI rank, so results do not depend on how work is split, and
// the same person-cycle sees the same uniform in every alternative (common random numbers).
//
// Two layers (see docs/random-numbers.md):
//  * Philox4x32-10 (Random123's, written out below) derives one 64-bit key (lo, hi) per (seed, iteration, person,
//    kind). It is called once per person per iteration, outside the monthly loop.
//  * Inside the loop, the uniform for cycle t is triple32((lo + t * golden) ^ hi): three
//    multiply-xorshift rounds of a well-tested avalanche hash. It is a few integer instructions and
//    vectorises (the two halves are kept in two arrays, so a vector step loads 16 of each).
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

// The 64-bit key of one person's per-cycle draws in one iteration (docs/random-numbers.md). With
// 32 bits, two of 400,000 persons share a key, or a stream shifted by a few cycles, in thousands of
// pairs; with 64 bits that takes about 2^32 times as many persons.
struct PersonKey {
  std::uint32_t lo = 0, hi = 0;
  friend constexpr bool operator==(PersonKey a, PersonKey b) { return a.lo == b.lo && a.hi == b.hi; }
};

// Random123's Philox4x32-10 (r123::Philox4x32) of the counter {iteration, person, kind, 0} and the
// key {seed low, seed high}: its four output words. Written out in plain integer arithmetic (the
// same rounds and constants as Random123's philox.h) so that the kernel's loop over persons
// vectorises; test_rng checks it against r123::Philox4x32.
struct PhiloxBlock {
  std::uint32_t w[4];
};
// Philox4x32's multipliers and key increments (Random123's PHILOX_M4x32_0/1, PHILOX_W32_0/1).
inline constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u, kPhiloxM1 = 0xCD9E8D57u;
inline constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u, kPhiloxW1 = 0xBB67AE85u;
constexpr PhiloxBlock philox_block(std::uint64_t seed, std::uint32_t iteration, std::uint32_t person, DrawKind kind) {
  std::uint32_t c0 = iteration, c1 = person, c2 = static_cast<std::uint32_t>(kind), c3 = 0;
  std::uint32_t k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {  // the key is bumped before every round but the first
      k0 += kPhiloxW0;
      k1 += kPhiloxW1;
    }
    const std::uint64_t p0 = std::uint64_t{kPhiloxM0} * c0, p1 = std::uint64_t{kPhiloxM1} * c2;
    const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  return {{c0, c1, c2, c3}};
}

// The person's key for `kind`: the first two words of its Philox block.
constexpr PersonKey person_key(std::uint64_t seed, std::uint32_t iteration, std::uint32_t person, DrawKind kind) {
  const PhiloxBlock b = philox_block(seed, iteration, person, kind);
  return {b.w[0], b.w[1]};
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

// The uniform (as 32 bits) of one person-cycle: the low half of the key walks the Weyl sequence
// lo + t * golden, the high half is xored in, and triple32 mixes. Two persons' streams coincide
// (also shifted by some cycles) only when their 64-bit keys are related, not when 32 bits are.
constexpr std::uint32_t cycle_bits(std::uint32_t lo, std::uint32_t hi, std::uint32_t cycle) {
  return triple32((lo + cycle * 0x9e3779b9u) ^ hi);
}
constexpr std::uint32_t cycle_bits(PersonKey key, std::uint32_t cycle) { return cycle_bits(key.lo, key.hi, cycle); }

// A screening's draws (rescreening) come from the person's transition key, at cycle inputs no
// transition uses: boundary b's from kScreeningCycle0 + 8 b on (transitions use t < 65,535, so the
// two never share a hash input). 16 bits per ZRM domain, two domains from one hash, so the 13
// domains take 7 hashes: domain d draws u = half d % 2 (the low half for even d) of
// cycle_bits(key, screening_cycle(b, d)), a uniform on [0, 2^16), compared with thresholds
// round(2^16 p). No key of its own: a person carries 8 bytes less through every copy.
inline constexpr std::uint32_t kScreeningCycle0 = 0x80000000u;
inline constexpr std::uint32_t kScreeningRange = 1u << 16;
constexpr std::uint32_t screening_cycle(std::uint32_t boundary, std::uint32_t domain) {
  return kScreeningCycle0 + 8 * boundary + domain / 2;
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
