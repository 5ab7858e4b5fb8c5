#include <mkba/engine/expanded.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>
#include <mkba/engine/thresholds.hpp>
#include <mkba/engine/vector_paths.hpp>

#include <immintrin.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace mkba::engine {
namespace {

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // clang 14: no target_clones on templates
#define MKBA_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MKBA_TARGET_CLONES
#endif

// rng.hpp's person_key of persons first .. first + n - 1, in one loop that the compiler vectorises
// (the 32 x 32 -> 64-bit products of Philox; AVX-512/AVX2 clones, integer only: the same bits).
MKBA_TARGET_CLONES void person_keys(std::uint64_t seed, std::uint32_t iteration, std::uint32_t first, std::size_t n,
                                    std::uint32_t* __restrict lo, std::uint32_t* __restrict hi) {
  for (std::size_t i = 0; i < n; ++i) {
    const PersonKey k = person_key(seed, iteration, first + static_cast<std::uint32_t>(i), DrawKind::transition);
    lo[i] = k.lo;
    hi[i] = k.hi;
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
bool have_avx512();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The 32 x 32 -> 64-bit products m x b of 16 lanes: their low and high halves (Philox's mulhilo).
__attribute__((target("avx512f"), always_inline)) inline void mulhilo16(__m512i m, __m512i b, __m512i& lo, __m512i& hi) {
  const __m512i even = _mm512_mul_epu32(b, m), odd = _mm512_mul_epu32(_mm512_srli_epi64(b, 32), m);
  lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
}

// rng.hpp's philox_block (DrawKind::transition) of persons first .. first + n - 1, 16 at a time in
// AVX-512 registers (the compiler's vectorisation of person_keys took about 15 cycles a person);
// words 0-1 into lo, hi. Integer only: the same bits (every kernel path test compares with
// person_key one person at a time).
__attribute__((target("avx512f"))) void philox_keys_avx512(std::uint64_t seed, std::uint32_t iteration, std::uint32_t first,
                                                           std::size_t n, std::uint32_t* lo, std::uint32_t* hi) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kPhiloxM0)), m1 = _mm512_set1_epi32(static_cast<int>(kPhiloxM1));
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512i c0 = _mm512_set1_epi32(static_cast<int>(iteration));
    __m512i c1 = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(first + static_cast<std::uint32_t>(i))), lane);
    __m512i c2 = _mm512_set1_epi32(static_cast<int>(DrawKind::transition)), c3 = _mm512_setzero_si512();
    auto k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        k0 += kPhiloxW0;
        k1 += kPhiloxW1;
      }
      __m512i lo0, hi0, lo1, hi1;
      mulhilo16(m0, c0, lo0, hi0);
      mulhilo16(m1, c2, lo1, hi1);
      c0 = _mm512_ternarylogic_epi32(hi1, c1, _mm512_set1_epi32(static_cast<int>(k0)), 0x96);  // a ^ b ^ c
      c1 = lo1;
      c2 = _mm512_ternarylogic_epi32(hi0, c3, _mm512_set1_epi32(static_cast<int>(k1)), 0x96);
      c3 = lo0;
    }
    _mm512_storeu_si512(lo + i, c0);  // words 0-1, as person_key picks them
    _mm512_storeu_si512(hi + i, c1);
  }
  if (i < n) person_keys(seed, iteration, first + static_cast<std::uint32_t>(i), n - i, lo + i, hi + i);
}
#pragma GCC diagnostic pop
#endif

// Person state as a structure of arrays, ordered by entry cycle so that the people present in
// cycle t are exactly the prefix [0, present_end[t]). run_block moves persons within its block
// (retire_staying, move_persons) and subset copies some: every per-person array is listed in
// for_each_member.
constexpr std::uint16_t kNoScreening = 0xffff;  // Persons::next_screen of a person never screened

struct Persons {
  std::vector<StateId> state;
  std::vector<std::uint16_t> duration;  // cycles in state, capped at the model's duration cap
  std::vector<std::uint32_t> cell;      // gemeente * n_segments + segment
  std::vector<std::uint8_t> segment;    // stored apart so the kernel needs no division
  std::vector<std::uint16_t> gemeente;  // for capacity limits per gemeente
  std::vector<std::uint32_t> key, key_hi;  // per-person 64-bit random key of this iteration (lo, hi)
  std::vector<std::int64_t> present_end;  // per cycle
  // Rescreening only (empty otherwise).
  std::vector<std::uint8_t> scores;       // [domain][person]: a structure of arrays, 13 x persons
  // The cycle boundary of the person's next screening (kNoScreening: none), and whether their
  // segment is already the rule's for their scores (after a screening, or from the start when the
  // group's segment is): until then a screening applies the rule whatever the scores do.
  // Persons of one group are consecutive and share their schedule, so the people due at a boundary
  // come in long runs (rescreen).
  std::vector<std::uint16_t> next_screen;
  std::vector<std::uint8_t> by_rule;
  // The row map entry the person draws from next (EntryMap), when the run keeps it (empty otherwise,
  // and always in expanded persons: it depends on the alternative).
  std::vector<std::uint32_t> entry;
};

// f(&Persons::column) for every per-person column (one value per person) of Persons: the one list,
// for whoever moves, closes up or copies persons. The scores ([domain][person]) and present_end
// (per cycle) are not per-person columns and are handled apart.
template <class F>
void for_each_member(F&& f) {
  f(&Persons::state);
  f(&Persons::duration);
  f(&Persons::cell);
  f(&Persons::segment);
  f(&Persons::gemeente);
  f(&Persons::key);
  f(&Persons::key_hi);
  f(&Persons::next_screen);
  f(&Persons::by_rule);
  f(&Persons::entry);
}

// f(column) for every per-person column of p (for_each_member).
template <class F>
void for_each_column(Persons& p, F&& f) {
  for_each_member([&](auto column) { f(p.*column); });
}

// The rule's segment of the scores of each group population[which[k]], with the rule of many
// persons at once where the model gives it (one call instead of one per group).
std::vector<std::uint8_t> segments_by_rule(const Rescreening& r, const std::vector<PersonGroup>& population,
                                           const std::vector<std::size_t>& which) {
  const std::size_t G = which.size();
  std::vector<std::uint8_t> out(G);
  if (!r.segments_of) {
    for (std::size_t k = 0; k < G; ++k) out[k] = static_cast<std::uint8_t>(r.segment_of(population[which[k]].scores));
    return out;
  }
  std::vector<std::uint8_t> columns(static_cast<std::size_t>(kZrmDomains) * G);
  std::array<const std::uint8_t*, kZrmDomains> at{};
  for (std::size_t d = 0; d < at.size(); ++d) {
    for (std::size_t k = 0; k < G; ++k) columns[d * G + k] = population[which[k]].scores[d];
    at[d] = columns.data() + d * G;
  }
  r.segments_of(at, G, out.data());
  return out;
}

// The columns of m's persons that do not depend on the run key: all but the keys (fill_keys).
Persons expand_layout(const CompiledModel& m) {
  std::vector<std::size_t> order(m.population.size());
  std::iota(order.begin(), order.end(), 0);
  // By entry cycle (the people present in a cycle are a prefix), then by first screening, so that
  // the people screened together are consecutive (long vector runs), then as declared.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ga = m.population[a];
    const auto& gb = m.population[b];
    if (ga.entry_cycle != gb.entry_cycle) return ga.entry_cycle < gb.entry_cycle;
    return m.rescreening && ga.first_rescreen < gb.first_rescreen;
  });
  Persons p;
  p.present_end.assign(static_cast<std::size_t>(m.n_cycles) + 1, 0);
  const int cap = m.duration_cap();
  std::vector<std::pair<std::size_t, std::size_t>> group_range;  // per expanded group: [begin, end)
  std::vector<std::size_t> group_of;
  std::size_t N = 0;
  for (auto gi : order) {
    const auto& g = m.population[gi];
    if (g.entry_cycle > m.n_cycles) continue;
    group_range.emplace_back(N, N + static_cast<std::size_t>(g.persons));
    group_of.push_back(gi);
    N += static_cast<std::size_t>(g.persons);
    for (int t = g.entry_cycle; t <= m.n_cycles; ++t) p.present_end[t] += g.persons;
  }
  // A group's persons start alike: each column filled group by group.
  p.state.resize(N);
  p.duration.resize(N);
  p.cell.resize(N);
  p.segment.resize(N);
  p.gemeente.resize(N);
  const auto fill = [](auto& v, std::pair<std::size_t, std::size_t> r, auto x) {
    std::fill(v.begin() + static_cast<std::ptrdiff_t>(r.first), v.begin() + static_cast<std::ptrdiff_t>(r.second),
              static_cast<typename std::remove_reference_t<decltype(v)>::value_type>(x));
  };
  for (std::size_t k = 0; k < group_range.size(); ++k) {
    const auto& g = m.population[group_of[k]];
    fill(p.state, group_range[k], g.state);
    fill(p.duration, group_range[k], std::min(g.months_in_state, cap));
    fill(p.cell, group_range[k], g.gemeente * m.n_segments + g.segment);
    fill(p.segment, group_range[k], g.segment);
    fill(p.gemeente, group_range[k], g.gemeente);
  }
  if (m.rescreening) {
    // The scores [domain][person] appended group by group (no pass that zeroes them first).
    p.scores.reserve(static_cast<std::size_t>(kZrmDomains) * N);
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d)
      for (std::size_t k = 0; k < group_range.size(); ++k)
        p.scores.insert(p.scores.end(), group_range[k].second - group_range[k].first, m.population[group_of[k]].scores[d]);
    p.next_screen.assign(N, kNoScreening);
    p.by_rule.assign(N, 0);
    const std::vector<std::uint8_t> ruled_segment = segments_by_rule(*m.rescreening, m.population, group_of);
    for (std::size_t k = 0; k < group_range.size(); ++k) {
      const auto& g = m.population[group_of[k]];
      const auto [b, e] = group_range[k];
      // A first screening that moves no score leaves such a group's segment as it is.
      const int ruled = ruled_segment[k] * m.rescreening->fold + g.segment % m.rescreening->fold;
      std::fill(p.by_rule.begin() + static_cast<std::ptrdiff_t>(b), p.by_rule.begin() + static_cast<std::ptrdiff_t>(e),
                static_cast<std::uint8_t>(ruled == g.segment ? 1 : 0));
      if (g.first_rescreen >= 0 && g.first_rescreen <= m.n_cycles)
        std::fill(p.next_screen.begin() + static_cast<std::ptrdiff_t>(b), p.next_screen.begin() + static_cast<std::ptrdiff_t>(e),
                  static_cast<std::uint16_t>(g.first_rescreen));
    }
  }
  return p;
}

// The persons' random keys for `key`, into p (its other columns from expand_layout of m). Stops
// early (p then incomplete) when *cancel is set: at national scale the set-up alone takes seconds,
// and SIGINT must end a run within one.
void fill_keys(RunKey key, Persons& p, const std::atomic<bool>* cancel) {
  const std::size_t N = p.state.size();
  // Keys in pieces of 65,536 persons, with the cancel check between them.
  p.key.resize(N);
  p.key_hi.resize(N);
  constexpr std::size_t kKeyPiece = 65536;
  for (std::size_t b = 0; b < N; b += kKeyPiece) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return;
    const auto first = static_cast<std::uint32_t>(b);
    const std::size_t len = std::min(kKeyPiece, N - b);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (have_avx512()) {
      philox_keys_avx512(key.seed, key.iteration, first, len, p.key.data() + b, p.key_hi.data() + b);
      continue;
    }
#endif
    person_keys(key.seed, key.iteration, first, len, p.key.data() + b, p.key_hi.data() + b);
  }
}

// The persons of m for `key`; incomplete when *cancel is set meanwhile.
Persons expand(const CompiledModel& m, RunKey key, const std::atomic<bool>* cancel) {
  Persons p = expand_layout(m);
  fill_keys(key, p, cancel);
  return p;
}


#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // GCC 12, falsely, in avx512fintrin.h
// rng.hpp's cycle_bits(lo, hi, cycle) of 16 persons, i.e. triple32((lo + tg) ^ hi) with tg = cycle *
// golden, lane by lane; the rescreening draws take its two halves (rng.hpp's screening_cycle).
__attribute__((target("avx512f"), always_inline)) inline __m512i cycle_bits16(__m512i lo, __m512i hi, __m512i vtg) {
  __m512i x = _mm512_xor_si512(_mm512_add_epi32(lo, vtg), hi);
  x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 17));
  x = _mm512_mullo_epi32(x, _mm512_set1_epi32(static_cast<int>(0xed5ad4bbu)));
  x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 11));
  x = _mm512_mullo_epi32(x, _mm512_set1_epi32(static_cast<int>(0xac4c1b51u)));
  x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 15));
  x = _mm512_mullo_epi32(x, _mm512_set1_epi32(static_cast<int>(0x31848babu)));
  return _mm512_xor_si512(x, _mm512_srli_epi32(x, 14));
}
// u of 16 persons: cycle_bits >> 1, the transitions' uniform on [0, 2^31).
__attribute__((target("avx512f"), always_inline)) inline __m512i uniform16(__m512i lo, __m512i hi, __m512i vtg) {
  return _mm512_srli_epi32(cycle_bits16(lo, hi, vtg), 1);
}
__attribute__((target("avx512f"), always_inline)) inline __m512i uniform16(const std::uint32_t* lo, const std::uint32_t* hi,
                                                                        __m512i vtg) {
  return uniform16(_mm512_loadu_si512(lo), _mm512_loadu_si512(hi), vtg);
}
#pragma GCC diagnostic pop
#endif

// Where a person's row map entry (KernelTables::rowmap) is, when a run keeps it in Persons::entry
// (KernelTables::follow: one row map for every cycle): the draw then reads it instead of gathering
// it from the map, and whoever changes a person's state, months in state or segment brings it up
// to date (step_mapped_avx512 for movers and for the months in state where the entry changes;
// screen_run for new segments). map null: not kept.
struct EntryMap {
  const std::uint32_t* map = nullptr;
  std::uint32_t seg_stride = 0, n = 0;  // the entry: map[segment * seg_stride + months in state * n + state]
};

inline std::uint32_t entry_at(const EntryMap& em, std::uint8_t segment, std::uint16_t months, StateId state) {
  return em.map[segment * em.seg_stride + static_cast<std::uint32_t>(months) * em.n + state];
}

// Persons [b, e)'s entries from the map (vectorised with gathers where the CPU has them).
MKBA_TARGET_CLONES void refresh_entry_column(const EntryMap& em, const std::uint8_t* __restrict segment,
                                             const std::uint16_t* __restrict duration, const StateId* __restrict state,
                                             std::uint32_t* __restrict entry, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i) entry[i] = entry_at(em, segment[i], duration[i], state[i]);
}

void refresh_entries(const EntryMap& em, Persons& p, std::size_t b, std::size_t e) {
  if (em.map) refresh_entry_column(em, p.segment.data(), p.duration.data(), p.state.data(), p.entry.data(), b, e);
}

// Rescreening tables: integer thresholds per domain and state (u < improve: one point up;
// u < worsen: one point down), on the 2^16 scale of the screening draws (rng.hpp's screening_cycle).
struct RescreenTables {
  const Rescreening* spec = nullptr;
  std::vector<std::uint32_t> improve, worsen;  // [domain][state]
  int n_segments = 1, n_states = 0, n_cycles = 0;
  EntryMap entries;  // kept up to date when a screening changes segments
};

RescreenTables make_rescreen_tables(const CompiledModel& m) {
  RescreenTables r;
  if (!m.rescreening) return r;
  r.spec = &*m.rescreening;
  r.n_segments = m.n_segments;
  r.n_states = m.n_states;
  r.n_cycles = m.n_cycles;
  const auto n = static_cast<std::size_t>(m.n_states);
  r.improve.assign(static_cast<std::size_t>(kZrmDomains) * n, 0);
  r.worsen.assign(static_cast<std::size_t>(kZrmDomains) * n, 0);
  for (std::size_t st = 0; st < n; ++st)
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d) {
      const std::size_t i = st * kZrmDomains + d;
      if (i >= r.spec->improve.size()) continue;
      const double up = r.spec->improve[i], down = r.spec->worsen[i];
      r.improve[d * n + st] = static_cast<std::uint32_t>(std::llround(up * kScreeningRange));
      r.worsen[d * n + st] = static_cast<std::uint32_t>(std::llround(std::min(1.0, up + down) * kScreeningRange));
    }
  return r;
}

// The segment rule (a pure function of the 13 scores, given by models/) of scores packed 3 bits
// a domain (domain d at bit 3 d). A cache of recent score sets was tried and dropped: people's
// scores diverge after their first screenings, and it was no faster than calling the rule.
int segment_of_packed(const Rescreening& spec, std::uint64_t key) {
  ZrmScoreArray sc;
  for (std::size_t d = 0; d < sc.size(); ++d) sc[d] = static_cast<std::uint8_t>((key >> (3 * d)) & 7u);
  return spec.segment_of(sc);
}

// A domain's score after its draw u (16 bits; rng.hpp's screening_cycle): a scored domain (v > 0)
// goes one point up when u < improve (and v < 5), else one point down when u < worsen (and v > 1).
// Branch-free; `moved` gets 1 where the score moved.
inline std::uint32_t screened_score(std::uint32_t u, std::uint32_t v, std::uint32_t improve, std::uint32_t worsen,
                                    std::uint32_t& moved) {
  const std::uint32_t scored = static_cast<std::uint32_t>(v != 0);
  const std::uint32_t up = scored & static_cast<std::uint32_t>(u < improve) & static_cast<std::uint32_t>(v < 5);
  const std::uint32_t down = scored & static_cast<std::uint32_t>(u >= improve) & static_cast<std::uint32_t>(u < worsen) &
                             static_cast<std::uint32_t>(v > 1);
  moved |= up | down;
  return v + up - down;
}

// The draws of domains d and d + 1 (one hash: the low and the high 16 bits) for persons [0, n) of
// a due range, d even; with sc1 null only domain d (the 13th). Vectorisable, integer only, so every
// clone gives the same bits. changed[i] is set when a score moved; the new scores are ored into
// packed at shift and shift + 3.
MKBA_TARGET_CLONES void rescreen_pair(const std::uint32_t* __restrict improve, const std::uint32_t* __restrict worsen,
                                      std::size_t n_states, const StateId* __restrict state,
                                      const std::uint32_t* __restrict klo, const std::uint32_t* __restrict khi,
                                      std::uint32_t cycle, std::uint8_t* __restrict sc0, std::uint8_t* __restrict sc1,
                                      std::uint8_t* __restrict changed, std::uint32_t* __restrict packed,
                                      std::uint32_t shift, std::size_t n) {
  const std::uint32_t tg = cycle * 0x9e3779b9u;
  if (sc1 == nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t h = triple32((klo[i] + tg) ^ khi[i]), s = state[i];
      std::uint32_t moved = changed[i];
      const std::uint32_t w = screened_score(h & 0xffffu, sc0[i], improve[s], worsen[s], moved);
      sc0[i] = static_cast<std::uint8_t>(w);
      changed[i] = static_cast<std::uint8_t>(moved);
      packed[i] |= w << shift;
    }
    return;
  }
  const std::uint32_t* __restrict improve1 = improve + n_states;
  const std::uint32_t* __restrict worsen1 = worsen + n_states;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t h = triple32((klo[i] + tg) ^ khi[i]), s = state[i];
    std::uint32_t moved = changed[i];
    const std::uint32_t w0 = screened_score(h & 0xffffu, sc0[i], improve[s], worsen[s], moved);
    const std::uint32_t w1 = screened_score(h >> 16, sc1[i], improve1[s], worsen1[s], moved);
    sc0[i] = static_cast<std::uint8_t>(w0);
    sc1[i] = static_cast<std::uint8_t>(w1);
    changed[i] = static_cast<std::uint8_t>(moved);
    packed[i] |= w0 << shift | w1 << (shift + 3);
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// rescreen_pair for all 13 domains at once with AVX-512 intrinsics, for up to 16 states (the
// per-state thresholds by a register permute instead of a gather): the pair of domains (2k, 2k + 1)
// from the hash at cycle0 + k, with each person's keys and state loaded once and `changed` and the
// packed scores kept in registers over the domains. Bit-identical to the rescreen_pair calls (the
// same operations per lane). sc[d] is domain d's score column of the persons; `changed` (and with
// Pack `packed_lo`/`packed_hi`) are written for every person. Pack: whether to pack the scores
// (for segment_of_packed; the rule of many persons at once reads the columns instead).
template <bool Pack>
__attribute__((target("avx512f,avx512bw,avx512vl"))) void rescreen_all_avx512(
    const std::uint32_t* improve, const std::uint32_t* worsen, int n_states, const StateId* state,
    const std::uint32_t* klo, const std::uint32_t* khi, std::uint32_t cycle0, std::uint8_t* const* sc,
    std::uint8_t* changed, std::uint32_t* packed_lo, std::uint32_t* packed_hi, std::size_t n) {
  constexpr auto kDomains = static_cast<std::size_t>(kZrmDomains);
  const auto ns = static_cast<std::size_t>(n_states);
  alignas(64) std::uint32_t imp[kZrmDomains][16] = {}, wor[kZrmDomains][16] = {};
  for (std::size_t d = 0; d < kDomains; ++d)
    for (std::size_t s = 0; s < ns; ++s) {
      imp[d][s] = improve[d * ns + s];
      wor[d][s] = worsen[d * ns + s];
    }
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1), five = _mm512_set1_epi32(5);
  const __m512i low16 = _mm512_set1_epi32(0xffff);
  std::size_t i = 0;
  if constexpr (!Pack) {
    // 64 persons a step: the draws and the compares with the thresholds in four vectors of 16
    // (32-bit), the scores' update in one vector of 64 bytes (the same operations per person).
    const __m512i one8 = _mm512_set1_epi8(1), five8 = _mm512_set1_epi8(5);
    for (; i + 64 <= n; i += 64) {
      __m512i lo[4], hi[4], st[4];
      for (int q = 0; q < 4; ++q) {
        lo[q] = _mm512_loadu_si512(klo + i + 16 * q);
        hi[q] = _mm512_loadu_si512(khi + i + 16 * q);
        st[q] = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + i + 16 * q)));
      }
      __mmask64 moved = 0;
      __m512i h[4];
      for (std::size_t d = 0; d < kDomains; ++d) {
        if (d % 2 == 0) {
          const __m512i vtg = _mm512_set1_epi32(static_cast<int>((cycle0 + static_cast<std::uint32_t>(d / 2)) * 0x9e3779b9u));
          for (int q = 0; q < 4; ++q) h[q] = cycle_bits16(lo[q], hi[q], vtg);
        }
        const __m512i ti = _mm512_load_si512(imp[d]), tw = _mm512_load_si512(wor[d]);
        __mmask16 below[4], worse[4];
        for (int q = 0; q < 4; ++q) {
          const __m512i u = d % 2 == 0 ? _mm512_and_si512(h[q], low16) : _mm512_srli_epi32(h[q], 16);
          below[q] = _mm512_cmplt_epu32_mask(u, _mm512_permutexvar_epi32(st[q], ti));
          worse[q] = _mm512_cmplt_epu32_mask(u, _mm512_permutexvar_epi32(st[q], tw));
        }
        const __mmask64 b64 = _mm512_kunpackd(_mm512_kunpackw(below[3], below[2]), _mm512_kunpackw(below[1], below[0]));
        const __mmask64 w64 = _mm512_kunpackd(_mm512_kunpackw(worse[3], worse[2]), _mm512_kunpackw(worse[1], worse[0]));
        const __m512i v = _mm512_loadu_si512(sc[d] + i);
        const __mmask64 scored = _mm512_cmpneq_epu8_mask(v, _mm512_setzero_si512());
        const __mmask64 up = scored & b64 & _mm512_cmplt_epu8_mask(v, five8);
        const __mmask64 down = scored & ~b64 & w64 & _mm512_cmpgt_epu8_mask(v, one8);
        const __m512i w = _mm512_mask_add_epi8(v, up, v, one8);
        _mm512_storeu_si512(sc[d] + i, _mm512_mask_sub_epi8(w, down, w, one8));
        moved |= up | down;
      }
      _mm512_storeu_si512(changed + i, _mm512_maskz_mov_epi8(moved, one8));
    }
  }
  // 16 persons a step, the last step masked (a run's persons after the last whole 16: short runs
  // are common where few persons are screened, e.g. the tornado's subsets).
  for (; i < n; i += 16) {
    const auto m = static_cast<__mmask16>(n - i >= 16 ? 0xffffu : (1u << (n - i)) - 1u);
    const __m512i lo = _mm512_maskz_loadu_epi32(m, klo + i), hi = _mm512_maskz_loadu_epi32(m, khi + i);
    const __m512i st = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(m, state + i));
    __mmask16 moved = 0;
    __m512i plo = zero, phi = zero, h = zero;
    for (std::size_t d = 0; d < kDomains; ++d) {
      if (d % 2 == 0)
        h = cycle_bits16(lo, hi, _mm512_set1_epi32(static_cast<int>((cycle0 + static_cast<std::uint32_t>(d / 2)) * 0x9e3779b9u)));
      const __m512i u = d % 2 == 0 ? _mm512_and_si512(h, low16) : _mm512_srli_epi32(h, 16);
      const __m512i v = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(m, sc[d] + i));
      const __m512i ti = _mm512_permutexvar_epi32(st, _mm512_load_si512(imp[d])), tw = _mm512_permutexvar_epi32(st, _mm512_load_si512(wor[d]));
      const __mmask16 scored = _mm512_cmpneq_epu32_mask(v, zero);
      const __mmask16 below = _mm512_cmplt_epu32_mask(u, ti);
      const __mmask16 up = scored & below & _mm512_cmplt_epu32_mask(v, five);
      const __mmask16 down = scored & static_cast<__mmask16>(~below) & _mm512_cmplt_epu32_mask(u, tw) & _mm512_cmpgt_epu32_mask(v, one);
      __m512i w = _mm512_mask_add_epi32(v, up, v, one);
      w = _mm512_mask_sub_epi32(w, down, w, one);
      _mm_mask_storeu_epi8(sc[d] + i, m, _mm512_cvtepi32_epi8(w));
      moved = static_cast<__mmask16>(moved | up | down);
      if constexpr (Pack) {
        const __m128i shift = _mm_cvtsi32_si128(static_cast<int>(3 * (d < 10 ? d : d - 10)));
        if (d < 10)
          plo = _mm512_or_si512(plo, _mm512_sll_epi32(w, shift));
        else
          phi = _mm512_or_si512(phi, _mm512_sll_epi32(w, shift));
      }
    }
    _mm_mask_storeu_epi8(changed + i, m, _mm512_cvtepi32_epi8(_mm512_maskz_mov_epi32(moved, one)));
    if constexpr (Pack) {
      _mm512_mask_storeu_epi32(packed_lo + i, m, plo);
      _mm512_mask_storeu_epi32(packed_hi + i, m, phi);
    }
  }
}
#pragma GCC diagnostic pop
#endif

// The new engine segment and cell of the persons of a run whose scores moved (or who are
// screened for the first time while their segment is not the rule's: by_rule[i] == 0): the new kwadrant segment with the fixed part of the old segment
// (RescreenTables::spec->fold: age group, gemeente class, ontheffing). Vectorised; fold 1 (none of
// those) takes no division.
MKBA_TARGET_CLONES void refold(const RescreenTables& r, const std::uint8_t* __restrict by_rule, const std::uint8_t* __restrict changed,
            const std::uint8_t* __restrict segs, std::uint8_t* __restrict segment, const std::uint16_t* __restrict gemeente,
            std::uint32_t* __restrict cell, std::size_t n) {
  const auto fold = static_cast<std::uint32_t>(r.spec->fold), n_segments = static_cast<std::uint32_t>(r.n_segments);
  // by_rule and changed are 0 or 1; a mask instead of a branch lets the loop vectorise.
  const auto take = [&](std::size_t i) { return static_cast<std::uint32_t>(0u - ((by_rule[i] ^ 1u) | changed[i])); };
  if (fold == 1) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t mask = take(i), now = (segs[i] & mask) | (segment[i] & ~mask);
      segment[i] = static_cast<std::uint8_t>(now);
      cell[i] = gemeente[i] * n_segments + now;
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t old = segment[i], mask = take(i), now = ((segs[i] * fold + old % fold) & mask) | (old & ~mask);
    segment[i] = static_cast<std::uint8_t>(now);
    cell[i] = gemeente[i] * n_segments + now;
  }
}

constexpr std::size_t kPiece = 512;  // persons screened together (scratch of the draws in L1)

// list_differences, portable: from index i on (also the vector loop's remainder), into out[m...].
std::size_t list_differences_portable(const std::uint32_t* a, const std::uint32_t* b, std::size_t i, std::size_t n,
                                      std::uint32_t* out, std::size_t m = 0) {
  for (; i < n; ++i) {
    out[m] = static_cast<std::uint32_t>(i);
    m += a[i] != b[i] ? 1 : 0;
  }
  return m;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) std::size_t list_differences_avx512(const std::uint32_t* a, const std::uint32_t* b,
                                                                     std::size_t n, std::uint32_t* out) {
  const __m512i step = _mm512_set1_epi32(16);
  __m512i at = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  std::size_t m = 0, i = 0;
  for (; i + 16 <= n; i += 16, at = _mm512_add_epi32(at, step)) {
    const __mmask16 differ = _mm512_cmpneq_epi32_mask(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i));
    _mm512_mask_compressstoreu_epi32(out + m, differ, at);
    m += static_cast<std::size_t>(__builtin_popcount(differ));
  }
  return list_differences_portable(a, b, i, n, out, m);
}
#pragma GCC diagnostic pop
#endif

// The indices i < n where a[i] != b[i], in order, into out; returns how many. Without a branch per
// index; with AVX-512, 16 at a time by a compress store.
std::size_t list_differences(const std::uint32_t* a, const std::uint32_t* b, std::size_t n, std::uint32_t* out) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (have_avx512()) return list_differences_avx512(a, b, n, out);
#endif
  return list_differences_portable(a, b, 0, n, out);
}

// The persons [b, e) (at most kPiece), all due at `boundary`: their scores move (draws from the
// person's key at rng.hpp's screening_cycle), the segment follows where a score moved or at a person's first
// screening, and the next screening is one interval on.
void screen_run(const RescreenTables& r, Persons& p, int boundary, std::size_t b, std::size_t e, std::int64_t* occ) {
  const std::size_t N = p.state.size(), len = e - b;
  const auto n = static_cast<std::size_t>(r.n_states);
  std::uint8_t changed[kPiece];
  std::uint32_t packed_lo[kPiece], packed_hi[kPiece];  // the new scores, 3 bits each: domains 0-9, 10-12
  std::uint8_t segs[kPiece];
  const std::uint32_t cycle0 = screening_cycle(static_cast<std::uint32_t>(boundary), 0);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (r.n_states <= 16 && have_avx512()) {
    std::array<std::uint8_t*, kZrmDomains> cols{};
    for (std::size_t d = 0; d < cols.size(); ++d) cols[d] = p.scores.data() + d * N + b;
    (r.spec->segments_of ? rescreen_all_avx512<false> : rescreen_all_avx512<true>)(
        r.improve.data(), r.worsen.data(), r.n_states, p.state.data() + b, p.key.data() + b, p.key_hi.data() + b,
        cycle0, cols.data(), changed, packed_lo, packed_hi, len);
  } else
#endif
  {
    std::fill(changed, changed + len, std::uint8_t{0});
    std::fill(packed_lo, packed_lo + len, 0u);
    std::fill(packed_hi, packed_hi + len, 0u);
    // Domains 0-9 pack into packed_lo, 10-12 into packed_hi: no pair straddles the two.
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); d += 2)
      rescreen_pair(r.improve.data() + d * n, r.worsen.data() + d * n, n, p.state.data() + b, p.key.data() + b,
                    p.key_hi.data() + b, screening_cycle(static_cast<std::uint32_t>(boundary), static_cast<std::uint32_t>(d)),
                    p.scores.data() + d * N + b,
                    d + 1 < static_cast<std::size_t>(kZrmDomains) ? p.scores.data() + (d + 1) * N + b : nullptr, changed,
                    d < 10 ? packed_lo : packed_hi, static_cast<std::uint32_t>(3 * (d < 10 ? d : d - 10)), len);
  }
  std::uint32_t old_cell[kPiece];
  if (occ) std::copy(p.cell.begin() + static_cast<std::ptrdiff_t>(b), p.cell.begin() + static_cast<std::ptrdiff_t>(e), old_cell);
  if (r.spec->segments_of) {  // the rule over the run at once (vectorised by models/)
    std::array<const std::uint8_t*, kZrmDomains> cols{};
    for (std::size_t d = 0; d < cols.size(); ++d) cols[d] = p.scores.data() + d * N + b;
    r.spec->segments_of(cols, len, segs);
    refold(r, p.by_rule.data() + b, changed, segs, p.segment.data() + b, p.gemeente.data() + b, p.cell.data() + b, len);
  } else {
    for (std::size_t i = b; i < e; ++i) {
      if (p.by_rule[i] != 0 && changed[i - b] == 0) continue;
      const int seg = segment_of_packed(*r.spec, packed_lo[i - b] | static_cast<std::uint64_t>(packed_hi[i - b]) << 30) *
                          r.spec->fold + p.segment[i] % r.spec->fold;
      p.segment[i] = static_cast<std::uint8_t>(seg);
      p.cell[i] = static_cast<std::uint32_t>(p.gemeente[i] * r.n_segments + seg);
    }
  }
  if (occ) {  // the occupancy of the block's active persons (run_block) follows their new cells
    // Only the persons whose cell changed, listed without a branch (whose cell changes is as good
    // as random): an update for everybody made chains of increments of the same few counters.
    std::uint32_t moved[kPiece];
    const std::size_t m = list_differences(old_cell, p.cell.data() + b, len, moved);
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = b + moved[j], s = p.state[i];
      --occ[old_cell[moved[j]] * n + s];
      ++occ[p.cell[i] * n + s];
    }
    if (r.entries.map)  // the rows of the new segments (only whose cell changed: the gemeente stays)
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t i = b + moved[j];
        p.entry[i] = entry_at(r.entries, p.segment[i], p.duration[i], p.state[i]);
      }
  }
  assert(occ || !r.entries.map);  // entries are kept only by run_block (follow_entries: no capacity limits)
  const int next = boundary + r.spec->interval;
  const std::uint16_t after = next > r.n_cycles ? kNoScreening : static_cast<std::uint16_t>(next);
  std::fill(p.by_rule.begin() + static_cast<std::ptrdiff_t>(b), p.by_rule.begin() + static_cast<std::ptrdiff_t>(e), std::uint8_t{1});
  std::fill(p.next_screen.begin() + static_cast<std::ptrdiff_t>(b), p.next_screen.begin() + static_cast<std::ptrdiff_t>(e), after);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// The first person of [i, end) whose next screening is (Due) or is not (!Due) at `boundary`, or
// end: first_due and first_not_due, 32 persons per compare.
template <bool Due>
__attribute__((target("avx512f,avx512bw"))) std::size_t scan_due_avx512(const std::uint16_t* next, std::size_t i,
                                                                       std::size_t end, std::uint16_t boundary) {
  const __m512i b = _mm512_set1_epi16(static_cast<short>(boundary));
  for (; i + 32 <= end; i += 32) {
    const __m512i v = _mm512_loadu_si512(next + i);
    if (const __mmask32 hit = Due ? _mm512_cmpeq_epi16_mask(v, b) : _mm512_cmpneq_epi16_mask(v, b); hit != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(hit));
  }
  while (i < end && (next[i] == boundary) != Due) ++i;
  return i;
}
#endif

// The first person of [i, end) due at `boundary` (Persons::next_screen), or end. Most persons are
// not due in a given cycle: four at a time (a zero 16-bit lane of next ^ boundary), else 32.
std::size_t first_due(const std::uint16_t* next, std::size_t i, std::size_t end, std::uint16_t boundary) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (have_avx512()) return scan_due_avx512<true>(next, i, end, boundary);
#endif
  constexpr std::uint64_t kOnes = 0x0001000100010001ull, kHigh = 0x8000800080008000ull;
  const std::uint64_t pattern = boundary * kOnes;
  for (; i + 4 <= end; i += 4) {
    std::uint64_t w;
    std::memcpy(&w, next + i, sizeof w);
    w ^= pattern;
    if (((w - kOnes) & ~w & kHigh) != 0) break;
  }
  while (i < end && next[i] != boundary) ++i;
  return i;
}

// The first person of [i, end) not due at `boundary`, or end.
std::size_t first_not_due(const std::uint16_t* next, std::size_t i, std::size_t end, std::uint16_t boundary) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (have_avx512()) return scan_due_avx512<false>(next, i, end, boundary);
#endif
  while (i < end && next[i] == boundary) ++i;
  return i;
}

// The people of [begin, end) whose screening falls at the end of cycle t, in runs of consecutive
// persons due (persons of a group share their schedule and stay in order, so runs are long).
// With `occ` (run_block), the occupancy [cell][state] of the persons follows their cells.
void rescreen(const RescreenTables& r, Persons& p, int t, std::size_t begin, std::size_t end, std::int64_t* occ = nullptr) {
  const auto boundary = static_cast<std::uint16_t>(t + 1);
  const std::uint16_t* next = p.next_screen.data();
  for (std::size_t i = begin; i < end;) {
    i = first_due(next, i, end, boundary);
    const std::size_t j = first_not_due(next, i, std::min(end, i + kPiece), boundary);
    if (j > i) screen_run(r, p, boundary, i, j, occ);
    i = j;
  }
}

// Where a block's due persons can be (run_block): its active persons in runs whose next screenings
// fall in the same cycle modulo the interval, in order. A screening moves a person's next one on by
// the interval or ends it, so a person due at a boundary is inside a run of the boundary's residue:
// a cycle's screenings read those runs (a twelfth of the persons with a yearly interval) instead of
// every active person's next screening. Built from runs of equal next screenings (a group's persons
// share theirs), so listing costs a vector scan.
class DueRuns {
 public:
  // Empty, for a block whose persons are screened every `interval` cycles; room for `persons`
  // runs (the most a block can have), so that adding never allocates in the cycles.
  void reset(int interval, std::size_t persons) {
    interval_ = static_cast<std::uint32_t>(std::max(1, interval));
    runs_.clear();
    if (runs_.capacity() < persons) runs_.reserve(persons);
  }
  void clear() { runs_.clear(); }
  // The persons [b, e), after those already listed.
  void add(const std::uint16_t* next, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e;) {
      const std::uint16_t value = next[i];
      const std::size_t j = first_not_due(next, i, e, value);  // the end of the persons screened at `value`
      if (value != kNoScreening) {
        const auto residue = static_cast<std::uint32_t>(value % interval_);
        if (!runs_.empty() && runs_.back().end == i && runs_.back().residue == residue)
          runs_.back().end = static_cast<std::uint32_t>(j);
        else
          runs_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), residue});
      }
      i = j;
    }
  }
  // f(b, e) for each run that can hold persons due at `boundary`, in order.
  template <class F>
  void for_each(int boundary, F&& f) const {
    const auto residue = static_cast<std::uint32_t>(boundary) % interval_;
    for (const Run& run : runs_)
      if (run.residue == residue) f(static_cast<std::size_t>(run.begin), static_cast<std::size_t>(run.end));
  }

 private:
  struct Run {
    std::uint32_t begin, end, residue;
  };
  std::vector<Run> runs_;
  std::uint32_t interval_ = 1;
};

// How the matrix of cycle t is chosen: one for everybody, by segment only, or by segment and
// months in state (duration band).
enum CycleKind : std::uint8_t { kUniform = 0, kBySegment = 1, kGeneral = 2 };

struct KernelTables {
  const std::uint32_t* thresholds;
  const std::int32_t* matrix_index;
  const std::uint8_t* band_of_duration;
  const std::uint32_t* band32;        // band_of_duration widened, for vector gathers
  const std::uint8_t* cycle_kind;  // [t]: kUniform, kBySegment or kGeneral (see simulate)
  int n_states, n_segments, n_bands, n_cells_per_cycle, duration_cap;
  // Register tables of the vector draw, built once per simulate(): per cycle, column j of the
  // rows the cycle uses (row = state, segment * n + state, or (segment * n_bands + band) * n +
  // state), padded to kTableRows: cols[col_offset[t] + j * kTableRows + row]. Empty when unused.
  const std::uint32_t* cols;
  const std::size_t* col_offset;  // [t]: where cycle t's table starts in cols (cycles may share one)
  // The band of the months in state as change points, when band_of_duration never decreases:
  // band * n = band0_n + sum over c of change_n[c] [duration >= change_at[c]].
  int n_changes;  // -1: the bands are not monotone
  std::uint32_t band0_n;
  std::uint32_t change_at[16], change_n[16];
  // Row tables for the per-person vector compare (models with more rows than kTableRows): per
  // cycle, each row's n - 1 thresholds padded with 0xffffffff (never reached) to row_width:
  // rowtab[row_offset[t] + row * row_width + j]. Null when unused.
  const std::uint32_t* rowtab;
  const std::size_t* row_offset;  // [t]: where cycle t's rows start in rowtab
  std::size_t rows_per_cycle;
  int row_width;  // 8 (up to 9 states) or 16
  // Row maps of the general cycles when their distinct rows fit the register tables although their
  // (segment, band, state) combinations do not: cols then holds the cycle's distinct rows, and
  // rowmap[map_offset[t] + (segment * (duration_cap + 1) + months in state) * n + state] is the
  // person's row among them (the band is folded in), packed with where u surely stays: row |
  // lo << 7 | hi << 19 (pack_map_entry), so that draw_mapped_avx512 needs no other table for
  // the persons who stay. Null when unused.
  const std::uint32_t* rowmap = nullptr;
  const std::size_t* map_offset = nullptr;
  int map_rows = 0;  // the most distinct rows of any cycle with a map
  // Bucket tables of the register tables (one per table in cols): the destination of a draw when
  // it is the same for every u of a bucket of 2^kBucketShift, else kStraddles:
  // buckets[bucket_offset[t] + row * kBuckets + (u >> kBucketShift)]. Null when unused.
  const std::uint8_t* buckets = nullptr;
  const std::size_t* bucket_offset = nullptr;
  // The states [leave_lo, leave_hi) hold every state some row lets people leave (the others keep
  // everybody: keeps_everybody): only their rows of the counts can have moves (settle_cycle).
  int leave_lo = 0, leave_hi = 0;
  // Persons::entry kept (EntryMap; follow_entries says when): then bit d of changes_lo[state]
  // (d < 32) or changes_hi[state] (d - 32) says that some segment's entry at d months in the state
  // differs from d - 1's, so that step_mapped_avx512 refreshes only the stayers whose entry may
  // change (2.6 % of the default scenario's person-months, against 19 % whose band changes).
  EntryMap follow = {};
  std::uint32_t changes_lo[16] = {}, changes_hi[16] = {};
};

constexpr int kBucketShift = 20;                           // bucket of u in [0, 2^31): u >> 20
constexpr std::size_t kBuckets = std::size_t{1} << (31 - kBucketShift);
constexpr std::uint8_t kStraddles = 0xff;    // a threshold lies inside the bucket: compare

constexpr int kTableRows = 128;  // rows held in registers by the vector draw (four register pairs)
constexpr std::size_t kChunk = 2048;  // persons per draw/apply pass (next[] stays in L1)

// A row map entry (KernelTables::rowmap): the row (< kTableRows, 7 bits), and [lo, hi) such that
// every u with lo <= u >> kStayShift < hi draws `state` itself from the row `thr` (its n - 1
// thresholds): the row's interval [thr[state - 1], thr[state]) rounded inwards to whole 2^kStayShift,
// or empty (lo 4095, hi 0). The draws near its ends, 2 in 4,096, are left to the full draw.
constexpr int kStayShift = 19;
std::uint32_t pack_map_entry(std::uint32_t row, const std::uint32_t* thr, std::size_t state, std::size_t n) {
  const std::uint64_t from = state == 0 ? 0 : thr[state - 1], to = state + 1 == n ? kUniformRange : thr[state];
  auto lo = static_cast<std::uint32_t>((from + (std::uint64_t{1} << kStayShift) - 1) >> kStayShift);
  auto hi = static_cast<std::uint32_t>(to >> kStayShift);  // <= 4,096: 13 bits
  if (lo >= hi) lo = 4095, hi = 0;                           // so lo < 4,096: 12 bits
  return row | lo << 7 | hi << 19;
}

// ---------------------------------------------------------------------------------------------
// Step 1 of a cycle (vectorisable): the destination each person draws,
//   next[i - begin] = #{ j < n-1 : u_i >= T[row_i][j] },  u_i = cycle_bits(key_i, t) >> 1,
// a pure function of (key, t, state, segment, duration). No stores except next[], no branches in
// the loop body. NS is the number of states when known at compile time (2..8), 0 otherwise;
// kUniform says all persons use one matrix in this cycle (no segment or duration dependence).
// Compiled for AVX-512, AVX2 and baseline x86-64; integer-only, so every clone gives the same bits.
template <int NS, bool kUniform>
MKBA_TARGET_CLONES void draw_next(
    const KernelTables& k, const Persons& p, int t, std::size_t begin, std::size_t end,
    std::uint8_t* __restrict next) {
  const int n = NS > 0 ? NS : k.n_states;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::uint32_t* __restrict key = p.key.data();
  const std::uint32_t* __restrict key_hi = p.key_hi.data();
  const StateId* __restrict state = p.state.data();
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  if constexpr (kUniform) {
    const std::uint32_t* __restrict base =
        k.thresholds + static_cast<std::size_t>(midx[0]) * static_cast<std::size_t>(n * n);
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t u = triple32((key[i] + tg) ^ key_hi[i]) >> 1;
      // 32-bit index math on purpose (32-bit gathers); check_model bounds the tables below 2^31.
      const std::uint32_t* row =  // NOLINTNEXTLINE(bugprone-implicit-widening-of-multiplication-result)
          base + static_cast<std::uint32_t>(state[i]) * static_cast<std::uint32_t>(n);
      std::uint32_t nx = 0;
      for (int j = 0; j + 1 < n; ++j) nx += static_cast<std::uint32_t>(u >= row[j]);
      next[i - begin] = static_cast<std::uint8_t>(nx);
    }
  } else {
    const std::uint8_t* __restrict seg = p.segment.data();
    const std::uint16_t* __restrict dur = p.duration.data();
    const std::uint8_t* __restrict band = k.band_of_duration;
    const int nb = k.n_bands;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t u = triple32((key[i] + tg) ^ key_hi[i]) >> 1;
      const auto mat = static_cast<std::uint32_t>(midx[seg[i] * nb + band[dur[i]]]);
      const std::uint32_t* row =  // NOLINTNEXTLINE(bugprone-implicit-widening-of-multiplication-result)
          k.thresholds + (mat * static_cast<std::uint32_t>(n) + state[i]) * static_cast<std::uint32_t>(n);
      std::uint32_t nx = 0;
      for (int j = 0; j + 1 < n; ++j) nx += static_cast<std::uint32_t>(u >= row[j]);
      next[i - begin] = static_cast<std::uint8_t>(nx);
    }
  }
}

using DrawFn = void (*)(const KernelTables&, const Persons&, int, std::size_t, std::size_t, std::uint8_t*);

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // clang 14: no target_clones on templates
// The pieces every AVX-512 draw shares, defined once: the uniform of 16 persons, their table row,
// and the remainder by the documented formula. always_inline puts them into each draw's loop (the
// constants are hoisted there once), as fast as the copies they replaced (benchmarks/README.md).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // GCC 12, falsely, in avx512fintrin.h

// One person's draw by the documented formula (as draw_next), for the remainder of a vector loop.
inline std::uint8_t draw_one(const KernelTables& k, const Persons& p, std::uint32_t tg, const std::int32_t* midx,
                             std::size_t i) {
  const auto n = static_cast<std::uint32_t>(k.n_states);
  const std::uint32_t u = triple32((p.key[i] + tg) ^ p.key_hi[i]) >> 1;
  const auto mat = static_cast<std::uint32_t>(midx[p.segment[i] * k.n_bands + k.band_of_duration[p.duration[i]]]);
  const std::uint32_t* r = k.thresholds + (mat * n + p.state[i]) * n;
  std::uint32_t c = 0;
  for (std::uint32_t j = 0; j + 1 < n; ++j) c += static_cast<std::uint32_t>(u >= r[j]);
  return static_cast<std::uint8_t>(c);
}

// How a draw finds the table row of a person in a cycle whose matrix depends on months in state
// (kGeneral): kBand 1 adds the band from its change points (KernelTables::change_at), 2 looks the
// band up by a permute (up to 32 durations), 3 gathers the row from the cycle's row map
// (KernelTables::rowmap). 0: the run has no such cycle on this path.
struct RowConsts {
  __m512i segmul, band0, vn, band_lo, band_hi, segmap;
  const std::uint32_t* rowmap;
};

__attribute__((target("avx512f"))) inline RowConsts row_consts(const KernelTables& k, int t, int kBand) {
  const int n = k.n_states;
  const CycleKind kind = static_cast<CycleKind>(k.cycle_kind[t]);
  RowConsts c{};
  c.segmul = _mm512_set1_epi32(kind == kGeneral ? k.n_bands * n : n);
  c.band0 = _mm512_set1_epi32(static_cast<int>(k.band0_n));
  c.vn = _mm512_set1_epi32(n);
  c.segmap = _mm512_set1_epi32((k.duration_cap + 1) * n);
  c.band_lo = c.band_hi = _mm512_setzero_si512();
  if (kBand == 2 && kind == kGeneral) {
    alignas(64) std::uint32_t b[32] = {};
    for (int d = 0; d <= k.duration_cap && d < 32; ++d) b[d] = k.band_of_duration[d];
    c.band_lo = _mm512_load_si512(b);
    c.band_hi = _mm512_load_si512(b + 16);
  }
  c.rowmap = kBand == 3 && kind == kGeneral ? k.rowmap + k.map_offset[t] : nullptr;
  return c;
}

// The rows of persons i .. i + 15 (see KernelTables::cols and rowtab).
template <int kBand>
__attribute__((target("avx512f"), always_inline)) inline __m512i row16(const KernelTables& k, CycleKind kind,
                                                                    const RowConsts& c, const Persons& p, std::size_t i) {
  __m512i row = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.state.data() + i)));
  if (kind == kUniform) return row;
  const __m512i sg = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.segment.data() + i)));
  if (kind != kGeneral) return _mm512_add_epi32(row, _mm512_mullo_epi32(sg, c.segmul));
  const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.duration.data() + i)));
  if constexpr (kBand == 3) {
    const __m512i at = _mm512_add_epi32(_mm512_add_epi32(row, _mm512_mullo_epi32(sg, c.segmap)), _mm512_mullo_epi32(d, c.vn));
    return _mm512_and_si512(_mm512_i32gather_epi32(at, c.rowmap, 4), _mm512_set1_epi32(kTableRows - 1));
  }
  row = _mm512_add_epi32(row, _mm512_mullo_epi32(sg, c.segmul));
  if constexpr (kBand == 1) {
    row = _mm512_add_epi32(row, c.band0);
    for (int j = 0; j < k.n_changes; ++j)
      row = _mm512_mask_add_epi32(row, _mm512_cmpge_epu32_mask(d, _mm512_set1_epi32(static_cast<int>(k.change_at[j]))), row,
                                  _mm512_set1_epi32(static_cast<int>(k.change_n[j])));
  } else if constexpr (kBand == 2) {
    row = _mm512_add_epi32(row, _mm512_mullo_epi32(_mm512_permutex2var_epi32(c.band_lo, d, c.band_hi), c.vn));
  }
  return row;
}

// The destinations of 16 persons of rows `row`, drawing u: the compare of u with every threshold of
// the row, picked from the register tables col[j] (see draw_table_avx512).
template <int P>
__attribute__((target("avx512f"), always_inline)) inline __m512i compare_all(const __m512i (&col)[15][2 * P], int n, __m512i u,
                                                                          __m512i row, __m512i one) {
  __mmask16 above[P > 1 ? P : 1];
  for (int q = 1; q < P; ++q) above[q] = _mm512_cmpge_epu32_mask(row, _mm512_set1_epi32(32 * q));
  __m512i nx = _mm512_setzero_si512();
  for (int j = 0; j + 1 < n; ++j) {
    __m512i thr = _mm512_permutex2var_epi32(col[j][0], row, col[j][1]);
    for (int q = 1; q < P; ++q)
      thr = _mm512_mask_blend_epi32(above[q], thr, _mm512_permutex2var_epi32(col[j][2 * q], row, col[j][2 * q + 1]));
    nx = _mm512_mask_add_epi32(nx, _mm512_cmpge_epu32_mask(u, thr), nx, one);
  }
  return nx;
}

// The destinations of 16 persons of rows `row` drawing u, from the bucket tables
// (KernelTables::buckets: byte row * kBuckets + u >> kBucketShift), and where some lane's bucket
// holds a threshold, from the compare of every threshold for those lanes.
template <int P>
__attribute__((target("avx512f"), always_inline)) inline __m512i by_bucket(const __m512i (&col)[15][2 * P], int n, __m512i u,
                                                                        __m512i row, const std::uint8_t* buckets) {
  const __m512i byte = _mm512_set1_epi32(0xff), three = _mm512_set1_epi32(3);
  const __m512i at = _mm512_add_epi32(_mm512_slli_epi32(row, 31 - kBucketShift), _mm512_srli_epi32(u, kBucketShift));
  const __m512i word = _mm512_i32gather_epi32(_mm512_srli_epi32(at, 2), buckets, 4);
  const __m512i nx = _mm512_and_si512(_mm512_srlv_epi32(word, _mm512_slli_epi32(_mm512_and_si512(at, three), 3)), byte);
  const __mmask16 straddles = _mm512_cmpeq_epi32_mask(nx, byte);
  if (straddles == 0) return nx;
  return _mm512_mask_blend_epi32(straddles, nx, compare_all<P>(col, n, u, row, _mm512_set1_epi32(1)));
}

// Cycle t's register tables (KernelTables::cols) into col[j][pair half].
template <int P>
__attribute__((target("avx512f"), always_inline)) inline void load_cols(const KernelTables& k, int t, __m512i (&col)[15][2 * P]) {
  const std::uint32_t* cols = k.cols + k.col_offset[t];
  for (int j = 0; j + 1 < k.n_states; ++j)
    for (int q = 0; q < 2 * P; ++q) col[j][q] = _mm512_loadu_si512(cols + j * kTableRows + 16 * q);
}

// The lanes whose u surely draws their own state, from their row map entries (pack_map_entry).
__attribute__((target("avx512f"), always_inline)) inline __mmask16 sure_stays(__m512i u, __m512i entry) {
  const __m512i q = _mm512_srli_epi32(u, kStayShift);
  const __m512i lo = _mm512_and_si512(_mm512_srli_epi32(entry, 7), _mm512_set1_epi32(0xfff));
  return _mm512_mask_cmplt_epu32_mask(_mm512_cmpge_epu32_mask(q, lo), q, _mm512_srli_epi32(entry, 19));
}

// The destinations of the listed persons who[j .. j + 16) (up to `left` of them), from the u and
// entries kept per position (the second pass of draw_mapped_avx512 and step_mapped_avx512).
template <int P>
__attribute__((target("avx512f"), always_inline)) inline void draw_listed(const __m512i (&col)[15][2 * P], int n,
                                                                        const std::uint8_t* buckets, const std::uint32_t* who,
                                                                        std::size_t left, const std::uint32_t* uu,
                                                                        const std::uint32_t* entries, std::uint32_t* out) {
  const auto use = static_cast<__mmask16>(left >= 16 ? 0xffff : (1u << left) - 1);
  const __m512i at = _mm512_maskz_loadu_epi32(use, who);
  const __m512i u = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), use, at, uu, 4);
  const __m512i row = _mm512_and_si512(_mm512_mask_i32gather_epi32(_mm512_setzero_si512(), use, at, entries, 4),
                                       _mm512_set1_epi32(kTableRows - 1));
  _mm512_store_si512(out, buckets ? by_bucket<P>(col, n, u, row, buckets) : compare_all<P>(col, n, u, row, _mm512_set1_epi32(1)));
}

// The same draw as draw_next written with AVX-512 intrinsics, for up to 16 states: the thresholds
// of the cycle sit in registers column by column (KernelTables::cols), col[j][r] = T[row r][j],
// where the row r is state, segment * n + state, (segment * n_bands + band) * n + state, or with a
// row map (kBand 3) the cycle's own numbering of its distinct rows. Up to 32 P rows (P register
// pairs, P <= 4): a threshold is picked with P two-register permutes (vpermt2d) and P - 1 blends
// instead of a gather. 16 persons per step; the remainder goes through the portable formula.
// Bit-identical to draw_next (integer operations only; tested).
template <int P, int kBand>
__attribute__((target("avx512f"))) void draw_table_avx512(const KernelTables& k, const Persons& p,
                                                           int t, std::size_t begin, std::size_t end,
                                                           std::uint8_t* __restrict next) {
  const int n = k.n_states;
  const CycleKind kind = static_cast<CycleKind>(k.cycle_kind[t]);
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  __m512i col[15][2 * P];
  load_cols<P>(k, t, col);
  const RowConsts rc = row_consts(k, t, kBand);
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i one = _mm512_set1_epi32(1);
  const std::uint8_t* buckets = k.buckets ? k.buckets + k.bucket_offset[t] : nullptr;
  std::size_t i = begin;
  if (buckets) {
    for (; i + 16 <= end; i += 16) {
      const __m512i u = uniform16(p.key.data() + i, p.key_hi.data() + i, vtg);
      const __m512i row = row16<kBand>(k, kind, rc, p, i);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(next + (i - begin)), _mm512_cvtepi32_epi8(by_bucket<P>(col, n, u, row, buckets)));
    }
  } else {
    for (; i + 16 <= end; i += 16) {
      const __m512i u = uniform16(p.key.data() + i, p.key_hi.data() + i, vtg);
      const __m512i row = row16<kBand>(k, kind, rc, p, i);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(next + (i - begin)), _mm512_cvtepi32_epi8(compare_all<P>(col, n, u, row, one)));
    }
  }
  for (; i < end; ++i) next[i - begin] = draw_one(k, p, tg, midx, i);
}

// draw_table_avx512 for the cycles with a row map (kBand 3), in two passes over a chunk. Most
// persons stay (97 % of the default scenario's person-months), and whether u lies where the
// person's row keeps them is in the row map's entry (pack_map_entry): those get their own state
// without another table (the bucket gather was half of the draw). The others (movers, and the
// draws near the ends of the stay interval) are listed, and drawn 16 at a time by bucket or by
// compare from the u and entry kept for the chunk. The same destinations as draw_next (tested).
template <int P>
__attribute__((target("avx512f"))) void draw_mapped_avx512(const KernelTables& k, const Persons& p, int t, std::size_t begin,
                                                           std::size_t end, std::uint8_t* __restrict next) {
  const int n = k.n_states;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  __m512i col[15][2 * P];
  load_cols<P>(k, t, col);
  const std::uint32_t* map = k.rowmap + k.map_offset[t];
  const std::uint8_t* buckets = k.buckets ? k.buckets + k.bucket_offset[t] : nullptr;
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i segmap = _mm512_set1_epi32((k.duration_cap + 1) * n), vn = _mm512_set1_epi32(n);
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  // [i - first] of the chunk: u and the map entry; who[0 .. m): the chunk's persons left to draw.
  alignas(64) std::uint32_t uu[kChunk], entries[kChunk], who[kChunk + 16], out[16];
  std::size_t i = begin;
  while (i + 16 <= end) {
    const std::size_t first = i, stop = std::min(end, i + kChunk);
    std::size_t m = 0;
    for (; i + 16 <= stop; i += 16) {
      const __m512i u = uniform16(p.key.data() + i, p.key_hi.data() + i, vtg);
      const __m128i s8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p.state.data() + i));
      const __m512i sg = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.segment.data() + i)));
      const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.duration.data() + i)));
      const __m512i at = _mm512_add_epi32(_mm512_add_epi32(_mm512_cvtepu8_epi32(s8), _mm512_mullo_epi32(sg, segmap)),
                                          _mm512_mullo_epi32(d, vn));
      const __m512i entry = _mm512_i32gather_epi32(at, map, 4);
      const __mmask16 stays = sure_stays(u, entry);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(next + (i - begin)), s8);  // the others are overwritten below
      const auto others = static_cast<__mmask16>(~stays);
      const __m512i at_chunk = _mm512_add_epi32(lane, _mm512_set1_epi32(static_cast<int>(i - first)));
      _mm512_storeu_si512(who + m, _mm512_maskz_compress_epi32(others, at_chunk));
      _mm512_store_si512(uu + (i - first), u);
      _mm512_store_si512(entries + (i - first), entry);
      m += static_cast<std::size_t>(__builtin_popcount(others));
    }
    std::uint8_t* chunk_next = next + (first - begin);
    for (std::size_t j = 0; j < m; j += 16) {
      draw_listed<P>(col, n, buckets, who + j, m - j, uu, entries, out);
      for (std::size_t l = 0; l < 16 && j + l < m; ++l) chunk_next[who[j + l]] = static_cast<std::uint8_t>(out[l]);
    }
  }
  for (; i < end; ++i) next[i - begin] = draw_one(k, p, tg, midx, i);
}

// The draw for models with more rows than the register tables hold and no row map: u and the row
// of 16 persons as vectors (as in draw_table_avx512), then per person one compare of u with the
// row's thresholds (8 or 16 at once, from a table of the cycle that stays in L1) and a population
// count. Cheaper than n - 1 gathers.
template <int W, int kBand>
__attribute__((target("avx512f,avx512vl,popcnt"))) void draw_rows_avx512(const KernelTables& k, const Persons& p,
                                                                          int t, std::size_t begin, std::size_t end,
                                                                          std::uint8_t* __restrict next) {
  const CycleKind kind = static_cast<CycleKind>(k.cycle_kind[t]);
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  const std::uint32_t* tab = k.rowtab + k.row_offset[t];
  const RowConsts rc = row_consts(k, t, kBand);
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i vw = _mm512_set1_epi32(W);
  alignas(64) std::uint32_t uu[16], off[16];
  std::size_t i = begin;
  for (; i + 16 <= end; i += 16) {
    _mm512_store_si512(uu, uniform16(p.key.data() + i, p.key_hi.data() + i, vtg));
    _mm512_store_si512(off, _mm512_mullo_epi32(row16<kBand>(k, kind, rc, p, i), vw));
    for (int l = 0; l < 16; ++l) {
      unsigned mask;
      if constexpr (W == 8)
        mask = _mm256_cmpge_epu32_mask(_mm256_set1_epi32(static_cast<int>(uu[l])),
                                       _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tab + off[l])));
      else
        mask = _mm512_cmpge_epu32_mask(_mm512_set1_epi32(static_cast<int>(uu[l])), _mm512_loadu_si512(tab + off[l]));
      next[i - begin + static_cast<std::size_t>(l)] = static_cast<std::uint8_t>(__builtin_popcount(mask));
    }
  }
  for (; i < end; ++i) next[i - begin] = draw_one(k, p, tg, midx, i);
}

template <int kBand>
DrawFn table_draw(int pairs) {
  switch (pairs) {
    case 1: return &draw_table_avx512<1, kBand>;
    case 2: return &draw_table_avx512<2, kBand>;
    case 3: return &draw_table_avx512<3, kBand>;
    default: return &draw_table_avx512<4, kBand>;
  }
}

DrawFn mapped_draw(int pairs) {
  switch (pairs) {
    case 1: return &draw_mapped_avx512<1>;
    case 2: return &draw_mapped_avx512<2>;
    case 3: return &draw_mapped_avx512<3>;
    default: return &draw_mapped_avx512<4>;
  }
}

// The general draw (the matrix depends on months in state) with AVX-512 gathers: band of the
// months in state, the matrix of (segment, band) in cycle t, then the n-1 thresholds of the row.
// 16 persons per step; the remainder through the portable formula. Bit-identical to draw_next.
__attribute__((target("avx512f"))) void draw_general_avx512(const KernelTables& k, const Persons& p,
                                                             int t, std::size_t begin, std::size_t end,
                                                             std::uint8_t* __restrict next) {
  const int n = k.n_states, nb = k.n_bands;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * nb;
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i vn = _mm512_set1_epi32(n), vnb = _mm512_set1_epi32(nb);
  const __m512i one = _mm512_set1_epi32(1);
  std::size_t i = begin;
  for (; i + 16 <= end; i += 16) {
    const __m512i u = uniform16(p.key.data() + i, p.key_hi.data() + i, vtg);
    const __m512i sv = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.state.data() + i)));
    const __m512i sg = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.segment.data() + i)));
    const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.duration.data() + i)));
    const __m512i band = _mm512_i32gather_epi32(d, k.band32, 4);
    const __m512i mat = _mm512_i32gather_epi32(_mm512_add_epi32(_mm512_mullo_epi32(sg, vnb), band), midx, 4);
    const __m512i base = _mm512_mullo_epi32(_mm512_add_epi32(_mm512_mullo_epi32(mat, vn), sv), vn);
    __m512i nx = _mm512_setzero_si512();
    for (int j = 0; j + 1 < n; ++j) {
      const __m512i thr = _mm512_i32gather_epi32(_mm512_add_epi32(base, _mm512_set1_epi32(j)), k.thresholds, 4);
      nx = _mm512_mask_add_epi32(nx, _mm512_cmpge_epu32_mask(u, thr), nx, one);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(next + (i - begin)), _mm512_cvtepi32_epi8(nx));
  }
  for (; i < end; ++i) next[i - begin] = draw_one(k, p, tg, midx, i);
}
#pragma GCC diagnostic pop

bool have_avx512() { return avx512_paths(); }
#endif

template <int NS>
DrawFn pick(bool uniform) {
  return uniform ? &draw_next<NS, true> : &draw_next<NS, false>;
}

DrawFn portable_draw(int n_states, bool uniform) {
  switch (n_states) {
    case 2: return pick<2>(uniform);
    case 3: return pick<3>(uniform);
    case 4: return pick<4>(uniform);
    case 5: return pick<5>(uniform);
    case 6: return pick<6>(uniform);
    case 7: return pick<7>(uniform);
    case 8: return pick<8>(uniform);
    default: return pick<0>(uniform);
  }
}

// The draw functions of a run, and which one each cycle uses (chosen outside the loops).
struct Draws {
  DrawFn uniform, general, by_segment;
  explicit Draws(const KernelTables& k)
      : uniform(portable_draw(k.n_states, true)), general(portable_draw(k.n_states, false)),
        by_segment(general) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // clang 14: no target_clones on templates
    if (k.n_states <= 16 && have_avx512()) {
      const int n = k.n_states;
      const auto pairs = [](int rows) { return (rows + 31) / 32; };
      uniform = table_draw<0>(1);
      by_segment = &draw_general_avx512;
      if (n * k.n_segments <= kTableRows) by_segment = table_draw<0>(pairs(n * k.n_segments));
      const int rows = n * k.n_segments * k.n_bands;
      general = &draw_general_avx512;
      if (rows <= kTableRows && k.n_changes >= 0) general = table_draw<1>(pairs(rows));
      else if (rows <= kTableRows && k.duration_cap < 32) general = table_draw<2>(pairs(rows));
      else if (k.rowmap) general = mapped_draw(pairs(k.map_rows));
      else if (k.rowtab && k.n_changes >= 0) general = k.row_width == 8 ? &draw_rows_avx512<8, 1> : &draw_rows_avx512<16, 1>;
      else if (k.rowtab && k.duration_cap < 32) general = k.row_width == 8 ? &draw_rows_avx512<8, 2> : &draw_rows_avx512<16, 2>;
    }
#endif
  }
  DrawFn at(const KernelTables& k, int t) const {
    const auto kind = k.cycle_kind[t];
    return kind == kUniform ? uniform : kind == kBySegment ? by_segment : general;
  }
};

// Step 2 of a cycle: apply every person's draw (state, months in state) and count the moves of
// those who change state (most persons stay: the stays follow from the occupancy, settle_cycle).
// The moves go to kLanes interleaved histograms [lane][cell][from][to] (the j-th mover of a chunk
// uses lane j % kLanes) so that successive movers making the same move do not wait on each
// other's increment; the lanes are added to the int64 counts once per cycle. Exact integer sums.
// 16-bit lanes: the default scenario's 30 cells x 10 x 10 moves x 4 lanes take 24 KB and stay in
// L1. A lane counts one in kLanes movers, so it cannot overflow before kLanePersons persons;
// callers settle at least that often.
constexpr std::size_t kLanes = 4;
using Lane = std::uint16_t;
constexpr std::size_t kLanePersons = kLanes * (std::numeric_limits<Lane>::max() - 1);
constexpr std::size_t kBlockPersons = 65536;     // the most persons per block of run_block
constexpr std::size_t kMinBlockPersons = 16384;  // ... and the fewest, when threads share a simulation
static_assert(kBlockPersons <= kLanePersons, "run_block settles its lanes once per cycle");

// Persons per block of run_block: large, because some work is paid per block and cycle
// (settle_cycle over the occupied cells, the looks for persons who can leave: 2-4 % of the
// default scenario's kernel at 16,384), but with several threads on one simulation at least four
// blocks each where that keeps blocks of kMinBlockPersons. The counts do not depend on it: each
// person's draws are their own and the sums are of integers.
std::size_t block_persons(std::size_t n_persons, int threads) {
  if (threads <= 1) return kBlockPersons;
  const auto blocks = 4 * static_cast<std::size_t>(threads);
  return std::clamp((n_persons + blocks - 1) / blocks, kMinBlockPersons, kBlockPersons);
}

// The movers of persons [b, e) listed as counter indices (cell, from, to) in at[], their months in
// state and state updated; returns how many moved. Portable: one person at a time.
std::size_t list_moves_portable(const KernelTables& k, Persons& p, std::size_t b, std::size_t e, const std::uint8_t* next,
                                std::uint32_t* at) {
  const auto n = static_cast<std::uint32_t>(k.n_states);
  const std::uint32_t nn = n * n;
  const int cap = k.duration_cap;
  std::size_t m = 0;
  for (std::size_t i = b; i < e; ++i) {
    const std::uint32_t from = p.state[i], to = next[i - b];
    at[m] = p.cell[i] * nn + from * n + to;
    m += from != to ? 1 : 0;
    p.duration[i] = to == from ? static_cast<std::uint16_t>(std::min(p.duration[i] + 1, cap)) : std::uint16_t{0};
    p.state[i] = static_cast<StateId>(to);
  }
  return m;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// list_moves_portable, 16 persons a step: the movers' counter indices by a compress.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f,avx512bw,avx512vl"))) std::size_t list_moves_avx512(const KernelTables& k, Persons& p, std::size_t b,
                                                                                   std::size_t e, const std::uint8_t* next,
                                                                                   std::uint32_t* at) {
  const __m512i vn = _mm512_set1_epi32(k.n_states), vnn = _mm512_set1_epi32(k.n_states * k.n_states);
  const __m512i one = _mm512_set1_epi32(1), vcap = _mm512_set1_epi32(k.duration_cap);
  std::size_t m = 0, i = b;
  for (; i + 16 <= e; i += 16) {
    const __m128i to8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(next + (i - b)));
    const __m512i from = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.state.data() + i)));
    const __m512i to = _mm512_cvtepu8_epi32(to8);
    const __m512i cell = _mm512_loadu_si512(p.cell.data() + i);
    const __mmask16 moved = _mm512_cmpneq_epi32_mask(from, to);
    const __m512i idx = _mm512_add_epi32(_mm512_add_epi32(_mm512_mullo_epi32(cell, vnn), _mm512_mullo_epi32(from, vn)), to);
    _mm512_storeu_si512(at + m, _mm512_maskz_compress_epi32(moved, idx));  // at[] has 16 spare values
    m += static_cast<std::size_t>(__builtin_popcount(moved));
    const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.duration.data() + i)));
    const __m512i stayed = _mm512_maskz_mov_epi32(static_cast<__mmask16>(~moved), _mm512_min_epi32(_mm512_add_epi32(d, one), vcap));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p.duration.data() + i), _mm512_cvtepi32_epi16(stayed));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p.state.data() + i), to8);
  }
  if (i < e) m += list_moves_portable(k, p, i, e, next + (i - b), at + m);
  return m;
}
#pragma GCC diagnostic pop
#endif

void apply_moves(const KernelTables& k, Persons& p, std::size_t begin, std::size_t end, const std::uint8_t* next,
                 Lane* __restrict lanes) {
  const auto stride = static_cast<std::uint32_t>(k.n_cells_per_cycle * k.n_states * k.n_states);
  std::uint32_t at[kChunk + 16];
  for (std::size_t b = begin; b < end; b += kChunk) {
    const std::size_t e = std::min(end, b + kChunk);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    const std::size_t m = k.n_states <= 16 && have_avx512() && k.duration_cap < 65535
                              ? list_moves_avx512(k, p, b, e, next + (b - begin), at)
                              : list_moves_portable(k, p, b, e, next + (b - begin), at);
#else
    const std::size_t m = list_moves_portable(k, p, b, e, next + (b - begin), at);
#endif
    for (std::size_t j = 0; j < m; ++j) ++lanes[static_cast<std::uint32_t>(j % kLanes) * stride + at[j]];
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The persons [b, e)'s move after drawing `to` when they did not stay for sure (step_mapped_avx512's
// second pass, and its remainder): the documented apply of list_moves_portable, the move counted in
// at[m++], and the person listed in refresh[r++] when their entry changes.
inline void move_one(const KernelTables& k, Persons& p, std::size_t i, std::uint32_t to, std::uint32_t pos, std::uint32_t* at,
                     std::size_t& m, std::uint32_t* refresh, std::size_t& r) {
  const auto n = static_cast<std::uint32_t>(k.n_states);
  const std::uint32_t from = p.state[i], d = p.duration[i];
  if (to != from) {
    at[m++] = p.cell[i] * n * n + from * n + to;
    p.state[i] = static_cast<StateId>(to);
    p.duration[i] = 0;
    refresh[r++] = pos;
    return;
  }
  const std::uint32_t dn = std::min(d + 1, static_cast<std::uint32_t>(k.duration_cap));
  p.duration[i] = static_cast<std::uint16_t>(dn);
  const std::uint32_t word = dn < 32 ? k.changes_lo[from] : k.changes_hi[from];
  if (dn != d && ((word >> (dn % 32)) & 1u) != 0) refresh[r++] = pos;
}

// draw_mapped_avx512 and apply_moves in one pass, for the row-map cycles of a run that keeps each
// person's entry (KernelTables::follow): a person who stays for sure (97 % of the default
// scenario's person-months) is read and written once, their months in state go up in the same
// step, and only those whose entry changes there are listed to have it refreshed. The others are
// drawn by bucket or compare and moved one by one (move_one). The same counts and persons as the
// draw followed by apply_moves (tested); called per chunk of at most kChunk persons.
template <int P>
__attribute__((target("avx512f,avx512bw,avx512vl"))) void step_mapped_avx512(const KernelTables& k, Persons& p, int t, std::size_t b,
                                                                             std::size_t e, Lane* __restrict lanes) {
  assert(e - b <= kChunk);
  const int n = k.n_states;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  __m512i col[15][2 * P];
  load_cols<P>(k, t, col);
  const std::uint8_t* buckets = k.buckets ? k.buckets + k.bucket_offset[t] : nullptr;
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg)), lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i vcap = _mm512_set1_epi32(k.duration_cap), v31 = _mm512_set1_epi32(31), v32 = _mm512_set1_epi32(32);
  const __m512i changes_lo = _mm512_loadu_si512(k.changes_lo), changes_hi = _mm512_loadu_si512(k.changes_hi);
  // [i - b]: u and entry; who[0 .. w): the persons left to draw; refresh[0 .. r): whose entry
  // changes; at[0 .. m): the moves' counters (positions from b, at most e - b of each).
  alignas(64) std::uint32_t uu[kChunk], entries[kChunk], who[kChunk + 16], refresh[kChunk + 16], at[kChunk], out[16];
  std::size_t w = 0, r = 0, m = 0, i = b;
  for (; i + 16 <= e; i += 16) {
    const __m512i u = uniform16(p.key.data() + i, p.key_hi.data() + i, vtg);
    const __m512i st = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p.state.data() + i)));
    const __m512i entry = _mm512_loadu_si512(p.entry.data() + i);
    const __mmask16 stays = sure_stays(u, entry);
    // The stayers' months in state go up (the others' wait for their draw, in move_one).
    const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p.duration.data() + i)));
    const __m512i dn = _mm512_min_epi32(_mm512_add_epi32(d, one), vcap);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p.duration.data() + i), _mm512_cvtepi32_epi16(_mm512_mask_mov_epi32(d, stays, dn)));
    // A stayer whose months reach one where the state's entry changes: bit dn of changes_lo/hi[state].
    const __m512i word = _mm512_mask_blend_epi32(_mm512_cmpge_epu32_mask(dn, v32), _mm512_permutexvar_epi32(st, changes_lo),
                                                 _mm512_permutexvar_epi32(st, changes_hi));
    const __mmask16 changes = _mm512_mask_test_epi32_mask(_mm512_mask_cmplt_epu32_mask(stays, d, vcap),
                                                          _mm512_srlv_epi32(word, _mm512_and_si512(dn, v31)), one);
    const __m512i pos = _mm512_add_epi32(lane, _mm512_set1_epi32(static_cast<int>(i - b)));
    _mm512_storeu_si512(refresh + r, _mm512_maskz_compress_epi32(changes, pos));
    r += static_cast<std::size_t>(__builtin_popcount(changes));
    const auto others = static_cast<__mmask16>(~stays);
    _mm512_storeu_si512(who + w, _mm512_maskz_compress_epi32(others, pos));
    w += static_cast<std::size_t>(__builtin_popcount(others));
    _mm512_store_si512(uu + (i - b), u);
    _mm512_store_si512(entries + (i - b), entry);
  }
  for (std::size_t j = 0; j < w; j += 16) {
    draw_listed<P>(col, n, buckets, who + j, w - j, uu, entries, out);
    for (std::size_t l = 0; l < 16 && j + l < w; ++l) move_one(k, p, b + who[j + l], out[l], who[j + l], at, m, refresh, r);
  }
  for (; i < e; ++i) {
    const std::uint32_t to = draw_one(k, p, tg, midx, i);
    move_one(k, p, i, to, static_cast<std::uint32_t>(i - b), at, m, refresh, r);
  }
  const auto stride = static_cast<std::uint32_t>(k.n_cells_per_cycle * n * n);
  for (std::size_t j = 0; j < m; ++j) ++lanes[static_cast<std::uint32_t>(j % kLanes) * stride + at[j]];
  for (std::size_t j = 0; j < r; ++j) {
    const std::size_t x = b + refresh[j];
    p.entry[x] = entry_at(k.follow, p.segment[x], p.duration[x], p.state[x]);
  }
}
#pragma GCC diagnostic pop

using StepFn = void (*)(const KernelTables&, Persons&, int, std::size_t, std::size_t, Lane*);

// The fused step of a run that keeps entries, for its register pairs.
StepFn mapped_step(const KernelTables& k) {
  switch ((k.map_rows + 31) / 32) {
    case 1: return &step_mapped_avx512<1>;
    case 2: return &step_mapped_avx512<2>;
    case 3: return &step_mapped_avx512<3>;
    default: return &step_mapped_avx512<4>;
  }
}
#endif

// The lanes of one cell's counters [at, at + nn) summed into moved[] and cleared (vectorised, the
// four lanes added first).
MKBA_TARGET_CLONES void sum_lanes(Lane* __restrict lanes, std::size_t stride, std::size_t at, std::size_t nn,
                                  std::uint32_t* __restrict moved) {
  static_assert(kLanes == 4);
  Lane* __restrict l0 = lanes + at;
  Lane* __restrict l1 = lanes + stride + at;
  Lane* __restrict l2 = lanes + 2 * stride + at;
  Lane* __restrict l3 = lanes + 3 * stride + at;
  for (std::size_t j = 0; j < nn; ++j) {
    moved[j] = std::uint32_t{l0[j]} + std::uint32_t{l1[j]} + std::uint32_t{l2[j]} + std::uint32_t{l3[j]};
    l0[j] = l1[j] = l2[j] = l3[j] = 0;
  }
}

// Settles a cycle of the persons whose occupancy [cell][state] at its start is `occ`: every person
// counts as staying, except the moves counted in the lanes (counts [cell][from][to] of the cycle
// in `cnt`); `occ` becomes the occupancy after the moves. Only cells with persons in them can have
// moves (a small block, such as a tornado side's few persons, touches few), and only from the
// states [lo, hi) (KernelTables::leave_lo, leave_hi: the exits keep everybody). `moved` is scratch
// of n x n + 2 n values. Loops over whole rows and columns, so that they vectorise.
void settle_cycle(Lane* lanes, std::size_t stride, std::size_t cells, std::size_t n, std::size_t lo, std::size_t hi,
                  std::int64_t* cnt, std::int64_t* occ, std::uint32_t* moved) {
  const std::size_t nn = n * n, rows = (hi - lo) * n;
  std::uint32_t* out = moved + nn;  // [from]: the moves out of a state
  std::uint32_t* in = out + n;      // [to]: the moves into it
  std::fill(out, out + n, 0u);      // stays 0 outside [lo, hi)
  for (std::size_t c = 0; c < cells; ++c) {
    std::int64_t* oc = occ + c * n;
    std::int64_t present = 0;
    for (std::size_t s = 0; s < n; ++s) present += oc[s];
    if (present == 0) continue;
    sum_lanes(lanes, stride, c * nn + lo * n, rows, moved);  // [from - lo][to]; nobody counts a stay
    std::int64_t* ct = cnt + c * nn + lo * n;
    for (std::size_t j = 0; j < rows; ++j) ct[j] += moved[j];
    std::fill(in, in + n, 0u);
    for (std::size_t from = lo; from < hi; ++from) {
      std::uint32_t sum = 0;
      for (std::size_t to = 0; to < n; ++to) {
        sum += moved[(from - lo) * n + to];
        in[to] += moved[(from - lo) * n + to];
      }
      out[from] = sum;
    }
    std::int64_t* cs = cnt + c * nn;
    for (std::size_t s = 0; s < n; ++s) {
      cs[s * n + s] += oc[s] - out[s];
      oc[s] += static_cast<std::int64_t>(in[s]) - out[s];
    }
  }
}

// With `visits`, each person's bit of the row (segment, band, state) it draws from is set in every
// cycle (RowVisits, engine/expanded.hpp); a pass of its own, outside the draw. Person i of p is
// person first + i of the simulation (p is a block: copy_block).
void record_visits(const KernelTables& k, const Persons& p, std::size_t b, std::size_t e, RowVisits& visits,
                   std::size_t first) {
  const auto n = static_cast<std::size_t>(k.n_states), B = static_cast<std::size_t>(k.n_bands);
  for (std::size_t i = b; i < e; ++i) {
    const std::size_t row = (static_cast<std::size_t>(p.segment[i]) * B + k.band_of_duration[p.duration[i]]) * n + p.state[i];
    visits.bits[row / 64 * visits.persons + first + i] |= std::uint64_t{1} << (row % 64);
  }
}

// Persons move within their block (run_block): `at` < `from`, so a forward copy is safe.
void move_persons(Persons& p, std::size_t from, std::size_t to, std::size_t at) {
  for_each_column(p, [&](auto& v) {
    if (!v.empty()) std::copy(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(to),
                              v.begin() + static_cast<std::ptrdiff_t>(at));
  });
  const std::size_t N = p.state.size();
  for (std::size_t d = 0; d < (p.scores.empty() ? 0 : static_cast<std::size_t>(kZrmDomains)); ++d)
    std::copy(p.scores.begin() + static_cast<std::ptrdiff_t>(d * N + from), p.scores.begin() + static_cast<std::ptrdiff_t>(d * N + to),
              p.scores.begin() + static_cast<std::ptrdiff_t>(d * N + at));
}

// Whether every row of state st in every matrix keeps everybody: thresholds 0 below st, 2^31
// from st on, so that the draw gives st for every u.
bool keeps_everybody(std::size_t st, std::size_t n, const std::vector<std::uint32_t>& thresholds) {
  for (std::size_t row = st; row < thresholds.size() / n; row += n)
    for (std::size_t j = 0; j + 1 < n; ++j)
      if (j < st ? thresholds[row * n + j] != 0 : thresholds[row * n + j] < kUniformRange) return false;
  return true;
}

// The states a person never leaves in this alternative, and in which their scores cannot move
// (bit s; n_states <= 64): keeps_everybody, and no domain of s improves or worsens at a
// rescreening. The exits other than work (verhuisd, AOW, overleden, ...) are such states.
std::uint64_t staying_states(const CompiledModel& m, const std::vector<std::uint32_t>& thresholds, const RescreenTables& r) {
  if (m.n_states > 64) return 0;
  const auto n = static_cast<std::size_t>(m.n_states);
  std::uint64_t out = 0;
  for (std::size_t st = 0; st < n; ++st) {
    bool stays = keeps_everybody(st, n, thresholds);
    for (std::size_t d = 0; r.spec && d < static_cast<std::size_t>(kZrmDomains) && stays; ++d)
      stays = r.improve[d * n + st] == 0 && r.worsen[d * n + st] == 0;
    if (stays) out |= std::uint64_t{1} << st;
  }
  return out;
}

constexpr int kRetireEvery = 12;  // cycles between looks for persons who can leave the loops

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// The values src[i] of i < n whose bit i of keep is set, written to dst in order: AVX-512
// compress stores, 64 bytes at a time (VBMI2 for 8- and 16-bit values). dst may be src (in place:
// each store lands at or before the values it came from, which are already loaded).
template <class T>
__attribute__((target("avx512f,avx512bw,avx512vbmi2"))) void compress_copy(const T* src, std::size_t n, const std::uint64_t* keep,
                                                                           T* dst) {
  static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4);
  constexpr std::size_t kPer = 64 / sizeof(T);  // values per register
  std::size_t w = 0;
  for (std::size_t i = 0; i < n; i += kPer) {
    const std::size_t left = std::min(kPer, n - i);
    const std::uint64_t bits = (keep[i / 64] >> (i % 64)) & (left == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << left) - 1);
    if constexpr (sizeof(T) == 1) {
      const __m512i x = _mm512_maskz_loadu_epi8(left == 64 ? ~__mmask64{0} : (__mmask64{1} << left) - 1, src + i);
      _mm512_mask_compressstoreu_epi8(dst + w, bits, x);
    } else if constexpr (sizeof(T) == 2) {
      const auto m = static_cast<__mmask32>(bits);
      _mm512_mask_compressstoreu_epi16(dst + w, m, _mm512_maskz_loadu_epi16(static_cast<__mmask32>((std::uint64_t{1} << left) - 1), src + i));
    } else {
      const auto m = static_cast<__mmask16>(bits);
      _mm512_mask_compressstoreu_epi32(dst + w, m, _mm512_maskz_loadu_epi32(static_cast<__mmask16>((1u << left) - 1), src + i));
    }
    w += static_cast<std::size_t>(__builtin_popcountll(bits));
  }
}

template <class T>
void compress_column(T* v, std::size_t n, const std::uint64_t* keep) {
  compress_copy(v, n, keep, v);
}

bool have_compress() {
  static const bool yes = have_avx512() && __builtin_cpu_supports("avx512vbmi2");  // have_avx512: also BW
  return yes;
}
#endif

// Persons in [begin, active) who can leave the per-cycle loops: in a staying state, and with a
// segment that is the rule's for their scores or never to be screened (a screening that moves no
// score then changes nothing). When at least a quarter of the active persons can leave, they are
// counted into retired[cell][state] and the others close up, in order (a screening run stays a
// run). Returns the new end of the active persons. `tally`: scratch of kLanes x cells x n counts,
// zero (and left so).
std::size_t retire_staying(Persons& p, std::size_t begin, std::size_t active, std::uint64_t staying, std::size_t n,
                           std::size_t cells, std::int64_t* retired, std::int64_t* occ, std::uint32_t* kept,
                           std::int64_t* tally) {
  const bool screening = !p.next_screen.empty();
  const StateId* state = p.state.data();
  const std::uint8_t* by_rule = screening ? p.by_rule.data() : nullptr;
  const std::uint16_t* next = screening ? p.next_screen.data() : nullptr;
  // Without branches: which persons leave is as good as random.
  const auto leaves = [&](std::size_t i) -> std::size_t {
    const auto in_staying = static_cast<std::size_t>((staying >> state[i]) & 1u);
    return screening ? in_staying & (static_cast<std::size_t>(by_rule[i]) | static_cast<std::size_t>(next[i] == kNoScreening))
                     : in_staying;
  };
  // Whether to close up is a matter of speed only (either way the counts are exact): one person in
  // kSample tells.
  constexpr std::size_t kSample = 8;
  std::size_t leaving = 0, looked = 0;
  for (std::size_t i = begin; i < active; i += kSample, ++looked) leaving += leaves(i);
  if (leaving * 4 < looked) return active;
  // One pass decides: the leaving persons are counted in bulk from now on, not as active.
  std::uint64_t keep[kBlockPersons / 64] = {};  // bit j of word w: person begin + 64 w + j stays
  std::size_t m = 0;
  const std::size_t cn = cells * n;
  for (std::size_t w = begin; w < active; w += 64) {  // a word of `keep` in a register, not in memory
    std::uint64_t stays = 0;
    for (std::size_t i = w; i < std::min(active, w + 64); ++i) {
      const std::size_t gone = leaves(i);
      // Counted in kLanes tallies by turns: neighbours in the same cell and state would otherwise
      // wait on each other's increment.
      tally[(i % kLanes) * cn + p.cell[i] * n + state[i]] += static_cast<std::int64_t>(gone);
      stays |= static_cast<std::uint64_t>(gone ^ 1u) << (i - w);
    }
    keep[(w - begin) / 64] = stays;
    m += static_cast<std::size_t>(__builtin_popcountll(stays));
  }
  for (std::size_t j = 0; j < cn; ++j) {
    std::int64_t gone = 0;
    for (std::size_t l = 0; l < kLanes; ++l) {
      gone += tally[l * cn + j];
      tally[l * cn + j] = 0;
    }
    retired[j] += gone;
    occ[j] -= gone;
  }
  const std::size_t N = p.state.size();
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (have_compress()) {
    for_each_column(p, [&](auto& v) {
      if (!v.empty()) compress_column(v.data() + begin, active - begin, keep);
    });
    for (std::size_t d = 0; d < (p.scores.empty() ? 0 : static_cast<std::size_t>(kZrmDomains)); ++d)
      compress_column(p.scores.data() + d * N + begin, active - begin, keep);
    return begin + m;
  }
#endif
  std::size_t k = 0;  // kept[0 .. m): the persons who stay active, ascending
  for (std::size_t i = begin; i < active; ++i) {
    kept[k] = static_cast<std::uint32_t>(i);
    k += (keep[(i - begin) / 64] >> ((i - begin) % 64)) & 1u;
  }
  // Column by column; kept[j] >= begin + j, so no value is overwritten before it is read.
  const auto close_up = [&](auto* v) {
    for (std::size_t j = 0; j < m; ++j) v[begin + j] = v[kept[j]];
  };
  for_each_column(p, [&](auto& v) {
    if (!v.empty()) close_up(v.data());
  });
  for (std::size_t d = 0; d < (p.scores.empty() ? 0 : static_cast<std::size_t>(kZrmDomains)); ++d) close_up(p.scores.data() + d * N);
  return begin + m;
}

// The persons [begin, end) counted into out[cell][state] (the occupancy of entering persons, of a
// slice, or at the end of the horizon).
void count_cells(const Persons& p, std::size_t begin, std::size_t end, std::size_t n, std::int64_t* out) {
  // By runs of the same cell and state (a group's persons are consecutive and alike when they
  // enter): an increment per person made a chain of increments of one counter.
  std::size_t i = begin;
  while (i < end) {
    const std::size_t at = p.cell[i] * n + p.state[i];
    std::size_t j = i + 1;
    while (j < end && p.cell[j] * n + p.state[j] == at) ++j;
    out[at] += static_cast<std::int64_t>(j - i);
    i = j;
  }
}

// One block of persons, all of p (copy_block), through all cycles (no capacity limits: persons do
// not interact). Scratch per worker, allocated before the loop and left zero where it says:
// `lanes` kLanes x cells x n x n (zero), `moved` n x (n + 2), `retired` and `occ` cells x n (zero),
// `kept` the block's persons' indices, `tally` kLanes x cells x n (zero).
// The active persons are [begin, active): those who entered, less those who left the loops in a
// staying state (retire_staying) and are counted from then on in bulk, as staying in their cell
// every cycle. Entering persons move up to close the gap. `occ` is the occupancy [cell][state] of
// the active persons, kept up to date by entries, moves (settle_cycle), new cells at a screening
// and departures; the stays of a cycle are its occupancy less the moves counted. Counts are those
// of every person drawing every cycle, exactly: a staying state's draw gives the same state
// whatever the random number, and nobody's random numbers depend on others. With `visits` nobody
// leaves (a person's rows are recorded every cycle); person i of p is person first_person + i of
// the simulation there.
void run_block(const KernelTables& k, Persons& p, int n_cycles, std::int64_t* transitions, std::int64_t* last, Lane* lanes,
               std::uint32_t* moved, std::int64_t* retired, std::int64_t* occ, std::uint32_t* kept, std::int64_t* tally,
               std::uint64_t staying, const RescreenTables& rescreening, DueRuns& due, RowVisits* visits,
               std::size_t first_person) {
  const std::size_t begin = 0, end = p.state.size();
  const auto n = static_cast<std::size_t>(k.n_states), cells = static_cast<std::size_t>(k.n_cells_per_cycle);
  const std::size_t nn = n * n, stride = cells * nn;
  assert(end - begin <= kBlockPersons);  // the lanes are settled once per cycle; retire_staying's masks
  if (visits) staying = 0;
  const Draws draws(k);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  const StepFn step = k.follow.map ? mapped_step(k) : nullptr;  // the row-map cycles' fused draw and move
#endif
  std::uint8_t next[kChunk];
  std::size_t active = begin, entered = begin;  // persons [entered, end) have not entered yet
  bool any_retired = false;
  if (rescreening.spec) due.reset(rescreening.spec->interval, end - begin);
  for (int t = 0; t < n_cycles; ++t) {
    const std::size_t present = std::min<std::size_t>(end, static_cast<std::size_t>(p.present_end[t]));
    if (present > entered) {
      count_cells(p, entered, present, n, occ);  // the entering persons join the occupancy
      if (active != entered) move_persons(p, entered, present, active);
      if (rescreening.spec) due.add(p.next_screen.data(), active, active + (present - entered));
      active += present - entered;
      entered = present;
    }
    if (active == begin && !any_retired) continue;
    std::int64_t* cnt = transitions + static_cast<std::size_t>(t) * stride;
    // settle_cycle adds to this cycle's counts, which an earlier block's cycles have pushed out of
    // the caches: ask for them now, so that they arrive while the persons draw.
    for (std::size_t j = 0; j < stride; j += 64 / sizeof(std::int64_t)) __builtin_prefetch(cnt + j, 1);
    const DrawFn draw = draws.at(k, t);
    for (std::size_t b = begin; b < active; b += kChunk) {
      const std::size_t e = std::min(active, b + kChunk);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
      if (step && k.cycle_kind[t] == kGeneral) {
        if (visits) record_visits(k, p, b, e, *visits, first_person);  // the rows drawn from: before the move
        step(k, p, t, b, e, lanes);
        continue;
      }
#endif
      draw(k, p, t, b, e, next);
      if (visits) record_visits(k, p, b, e, *visits, first_person);
      apply_moves(k, p, b, e, next, lanes);
    }
    settle_cycle(lanes, stride, cells, n, static_cast<std::size_t>(k.leave_lo), static_cast<std::size_t>(k.leave_hi), cnt, occ,
                 moved);
    if (any_retired)
      for (std::size_t c = 0; c < cells; ++c)
        for (std::uint64_t s = staying; s != 0; s &= s - 1) {
          const auto st = static_cast<std::size_t>(__builtin_ctzll(s));
          cnt[(c * n + st) * n + st] += retired[c * n + st];
        }
    if (rescreening.spec)
      due.for_each(t + 1, [&](std::size_t b, std::size_t e) { rescreen(rescreening, p, t, b, e, occ); });
    if (staying != 0 && (t + 1) % kRetireEvery == 0) {
      const std::size_t now = retire_staying(p, begin, active, staying, n, cells, retired, occ, kept, tally);
      if (now < active && rescreening.spec) {  // the persons closed up: their runs again
        due.clear();
        due.add(p.next_screen.data(), begin, now);
      }
      any_retired = any_retired || now < active;
      active = now;
    }
  }
  for (std::size_t j = 0; j < cells * n; ++j) last[j] += occ[j];  // the active persons [begin, active)
  count_cells(p, entered, std::min<std::size_t>(end, static_cast<std::size_t>(p.present_end[static_cast<std::size_t>(n_cycles)])), n, last);
  if (any_retired)
    for (std::size_t j = 0; j < cells * n; ++j) {
      last[j] += retired[j];
      retired[j] = 0;
    }
  std::fill(occ, occ + cells * n, std::int64_t{0});
}

// ---------------------------------------------------------------------------------------------
// Capacity-limited states and the waiting list (semantics: docs/timing.md, "Capacity and waiting
// list"). All persons go through a cycle together, single-threaded, in a fixed order.
constexpr std::uint8_t kNotWaiting = 0xff;

struct CapacityRun {
  const Alternative& alt;
  int n_states;
  std::vector<std::vector<int>> limits_of_state;  // [state] -> indices into alt.capacities
  std::vector<std::int64_t> free;                 // [limit]: places left in this cycle
  std::vector<std::uint8_t> waiting_for;          // [person]: target state or kNotWaiting
  std::vector<std::uint32_t> list, kept, requests;

  bool applies(int limit, int gemeente, int segment) const {
    const auto& c = alt.capacities[static_cast<std::size_t>(limit)];
    return (c.gemeente < 0 || c.gemeente == gemeente) && ((c.segments >> segment) & 1u) != 0;
  }
  // A move s -> d is checked against capacity when d != s and some limit on d covers the person
  // (gemeente and segment).
  bool checked(int s, int d, int gemeente, int segment) const {
    if (d == s) return false;
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente, segment)) return true;
    return false;
  }
  bool try_admit(int d, int gemeente, int segment) {
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente, segment) && free[static_cast<std::size_t>(l)] <= 0) return false;
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente, segment)) --free[static_cast<std::size_t>(l)];
    return true;
  }
};

void run_with_capacity(const CompiledModel& m, const Alternative& alt, const KernelTables& k,
                       Persons& p, Counts& counts, const RescreenTables& rescreening,
                       const std::atomic<bool>* cancel) {
  const std::size_t n_persons = p.state.size();
  const std::size_t stride = static_cast<std::size_t>(k.n_cells_per_cycle) * static_cast<std::size_t>(k.n_states) *
                             static_cast<std::size_t>(k.n_states);
  std::vector<Lane> lanes(kLanes * stride, 0);
  std::vector<std::int64_t> occ(static_cast<std::size_t>(k.n_cells_per_cycle) * static_cast<std::size_t>(k.n_states), 0);
  std::vector<std::uint32_t> moved(static_cast<std::size_t>(k.n_states) * (static_cast<std::size_t>(k.n_states) + 2));
  CapacityRun cr{alt, m.n_states, {}, {}, {}, {}, {}, {}};
  cr.limits_of_state.resize(static_cast<std::size_t>(m.n_states));
  for (std::size_t l = 0; l < alt.capacities.size(); ++l)
    cr.limits_of_state[alt.capacities[l].state].push_back(static_cast<int>(l));
  cr.free.assign(alt.capacities.size(), 0);
  cr.waiting_for.assign(n_persons, kNotWaiting);
  cr.list.reserve(n_persons);
  cr.kept.reserve(n_persons);
  cr.requests.reserve(n_persons);
  std::vector<std::uint8_t> next(std::max<std::size_t>(n_persons, 1));
  std::vector<std::uint8_t> is_limited(static_cast<std::size_t>(m.n_states), 0);
  for (const auto& c : alt.capacities) is_limited[c.state] = 1;
  const Draws draws(k);

  for (int t = 0; t < m.n_cycles; ++t) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return;
    const auto stop = static_cast<std::size_t>(p.present_end[t]);
    // 1. Every person's draw, exactly as without capacity (common random numbers).
    draws.at(k, t)(k, p, t, 0, stop, next.data());
    // 2. Places held this cycle: people in a limited state who stay there or whose move out waits
    //    for a capacity check; the rest of each limit is free.
    for (std::size_t l = 0; l < alt.capacities.size(); ++l)
      cr.free[l] = alt.capacities[l].places[static_cast<std::size_t>(t)];
    cr.requests.clear();
    for (std::size_t i = 0; i < stop; ++i) {
      const int s = p.state[i], d = next[i], g = p.gemeente[i], seg = p.segment[i];
      const bool check = cr.checked(s, d, g, seg);
      if (is_limited[static_cast<std::size_t>(s)] && (d == s || check))
        for (int l : cr.limits_of_state[static_cast<std::size_t>(s)])
          if (cr.applies(l, g, seg)) --cr.free[static_cast<std::size_t>(l)];
      // New requests: a checked move that is not the request the person is already waiting with.
      if (check && cr.waiting_for[i] != d) cr.requests.push_back(static_cast<std::uint32_t>(i));
    }
    // 3. The waiting list first, in its order (cycle joined, then person index).
    cr.kept.clear();
    for (std::uint32_t i : cr.list) {
      const int s = p.state[i], d = next[i], target = cr.waiting_for[i], g = p.gemeente[i], seg = p.segment[i];
      if (d != s && d != target) {  // drew a move elsewhere: leaves the list (handled in 4 if checked)
        cr.waiting_for[i] = kNotWaiting;
        continue;
      }
      if (cr.try_admit(target, g, seg)) {
        next[i] = static_cast<std::uint8_t>(target);
        cr.waiting_for[i] = kNotWaiting;
      } else {
        next[i] = static_cast<std::uint8_t>(s);
        cr.kept.push_back(i);
      }
    }
    // 4. New requests by person index; those not admitted join the end of the list.
    for (std::uint32_t i : cr.requests) {
      const int s = p.state[i], d = next[i], g = p.gemeente[i], seg = p.segment[i];
      if (cr.try_admit(d, g, seg)) continue;
      next[i] = static_cast<std::uint8_t>(s);
      cr.waiting_for[i] = static_cast<std::uint8_t>(d);
      cr.kept.push_back(i);
    }
    std::swap(cr.list, cr.kept);
    // 5. Count and apply the (possibly held back) moves.
    for (std::size_t b = 0; b < stop; b += kLanePersons) {
      const std::size_t e = std::min(stop, b + kLanePersons);
      std::fill(occ.begin(), occ.end(), std::int64_t{0});
      count_cells(p, b, e, static_cast<std::size_t>(k.n_states), occ.data());  // their occupancy before the moves
      apply_moves(k, p, b, e, next.data() + b, lanes.data());
      settle_cycle(lanes.data(), stride, static_cast<std::size_t>(k.n_cells_per_cycle), static_cast<std::size_t>(k.n_states),
                   static_cast<std::size_t>(k.leave_lo), static_cast<std::size_t>(k.leave_hi), counts.transitions.data() + static_cast<std::size_t>(t) * stride, occ.data(), moved.data());
    }
    for (std::uint32_t i : cr.list)
      ++counts.waiting[static_cast<std::size_t>(t + 1) * m.n_states + cr.waiting_for[i]];
    if (rescreening.spec) rescreen(rescreening, p, t, 0, stop);
  }
}

// The occupancy of cycles 0 .. n_cycles - 1 and the entries; the last occupancy row (the end of
// the horizon) is counted by whoever ran the persons (count_cells).
void fill_occupancy_and_entries(const CompiledModel& m, Counts& c) {
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
  for (const auto& g : m.population) {
    if (g.entry_cycle < 1 || g.entry_cycle >= m.n_cycles) continue;  // entries are arrivals after the start
    const std::size_t cell = static_cast<std::size_t>(g.gemeente) * m.n_segments + g.segment;
    c.entries[(static_cast<std::size_t>(g.entry_cycle) * cells + cell) * n + g.state] += g.persons;
  }
}

// Counts::occupancy at the end of the horizon: [cell][state].
std::int64_t* last_row(Counts& c, const CompiledModel& m) {
  return c.occupancy.data() + static_cast<std::size_t>(m.n_cycles) * static_cast<std::size_t>(m.n_gemeenten) *
                                  static_cast<std::size_t>(m.n_segments) * static_cast<std::size_t>(m.n_states);
}

void check_alternative(const CompiledModel& m, int alternative) {
  if (alternative < 0 || alternative >= static_cast<int>(m.alternatives.size()))
    throw std::invalid_argument("simulate: no such alternative");
  const Alternative& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  for (const auto& c : alt.capacities)
    if (c.state >= m.n_states || c.gemeente >= m.n_gemeenten ||
        c.places.size() != static_cast<std::size_t>(m.n_cycles))
      throw std::invalid_argument("simulate: malformed capacity limit (alternative " + alt.name + ")");
  if (m.rescreening && m.n_cycles >= kNoScreening)
    throw std::invalid_argument("simulate: rescreening over more than 65,534 cycles is not supported");
  // apply_moves numbers its counters (lane, cell, from, to) in 32 bits.
  const auto counters = kLanes * static_cast<std::uint64_t>(m.n_gemeenten) * static_cast<std::uint64_t>(m.n_segments) *
                        static_cast<std::uint64_t>(m.n_states) * static_cast<std::uint64_t>(m.n_states);
  if (counters > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("simulate: too many gemeenten x segments x states x states for the kernel's counters");
}

// simulate() once the persons are expanded (they are changed: states, months in state, segments).
// Sets KernelTables::follow and its change masks, and every person's entry, when the run can keep
// Persons::entry: the vector paths, one row map for every cycle (all take step_mapped_avx512), no
// capacity limits (their loop does not keep it) and months in state below 64.
void follow_entries(const CompiledModel& m, const Alternative& alt, const std::vector<std::uint8_t>& cycle_kind,
                    KernelTables& k) {
  if (!k.rowmap || !alt.capacities.empty() || k.duration_cap >= 64) return;
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (!have_avx512() || k.n_states > 16) return;
#else
  return;
#endif
  // Every cycle takes the fused step (step_mapped_avx512), which keeps the entries, from one map.
  for (std::size_t t = 0; t < cycle_kind.size(); ++t)
    if (cycle_kind[t] != kGeneral || k.map_offset[t] != k.map_offset[0]) return;
  const std::size_t offset = k.map_offset[0];
  const auto n = static_cast<std::uint32_t>(m.n_states), cap = static_cast<std::uint32_t>(k.duration_cap);
  k.follow = {k.rowmap + offset, (cap + 1) * n, n};
  for (std::uint32_t seg = 0; seg < static_cast<std::uint32_t>(m.n_segments); ++seg)
    for (std::uint32_t st = 0; st < n; ++st)
      for (std::uint32_t d = 1; d <= cap; ++d) {
        const std::uint32_t at = seg * k.follow.seg_stride + d * n + st;
        if (k.follow.map[at] == k.follow.map[at - n]) continue;
        (d < 32 ? k.changes_lo : k.changes_hi)[st] |= 1u << (d % 32);
      }
}

// Persons [b, e) of `from` as persons [0, e - b) of `to` (a worker's block, run_block), every column
// copied into `to`'s own buffers (assign keeps their capacity: no allocation after the first
// block), present_end made relative to b, and their row map entries looked up when the run keeps
// them (entries: follow_entries).
void copy_block(const Persons& from, std::size_t b, std::size_t e, const EntryMap& entries, Persons& to) {
  const auto at = [](const auto& v, std::size_t i) { return v.begin() + static_cast<std::ptrdiff_t>(i); };
  for_each_member([&](auto column) {
    const auto& src = from.*column;
    auto& dst = to.*column;
    if (src.empty()) dst.clear();
    else dst.assign(at(src, b), at(src, e));
  });
  const std::size_t N = from.state.size(), len = e - b;
  to.scores.resize(from.scores.empty() ? 0 : static_cast<std::size_t>(kZrmDomains) * len);
  for (std::size_t d = 0; d < (from.scores.empty() ? 0 : static_cast<std::size_t>(kZrmDomains)); ++d)
    std::copy(at(from.scores, d * N + b), at(from.scores, d * N + e), to.scores.begin() + static_cast<std::ptrdiff_t>(d * len));
  to.present_end.resize(from.present_end.size());
  for (std::size_t t = 0; t < from.present_end.size(); ++t)
    to.present_end[t] = std::clamp<std::int64_t>(from.present_end[t] - static_cast<std::int64_t>(b), 0, static_cast<std::int64_t>(len));
  if (entries.map) {
    to.entry.resize(len);
    refresh_entries(entries, to, 0, len);
  }
}

// simulate() of persons expanded for the run key (unchanged: each block of them is copied into
// the worker's own buffers, copy_block, where it moves through the cycles).
Counts simulate_persons(const CompiledModel& m, int alternative, const Persons& persons, const MicrosimOptions& opt,
                        RowVisits* visits = nullptr) {
  const Alternative& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  RescreenTables rescreen_tables = make_rescreen_tables(m);
  const auto thresholds = make_thresholds(alt.transitions.probabilities, m.n_states);
  // Cycles in which the matrix does not depend on months in state (or not on the segment
  // either) take the faster paths.
  const auto S = static_cast<std::size_t>(m.n_segments), B = static_cast<std::size_t>(m.n_bands);
  std::vector<std::uint8_t> cycle_kind(static_cast<std::size_t>(m.n_cycles), kUniform);
  for (std::size_t t = 0; t < cycle_kind.size(); ++t) {
    const auto* mi = alt.transitions.matrix_index.data() + t * S * B;
    for (std::size_t seg = 0; seg < S; ++seg)
      for (std::size_t b = 0; b < B; ++b) {
        if (mi[seg * B + b] != mi[seg * B]) cycle_kind[t] = kGeneral;
        else if (mi[seg * B] != mi[0] && cycle_kind[t] == kUniform) cycle_kind[t] = kBySegment;
      }
  }
  const std::vector<std::uint32_t> band32(m.band_of_duration.begin(), m.band_of_duration.end());
  KernelTables tables{thresholds.data(),   alt.transitions.matrix_index.data(),
                      m.band_of_duration.data(), band32.data(), cycle_kind.data(),
                      m.n_states,          m.n_segments,
                      m.n_bands,           m.n_gemeenten * m.n_segments,
                      m.duration_cap(),    nullptr, nullptr, -1, 0, {}, {}, nullptr, nullptr, 0, 8};
  for (int st = 0; st < m.n_states; ++st)
    if (!keeps_everybody(static_cast<std::size_t>(st), static_cast<std::size_t>(m.n_states), thresholds)) {
      if (tables.leave_hi == 0) tables.leave_lo = st;
      tables.leave_hi = st + 1;
    }
  // The band as change points of the months in state, when the band table never decreases.
  {
    const auto n = static_cast<std::uint32_t>(m.n_states);
    int changes = 0;
    bool ok = true;
    for (std::size_t d = 1; d < m.band_of_duration.size() && ok; ++d) {
      const int prev = m.band_of_duration[d - 1], cur = m.band_of_duration[d];
      if (cur == prev) continue;
      if (cur < prev || changes == 16) {
        ok = false;
        break;
      }
      tables.change_at[changes] = static_cast<std::uint32_t>(d);
      tables.change_n[changes] = static_cast<std::uint32_t>(cur - prev) * n;
      ++changes;
    }
    tables.n_changes = ok ? changes : -1;
    tables.band0_n = static_cast<std::uint32_t>(m.band_of_duration.empty() ? 0 : m.band_of_duration[0]) * n;
  }
  // Register tables per cycle (see KernelTables::cols), for the kinds whose rows fit, and row
  // tables for the general cycles when their rows do not (KernelTables::rowtab). A cycle whose
  // matrices are those of the cycle before shares its table, so a model with one set of matrices
  // builds one table (a small run must not pay for 120).
  const auto same_as_before = [&](std::size_t t) {
    if (t == 0 || cycle_kind[t] != cycle_kind[t - 1]) return false;
    const auto* mi = alt.transitions.matrix_index.data();
    return std::equal(mi + t * S * B, mi + (t + 1) * S * B, mi + (t - 1) * S * B);
  };
  std::vector<std::uint32_t> cols, rowtab;
  std::vector<std::size_t> table_rows;  // [table in cols]: the rows it holds
  std::vector<std::uint32_t> rowmap;
  std::vector<std::size_t> col_offset(cycle_kind.size(), 0), row_offset(cycle_kind.size(), 0), map_offset(cycle_kind.size(), 0);
  tables.col_offset = col_offset.data();
  tables.row_offset = row_offset.data();
  if (m.n_states >= 2 && m.n_states <= 16) {
    const auto n = static_cast<std::size_t>(m.n_states);
    const std::size_t per_table = (n - 1) * kTableRows;
    for (std::size_t t = 0; t < cycle_kind.size(); ++t) {
      const auto* mi = alt.transitions.matrix_index.data() + t * S * B;
      const std::size_t combos = cycle_kind[t] == kUniform ? 1 : cycle_kind[t] == kBySegment ? S : S * B;
      if (combos * n > static_cast<std::size_t>(kTableRows)) continue;
      if (same_as_before(t)) {
        col_offset[t] = col_offset[t - 1];
        continue;
      }
      col_offset[t] = cols.size();
      cols.resize(cols.size() + per_table, 0);
      table_rows.push_back(combos * n);
      for (std::size_t c = 0; c < combos; ++c) {
        const std::size_t mat = static_cast<std::size_t>(cycle_kind[t] == kBySegment ? mi[c * B] : mi[c]);
        for (std::size_t st = 0; st < n; ++st)
          for (std::size_t j = 0; j + 1 < n; ++j)
            cols[col_offset[t] + j * kTableRows + c * n + st] = thresholds[(mat * n + st) * n + j];
      }
    }
    tables.cols = cols.data();
    const std::size_t W = n <= 9 ? 8 : 16, rows = S * B * n;
    if (rows > static_cast<std::size_t>(kTableRows) && static_cast<std::size_t>(m.n_cycles) * rows * W <= (std::size_t{1} << 24)) {
      for (std::size_t t = 0; t < cycle_kind.size(); ++t) {
        if (cycle_kind[t] != kGeneral) continue;
        if (same_as_before(t)) {
          row_offset[t] = row_offset[t - 1];
          continue;
        }
        row_offset[t] = rowtab.size();
        rowtab.resize(rowtab.size() + rows * W, 0xffffffffu);
        const auto* mi = alt.transitions.matrix_index.data() + t * S * B;
        for (std::size_t c = 0; c < S * B; ++c)
          for (std::size_t st = 0; st < n; ++st)
            for (std::size_t j = 0; j + 1 < n; ++j)
              rowtab[row_offset[t] + (c * n + st) * W + j] = thresholds[(static_cast<std::size_t>(mi[c]) * n + st) * n + j];
      }
      tables.rowtab = rowtab.data();
      tables.rows_per_cycle = rows;
      tables.row_width = static_cast<int>(W);
      // Row maps (KernelTables::rowmap): most combinations share their rows (the default scenario:
      // 500 combinations, 69 or 105 distinct rows), so the register tables hold the distinct rows.
      // Only when every general cycle fits; otherwise the row tables above are used.
      const std::size_t per_map = S * (static_cast<std::size_t>(m.duration_cap()) + 1) * n;
      if (per_map <= (std::size_t{1} << 16)) {
        bool fits = true;
        int most = 0;
        std::map<std::vector<std::uint32_t>, std::uint32_t> id;
        std::vector<std::uint32_t> of_row(S * B * n), thr_row(n - 1);
        for (std::size_t t = 0; t < cycle_kind.size() && fits; ++t) {
          if (cycle_kind[t] != kGeneral) continue;
          if (same_as_before(t)) {
            map_offset[t] = map_offset[t - 1];
            col_offset[t] = col_offset[t - 1];
            continue;
          }
          id.clear();
          const auto* mi = alt.transitions.matrix_index.data() + t * S * B;
          for (std::size_t r = 0; r < S * B * n && fits; ++r) {
            const std::size_t c = r / n, st = r % n;
            for (std::size_t j = 0; j + 1 < n; ++j) thr_row[j] = thresholds[(static_cast<std::size_t>(mi[c]) * n + st) * n + j];
            const auto [it, added] = id.emplace(thr_row, static_cast<std::uint32_t>(id.size()));
            of_row[r] = it->second;
            fits = id.size() <= static_cast<std::size_t>(kTableRows);
          }
          if (!fits) break;
          most = std::max(most, static_cast<int>(id.size()));
          col_offset[t] = cols.size();
          cols.resize(cols.size() + per_table, 0);
          table_rows.push_back(id.size());
          for (const auto& [thr, r] : id)
            for (std::size_t j = 0; j + 1 < n; ++j) cols[col_offset[t] + j * kTableRows + r] = thr[j];
          map_offset[t] = rowmap.size();
          rowmap.resize(rowmap.size() + per_map);
          const auto cap = static_cast<std::size_t>(m.duration_cap());
          for (std::size_t seg = 0; seg < S; ++seg)
            for (std::size_t d = 0; d <= cap; ++d)
              for (std::size_t st = 0; st < n; ++st) {
                const std::size_t c = seg * B + m.band_of_duration[d];
                rowmap[map_offset[t] + (seg * (cap + 1) + d) * n + st] =
                    pack_map_entry(of_row[c * n + st], thresholds.data() + (static_cast<std::size_t>(mi[c]) * n + st) * n, st, n);
              }
        }
        tables.cols = cols.data();  // cols may have moved
        if (fits && most > 0) {
          tables.rowmap = rowmap.data();
          tables.map_offset = map_offset.data();
          tables.map_rows = most;
        }
      }
    }
  }
  // Bucket tables of the register tables (KernelTables::buckets): most draws fall in a bucket of u
  // that no threshold of their row splits, and take the destination from one gathered byte. Worth
  // it when a table needs three or four register pairs (up to two, the compare of every threshold
  // is as cheap as the gather) and the run is long enough to pay for the 256 KB built.
  std::vector<std::uint8_t> buckets;
  std::vector<std::size_t> bucket_offset(cycle_kind.size(), 0);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  const bool vector = have_avx512();  // the only draw that reads them
#else
  const bool vector = false;
#endif
  const bool wide = std::any_of(table_rows.begin(), table_rows.end(), [](std::size_t r) { return r > 64; });
  if (vector && wide && persons.state.size() * static_cast<std::size_t>(m.n_cycles) >= (std::size_t{1} << 22)) {
    const auto n = static_cast<std::size_t>(m.n_states);
    const std::size_t per_table = (n - 1) * kTableRows, per_buckets = kTableRows * kBuckets;
    buckets.resize(cols.size() / per_table * per_buckets);
    std::vector<std::uint32_t> thr(n - 1);
    for (std::size_t tb = 0; tb < cols.size() / per_table; ++tb)
      for (std::size_t r = 0; r < table_rows[tb]; ++r) {
        for (std::size_t j = 0; j + 1 < n; ++j) thr[j] = cols[tb * per_table + j * kTableRows + r];
        std::sort(thr.begin(), thr.end());
        // The draw of u is #{j : u >= thr[j]}; it is the same for u = lo and u = hi of a bucket
        // exactly when no threshold lies in (lo, hi].
        std::size_t at_lo = 0, at_hi = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
          const std::uint32_t lo = static_cast<std::uint32_t>(b) << kBucketShift, hi = lo + ((1u << kBucketShift) - 1);
          while (at_lo < thr.size() && thr[at_lo] <= lo) ++at_lo;
          while (at_hi < thr.size() && thr[at_hi] <= hi) ++at_hi;
          buckets[tb * per_buckets + r * kBuckets + b] = at_lo == at_hi ? static_cast<std::uint8_t>(at_lo) : kStraddles;
        }
      }
    for (std::size_t t = 0; t < cycle_kind.size(); ++t) bucket_offset[t] = col_offset[t] / per_table * per_buckets;
    tables.buckets = buckets.data();
    tables.bucket_offset = bucket_offset.data();
  }

  follow_entries(m, alt, cycle_kind, tables);
  rescreen_tables.entries = tables.follow;

  if (visits) {
    if (!alt.capacities.empty()) throw std::invalid_argument("simulate: row visits are not recorded with capacity limits");
    visits->words = (static_cast<std::size_t>(m.n_segments) * m.n_bands * m.n_states + 63) / 64;
    visits->persons = persons.state.size();
    visits->bits.assign(visits->persons * visits->words, 0);
  }
  if (!alt.capacities.empty()) {
    // People interact through the waiting list: one pass over everybody per cycle, one thread.
    Counts counts;
    counts.resize(m.n_cycles, m.n_gemeenten, m.n_segments, m.n_states);
    Persons all = persons;
    run_with_capacity(m, alt, tables, all, counts, rescreen_tables, opt.cancel);
    count_cells(all, 0, static_cast<std::size_t>(all.present_end[static_cast<std::size_t>(m.n_cycles)]),
               static_cast<std::size_t>(m.n_states), last_row(counts, m));
    fill_occupancy_and_entries(m, counts);
    return counts;
  }

  // Blocks in a fixed order; integer sums make the reduction exact, whatever the blocks.
  const std::size_t n_persons = persons.state.size();
  const std::size_t block = block_persons(n_persons, opt.threads);
  const std::size_t n_blocks = (n_persons + block - 1) / block;
  const int n_threads = static_cast<int>(std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(1, opt.threads)), n_blocks)));
  std::vector<Counts> partial(static_cast<std::size_t>(n_threads));
  for (auto& c : partial) c.resize(m.n_cycles, m.n_gemeenten, m.n_segments, m.n_states);
  std::atomic<std::size_t> next_block{0};
  const std::size_t stride = static_cast<std::size_t>(tables.n_cells_per_cycle) * m.n_states * m.n_states;
  const std::uint64_t staying = staying_states(m, thresholds, rescreen_tables);
  auto worker = [&](int w) {
    std::vector<Lane> lanes(kLanes * stride, 0);
    std::vector<std::int64_t> retired(static_cast<std::size_t>(tables.n_cells_per_cycle) * m.n_states, 0);
    std::vector<std::int64_t> occ(retired.size(), 0);
    std::vector<std::uint32_t> moved(static_cast<std::size_t>(m.n_states) * (m.n_states + 2));
    std::vector<std::uint32_t> kept(block);
    std::vector<std::int64_t> tally(kLanes * retired.size(), 0);
    thread_local DueRuns due;  // its room kept from block to block, like in_block
    Counts& mine = partial[static_cast<std::size_t>(w)];
    // The block's persons, in this thread's buffers of its previous block (or simulation: a PSA
    // calls simulate() on the same thread every iteration). Fresh buffers each time came from
    // freshly mapped pages whenever glibc had given a thread's heap back, and at national scale
    // faulting them in cost 7 % of the run. The buffers stay with the thread until it ends.
    thread_local Persons in_block;
    for (std::size_t b; (b = next_block.fetch_add(1)) < n_blocks;) {
      if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) break;
      const std::size_t first = b * block, len = std::min(n_persons, first + block) - first;
      copy_block(persons, first, first + len, tables.follow, in_block);
      run_block(tables, in_block, m.n_cycles, mine.transitions.data(), last_row(mine, m), lanes.data(), moved.data(),
                retired.data(), occ.data(), kept.data(), tally.data(), staying, rescreen_tables, due, visits, first);
    }
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
  fill_occupancy_and_entries(m, counts);
  return counts;
}

}  // namespace

// What the columns of expanded persons other than their keys depend on (expand_layout): models
// with equal layouts have equal columns, whatever their transitions and valuation.
struct PersonsLayout {
  std::vector<PersonGroup> population;
  std::vector<std::uint8_t> ruled;  // rescreening: the rule's segment of each group's scores
  int n_cycles = 0, n_segments = 0, duration_cap = 0, fold = 0;
  bool rescreening = false;
  bool operator==(const PersonsLayout&) const = default;
};

PersonsLayout layout_of(const CompiledModel& m) {
  PersonsLayout l{m.population, {}, m.n_cycles, m.n_segments, m.duration_cap(), 0, m.rescreening.has_value()};
  if (m.rescreening) {
    std::vector<std::size_t> all(m.population.size());
    std::iota(all.begin(), all.end(), 0);
    l.ruled = segments_by_rule(*m.rescreening, m.population, all);
    l.fold = m.rescreening->fold;
  }
  return l;
}

struct ExpandedPersons {
  Persons persons;
  RunKey key;
  PersonsLayout layout;
  bool subset = false;  // some of the layout's persons only (subset)
};

std::shared_ptr<const ExpandedPersons> expand_persons(const CompiledModel& m, RunKey key, const std::atomic<bool>* cancel,
                                                      std::shared_ptr<const ExpandedPersons> previous) {
  PersonsLayout layout = layout_of(m);
  std::shared_ptr<ExpandedPersons> e;
  const bool same = previous && !previous->subset && previous->layout == layout;
  if (same && previous.use_count() == 1) {
    // Nobody else holds the previous persons (made here, not const): only their keys change.
    e = std::const_pointer_cast<ExpandedPersons>(std::move(previous));
  } else {
    e = std::make_shared<ExpandedPersons>();
    e->persons = same ? previous->persons : expand_layout(m);  // a copy's keys are made again below
    e->layout = std::move(layout);
  }
  e->key = key;
  fill_keys(key, e->persons, cancel);
  return e;
}

Counts simulate(const CompiledModel& m, int alternative, RunKey key, const ExpandedPersons& e, const MicrosimOptions& opt,
                RowVisits* visits) {
  check_alternative(m, alternative);
  const PersonsLayout& l = e.layout;
  if (e.key.seed != key.seed || e.key.iteration != key.iteration || l.n_cycles != m.n_cycles ||
      l.n_segments != m.n_segments || l.duration_cap != m.duration_cap() || l.population.size() != m.population.size() ||
      l.rescreening != m.rescreening.has_value())
    throw std::invalid_argument("simulate: the persons were expanded for another key or model");
  return simulate_persons(m, alternative, e.persons, opt, visits);
}

std::size_t person_count(const ExpandedPersons& e) { return e.persons.state.size(); }

std::shared_ptr<const ExpandedPersons> subset(const ExpandedPersons& all, const std::vector<std::size_t>& which) {
  const Persons& a = all.persons;
  const std::size_t N = a.state.size(), M = which.size();
  if (!std::is_sorted(which.begin(), which.end()) || std::adjacent_find(which.begin(), which.end()) != which.end() ||
      (M > 0 && which.back() >= N))
    throw std::invalid_argument("subset: the persons must be distinct, ascending and present");
  auto out = std::make_shared<ExpandedPersons>();
  out->key = all.key;
  out->layout = all.layout;
  out->subset = true;
  Persons& p = out->persons;
  p.present_end.resize(a.present_end.size());
  // With AVX-512 VBMI2 each column is one pass of compress stores over a mask of the persons kept.
  std::vector<std::uint64_t> keep;
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (have_compress()) {
    keep.assign((N + 63) / 64, 0);
    for (const std::size_t i : which) keep[i / 64] |= std::uint64_t{1} << (i % 64);
  }
#endif
  const auto take = [&](const auto* from, auto* to) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (!keep.empty()) return compress_copy(from, N, keep.data(), to);
#endif
    for (std::size_t j = 0; j < M; ++j) to[j] = from[which[j]];
  };
  const auto pick = [&](auto& to, const auto& from) {
    if (from.empty()) return;
    to.resize(M);
    take(from.data(), to.data());
  };
  for_each_member([&](auto column) { pick(p.*column, a.*column); });
  if (!a.scores.empty()) {
    p.scores.assign(static_cast<std::size_t>(kZrmDomains) * M, 0);
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d) take(a.scores.data() + d * N, p.scores.data() + d * M);
  }
  // The persons keep their order, so those present in a cycle are still a prefix.
  const auto rank = [&](std::size_t i) {
    return static_cast<std::size_t>(std::lower_bound(which.begin(), which.end(), i) - which.begin());
  };
  for (std::size_t t = 0; t < p.present_end.size(); ++t)
    p.present_end[t] = static_cast<std::int64_t>(rank(static_cast<std::size_t>(a.present_end[t])));
  return out;
}

Counts simulate(const CompiledModel& m, int alternative, RunKey key, const MicrosimOptions& opt) {
  check_alternative(m, alternative);
  Persons persons = expand(m, key, opt.cancel);
  if (opt.cancel && opt.cancel->load()) return {};  // incomplete; the caller discards it
  return simulate_persons(m, alternative, persons, opt);
}

}  // namespace mkba::engine
