#pragma once
// Transition rows as integer thresholds, so the kernel picks the next state with integer compares
// and no floating point: next = #{ j < n-1 : u >= T[j] } with u uniform on [0, 2^31).
#include <cstdint>
#include <vector>

namespace mkba::engine {

inline constexpr std::uint32_t kUniformBits = 31;
inline constexpr std::uint32_t kUniformRange = 1u << kUniformBits;

// thresholds[(matrix * n + from) * n + j] = round(2^31 * sum_{i<=j} p[from][i]); entry n-1 is 2^31.
// Probabilities 0 and 1 map exactly; other probabilities are exact to within 2^-31.
std::vector<std::uint32_t> make_thresholds(const std::vector<double>& probabilities, int n_states);

}  // namespace mkba::engine
