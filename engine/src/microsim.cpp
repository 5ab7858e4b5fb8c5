#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>
#include <mkba/engine/thresholds.hpp>

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <cstdlib>
#include <limits>
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
  std::vector<std::uint32_t> cell;      // gemeente * n_segments + segment
  std::vector<std::uint8_t> segment;    // stored apart so the kernel needs no division
  std::vector<std::uint16_t> gemeente;  // for capacity limits per gemeente
  std::vector<std::uint32_t> key;       // per-person random key of this iteration
  std::vector<std::int64_t> present_end;  // per cycle
  // Rescreening only (empty otherwise).
  std::vector<ZrmScoreArray> scores;
  std::vector<std::int32_t> first_rescreen;
  std::vector<std::uint32_t> rescreen_key;
};

// Stops early (returning a partial set) when *cancel is set: at national scale the set-up alone
// takes seconds, and SIGINT must end a run within one.
Persons expand(const CompiledModel& m, RunKey key, const std::atomic<bool>* cancel) {
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
  p.segment.reserve(n);
  p.gemeente.reserve(n);
  p.present_end.assign(static_cast<std::size_t>(m.n_cycles) + 1, 0);
  const int cap = m.duration_cap();
  for (auto gi : order) {
    const auto& g = m.population[gi];
    if (g.entry_cycle > m.n_cycles) continue;
    for (std::int64_t i = 0; i < g.persons; ++i) {
      p.state.push_back(g.state);
      p.duration.push_back(static_cast<std::uint16_t>(std::min(g.months_in_state, cap)));
      p.cell.push_back(static_cast<std::uint32_t>(g.gemeente * m.n_segments + g.segment));
      p.segment.push_back(static_cast<std::uint8_t>(g.segment));
      p.gemeente.push_back(static_cast<std::uint16_t>(g.gemeente));
      if (m.rescreening) {
        p.scores.push_back(g.scores);
        p.first_rescreen.push_back(g.first_rescreen);
      }
    }
    for (int t = g.entry_cycle; t <= m.n_cycles; ++t) p.present_end[t] += g.persons;
  }
  auto cancelled = [&](std::size_t i) { return (i & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed); };
  p.key.resize(p.state.size());
  for (std::size_t i = 0; i < p.key.size(); ++i) {
    if (cancelled(i)) return p;
    p.key[i] = person_key(key.seed, key.iteration, static_cast<std::uint32_t>(i), DrawKind::transition);
  }
  if (m.rescreening) {
    p.rescreen_key.resize(p.state.size());
    for (std::size_t i = 0; i < p.key.size(); ++i) {
      if (cancelled(i)) return p;
      p.rescreen_key[i] = person_key(key.seed, key.iteration, static_cast<std::uint32_t>(i), DrawKind::rescreen);
    }
  }
  return p;
}

// Rescreening tables: integer thresholds per state and domain (u < improve: one point up;
// u < worsen: one point down), on the same 2^31 scale as the transitions.
struct RescreenTables {
  const Rescreening* spec = nullptr;
  std::vector<std::uint32_t> improve, worsen;
  int n_segments = 1;
};

RescreenTables make_rescreen_tables(const CompiledModel& m) {
  RescreenTables r;
  if (!m.rescreening) return r;
  r.spec = &*m.rescreening;
  r.n_segments = m.n_segments;
  for (std::size_t i = 0; i < r.spec->improve.size(); ++i) {
    const double up = r.spec->improve[i], down = r.spec->worsen[i];
    r.improve.push_back(static_cast<std::uint32_t>(std::llround(up * kUniformRange)));
    r.worsen.push_back(static_cast<std::uint32_t>(std::llround(std::min(1.0, up + down) * kUniformRange)));
  }
  return r;
}

// The people of [begin, end) whose screening falls at the end of cycle t: scores move, the segment
// follows. Only people due are touched, with their own random stream (DrawKind::rescreen).
void rescreen(const RescreenTables& r, Persons& p, int t, std::size_t begin, std::size_t end) {
  const int boundary = t + 1;
  const int interval = r.spec->interval;
  for (std::size_t i = begin; i < end; ++i) {
    const int first = p.first_rescreen[i];
    if (first < 0 || boundary < first || (boundary - first) % interval != 0) continue;
    auto& sc = p.scores[i];
    const std::size_t row = static_cast<std::size_t>(p.state[i]) * kZrmDomains;
    for (int d = 0; d < kZrmDomains; ++d) {
      if (sc[static_cast<std::size_t>(d)] == 0) continue;
      const std::uint32_t u = cycle_bits(p.rescreen_key[i], static_cast<std::uint32_t>(boundary * 16 + d)) >> 1;
      auto& v = sc[static_cast<std::size_t>(d)];
      if (u < r.improve[row + static_cast<std::size_t>(d)]) v = static_cast<std::uint8_t>(std::min(5, v + 1));
      else if (u < r.worsen[row + static_cast<std::size_t>(d)]) v = static_cast<std::uint8_t>(std::max(1, v - 1));
    }
    const int seg = r.spec->segment_of(sc);
    p.segment[i] = static_cast<std::uint8_t>(seg);
    p.cell[i] = static_cast<std::uint32_t>(p.gemeente[i] * r.n_segments + seg);
  }
}

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
};

// ---------------------------------------------------------------------------------------------
// Step 1 of a cycle (vectorisable): the destination each person draws,
//   next[i - begin] = #{ j < n-1 : u_i >= T[row_i][j] },  u_i = cycle_bits(key_i, t) >> 1,
// a pure function of (key, t, state, segment, duration). No stores except next[], no branches in
// the loop body. NS is the number of states when known at compile time (2..8), 0 otherwise;
// kUniform says all persons use one matrix in this cycle (no segment or duration dependence).
// Compiled for AVX-512, AVX2 and baseline x86-64; integer-only, so every clone gives the same bits.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // clang 14: no target_clones on templates
#define MKBA_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MKBA_TARGET_CLONES
#endif

template <int NS, bool kUniform>
MKBA_TARGET_CLONES void draw_next(
    const KernelTables& k, const Persons& p, int t, std::size_t begin, std::size_t end,
    std::uint8_t* __restrict next) {
  const int n = NS > 0 ? NS : k.n_states;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::uint32_t* __restrict key = p.key.data();
  const StateId* __restrict state = p.state.data();
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * k.n_bands;
  if constexpr (kUniform) {
    const std::uint32_t* __restrict base =
        k.thresholds + static_cast<std::size_t>(midx[0]) * static_cast<std::size_t>(n * n);
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t u = triple32(key[i] + tg) >> 1;
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
      const std::uint32_t u = triple32(key[i] + tg) >> 1;
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
// The same draw as draw_next written with AVX-512 intrinsics, for up to 16 states: the thresholds
// of the cycle sit in registers column by column, col[j][r] = T[matrix of combination c][s][j] for
// the row r = c * n + s, where the combination c is 0 (one matrix), the segment (matrix by
// segment) or segment * n_bands + band(months in state) (the general case, with up to 32 durations
// in the band table). With up to 32 rows a threshold is picked with one two-register permute
// (vpermt2d), with up to 64 with two and a blend, instead of a gather. 16 persons per step; the
// remainder goes through the portable formula. Bit-identical to draw_next (integer operations
// only; tested). GCC 12 warns falsely inside avx512fintrin.h (_mm512_undefined_epi32).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) void draw_table_avx512(const KernelTables& k, const Persons& p,
                                                           int t, std::size_t begin, std::size_t end,
                                                           std::uint8_t* __restrict next) {
  const int n = k.n_states, nb = k.n_bands;
  const CycleKind kind = static_cast<CycleKind>(k.cycle_kind[t]);
  const int combos = kind == kUniform ? 1 : kind == kBySegment ? k.n_segments : k.n_segments * nb;
  const bool wide = combos * n > 32;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * nb;
  // col[j][0..3]: the 64 rows of column j in four registers.
  __m512i col[15][4];
  for (int j = 0; j + 1 < n; ++j) {
    alignas(64) std::uint32_t c[64] = {};
    for (int cb = 0; cb < combos; ++cb) {
      const int mi = kind == kBySegment ? midx[cb * nb] : midx[cb];  // kUniform: cb = 0
      const std::uint32_t* m = k.thresholds + static_cast<std::size_t>(mi) * static_cast<std::size_t>(n * n);
      for (int s = 0; s < n; ++s) c[cb * n + s] = m[s * n + j];
    }
    for (int q = 0; q < 4; ++q) col[j][q] = _mm512_load_si512(c + 16 * q);
  }
  __m512i band_lo = _mm512_setzero_si512(), band_hi = _mm512_setzero_si512();
  if (kind == kGeneral) {
    alignas(64) std::uint32_t c[32] = {};
    for (int d = 0; d <= k.duration_cap && d < 32; ++d) c[d] = k.band_of_duration[d];
    band_lo = _mm512_load_si512(c);
    band_hi = _mm512_load_si512(c + 16);
  }
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(0xed5ad4bbu));
  const __m512i m2 = _mm512_set1_epi32(static_cast<int>(0xac4c1b51u));
  const __m512i m3 = _mm512_set1_epi32(static_cast<int>(0x31848babu));
  const __m512i vn = _mm512_set1_epi32(n), vnb = _mm512_set1_epi32(nb), v32 = _mm512_set1_epi32(32);
  const __m512i one = _mm512_set1_epi32(1);
  const std::uint32_t* key = p.key.data();
  const StateId* state = p.state.data();
  const std::uint8_t* segment = p.segment.data();
  const std::uint16_t* dur = p.duration.data();
  std::size_t i = begin;
  for (; i + 16 <= end; i += 16) {
    __m512i x = _mm512_add_epi32(_mm512_loadu_si512(key + i), vtg);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 17));
    x = _mm512_mullo_epi32(x, m1);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 11));
    x = _mm512_mullo_epi32(x, m2);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 15));
    x = _mm512_mullo_epi32(x, m3);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 14));
    const __m512i u = _mm512_srli_epi32(x, 1);
    __m512i row = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + i)));
    if (combos > 1) {
      __m512i cb = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(segment + i)));
      if (kind == kGeneral) {
        const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(dur + i)));
        cb = _mm512_add_epi32(_mm512_mullo_epi32(cb, vnb), _mm512_permutex2var_epi32(band_lo, d, band_hi));
      }
      row = _mm512_add_epi32(row, _mm512_mullo_epi32(cb, vn));
    }
    const __mmask16 upper = _mm512_cmpge_epu32_mask(row, v32);
    __m512i nx = _mm512_setzero_si512();
    for (int j = 0; j + 1 < n; ++j) {
      __m512i thr = _mm512_permutex2var_epi32(col[j][0], row, col[j][1]);
      if (wide) thr = _mm512_mask_blend_epi32(upper, thr, _mm512_permutex2var_epi32(col[j][2], row, col[j][3]));
      nx = _mm512_mask_add_epi32(nx, _mm512_cmpge_epu32_mask(u, thr), nx, one);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(next + (i - begin)), _mm512_cvtepi32_epi8(nx));
  }
  for (; i < end; ++i) {
    const std::uint32_t u = triple32(key[i] + tg) >> 1;
    const auto mat = static_cast<std::uint32_t>(midx[segment[i] * nb + k.band_of_duration[dur[i]]]);
    const std::uint32_t* r =
        k.thresholds + (mat * static_cast<std::uint32_t>(n) + state[i]) * static_cast<std::uint32_t>(n);
    std::uint32_t c = 0;
    for (int j = 0; j + 1 < n; ++j) c += static_cast<std::uint32_t>(u >= r[j]);
    next[i - begin] = static_cast<std::uint8_t>(c);
  }
}
#pragma GCC diagnostic pop

// The general draw (the matrix depends on months in state) with AVX-512 gathers: band of the
// months in state, the matrix of (segment, band) in cycle t, then the n-1 thresholds of the row.
// 16 persons per step; the remainder through the portable formula. Bit-identical to draw_next.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) void draw_general_avx512(const KernelTables& k, const Persons& p,
                                                             int t, std::size_t begin, std::size_t end,
                                                             std::uint8_t* __restrict next) {
  const int n = k.n_states, nb = k.n_bands;
  const std::uint32_t tg = static_cast<std::uint32_t>(t) * 0x9e3779b9u;
  const std::int32_t* midx = k.matrix_index + static_cast<std::size_t>(t) * k.n_segments * nb;
  const __m512i vtg = _mm512_set1_epi32(static_cast<int>(tg));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(0xed5ad4bbu));
  const __m512i m2 = _mm512_set1_epi32(static_cast<int>(0xac4c1b51u));
  const __m512i m3 = _mm512_set1_epi32(static_cast<int>(0x31848babu));
  const __m512i vn = _mm512_set1_epi32(n), vnb = _mm512_set1_epi32(nb);
  const __m512i one = _mm512_set1_epi32(1);
  const std::uint32_t* key = p.key.data();
  const StateId* state = p.state.data();
  const std::uint8_t* segment = p.segment.data();
  const std::uint16_t* dur = p.duration.data();
  std::size_t i = begin;
  for (; i + 16 <= end; i += 16) {
    __m512i x = _mm512_add_epi32(_mm512_loadu_si512(key + i), vtg);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 17));
    x = _mm512_mullo_epi32(x, m1);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 11));
    x = _mm512_mullo_epi32(x, m2);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 15));
    x = _mm512_mullo_epi32(x, m3);
    x = _mm512_xor_si512(x, _mm512_srli_epi32(x, 14));
    const __m512i u = _mm512_srli_epi32(x, 1);
    const __m512i sv = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + i)));
    const __m512i sg = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(segment + i)));
    const __m512i d = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(dur + i)));
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
  for (; i < end; ++i) {
    const std::uint32_t u = triple32(key[i] + tg) >> 1;
    const auto mat = static_cast<std::uint32_t>(midx[segment[i] * nb + k.band_of_duration[dur[i]]]);
    const std::uint32_t* r =
        k.thresholds + (mat * static_cast<std::uint32_t>(n) + state[i]) * static_cast<std::uint32_t>(n);
    std::uint32_t c = 0;
    for (int j = 0; j + 1 < n; ++j) c += static_cast<std::uint32_t>(u >= r[j]);
    next[i - begin] = static_cast<std::uint8_t>(c);
  }
}
#pragma GCC diagnostic pop

// MKBA_KERNEL_PORTABLE=1 in the environment forces the portable loop (for comparisons).
bool have_avx512() {
  static const bool yes = __builtin_cpu_supports("avx512f") && std::getenv("MKBA_KERNEL_PORTABLE") == nullptr;
  return yes;
}
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
      uniform = &draw_table_avx512;
      if (k.n_states * k.n_segments <= 64) by_segment = &draw_table_avx512;
      general = k.n_states * k.n_segments * k.n_bands <= 64 && k.duration_cap < 32 ? &draw_table_avx512
                                                                                   : &draw_general_avx512;
    }
#endif
  }
  DrawFn at(const KernelTables& k, int t) const {
    const auto kind = k.cycle_kind[t];
    return kind == kUniform ? uniform : kind == kBySegment ? by_segment : general;
  }
};

// Step 2 of a cycle: count the move of every person and apply it (state, months in state).
// Counts go to kLanes interleaved histograms [lane][cell][from][to] (person i uses lane i % kLanes)
// so that successive persons making the same move do not wait on each other's increment; the
// lanes are summed into the int64 counts once per cycle (flush_lanes). Exact integer sums.
constexpr std::size_t kLanes = 4;

void apply_moves(const KernelTables& k, Persons& p, std::size_t begin, std::size_t end,
                 const std::uint8_t* __restrict next, std::uint32_t* __restrict lanes) {
  const auto n = static_cast<std::size_t>(k.n_states);
  const std::size_t nn = n * n, stride = static_cast<std::size_t>(k.n_cells_per_cycle) * nn;
  StateId* __restrict state = p.state.data();
  if (k.duration_cap > 0) {
    std::uint16_t* __restrict dur = p.duration.data();
    const int cap = k.duration_cap;
    for (std::size_t i = begin; i < end; ++i) {
      const int d = dur[i];
      dur[i] = next[i - begin] == state[i] ? static_cast<std::uint16_t>(std::min(d + 1, cap)) : 0;
    }
  }
  const std::uint32_t* __restrict cell = p.cell.data();
  std::size_t i = begin;
  if (k.n_cells_per_cycle == 1) {
    for (; i + kLanes <= end; i += kLanes)
      for (std::size_t l = 0; l < kLanes; ++l)
        ++lanes[l * stride + state[i + l] * n + next[i + l - begin]];
  } else {
    for (; i + kLanes <= end; i += kLanes)
      for (std::size_t l = 0; l < kLanes; ++l)
        ++lanes[l * stride + cell[i + l] * nn + state[i + l] * n + next[i + l - begin]];
  }
  for (; i < end; ++i) ++lanes[cell[i] * nn + state[i] * n + next[i - begin]];
  for (i = begin; i < end; ++i) state[i] = next[i - begin];
}

// Adds the lanes to one cycle's counts [cell][from][to] and clears them.
void flush_lanes(std::uint32_t* lanes, std::size_t stride, std::int64_t* cnt) {
  for (std::size_t l = 0; l < kLanes; ++l)
    for (std::size_t j = 0; j < stride; ++j) {
      cnt[j] += lanes[l * stride + j];
      lanes[l * stride + j] = 0;
    }
}

constexpr std::size_t kChunk = 2048;  // persons per draw/apply pass (next[] stays in L1)

// One block of persons through all cycles (no capacity limits: persons do not interact).
// `lanes` is scratch of kLanes x cells x n x n zeros (per worker, allocated before the loop).
void run_block(const KernelTables& k, Persons& p, std::size_t begin, std::size_t end, int n_cycles,
               std::int64_t* transitions, std::uint32_t* lanes, const RescreenTables& rescreening) {
  const auto stride = static_cast<std::size_t>(k.n_cells_per_cycle) * static_cast<std::size_t>(k.n_states) *
                      static_cast<std::size_t>(k.n_states);
  const Draws draws(k);
  std::uint8_t next[kChunk];
  for (int t = 0; t < n_cycles; ++t) {
    const std::size_t stop = std::min<std::size_t>(end, static_cast<std::size_t>(p.present_end[t]));
    if (stop <= begin) continue;
    std::int64_t* cnt = transitions + static_cast<std::size_t>(t) * stride;
    const DrawFn draw = draws.at(k, t);
    for (std::size_t b = begin; b < stop; b += kChunk) {
      const std::size_t e = std::min(stop, b + kChunk);
      draw(k, p, t, b, e, next);
      apply_moves(k, p, b, e, next, lanes);
    }
    flush_lanes(lanes, stride, cnt);
    if (rescreening.spec) rescreen(rescreening, p, t, begin, stop);
  }
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

  bool applies(int limit, int gemeente) const {
    const auto g = alt.capacities[static_cast<std::size_t>(limit)].gemeente;
    return g < 0 || g == gemeente;
  }
  // A move s -> d is checked against capacity when d != s and some limit on d covers the gemeente.
  bool checked(int s, int d, int gemeente) const {
    if (d == s) return false;
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente)) return true;
    return false;
  }
  bool try_admit(int d, int gemeente) {
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente) && free[static_cast<std::size_t>(l)] <= 0) return false;
    for (int l : limits_of_state[static_cast<std::size_t>(d)])
      if (applies(l, gemeente)) --free[static_cast<std::size_t>(l)];
    return true;
  }
};

void run_with_capacity(const CompiledModel& m, const Alternative& alt, const KernelTables& k,
                       Persons& p, Counts& counts, const RescreenTables& rescreening,
                       const std::atomic<bool>* cancel) {
  const std::size_t n_persons = p.state.size();
  const std::size_t stride = static_cast<std::size_t>(k.n_cells_per_cycle) * static_cast<std::size_t>(k.n_states) *
                             static_cast<std::size_t>(k.n_states);
  std::vector<std::uint32_t> lanes(kLanes * stride, 0);  // per cycle at most n_persons < 2^32 each
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
      const int s = p.state[i], d = next[i], g = p.gemeente[i];
      const bool check = cr.checked(s, d, g);
      if (is_limited[static_cast<std::size_t>(s)] && (d == s || check))
        for (int l : cr.limits_of_state[static_cast<std::size_t>(s)])
          if (cr.applies(l, g)) --cr.free[static_cast<std::size_t>(l)];
      // New requests: a checked move that is not the request the person is already waiting with.
      if (check && cr.waiting_for[i] != d) cr.requests.push_back(static_cast<std::uint32_t>(i));
    }
    // 3. The waiting list first, in its order (cycle joined, then person index).
    cr.kept.clear();
    for (std::uint32_t i : cr.list) {
      const int s = p.state[i], d = next[i], target = cr.waiting_for[i], g = p.gemeente[i];
      if (d != s && d != target) {  // drew a move elsewhere: leaves the list (handled in 4 if checked)
        cr.waiting_for[i] = kNotWaiting;
        continue;
      }
      if (cr.try_admit(target, g)) {
        next[i] = static_cast<std::uint8_t>(target);
        cr.waiting_for[i] = kNotWaiting;
      } else {
        next[i] = static_cast<std::uint8_t>(s);
        cr.kept.push_back(i);
      }
    }
    // 4. New requests by person index; those not admitted join the end of the list.
    for (std::uint32_t i : cr.requests) {
      const int s = p.state[i], d = next[i], g = p.gemeente[i];
      if (cr.try_admit(d, g)) continue;
      next[i] = static_cast<std::uint8_t>(s);
      cr.waiting_for[i] = static_cast<std::uint8_t>(d);
      cr.kept.push_back(i);
    }
    std::swap(cr.list, cr.kept);
    // 5. Count and apply the (possibly held back) moves.
    apply_moves(k, p, 0, stop, next.data(), lanes.data());
    flush_lanes(lanes.data(), stride, counts.transitions.data() + static_cast<std::size_t>(t) * stride);
    for (std::uint32_t i : cr.list)
      ++counts.waiting[static_cast<std::size_t>(t + 1) * m.n_states + cr.waiting_for[i]];
    if (rescreening.spec) rescreen(rescreening, p, t, 0, stop);
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
    if (g.entry_cycle < 1 || g.entry_cycle >= m.n_cycles) continue;  // entries are arrivals after the start
    const std::size_t cell = static_cast<std::size_t>(g.gemeente) * m.n_segments + g.segment;
    c.entries[(static_cast<std::size_t>(g.entry_cycle) * cells + cell) * n + g.state] += g.persons;
  }
}

}  // namespace

Counts simulate(const CompiledModel& m, int alternative, RunKey key, const MicrosimOptions& opt) {
  if (alternative < 0 || alternative >= static_cast<int>(m.alternatives.size()))
    throw std::invalid_argument("simulate: no such alternative");
  const Alternative& alt = m.alternatives[static_cast<std::size_t>(alternative)];
  for (const auto& c : alt.capacities)
    if (c.state >= m.n_states || c.gemeente >= m.n_gemeenten ||
        c.places.size() != static_cast<std::size_t>(m.n_cycles))
      throw std::invalid_argument("simulate: malformed capacity limit (alternative " + alt.name + ")");
  Persons persons = expand(m, key, opt.cancel);
  if (opt.cancel && opt.cancel->load()) return {};  // incomplete; the caller discards it
  const RescreenTables rescreen_tables = make_rescreen_tables(m);
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
  const KernelTables tables{thresholds.data(),   alt.transitions.matrix_index.data(),
                            m.band_of_duration.data(), band32.data(), cycle_kind.data(),
                            m.n_states,          m.n_segments,
                            m.n_bands,           m.n_gemeenten * m.n_segments,
                            m.duration_cap()};

  if (!alt.capacities.empty()) {
    // People interact through the waiting list: one pass over everybody per cycle, one thread.
    Counts counts;
    counts.resize(m.n_cycles, m.n_gemeenten, m.n_segments, m.n_states);
    run_with_capacity(m, alt, tables, persons, counts, rescreen_tables, opt.cancel);
    fill_occupancy_and_entries(m, persons, counts);
    return counts;
  }

  // Fixed blocks, independent of the thread count; integer sums make the reduction exact.
  constexpr std::size_t kBlock = 16384;
  const std::size_t n_persons = persons.state.size();
  const std::size_t n_blocks = (n_persons + kBlock - 1) / kBlock;
  const int n_threads = static_cast<int>(std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(1, opt.threads)), n_blocks)));
  std::vector<Counts> partial(static_cast<std::size_t>(n_threads));
  for (auto& c : partial) c.resize(m.n_cycles, m.n_gemeenten, m.n_segments, m.n_states);
  std::atomic<std::size_t> next_block{0};
  const std::size_t stride = static_cast<std::size_t>(tables.n_cells_per_cycle) * m.n_states * m.n_states;
  auto worker = [&](int w) {
    std::vector<std::uint32_t> lanes(kLanes * stride, 0);
    for (std::size_t b; (b = next_block.fetch_add(1)) < n_blocks;) {
      if (opt.cancel && opt.cancel->load(std::memory_order_relaxed)) break;
      run_block(tables, persons, b * kBlock, std::min(n_persons, (b + 1) * kBlock), m.n_cycles,
                partial[static_cast<std::size_t>(w)].transitions.data(), lanes.data(), rescreen_tables);
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
  fill_occupancy_and_entries(m, persons, counts);
  return counts;
}

}  // namespace mkba::engine
