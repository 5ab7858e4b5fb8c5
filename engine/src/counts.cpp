#include <mkba/engine/counts.hpp>

#include <stdexcept>

namespace mkba::engine {

void Counts::resize(int cycles, int gemeenten, int segments, int states) {
  n_cycles = cycles;
  n_gemeenten = gemeenten;
  n_segments = segments;
  n_states = states;
  const auto cell = static_cast<std::size_t>(gemeenten) * segments * states;
  occupancy.assign((cycles + 1) * cell, 0);
  transitions.assign(cycles * cell * states, 0);
  entries.assign(cycles * cell, 0);
  waiting.assign(static_cast<std::size_t>(cycles + 1) * states, 0);
}

void Counts::add(const Counts& o) {
  if (o.occupancy.size() != occupancy.size() || o.transitions.size() != transitions.size())
    throw std::invalid_argument("Counts::add: shapes differ");
  for (std::size_t i = 0; i < occupancy.size(); ++i) occupancy[i] += o.occupancy[i];
  for (std::size_t i = 0; i < transitions.size(); ++i) transitions[i] += o.transitions[i];
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i] += o.entries[i];
  for (std::size_t i = 0; i < waiting.size(); ++i) waiting[i] += o.waiting[i];
}

std::int64_t Counts::state_total(int t, int s) const {
  std::int64_t n = 0;
  for (int g = 0; g < n_gemeenten; ++g)
    for (int seg = 0; seg < n_segments; ++seg) n += occupancy[occ_index(t, g, seg, s)];
  return n;
}

std::int64_t Counts::total(int t) const {
  std::int64_t n = 0;
  for (int s = 0; s < n_states; ++s) n += state_total(t, s);
  return n;
}

}  // namespace mkba::engine
