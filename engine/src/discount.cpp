#include <mkba/engine/discount.hpp>

#include <cmath>
#include <stdexcept>

namespace mkba::engine {

double per_cycle_rate(double annual_rate, int months_per_cycle) {
  return std::pow(1.0 + annual_rate, months_per_cycle / 12.0) - 1.0;
}

std::vector<double> discount_factors(double annual_rate, int n_cycles, int months_per_cycle,
                                     double offset) {
  std::vector<double> f(static_cast<std::size_t>(n_cycles));
  const double log_base = std::log1p(annual_rate);
  for (int t = 0; t < n_cycles; ++t)
    f[static_cast<std::size_t>(t)] = std::exp(-log_base * (t + offset) * months_per_cycle / 12.0);
  return f;
}

std::vector<double> cycle_discount(double annual_rate, int n_cycles, int months_per_cycle, DiscountTiming timing) {
  switch (timing) {
    case DiscountTiming::start: return discount_factors(annual_rate, n_cycles, months_per_cycle, 0.0);
    case DiscountTiming::middle: return discount_factors(annual_rate, n_cycles, months_per_cycle, 0.5);
    case DiscountTiming::end: return discount_factors(annual_rate, n_cycles, months_per_cycle, 1.0);
    case DiscountTiming::continuous: break;
  }
  std::vector<double> f = discount_factors(annual_rate, n_cycles, months_per_cycle, 0.0);
  const double delta = std::log1p(annual_rate) * months_per_cycle / 12.0;  // force of interest per cycle
  // (1 - e^-delta) / delta, with its limit 1 at delta = 0 (a zero or tiny rate).
  const double mean = std::abs(delta) < 1e-12 ? 1.0 - delta / 2 : -std::expm1(-delta) / delta;
  for (double& x : f) x *= mean;
  return f;
}

std::vector<double> within_cycle_weights(PointRule rule, int n_cycles) {
  if (n_cycles < 1) throw std::invalid_argument("within_cycle_weights: at least one cycle is needed");
  std::vector<double> w(static_cast<std::size_t>(n_cycles) + 1, 1.0);
  switch (rule) {
    case PointRule::trapezoid:
      w.front() = w.back() = 0.5;
      break;
    case PointRule::simpson:
      if (n_cycles % 2 != 0)
        throw std::invalid_argument("Simpson's 1/3 rule needs an even number of cycles");
      for (int j = 1; j < n_cycles; ++j) w[static_cast<std::size_t>(j)] = j % 2 == 1 ? 4.0 / 3.0 : 2.0 / 3.0;
      w.front() = w.back() = 1.0 / 3.0;
      break;
    case PointRule::darthtools_simpson:
      // gen_wcc: v_cycles = 1 .. n + 1 (R's 1-based index i = j + 1); even i -> 2/3, odd i -> 4/3;
      // then the first and last entries 1/3.
      for (int j = 0; j <= n_cycles; ++j) w[static_cast<std::size_t>(j)] = (j + 1) % 2 == 0 ? 2.0 / 3.0 : 4.0 / 3.0;
      w.front() = w.back() = 1.0 / 3.0;
      break;
  }
  return w;
}

}  // namespace mkba::engine
