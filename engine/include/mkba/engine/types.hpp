#pragma once
// Plain index types shared by the engine. Names are resolved to these at load time; the kernel
// never sees a string.
#include <cstdint>

namespace mkba::engine {

using StateId = std::uint8_t;   // at most 64 states (checked when a model is compiled)
using Cycle = std::int32_t;     // cycle index from the start month (0 = first cycle)

inline constexpr int kMaxStates = 64;
inline constexpr int kMaxSegments = 64;
inline constexpr int kMaxGemeenten = 1024;

}  // namespace mkba::engine
