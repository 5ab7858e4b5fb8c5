#pragma once
// Small builders for engine-level test models.
#include <mkba/engine/model.hpp>

#include <vector>

namespace mkba::test {

// A model with one segment, one gemeente, one duration band and the same matrix every cycle.
inline engine::CompiledModel constant_model(int n_states, const std::vector<double>& p, int n_cycles,
                                            std::vector<engine::PersonGroup> population) {
  engine::CompiledModel m;
  m.n_states = n_states;
  m.n_cycles = n_cycles;
  m.population = std::move(population);
  engine::Alternative alt;
  alt.name = "nulalternatief";
  alt.transitions.n_matrices = 1;
  alt.transitions.probabilities = p;
  alt.transitions.matrix_index.assign(static_cast<std::size_t>(n_cycles), 0);
  m.alternatives.push_back(alt);
  for (int s = 0; s < n_states; ++s) m.state_ids.push_back("s" + std::to_string(s));
  engine::check_model(m);
  return m;
}

}  // namespace mkba::test
