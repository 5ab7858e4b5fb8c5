#include <mkba/engine/discount.hpp>

#include <cmath>

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

}  // namespace mkba::engine
