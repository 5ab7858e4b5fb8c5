#include <mkba/engine/vector_paths.hpp>

#include <cstdlib>

namespace mkba::engine {

bool avx512_paths() {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vl") &&
                          std::getenv("MKBA_KERNEL_PORTABLE") == nullptr;
  return yes;
#else
  return false;
#endif
}

}  // namespace mkba::engine
