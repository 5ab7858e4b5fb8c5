#pragma once
// Segments from ZRM scores: a distance-to-work score, an escalation-risk score, and the kwadrant
// from the two. Pure functions of one person's scores and a SegmentRule (plain numbers that a
// scenario can declare). The defaults follow the engine proposal in
// ../shared/reference/mkba-nl.md section 2.3; they are argued in docs/data-formats.md.
//
// Kwadranten (design.md section 2: kwadrant 4 = far from work, high risk):
//   1 = close to work, low risk      2 = close to work, high risk
//   3 = far from work, low risk      4 = far from work, high risk
//   0 = undetermined: too few work-relevant domains scored
#include <mkba/models/zrm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace mkba {

struct SegmentRule {
  // Distance to work = weighted mean over the scored domains with a weight of (5 - score): 0 when
  // every weighted domain is at 5 (volledig zelfredzaam), 4 when all are at 1 (acuut probleem).
  // Default: Werk & opleiding counts twice (it measures labour participation itself);
  // Tijdsbesteding, Geestelijke and Lichamelijke gezondheid and Middelengebruik once.
  std::array<double, kZrmDomains> distance_weights = [] {
    std::array<double, kZrmDomains> w{};
    w[index(ZrmDomain::werk_opleiding)] = 2;
    w[index(ZrmDomain::tijdsbesteding)] = 1;
    w[index(ZrmDomain::geestelijke_gezondheid)] = 1;
    w[index(ZrmDomain::lichamelijke_gezondheid)] = 1;
    w[index(ZrmDomain::middelengebruik)] = 1;
    return w;
  }();
  // Far from work when the distance is at least this: a weighted mean score of 3 (beperkt
  // zelfredzaam) or lower.
  double far_from_work_at = 2.0;
  // Fewer scored domains with a distance weight than this: distance undetermined (kwadrant 0).
  int min_distance_domains = 3;

  // Escalation risk = sum of risk_weights over the domains scored at or below risk_problem_at,
  // plus acute_points once when any domain (all 13) is at 1. High risk at or above high_risk_at.
  // Defaults reproduce "any domain at 1, or at least 2 of {Huisvesting, Geestelijke gezondheid,
  // Middelengebruik, Justitie} at 2 or lower" (the domains Lauriks et al. 2014 found heaviest).
  std::array<double, kZrmDomains> risk_weights = [] {
    std::array<double, kZrmDomains> w{};
    w[index(ZrmDomain::huisvesting)] = 1;
    w[index(ZrmDomain::geestelijke_gezondheid)] = 1;
    w[index(ZrmDomain::middelengebruik)] = 1;
    w[index(ZrmDomain::justitie)] = 1;
    return w;
  }();
  int risk_problem_at = 2;
  double acute_points = 2.0;
  double high_risk_at = 2.0;
};

struct Segment {
  double distance = 0;        // 0..4; meaningful only when distance_known
  int distance_domains = 0;   // scored domains that carry a distance weight
  double risk = 0;            // escalation-risk score (0 .. sum of weights + acute_points)
  bool distance_known = false;
  bool far_from_work = false;
  bool high_risk = false;
  int kwadrant = 0;           // 1..4, 0 = undetermined
};

// Blank (not scored) domains are left out of the distance mean and count as "no problem" in the
// risk score: the risk of a partly scored person is a lower bound.
double distance_to_work(const ZrmScores& scores, const SegmentRule& rule, int* scored_domains = nullptr);
double escalation_risk(const ZrmScores& scores, const SegmentRule& rule);
constexpr int kwadrant(bool far_from_work, bool high_risk) {
  return 1 + (far_from_work ? 2 : 0) + (high_risk ? 1 : 0);
}
Segment segment(const ZrmScores& scores, const SegmentRule& rule);
// The kwadrant of segment() for n persons at once: scores[d][i] is domain d of person i (domains
// as columns, the microsimulation's layout). The same doubles in the same order as segment(),
// written over persons so that the compiler vectorises it (the rescreening of the kernel).
void kwadranten(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const SegmentRule& rule,
                std::uint8_t* kwadrant);

// A rule prepared once for kwadranten() (the kernel's rescreening calls it for every run of persons
// screened together). When the weights are whole numbers with small sums (the default rule), the
// classification's doubles are decided in advance: far_from[den] is the least whole distance sum s
// with s / den >= far_from_work_at in segment()'s doubles (den the divisor: the weight of the
// scored domains, or 1 when none is), high_from[acute] the least whole risk sum with risk +
// acute_points (or + 0.0) >= high_risk_at; 255 where none is. Exact, because a correctly rounded
// quotient or sum never decreases as s grows: the same kwadrant, bit for bit, from byte sums.
struct KwadrantenPlan {
  SegmentRule rule;
  bool bytes = false;  // the tables below apply (whole weights, sums below 255, divisors below 64)
  // Per score 0-15 (0 = not scored) of the k-th weighted domain (in domain order): its distance
  // term w (5 - score) and weight w when scored, and its risk weight when a problem.
  std::array<std::array<std::uint8_t, 16>, kZrmDomains> term{}, weight{}, risk{};
  std::array<std::uint8_t, kZrmDomains> distance_domain{}, risk_domain{};
  int n_distance = 0, n_risk = 0;
  std::array<std::uint8_t, 64> far_from{};
  std::array<std::uint8_t, 2> high_from{};
  // What kwadranten() writes for kwadrant 0-4 (the caller's codes: the kernel's rescreening wants
  // segment numbers, kwadrant_segment), the kwadrant itself unless set.
  std::array<std::uint8_t, 5> code{0, 1, 2, 3, 4};
};
KwadrantenPlan plan_kwadranten(const SegmentRule& rule);
void kwadranten(const std::array<const std::uint8_t*, kZrmDomains>& scores, std::size_t n, const KwadrantenPlan& plan,
                std::uint8_t* kwadrant);

// Throws std::invalid_argument when weights are negative or all zero, or thresholds out of range.
void check_rule(const SegmentRule& rule);

}  // namespace mkba
