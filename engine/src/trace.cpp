#include <mkba/engine/trace.hpp>

namespace mkba::engine {

Trace to_trace(const Counts& c, double w) {
  Trace t;
  t.n_cycles = c.n_cycles;
  t.n_gemeenten = c.n_gemeenten;
  t.n_segments = c.n_segments;
  t.n_states = c.n_states;
  auto scale = [w](const std::vector<std::int64_t>& v) {
    std::vector<double> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = static_cast<double>(v[i]) * w;
    return out;
  };
  t.occupancy = scale(c.occupancy);
  t.transitions = scale(c.transitions);
  t.entries = scale(c.entries);
  return t;
}

}  // namespace mkba::engine
