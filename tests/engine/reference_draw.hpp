#pragma once
// The documented draw of one person in one cycle (docs/random-numbers.md), written person by person
// the way the walking-skeleton kernel did: the oracle of the kernel tests (test_kernel_paths.cpp,
// test_rescreening_reference.cpp), in one place.
#include <mkba/engine/counts.hpp>
#include <mkba/engine/model.hpp>
#include <mkba/engine/rng.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mkba::test {

struct ReferencePerson {
  int state, dur, g, seg, entry;
};

// Cycle t of person p, whose transition key is k (person_key of their number in the expanded
// order), with the model's first alternative and its thresholds `thr` (make_thresholds):
// u = cycle_bits(k, t) >> 1, next = #{j < n-1 : u >= T_j} in the row of (cycle, segment, band of
// months in state, state); counted in c (the move and the occupancy at t), then the person moves.
inline void reference_cycle(const engine::CompiledModel& m, const std::vector<std::uint32_t>& thr, engine::PersonKey k, int t,
                            ReferencePerson& p, engine::Counts& c) {
  const auto& alt = m.alternatives[0];
  const int n = m.n_states, S = m.n_segments, B = m.n_bands, cap = m.duration_cap();
  const std::uint32_t u = engine::cycle_bits(k, static_cast<std::uint32_t>(t)) >> 1;
  const auto mat = static_cast<std::size_t>(
      alt.transitions.matrix_index[(static_cast<std::size_t>(t) * S + p.seg) * B + m.band_of_duration[static_cast<std::size_t>(p.dur)]]);
  const std::uint32_t* row = thr.data() + (mat * n + p.state) * n;
  int next = 0;
  for (int j = 0; j + 1 < n; ++j) next += u >= row[j] ? 1 : 0;
  ++c.transitions[c.trans_index(t, p.g, p.seg, p.state, next)];
  ++c.occupancy[c.occ_index(t, p.g, p.seg, p.state)];
  p.dur = next == p.state ? std::min(p.dur + 1, cap) : 0;
  p.state = next;
}

}  // namespace mkba::test
