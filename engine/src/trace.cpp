#include <mkba/engine/trace.hpp>

namespace mkba::engine {

Trace to_trace(const Counts& c, double w) {
  Trace t;
  t.n_cycles = c.n_cycles;
  t.n_gemeenten = c.n_gemeenten;
  t.n_segments = c.n_segments;
  t.n_states = c.n_states;
  auto scale = [w](const std::vector<std::int64_t>& v) {
    std::vector<double> out(v.begin(), v.end());  // converted as constructed: no pass that zeroes it first
    for (double& x : out) x *= w;
    return out;
  };
  t.occupancy = scale(c.occupancy);
  t.transitions = scale(c.transitions);
  t.entries = scale(c.entries);
  return t;
}

}  // namespace mkba::engine
