#include <mkba/engine/model.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace mkba::engine {

std::int64_t CompiledModel::simulated_persons() const {
  std::int64_t n = 0;
  for (const auto& g : population) n += g.persons;
  return n;
}

namespace {
void fail(const std::string& what) { throw std::invalid_argument("compiled model: " + what); }
}  // namespace

void check_model(const CompiledModel& m) {
  if (m.n_states < 1 || m.n_states > kMaxStates) fail("number of states out of range");
  if (m.n_segments < 1 || m.n_segments > kMaxSegments) fail("number of segments out of range");
  if (m.n_gemeenten < 1 || m.n_gemeenten > kMaxGemeenten) fail("number of gemeenten out of range");
  if (m.n_cycles < 1) fail("horizon must have at least one cycle");
  if (m.band_of_duration.empty()) fail("band_of_duration is empty");
  for (auto b : m.band_of_duration)
    if (b >= m.n_bands) fail("duration band out of range");
  if (m.alternatives.empty()) fail("no alternatives");
  const auto n = static_cast<std::size_t>(m.n_states);
  for (const auto& alt : m.alternatives) {
    const auto& tr = alt.transitions;
    if (tr.probabilities.size() != static_cast<std::size_t>(tr.n_matrices) * n * n)
      fail("alternative " + alt.name + ": probability array has the wrong size");
    // The kernel indexes its threshold tables with 32-bit arithmetic (microsim.cpp, draw loops).
    if (tr.probabilities.size() >= (std::size_t{1} << 31))
      fail("alternative " + alt.name + ": too many transition matrices for 32-bit table indices");
    if (tr.matrix_index.size() !=
        static_cast<std::size_t>(m.n_cycles) * m.n_segments * m.n_bands)
      fail("alternative " + alt.name + ": matrix index has the wrong size");
    for (auto k : tr.matrix_index)
      if (k < 0 || k >= tr.n_matrices) fail("alternative " + alt.name + ": matrix index out of range");
    for (std::size_t row = 0; row < static_cast<std::size_t>(tr.n_matrices) * n; ++row) {
      double sum = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double p = tr.probabilities[row * n + j];
        if (!(p >= 0.0 && p <= 1.0)) fail("alternative " + alt.name + ": probability outside [0, 1]");
        sum += p;
      }
      if (std::abs(sum - 1.0) > 1e-9) fail("alternative " + alt.name + ": row does not sum to 1");
    }
    for (const auto& c : alt.capacities) {
      if (c.state >= m.n_states) fail("capacity state out of range");
      if (c.gemeente >= m.n_gemeenten) fail("capacity gemeente out of range");
      if (c.places.size() != static_cast<std::size_t>(m.n_cycles)) fail("capacity places per cycle");
    }
  }
  if (m.rescreening && (m.rescreening->fold < 1 || m.n_segments % m.rescreening->fold != 0))
    fail("rescreening fold does not divide the number of segments");
  for (const auto& g : m.population) {
    if (g.gemeente < 0 || g.gemeente >= m.n_gemeenten) fail("population gemeente out of range");
    if (g.segment < 0 || g.segment >= m.n_segments) fail("population segment out of range");
    if (g.state >= m.n_states) fail("population state out of range");
    if (g.entry_cycle < 0 || g.persons < 0 || g.months_in_state < 0)
      fail("population group with negative entry, size or duration");
  }
}

}  // namespace mkba::engine
