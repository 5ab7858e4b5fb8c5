#include <mkba/models/segments.hpp>

#include <mkba/engine/vector_paths.hpp>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mkba {

// The per-domain terms and the final classification, shared by segment() (one person) and
// kwadranten() (many at once), so that both compute the same doubles and the same kwadrant. Both
// sums are written without branches on the scores (a term that does not count adds exactly 0.0),
// so that the microsimulation's rescreening neither stalls on mispredicted branches nor, in
// kwadranten(), keeps the compiler from vectorising over persons. Conditions are 0/1 integers:
// GCC 12 vectorises x * double(flag) but not the same product of a bool.
namespace {
using Flag = std::int32_t;
inline Flag flag(bool condition) { return static_cast<Flag>(condition); }
// x when the flag is 1, else 0.0 (every x here is >= 0, so adding 0.0 leaves a sum exactly as it was).
inline double only_if(Flag f, double x) { return x * static_cast<double>(f); }
// Scores as std::uint8_t (one person) or std::int32_t (many at once: 32-bit lanes next to the
// doubles); the same small integers either way.
template <class Score>
inline Flag counts_for_distance(Flag weighted, Score score) { return weighted & flag(score != kNotScored); }
template <class Score>
inline double distance_term(double w, Score score) { return w * (5 - static_cast<int>(score)); }
template <class Score>
inline Flag is_problem(Score score, int problem_at) { return flag(score != kNotScored) & flag(static_cast<int>(score) <= problem_at); }
template <class Score>
inline Flag is_acute(Score score) { return flag(score != kNotScored) & flag(score == 1); }
// The weighted mean; weight > 0 exactly when a domain counted (only positive weights count), so the
// test is on the count: an integer condition (no branch, vectorisable).
// With nothing counted, sum and weight are 0.0 and the divisor becomes 1.0: the distance is 0.0.
inline double distance_of(double sum, double weight, int counted) { return sum / (weight + only_if(flag(counted == 0), 1.0)); }
inline double risk_of(double risk, Flag acute, const SegmentRule& rule) { return risk + only_if(acute, rule.acute_points); }
inline Flag distance_known(int scored, const SegmentRule& rule) { return flag(scored >= rule.min_distance_domains) & flag(scored > 0); }
}  // namespace

double distance_to_work(const ZrmScores& scores, const SegmentRule& rule, int* scored_domains) {
  double sum = 0, weight = 0;
  int n = 0;
  for (std::size_t d = 0; d < scores.size(); ++d) {
    const double w = rule.distance_weights[d];
    const Flag use = counts_for_distance(flag(w > 0), scores[d]);
    sum += only_if(use, distance_term(w, scores[d]));
    weight += only_if(use, w);
    n += use;
  }
  if (scored_domains) *scored_domains = n;
  return distance_of(sum, weight, n);
}

double escalation_risk(const ZrmScores& scores, const SegmentRule& rule) {
  double risk = 0;
  Flag acute = 0;
  for (std::size_t d = 0; d < scores.size(); ++d) {
    acute |= is_acute(scores[d]);
    risk += only_if(is_problem(scores[d], rule.risk_problem_at), rule.risk_weights[d]);
  }
  return risk_of(risk, acute, rule);
}

Segment segment(const ZrmScores& scores, const SegmentRule& rule) {
  Segment s;
  s.distance = distance_to_work(scores, rule, &s.distance_domains);
  s.risk = escalation_risk(scores, rule);
  s.distance_known = distance_known(s.distance_domains, rule) != 0;
  s.far_from_work = s.distance_known && s.distance >= rule.far_from_work_at;
  s.high_risk = s.risk >= rule.high_risk_at;
  s.kwadrant = s.distance_known ? kwadrant(s.far_from_work, s.high_risk) : 0;
  return s;
}

namespace {
// The domains with a distance weight and those with a risk weight, in domain order: the only ones
// whose terms are not exactly +0.0.
struct WeightedDomains {
  std::array<std::size_t, kZrmDomains> distance{}, risk{};
  std::size_t n_distance = 0, n_risk = 0;
  explicit WeightedDomains(const SegmentRule& rule) {
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d) {
      if (rule.distance_weights[d] > 0) distance[n_distance++] = d;
      if (rule.risk_weights[d] > 0) risk[n_risk++] = d;
    }
  }
};

constexpr double kMostIntegralWeight = 1000;  // 13 domains x 5 x 1000 stays far below 2^31

bool integral_weights(const SegmentRule& rule) {
  for (const auto* w : {&rule.distance_weights, &rule.risk_weights})
    for (double x : *w)
      if (!(x >= 0 && x <= kMostIntegralWeight && x == std::floor(x))) return false;
  return true;
}

// kwadranten() for a rule whose weights are whole numbers (the default rule: 2 and 1): then every
// term and every partial sum of segment()'s doubles is a whole number below 2^53, so it is exact,
// and 32-bit integer sums hold the same numbers (twice the lanes of doubles). The classification
// converts them to double and runs segment()'s expressions: the same kwadrant, bit for bit.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void kwadranten_integral(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const SegmentRule& rule,
                         std::uint8_t* out) {
  const WeightedDomains weighted(rule);
  const auto& for_distance = weighted.distance;
  const auto& for_risk = weighted.risk;
  const std::size_t n_distance = weighted.n_distance, n_risk = weighted.n_risk;
  const int problem_at = rule.risk_problem_at;
  // The column pointers as locals: a byte store could otherwise change them (char aliasing), and
  // the compiler then reloads them and does not vectorise.
  std::array<const std::uint8_t*, kZrmDomains> column = scores;
  constexpr std::size_t kBlock = 64;
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t len = std::min(kBlock, n - b);
    // Whole blocks are cleared: vector stores (a clear of `len` became a memset call per array).
    std::int32_t sum[kBlock] = {}, weight[kBlock] = {}, risk[kBlock] = {}, scored[kBlock] = {}, acute[kBlock] = {};
    std::int32_t sc[kBlock];
    // Over persons, the 13 domains unrolled inside (a loop per domain was unrolled and jammed by
    // GCC 12 into scalar code).
    for (std::size_t i = 0; i < len; ++i) {
      Flag any = 0;
#pragma GCC unroll 13
      for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d)
        any |= is_acute(static_cast<std::int32_t>(column[d][b + i]));
      acute[i] = any;
    }
    for (std::size_t k = 0; k < n_distance; ++k) {
      const std::size_t d = for_distance[k];
      for (std::size_t i = 0; i < len; ++i) sc[i] = column[d][b + i];
      const auto w = static_cast<std::int32_t>(rule.distance_weights[d]);
      for (std::size_t i = 0; i < len; ++i) {
        const Flag use = counts_for_distance(Flag{1}, sc[i]);
        sum[i] += use * w * (5 - sc[i]);
        weight[i] += use * w;
        scored[i] += use;
      }
    }
    for (std::size_t k = 0; k < n_risk; ++k) {
      const std::size_t d = for_risk[k];
      for (std::size_t i = 0; i < len; ++i) sc[i] = column[d][b + i];
      const auto rw = static_cast<std::int32_t>(rule.risk_weights[d]);
      for (std::size_t i = 0; i < len; ++i) risk[i] += is_problem(sc[i], problem_at) * rw;
    }
    for (std::size_t i = 0; i < len; ++i) {  // segment()'s classification, on the same doubles
      const Flag known = distance_known(scored[i], rule);
      const Flag far = known & flag(distance_of(static_cast<double>(sum[i]), static_cast<double>(weight[i]), scored[i]) >=
                                    rule.far_from_work_at);
      const Flag high = flag(risk_of(static_cast<double>(risk[i]), acute[i], rule) >= rule.high_risk_at);
      out[b + i] = static_cast<std::uint8_t>(known * (1 + 2 * far + high));
    }
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// kwadranten_integral with AVX-512 intrinsics, 16 persons a step with every sum in a register
// (GCC's vectorisation of the loops above keeps the sums on the stack and broadcasts the
// weights: the rule was 4-5 % of a run with rescreening). The same integer sums, then
// segment()'s classification on the same doubles, lane by lane: the divisor and the acute
// points as segment() forms them (weight + 1.0 or + 0.0; acute_points x 1.0 or x 0.0), so the
// kwadrant is the same bit for bit. The persons after the last whole 16 go to kwadranten_integral.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // GCC 12, falsely, in avx512fintrin.h
#pragma GCC diagnostic ignored "-Wuninitialized"       // (the same, for _mm512_broadcast_i32x4)
#define MKBA_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl"), always_inline)) inline
MKBA_AVX512 __m512i scores16(const std::uint8_t* column) {
  return _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(column)));
}
// far (distance >= far_from_work_at) and high (risk >= high_risk_at) of 8 persons, in doubles.
MKBA_AVX512 void classify8(__m256i sum, __m256i weight, __m256i scored, __m256i risk, __mmask8 acute,
                           const SegmentRule& rule, __mmask8& far, __mmask8& high) {
  const __mmask8 none = _mm256_cmpeq_epi32_mask(scored, _mm256_setzero_si256());
  const __m512d add = _mm512_mask_blend_pd(none, _mm512_set1_pd(only_if(0, 1.0)), _mm512_set1_pd(only_if(1, 1.0)));
  const __m512d distance = _mm512_div_pd(_mm512_cvtepi32_pd(sum), _mm512_add_pd(_mm512_cvtepi32_pd(weight), add));
  far = _mm512_cmp_pd_mask(distance, _mm512_set1_pd(rule.far_from_work_at), _CMP_GE_OQ);
  const __m512d points =
      _mm512_mask_blend_pd(acute, _mm512_set1_pd(only_if(0, rule.acute_points)), _mm512_set1_pd(only_if(1, rule.acute_points)));
  high = _mm512_cmp_pd_mask(_mm512_add_pd(_mm512_cvtepi32_pd(risk), points), _mm512_set1_pd(rule.high_risk_at), _CMP_GE_OQ);
}
#undef MKBA_AVX512

__attribute__((target("avx512f,avx512bw,avx512vl"))) void kwadranten_integral_avx512(
    const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const SegmentRule& rule, std::uint8_t* out) {
  const WeightedDomains weighted(rule);
  std::array<int, kZrmDomains> distance_w{}, risk_w{};
  for (std::size_t k = 0; k < weighted.n_distance; ++k) distance_w[k] = static_cast<int>(rule.distance_weights[weighted.distance[k]]);
  for (std::size_t k = 0; k < weighted.n_risk; ++k) risk_w[k] = static_cast<int>(rule.risk_weights[weighted.risk[k]]);
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1), two = _mm512_set1_epi32(2);
  const __m512i five = _mm512_set1_epi32(5), problem_at = _mm512_set1_epi32(rule.risk_problem_at);
  const __m512i min_domains = _mm512_set1_epi32(rule.min_distance_domains);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __mmask16 acute = 0;
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d)
      acute = static_cast<__mmask16>(acute | _mm512_cmpeq_epi32_mask(scores16(scores[d] + i), one));
    __m512i sum = zero, weight = zero, scored = zero, risk = zero;
    for (std::size_t k = 0; k < weighted.n_distance; ++k) {
      const __m512i v = scores16(scores[weighted.distance[k]] + i), w = _mm512_set1_epi32(distance_w[k]);
      const __mmask16 use = _mm512_cmpneq_epi32_mask(v, zero);
      sum = _mm512_mask_add_epi32(sum, use, sum, _mm512_mullo_epi32(w, _mm512_sub_epi32(five, v)));
      weight = _mm512_mask_add_epi32(weight, use, weight, w);
      scored = _mm512_mask_add_epi32(scored, use, scored, one);
    }
    for (std::size_t k = 0; k < weighted.n_risk; ++k) {
      const __m512i v = scores16(scores[weighted.risk[k]] + i);
      const __mmask16 problem = _mm512_cmpneq_epi32_mask(v, zero) & _mm512_cmple_epi32_mask(v, problem_at);
      risk = _mm512_mask_add_epi32(risk, problem, risk, _mm512_set1_epi32(risk_w[k]));
    }
    const __mmask16 known = _mm512_cmpge_epi32_mask(scored, min_domains) & _mm512_cmpgt_epi32_mask(scored, zero);
    __mmask8 far_lo = 0, far_hi = 0, high_lo = 0, high_hi = 0;
    classify8(_mm512_castsi512_si256(sum), _mm512_castsi512_si256(weight), _mm512_castsi512_si256(scored),
              _mm512_castsi512_si256(risk), static_cast<__mmask8>(acute), rule, far_lo, high_lo);
    classify8(_mm512_extracti64x4_epi64(sum, 1), _mm512_extracti64x4_epi64(weight, 1), _mm512_extracti64x4_epi64(scored, 1),
              _mm512_extracti64x4_epi64(risk, 1), static_cast<__mmask8>(acute >> 8), rule, far_hi, high_hi);
    const auto far = static_cast<__mmask16>(far_lo | far_hi << 8), high = static_cast<__mmask16>(high_lo | high_hi << 8);
    __m512i kw = _mm512_mask_add_epi32(one, far, one, two);  // kwadrant(far, high) = 1 + 2 far + high
    kw = _mm512_mask_add_epi32(kw, high, kw, one);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm512_cvtepi32_epi8(_mm512_maskz_mov_epi32(known, kw)));
  }
  if (i < n) {
    std::array<const std::uint8_t*, kZrmDomains> rest{};
    for (std::size_t d = 0; d < rest.size(); ++d) rest[d] = scores[d] + i;
    kwadranten_integral(rest, n - i, rule, out + i);
  }
}
// A 16-byte table in every 128-bit lane (for _mm512_shuffle_epi8).
__attribute__((target("avx512f"), always_inline)) inline __m512i in_every_lane(const std::array<std::uint8_t, 16>& t) {
  return _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}
// kwadranten() by a plan's byte tables (KwadrantenPlan::bytes), 64 persons a step: each weighted
// domain's terms by a byte shuffle of its score, the sums in bytes, and the classification by
// compares with the least sums that decide it; the last step masked.
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) void kwadranten_bytes_avx512(
    const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const KwadrantenPlan& plan, std::uint8_t* out) {
  __m512i term[kZrmDomains], weight[kZrmDomains], risk[kZrmDomains];
  for (int k = 0; k < plan.n_distance; ++k) {
    term[k] = in_every_lane(plan.term[static_cast<std::size_t>(k)]);
    weight[k] = in_every_lane(plan.weight[static_cast<std::size_t>(k)]);
  }
  for (int k = 0; k < plan.n_risk; ++k) risk[k] = in_every_lane(plan.risk[static_cast<std::size_t>(k)]);
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi8(1), two = _mm512_set1_epi8(2);
  const __m512i far_from = _mm512_loadu_si512(plan.far_from.data());
  const __m512i high_from = _mm512_set1_epi8(static_cast<char>(plan.high_from[0]));
  const __m512i high_from_acute = _mm512_set1_epi8(static_cast<char>(plan.high_from[1]));
  const __m512i min_domains = _mm512_set1_epi8(static_cast<char>(std::clamp(plan.rule.min_distance_domains, 0, 255)));
  std::array<std::uint8_t, 16> codes{};
  std::copy(plan.code.begin(), plan.code.end(), codes.begin());
  const __m512i code = in_every_lane(codes);
  for (std::size_t i = 0; i < n; i += 64) {
    const __mmask64 m = n - i >= 64 ? ~__mmask64{0} : (__mmask64{1} << (n - i)) - 1;
    __mmask64 acute = 0;
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d)
      acute |= _mm512_cmpeq_epi8_mask(_mm512_maskz_loadu_epi8(m, scores[d] + i), one);
    __m512i sum = zero, wsum = zero, scored = zero, rsum = zero;
    for (int k = 0; k < plan.n_distance; ++k) {
      const __m512i v = _mm512_maskz_loadu_epi8(m, scores[plan.distance_domain[static_cast<std::size_t>(k)]] + i);
      sum = _mm512_add_epi8(sum, _mm512_shuffle_epi8(term[k], v));
      wsum = _mm512_add_epi8(wsum, _mm512_shuffle_epi8(weight[k], v));
      scored = _mm512_mask_add_epi8(scored, _mm512_cmpneq_epu8_mask(v, zero), scored, one);
    }
    for (int k = 0; k < plan.n_risk; ++k)
      rsum = _mm512_add_epi8(rsum, _mm512_shuffle_epi8(risk[k], _mm512_maskz_loadu_epi8(m, scores[plan.risk_domain[static_cast<std::size_t>(k)]] + i)));
    const __mmask64 none = _mm512_cmpeq_epi8_mask(scored, zero);
    const __m512i den = _mm512_mask_add_epi8(wsum, none, wsum, one);  // segment()'s divisor
    const __mmask64 far = _mm512_cmpge_epu8_mask(sum, _mm512_permutexvar_epi8(den, far_from));
    const __mmask64 high = _mm512_cmpge_epu8_mask(rsum, _mm512_mask_blend_epi8(acute, high_from, high_from_acute));
    const __mmask64 known = _mm512_cmpge_epu8_mask(scored, min_domains) & ~none;
    __m512i kw = _mm512_mask_add_epi8(one, far, one, two);  // kwadrant(far, high) = 1 + 2 far + high
    kw = _mm512_mask_add_epi8(kw, high, kw, one);
    _mm512_mask_storeu_epi8(out + i, m, _mm512_shuffle_epi8(code, _mm512_maskz_mov_epi8(known, kw)));
  }
}

bool have_vbmi() {
  static const bool yes = __builtin_cpu_supports("avx512vbmi");
  return yes;
}
#pragma GCC diagnostic pop
#endif
}  // namespace

KwadrantenPlan plan_kwadranten(const SegmentRule& rule) {
  KwadrantenPlan p;
  p.rule = rule;
  if (!integral_weights(rule)) return p;
  const WeightedDomains weighted(rule);
  int distance_total = 0, risk_total = 0;
  for (std::size_t k = 0; k < weighted.n_distance; ++k) distance_total += static_cast<int>(rule.distance_weights[weighted.distance[k]]);
  for (std::size_t k = 0; k < weighted.n_risk; ++k) risk_total += static_cast<int>(rule.risk_weights[weighted.risk[k]]);
  const int most_sum = 4 * distance_total;  // a counted score is 1-5: a term is at most 4 w
  if (most_sum > 254 || distance_total + 1 > 63 || risk_total > 254) return p;
  p.n_distance = static_cast<int>(weighted.n_distance);
  p.n_risk = static_cast<int>(weighted.n_risk);
  for (std::size_t k = 0; k < weighted.n_distance; ++k) {
    const std::size_t d = weighted.distance[k];
    const auto w = static_cast<int>(rule.distance_weights[d]);
    p.distance_domain[k] = static_cast<std::uint8_t>(d);
    for (int score = 1; score <= 5; ++score) {  // scores are 0-5 (0: not scored, which counts for nothing)
      p.term[k][static_cast<std::size_t>(score)] = static_cast<std::uint8_t>(w * (5 - score));
      p.weight[k][static_cast<std::size_t>(score)] = static_cast<std::uint8_t>(w);
    }
  }
  for (std::size_t k = 0; k < weighted.n_risk; ++k) {
    const std::size_t d = weighted.risk[k];
    p.risk_domain[k] = static_cast<std::uint8_t>(d);
    for (int score = 1; score <= 5; ++score)
      p.risk[k][static_cast<std::size_t>(score)] =
          static_cast<std::uint8_t>(is_problem(score, rule.risk_problem_at) * static_cast<int>(rule.risk_weights[d]));
  }
  // The least sums that decide, in segment()'s expressions (distance_of, risk_of) on whole numbers.
  p.far_from.fill(255);
  for (int den = 1; den < 64; ++den)
    for (int sum = 0; sum <= most_sum; ++sum)
      if (distance_of(sum, den, 1) >= rule.far_from_work_at) {
        p.far_from[static_cast<std::size_t>(den)] = static_cast<std::uint8_t>(sum);
        break;
      }
  for (Flag acute = 0; acute <= 1; ++acute) {
    p.high_from[static_cast<std::size_t>(acute)] = 255;
    for (int r = 0; r <= risk_total; ++r)
      if (risk_of(r, acute, rule) >= rule.high_risk_at) {
        p.high_from[static_cast<std::size_t>(acute)] = static_cast<std::uint8_t>(r);
        break;
      }
  }
  p.bytes = true;
  return p;
}

void kwadranten(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const KwadrantenPlan& plan,
                std::uint8_t* out) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (plan.bytes && engine::avx512_paths() && have_vbmi()) {
    kwadranten_bytes_avx512(scores, n, plan, out);
    return;
  }
#endif
  kwadranten(scores, n, plan.rule, out);
  for (std::size_t i = 0; i < n; ++i) out[i] = plan.code[out[i]];
}

// Compiled for AVX-512, AVX2 and baseline x86-64 (picked at run time). Every clone gives the same
// doubles: the products with a 0/1 flag are exact, so even a fused multiply-add rounds the same.
// A domain without a distance weight adds exactly +0.0 to the distance sums (every term is >= 0)
// and nothing to the count, and one without a risk weight adds +0.0 to the risk, so the sums visit
// only the weighted domains, in segment()'s order, and keep its bits (the default rule weighs 5
// domains for the distance and 4 for the risk). Every domain still counts for an acute problem.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void kwadranten(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const SegmentRule& rule,
                std::uint8_t* out) {
  if (integral_weights(rule)) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
    if (engine::avx512_paths()) {
      kwadranten_integral_avx512(scores, n, rule, out);
      return;
    }
#endif
    kwadranten_integral(scores, n, rule, out);
    return;
  }
  const WeightedDomains weighted(rule);
  const auto& for_distance = weighted.distance;
  const auto& for_risk = weighted.risk;
  const std::size_t n_distance = weighted.n_distance, n_risk = weighted.n_risk;
  const int problem_at = rule.risk_problem_at;
  constexpr std::size_t kBlock = 64;  // persons at a time: the sums stay in L1
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t len = std::min(kBlock, n - b);
    double sum[kBlock], weight[kBlock], risk[kBlock];
    std::int32_t sc[kBlock], scored[kBlock], acute[kBlock];
    for (std::size_t i = 0; i < len; ++i) {
      sum[i] = weight[i] = risk[i] = 0.0;
      scored[i] = acute[i] = 0;
    }
    for (std::size_t d = 0; d < static_cast<std::size_t>(kZrmDomains); ++d) {
      for (std::size_t i = 0; i < len; ++i) sc[i] = scores[d][b + i];
      for (std::size_t i = 0; i < len; ++i) acute[i] |= is_acute(sc[i]);
    }
    for (std::size_t k = 0; k < n_distance; ++k) {
      const std::size_t d = for_distance[k];
      for (std::size_t i = 0; i < len; ++i) sc[i] = scores[d][b + i];
      const double w = rule.distance_weights[d];
      for (std::size_t i = 0; i < len; ++i) {
        const Flag use = counts_for_distance(Flag{1}, sc[i]);
        sum[i] += only_if(use, distance_term(w, sc[i]));
        weight[i] += only_if(use, w);
        scored[i] += use;
      }
    }
    for (std::size_t k = 0; k < n_risk; ++k) {
      const std::size_t d = for_risk[k];
      for (std::size_t i = 0; i < len; ++i) sc[i] = scores[d][b + i];
      const double rw = rule.risk_weights[d];
      for (std::size_t i = 0; i < len; ++i) risk[i] += only_if(is_problem(sc[i], problem_at), rw);
    }
    for (std::size_t i = 0; i < len; ++i) {  // segment()'s classification, without branches
      const Flag known = distance_known(scored[i], rule);
      const Flag far = known & flag(distance_of(sum[i], weight[i], scored[i]) >= rule.far_from_work_at);
      const Flag high = flag(risk_of(risk[i], acute[i], rule) >= rule.high_risk_at);
      out[b + i] = static_cast<std::uint8_t>(known * (1 + 2 * far + high));  // kwadrant(far, high) or 0
    }
  }
}

void check_rule(const SegmentRule& rule) {
  double dw = 0;
  // Finite numbers only: the branch-free sums multiply every weight by a 0/1 flag.
  for (double w : rule.distance_weights) {
    if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument("segment rule: distance weights must be finite and not negative");
    dw += w;
  }
  if (dw <= 0) throw std::invalid_argument("segment rule: at least one distance weight must be positive");
  for (double w : rule.risk_weights)
    if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument("segment rule: risk weights must be finite and not negative");
  if (rule.far_from_work_at < 0 || rule.far_from_work_at > 4)
    throw std::invalid_argument("segment rule: far_from_work_at must be in [0, 4]");
  if (rule.risk_problem_at < 1 || rule.risk_problem_at > 5)
    throw std::invalid_argument("segment rule: risk_problem_at must be a score 1-5");
  if (!(rule.acute_points >= 0) || !std::isfinite(rule.acute_points) || rule.high_risk_at <= 0)
    throw std::invalid_argument("segment rule: acute_points must be >= 0 and high_risk_at > 0");
}

}  // namespace mkba
