#include <mkba/models/segments.hpp>

#include <stdexcept>

namespace mkba {

// Both sums are written without branches on the scores (a masked term adds exactly 0.0), so that
// the rescreening of the microsimulation, which calls segment() for every person at every
// screening, does not stall on mispredicted branches; the results are those of the plain loops.
double distance_to_work(const ZrmScores& scores, const SegmentRule& rule, int* scored_domains) {
  double sum = 0, weight = 0;
  int n = 0;
  for (std::size_t d = 0; d < scores.size(); ++d) {
    const double w = rule.distance_weights[d];
    const bool use = w > 0 && scores[d] != kNotScored;
    sum += use ? w * (5 - scores[d]) : 0.0;
    weight += use ? w : 0.0;
    n += use ? 1 : 0;
  }
  if (scored_domains) *scored_domains = n;
  return weight > 0 ? sum / weight : 0.0;
}

double escalation_risk(const ZrmScores& scores, const SegmentRule& rule) {
  double risk = 0;
  bool acute = false;
  for (std::size_t d = 0; d < scores.size(); ++d) {
    const bool scored = scores[d] != kNotScored;
    acute = acute || (scored && scores[d] == 1);
    risk += scored && scores[d] <= rule.risk_problem_at ? rule.risk_weights[d] : 0.0;
  }
  return acute ? risk + rule.acute_points : risk;
}

Segment segment(const ZrmScores& scores, const SegmentRule& rule) {
  Segment s;
  s.distance = distance_to_work(scores, rule, &s.distance_domains);
  s.risk = escalation_risk(scores, rule);
  s.distance_known = s.distance_domains >= rule.min_distance_domains && s.distance_domains > 0;
  s.far_from_work = s.distance_known && s.distance >= rule.far_from_work_at;
  s.high_risk = s.risk >= rule.high_risk_at;
  s.kwadrant = s.distance_known ? kwadrant(s.far_from_work, s.high_risk) : 0;
  return s;
}

void check_rule(const SegmentRule& rule) {
  double dw = 0;
  for (double w : rule.distance_weights) {
    if (w < 0) throw std::invalid_argument("segment rule: distance weights must not be negative");
    dw += w;
  }
  if (dw <= 0) throw std::invalid_argument("segment rule: at least one distance weight must be positive");
  for (double w : rule.risk_weights)
    if (w < 0) throw std::invalid_argument("segment rule: risk weights must not be negative");
  if (rule.far_from_work_at < 0 || rule.far_from_work_at > 4)
    throw std::invalid_argument("segment rule: far_from_work_at must be in [0, 4]");
  if (rule.risk_problem_at < 1 || rule.risk_problem_at > 5)
    throw std::invalid_argument("segment rule: risk_problem_at must be a score 1-5");
  if (rule.acute_points < 0 || rule.high_risk_at <= 0)
    throw std::invalid_argument("segment rule: acute_points must be >= 0 and high_risk_at > 0");
}

}  // namespace mkba
