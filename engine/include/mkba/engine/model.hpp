#pragma once
// The compiled model: everything the kernel needs, as flat arrays indexed by small integers.
// Built once per PSA iteration by models/ (from a validated scenario and a parameter draw) and
// passed to the engine by const reference. No names are looked up here; the labels are carried
// only for reports and error messages outside the loop.
#include <mkba/engine/types.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mkba::engine {

// Transition probabilities of one alternative. A person's row is chosen by
// matrix_index[(cycle * n_segments + segment) * n_bands + band] and the current state.
struct TransitionSet {
  int n_matrices = 0;
  std::vector<double> probabilities;   // [matrix][from][to], rows sum to 1
  std::vector<std::int32_t> matrix_index;  // [cycle][segment][band] -> matrix
};

// A capacity-limited state (places available, per gemeente or in total). Kernel semantics are in
// docs/timing.md ("Capacity and waiting list"): people whose draw would take them into a full
// state join a FIFO waiting list (cycle joined, then person index) and stay where they are; the
// list is served before new requests every cycle.
struct Capacity {
  StateId state = 0;
  std::int32_t gemeente = -1;            // -1: places shared by all gemeenten
  std::uint64_t segments = ~std::uint64_t{0};  // bit e: persons in segment e hold and take its places
  std::vector<std::int32_t> places;      // [cycle]: most persons in `state` at the end of the cycle
                                         // (simulated persons, already scaled)
};

struct Alternative {
  std::string name;
  TransitionSet transitions;
  std::vector<Capacity> capacities;
};

inline constexpr int kZrmDomains = 13;
using ZrmScoreArray = std::array<std::uint8_t, kZrmDomains>;  // 1..5, 0 = not scored

// Annual rescreening: at each screening a person's ZRM domain scores move up or down one point
// with probabilities that depend on the state they are in, and the segment is recomputed.
struct Rescreening {
  int interval = 12;                    // cycles between screenings
  std::vector<double> improve, worsen;  // [state * kZrmDomains + domain]: probability per screening
  std::function<int(const ZrmScoreArray&)> segment_of;  // scores -> segment index (the scenario's rule)
  // Optional: the same rule for n persons at once, scores[d][i] = domain d of person i, segments
  // written to segment[0 .. n). When set the kernel uses it (it must agree with segment_of).
  std::function<void(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, std::uint8_t* segment)>
      segments_of;
  // The rule gives segment r; the person's segment becomes r * fold + (old segment % fold): the part
  // of the segment index the scores do not decide (models/ folds fixed person attributes into it).
  int fold = 1;
};

// A group of identical people at the start or entering later (open caseload).
struct PersonGroup {
  std::int32_t gemeente = 0;
  std::int32_t segment = 0;
  StateId state = 0;
  std::int32_t months_in_state = 0;  // in cycles
  Cycle entry_cycle = 0;             // 0: present at the start
  std::int64_t persons = 0;          // simulated persons (already scaled)
  ZrmScoreArray scores{};            // used by rescreening
  std::int32_t first_rescreen = -1;  // cycle boundary (t + 1) of the first rescreen; -1: never
  bool operator==(const PersonGroup&) const = default;
};

struct CompiledModel {
  int n_states = 0;
  int n_gemeenten = 1;
  int n_segments = 1;
  int n_cycles = 0;
  int months_per_cycle = 1;
  std::vector<std::string> state_ids;          // labels for reports only
  std::vector<std::uint8_t> absorbing;         // per state, informational

  // Duration bands: band_of_duration[d] for d = 0 .. duration_cap (cycles in state); durations
  // beyond the cap use the cap's band.
  std::vector<std::uint8_t> band_of_duration{0};
  int n_bands = 1;

  std::vector<PersonGroup> population;         // initial caseload and inflow
  double person_weight = 1.0;                  // real persons per simulated person
  std::vector<Alternative> alternatives;       // [0] is the nulalternatief
  std::optional<Rescreening> rescreening;

  int duration_cap() const { return static_cast<int>(band_of_duration.size()) - 1; }
  std::int64_t simulated_persons() const;
};

// Checks the invariants the kernel relies on (sizes, stochastic rows, index ranges). Throws
// std::invalid_argument naming the first violation; models/ should never produce one.
void check_model(const CompiledModel& model);

}  // namespace mkba::engine
