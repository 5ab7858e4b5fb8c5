#include <mkba/engine/thresholds.hpp>

#include <algorithm>
#include <cmath>

namespace mkba::engine {

std::vector<std::uint32_t> make_thresholds(const std::vector<double>& p, int n_states) {
  const auto n = static_cast<std::size_t>(n_states);
  std::vector<std::uint32_t> thr(p.size());
  for (std::size_t row = 0; row * n < p.size(); ++row) {
    double cum = 0;
    for (std::size_t j = 0; j < n; ++j) {
      cum += p[row * n + j];
      const double scaled = std::round(std::min(cum, 1.0) * kUniformRange);
      thr[row * n + j] = j + 1 == n ? kUniformRange : static_cast<std::uint32_t>(scaled);
    }
    // A zero-probability tail must not be reachable through rounding of the cumulative sum.
    for (std::size_t j = n - 1; j-- > 0;) {
      if (p[row * n + j + 1] == 0.0) thr[row * n + j] = thr[row * n + j + 1];
      else break;
    }
  }
  return thr;
}

}  // namespace mkba::engine
