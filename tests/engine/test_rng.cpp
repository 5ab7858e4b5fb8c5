// The per person-cycle uniforms: uniform (chi-square), and the same for the same key and cycle.
#include <mkba/engine/rng.hpp>

#include <Random123/philox.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace mkba::engine;

TEST_CASE("cycle_bits is a pure function of (key, cycle) and uses all 64 bits of the key", "[engine][rng]") {
  const auto k = person_key(42, 3, 17, DrawKind::transition);
  REQUIRE(k == person_key(42, 3, 17, DrawKind::transition));
  REQUIRE(k != person_key(43, 3, 17, DrawKind::transition));
  REQUIRE(k != person_key(42, 4, 17, DrawKind::transition));
  REQUIRE(k != person_key(42, 3, 18, DrawKind::transition));
  REQUIRE(k != person_key(42, 3, 17, DrawKind::rescreen));
  REQUIRE(cycle_bits(k, 5) == cycle_bits(k, 5));
  // The high half of the key changes the stream, so two persons whose low halves coincide (at
  // 400,000 persons some 20 pairs do) still draw independent streams.
  const PersonKey same_lo{k.lo, k.hi ^ 0x80000001u};
  int equal = 0;
  for (std::uint32_t t = 0; t < 120; ++t) equal += cycle_bits(k, t) == cycle_bits(same_lo, t) ? 1 : 0;
  REQUIRE(equal == 0);
}

TEST_CASE("person_key is Random123's Philox4x32-10, its first two words", "[engine][rng]") {
  for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{42}, std::uint64_t{20260101}, ~std::uint64_t{0} - 12345})
    for (const std::uint32_t iteration : {0u, 1u, 999u})
      for (std::uint32_t person = 0; person < 2000; person += 7)
        for (const DrawKind kind : {DrawKind::transition, DrawKind::rescreen, DrawKind::parameter}) {
          r123::Philox4x32 philox;
          const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
          const r123::Philox4x32::ctr_type ctr = {{iteration, person, static_cast<std::uint32_t>(kind), 0u}};
          const auto out = philox(ctr, key);
          const PersonKey k = person_key(seed, iteration, person, kind);
          REQUIRE(k.lo == out[0]);
          REQUIRE(k.hi == out[1]);
        }
}

TEST_CASE("64-bit person keys of 400,000 persons are distinct and no low half walks onto another's stream", "[engine][rng]") {
  // With 32-bit keys k + t x golden, two persons whose keys differ by d x golden (|d| < 120) share a
  // stream shifted by d cycles: about 400,000^2 x 240 / 2^33 = 4,500 pairs. With 64-bit keys both
  // halves must match the shift; count the pairs whose 64-bit keys coincide: none.
  std::vector<std::uint64_t> keys;
  const std::uint32_t n = 400000;
  keys.reserve(n);
  for (std::uint32_t p = 0; p < n; ++p) {
    const auto k = person_key(20260101, 0, p, DrawKind::transition);
    keys.push_back(static_cast<std::uint64_t>(k.hi) << 32 | k.lo);
  }
  std::sort(keys.begin(), keys.end());
  REQUIRE(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
}

TEST_CASE("uniforms over persons and cycles pass a chi-square test with 64 bins", "[engine][rng]") {
  std::vector<double> bins(64, 0.0);
  const int persons = 20000, cycles = 10;
  for (std::uint32_t p = 0; p < persons; ++p) {
    const auto key = person_key(2026, 0, p, DrawKind::transition);
    for (std::uint32_t t = 0; t < cycles; ++t) bins[cycle_bits(key, t) >> 26] += 1;
  }
  const double expected = persons * cycles / 64.0;
  double chi2 = 0;
  for (double b : bins) chi2 += (b - expected) * (b - expected) / expected;
  // 63 degrees of freedom: the 0.999 quantile is 103.4.
  REQUIRE(chi2 < 103.4);
}

TEST_CASE("successive cycles of one person are uncorrelated", "[engine][rng]") {
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  const int n = 200000;
  for (std::uint32_t p = 0; p < n; ++p) {
    const auto key = person_key(7, 0, p, DrawKind::transition);
    const double x = cycle_bits(key, 3) * 0x1.0p-32, y = cycle_bits(key, 4) * 0x1.0p-32;
    sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y;
  }
  const double cov = sxy / n - sx / n * sy / n;
  const double corr = cov / std::sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
  REQUIRE(std::abs(corr) < 4.0 / std::sqrt(n));
}

TEST_CASE("the two 16-bit halves of one hash (a screening's two domain draws) are jointly uniform",
          "[engine][rng][rescreening]") {
  // docs/random-numbers.md: domains 2k and 2k + 1 of a screening take the low and the high half of
  // one cycle_bits. Their joint distribution over 8 x 8 cells (the top 3 bits of each half), and
  // where a domain's thresholds are (the lowest 1/16 of each half): no cell may stand out.
  std::vector<double> joint(64, 0.0), low_corner(64, 0.0);
  const int persons = 50000, screenings = 10;
  for (std::uint32_t p = 0; p < persons; ++p) {
    const auto key = person_key(2026, 3, p, DrawKind::transition);
    for (std::uint32_t b = 1; b <= static_cast<std::uint32_t>(screenings); ++b) {
      const std::uint32_t h = cycle_bits(key, screening_cycle(12 * b, 4));
      const std::uint32_t lo = h & 0xffffu, hi = h >> 16;
      joint[(lo >> 13) * 8 + (hi >> 13)] += 1;
      if (lo < 4096 && hi < 4096) low_corner[(lo >> 9) * 8 + (hi >> 9)] += 1;
    }
  }
  const auto chi2 = [](const std::vector<double>& bins) {
    double n = 0, c = 0;
    for (double b : bins) n += b;
    for (double b : bins) c += (b - n / 64) * (b - n / 64) / (n / 64);
    return c;
  };
  // 63 degrees of freedom: the 0.999 quantile is 103.4. The corner holds ~1,950 draws (500,000 / 256), ~30 a cell.
  CHECK(chi2(joint) < 103.4);
  CHECK(chi2(low_corner) < 103.4);
}
