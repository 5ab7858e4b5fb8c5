#pragma once
// What the kernel produces: integer counts of simulated persons. Money and weights come later.
#include <cstdint>
#include <vector>

namespace mkba::engine {

// Layout (all flat, row-major, last index fastest):
//  occupancy   [t][gemeente][segment][state]          t = 0 .. n_cycles (state at the START of cycle t;
//                                                       the last entry is the end of the horizon)
//  transitions [t][gemeente][segment][from][to]        t = 0 .. n_cycles-1 (at the END of cycle t;
//                                                       from == to means staying)
//  entries     [t][gemeente][segment][state]          new arrivals at the start of cycle t (t >= 1;
//                                                       the starting caseload is not an arrival)
//  waiting     [t][state]                              people on a capacity waiting list at the start of t
struct Counts {
  int n_cycles = 0, n_gemeenten = 0, n_segments = 0, n_states = 0;
  std::vector<std::int64_t> occupancy;
  std::vector<std::int64_t> transitions;
  std::vector<std::int64_t> entries;
  std::vector<std::int64_t> waiting;

  void resize(int cycles, int gemeenten, int segments, int states);
  void add(const Counts& other);  // exact (integer) sum, so any reduction order gives the same result

  std::size_t occ_index(int t, int g, int seg, int s) const {
    return ((static_cast<std::size_t>(t) * n_gemeenten + g) * n_segments + seg) * n_states + s;
  }
  std::size_t trans_index(int t, int g, int seg, int from, int to) const {
    return (((static_cast<std::size_t>(t) * n_gemeenten + g) * n_segments + seg) * n_states + from) *
               n_states + to;
  }
  // Persons in state s at the start of cycle t, summed over gemeenten and segments.
  std::int64_t state_total(int t, int s) const;
  std::int64_t total(int t) const;
};

}  // namespace mkba::engine
