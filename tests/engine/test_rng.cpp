// The per person-cycle uniforms: uniform (chi-square), and the same for the same key and cycle.
#include <mkba/engine/rng.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace mkba::engine;

TEST_CASE("cycle_bits is a pure function of (key, cycle)", "[engine][rng]") {
  const auto k = person_key(42, 3, 17, DrawKind::transition);
  REQUIRE(k == person_key(42, 3, 17, DrawKind::transition));
  REQUIRE(k != person_key(43, 3, 17, DrawKind::transition));
  REQUIRE(k != person_key(42, 4, 17, DrawKind::transition));
  REQUIRE(k != person_key(42, 3, 18, DrawKind::transition));
  REQUIRE(k != person_key(42, 3, 17, DrawKind::rescreen));
  REQUIRE(cycle_bits(k, 5) == cycle_bits(k, 5));
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
