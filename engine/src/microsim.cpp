#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>
#include <mkba/engine/thresholds.hpp>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace mkba::engine {
namespace {

// Person state as a structure of arrays, ordered by entry cycle so that the people present in
// cycle t are exactly the prefix [0, present_end[t]).
struct Persons {
  std::vector<StateId> state;
  std::vector<std::uint16_t> duration;  // cycles in state, capped at the model's duration cap
  std::vector<std::uint16_t> cell;      // gemeente * n_segments + segment
  std::vector<std::uint32_t> key;       // per-person random key of this iteration
  std::vector<std::int64_t> present_end;  // per cycle
};

Persons expand(const CompiledModel& m, RunKey key) {
  std::vector<std::size_t> order(m.population.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return m.population[a].entry_cycle < m.population[b].entry_cycle;
  });
  Persons p;
  const auto n = static_cast<std::size_t>(m.simulated_persons());
  p.state.reserve(n);
  p.duration.reserve(n);
  p.cell.reserve(n);
  p.present_end.assign(static_cast<std::size_t>(m.n_cycles) + 1, 0);
  const int cap = m.duration_cap();
  for (auto gi : order) {
    const auto& g = m.population[gi];
    if (g.entry_cycle > m.n_cycles) continue;
    for (std::int64_t i = 0; i < g.persons; ++i) {
      p.state.push_back(g.state);
      p.duration.push_back(static_cast<std::uint16_t>(std::min(g.months_in_state, cap)));
      p.cell.push_back(static_cast<std::uint16_t>(g.gemeente * m.n_segments + g.segment));
    }
    for (int t = g.entry_cycle; t <= m.n_cycles; ++t) p.present_end[t] += g.persons;
  }
  p.key.resize(p.state.size());
  for (std::size_t i = 0; i < p.key.size(); ++i)
    p.key[i] = person_key(key.seed, key.iteration, static_cast<std::uint32_t>(i), DrawKind::transition);
  return p;
}

struct KernelTables {
  const std::uint32_t* thresholds;
  const std::int32_t* matrix_index;
  const std::uint8_t* band_of_duration;
  int n_states, n_bands, n_cells_per_cycle, duration_cap;
};

// One block of persons through all cycles. The inner loop reads flat arrays, compares integers
// and increments one count per person-cycle: no allocation, no branch on names, no I/O.
void run_block(const KernelTables& k, Persons& p, std::size_t begin, std::size_t end, int n_cycles,
               int n_segments, std::int64_t* transitions) {
  const int n = k.n_states;
  const auto nn = static_cast<std::size_t>(n) * n;
  for (int t = 0; t < n_cycles; ++t) {
    const std::size_t stop = std::min<std::size_t>(end, static_cast<std::size_t>(p.present_end[t]));
    const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * n_segments * k.n_bands;
    std::int64_t* cnt = transitions + static_cast<std::size_t>(t) * k.n_cells_per_cycle * nn;
    for (std::size_t i = begin; i < stop; ++i) {
      const int s = p.state[i];
      const int d = p.duration[i];
      const int seg = p.cell[i] % n_segments;
      const std::size_t mat = static_cast<std::size_t>(midx[seg * k.n_bands + k.band_of_duration[d]]);
      const std::uint32_t* row = k.thresholds + (mat * n + s) * n;
      const std::uint32_t u = cycle_bits(p.key[i], static_cast<std::uint32_t>(t)) >> 1;
      int next = 0;
      for (int j = 0; j + 1 < n; ++j) next += static_cast<int>(u >= row[j]);
      ++cnt[p.cell[i] * nn + static_cast<std::size_t>(s) * n + next];
      p.duration[i] = next == s ? static_cast<std::uint16_t>(std::min(d + 1, k.duration_cap)) : 0;
      p.state[i] = static_cast<StateId>(next);
    }
  }
}

void fill_occupancy_and_entries(const CompiledModel& m, const Persons& p, Counts& c) {
  const int n = m.n_states;
  const std::size_t cells = static_cast<std::size_t>(m.n_gemeenten) * m.n_segments;
  // Occupancy at the start of cycle t is the sum over destinations of the cycle's transitions.
  for (int t = 0; t < m.n_cycles; ++t)
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (int s = 0; s < n; ++s) {
        std::int64_t sum = 0;
        for (int to = 0; to < n; ++to)
          sum += c.transitions[((static_cast<std::size_t>(t) * cells + cell) * n + s) * n + to];
        c.occupancy[(static_cast<std::size_t>(t) * cells + cell) * n + s] = sum;
      }
  const std::size_t present = static_cast<std::size_t>(p.present_end[m.n_cycles]);
  for (std::size_t i = 0; i < present; ++i)
    ++c.occupancy[(static_cast<std::size_t>(m.n_cycles) * cells + p.cell[i]) * n + p.state[i]];
  for (const auto& g : m.population) {
    if (g.entry_cycle >= m.n_cycles) continue;
    const std::size_t cell = static_cast<std::size_t>(g.gemeente) * m.n_segments + g.segment;
    c.entries[(static_cast<std::size_t>(g.entry_cycle) * cells + cell) * n + g.state] += g.persons;
  }
}

}  // namespace

Counts simulate(const CompiledModel& m, int alternative, RunKey key, const MicrosimOptions& opt) {
  if (alternative < 0 || alternative >= static_cast<int>(m.alternatives.size()))
    throw std::invalid_argument("simulate: no such alternative");
  const Alternative& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  if (!alt.capacities.empty())
    throw std::invalid_argument("simulate: capacity-limited states are not supported yet (alternative " +
                                alt.name + ")");
  Persons persons = expand(m, key);
  const auto thresholds = make_thresholds(alt.transitions.probabilities, m.n_states);
  const KernelTables tables{thresholds.data(), alt.transitions.matrix_index.data(),
                            m.band_of_duration.data(), m.n_states, m.n_bands,
                            m.n_gemeenten * m.n_segments, m.duration_cap()};

  // Fixed blocks, independent of the thread count; integer sums make the reduction exact.
  constexpr std::size_t kBlock = 16384;
  const std::size_t n_persons = persons.state.size();
  const std::size_t n_blocks = (n_persons + kBlock - 1) / kBlock;
  const int n_threads = static_cast<int>(std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(1, opt.threads)), n_blocks)));
  std::vector<Counts> partial(static_cast<std::size_t>(n_threads));
  for (auto& c : partial) c.resize(m.n_cycles, m.n_gemeenten, m.n_segments, m.n_states);
  std::atomic<std::size_t> next_block{0};
  auto worker = [&](int w) {
    for (std::size_t b; (b = next_block.fetch_add(1)) < n_blocks;)
      run_block(tables, persons, b * kBlock, std::min(n_persons, (b + 1) * kBlock), m.n_cycles,
                m.n_segments, partial[static_cast<std::size_t>(w)].transitions.data());
  };
  if (n_threads == 1) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    for (int w = 0; w < n_threads; ++w) pool.emplace_back(worker, w);
    for (auto& th : pool) th.join();
  }
  Counts counts = std::move(partial[0]);
  for (std::size_t w = 1; w < partial.size(); ++w) counts.add(partial[w]);
  fill_occupancy_and_entries(m, persons, counts);
  return counts;
}

}  // namespace mkba::engine
