// Calibration of monthly transition probabilities from pathway episodes (calibrate.hpp).
#include <mkba/models/calibrate.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/segments.hpp>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace mkba {

namespace {

std::size_t sz(int i) { return static_cast<std::size_t>(i); }

std::string identifier_part(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
  }
  return out;
}

double z_of(double level) {
  boost::math::normal_distribution<double> n;
  return boost::math::quantile(n, 0.5 + level / 2);
}

// Wilson score interval of a binomial proportion n / m.
std::pair<double, double> wilson(double n, double m, double z) {
  if (m <= 0) return {0.0, 1.0};
  const double p = n / m, z2 = z * z;
  const double denom = 1 + z2 / m;
  const double centre = (p + z2 / (2 * m)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / denom;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// Months at risk of an episode and its observed move: trials t = 0..trials-1 (months in state at
// the start of each month), the last one ending in `exit_to` (or -1: all stays).
struct Trials {
  int trials = 0;
  int exit_to = -1;
};

Trials trials_of(const Episode& e) {
  const int span = e.end.months_since(e.begin);  // months after the first
  if (e.censored) return {span, -1};             // the extraction month's outcome is unknown
  if (e.next < 0) return {span, -1};             // left to an unknown state: censored at its last month
  return {span + 1, e.next};
}

void add_trials(RateRow& row, const Trials& tr, int lo, int hi) {
  // Trials t in [lo, hi) of [0, tr.trials).
  const int a = std::max(lo, 0), b = std::min(hi, tr.trials);
  if (b <= a) return;
  row.exposure += b - a;
  if (tr.exit_to >= 0 && tr.trials - 1 >= a && tr.trials - 1 < b) row.moves[sz(tr.exit_to)] += 1;
}

void finish(RateRow& r, int n_states, double z) {
  double out = 0;
  for (int j = 0; j < n_states; ++j)
    if (j != r.from) out += r.moves[sz(j)];
  r.moves[sz(r.from)] = r.exposure - out;
  r.mle.assign(sz(n_states), 0.0);
  r.lo.assign(sz(n_states), 0.0);
  r.hi.assign(sz(n_states), 0.0);
  for (int j = 0; j < n_states; ++j) {
    r.mle[sz(j)] = r.exposure > 0 ? r.moves[sz(j)] / r.exposure : (j == r.from ? 1.0 : 0.0);
    std::tie(r.lo[sz(j)], r.hi[sz(j)]) = wilson(r.moves[sz(j)], r.exposure, z);
  }
}

}  // namespace

double RateRow::alpha_sum() const {
  double s = 0;
  for (double a : alpha) s += a;
  return s;
}

double RateRow::posterior_mean(int to) const {
  const double s = alpha_sum();
  return s > 0 ? alpha[sz(to)] / s : (to == from ? 1.0 : 0.0);
}

double RateRow::posterior_sd(int to) const {
  const double s = alpha_sum();
  if (s <= 0) return 0;
  const double m = alpha[sz(to)] / s;
  return std::sqrt(m * (1 - m) / (s + 1));
}

const RateRow& Calibration::row(int segment, int band, int from) const {
  const int ns = static_cast<int>(states.size()), nb = static_cast<int>(band_starts.size());
  if (segment < 0) return pooled[sz(band * ns + from)];
  return rows[sz((segment * nb + band) * ns + from)];
}

std::string calibration_segment_label(const std::vector<std::string>& by, int kwadrant, const std::string& gemeente) {
  std::string label;
  for (const auto& key : by) {
    if (!label.empty()) label += '_';
    if (key == "kwadrant")  // the scenario's segment names: k1..k4, onbekend (kwadrant 0)
      label += kwadrant == 0 ? std::string("onbekend") : fmt::format("k{}", kwadrant);
    else
      label += identifier_part(gemeente);
  }
  return label.empty() ? std::string("alle") : label;
}

std::vector<int> person_segments(const EpisodeData& episodes, const ScreeningData& screening,
                                 const std::vector<std::string>& by, std::vector<std::string>& labels) {
  for (const auto& key : by)
    if (key != "kwadrant" && key != "gemeente")
      throw UsageError(fmt::format("--by: expected kwadrant and/or gemeente, found '{}'", key));
  std::unordered_map<std::string, std::size_t> record_of;
  for (std::size_t i = 0; i < screening.ids.size(); ++i) record_of.emplace(screening.ids[i], i);
  const SegmentRule rule;
  std::vector<std::string> label_of(episodes.ids.size());
  std::set<std::string> all;
  for (std::size_t p = 0; p < episodes.ids.size(); ++p) {
    auto it = record_of.find(episodes.ids[p]);
    if (it == record_of.end()) continue;
    const ScreeningRecord& r = screening.records[it->second];
    const std::string label = calibration_segment_label(by, segment(r.scores, rule).kwadrant,
                                                        screening.gemeenten[sz(r.gemeente)]);
    label_of[p] = label;
    all.insert(label);
  }
  labels.assign(all.begin(), all.end());
  if (labels.empty()) labels = {"alle"};
  std::vector<int> seg(episodes.ids.size(), -1);
  for (std::size_t p = 0; p < episodes.ids.size(); ++p) {
    if (label_of[p].empty()) continue;
    seg[p] = static_cast<int>(std::lower_bound(labels.begin(), labels.end(), label_of[p]) - labels.begin());
  }
  return seg;
}

Calibration calibrate_episodes(const EpisodeData& ep, const std::vector<int>& person_segment,
                               const std::vector<std::string>& segment_labels, const CalibrationOptions& opt,
                               const AggregateEvidence* extra) {
  if (opt.band_starts.empty() || opt.band_starts.front() != 0)
    throw UsageError("--duration-bands: expected the first band to start at 0 months in state");
  for (std::size_t b = 1; b < opt.band_starts.size(); ++b)
    if (opt.band_starts[b] <= opt.band_starts[b - 1])
      throw UsageError("--duration-bands: expected increasing band starts (months in state)");
  if (!(opt.prior_months >= 0)) throw UsageError("--prior-months: expected a number >= 0");
  if (!(opt.level > 0 && opt.level < 1)) throw UsageError("the confidence level must be between 0 and 1");

  if (extra && extra->states != ep.states)
    throw std::logic_error("calibrate_episodes: the aggregate evidence has other states than the episodes");
  if (extra && opt.band_starts.size() > 1)
    throw UsageError(fmt::format("--realisatie: {} has no months in state, so its moves cannot be split over duration "
                                 "bands; calibrate with one band (leave out --duration-bands) or leave out the realisatie",
                                 extra->file));
  Calibration c;
  c.states = ep.states;
  c.segments = segment_labels.empty() ? std::vector<std::string>{"alle"} : segment_labels;
  // The realisatie's segments join the episodes' (sorted labels, as person_segments makes them).
  std::vector<int> episode_segment = person_segment;
  if (extra) {
    std::set<std::string> all(extra->segments.begin(), extra->segments.end());
    if (!ep.episodes.empty()) all.insert(c.segments.begin(), c.segments.end());
    const std::vector<std::string> joined(all.begin(), all.end());
    for (int& g : episode_segment)
      if (g >= 0 && sz(g) < c.segments.size())
        g = static_cast<int>(std::lower_bound(joined.begin(), joined.end(), c.segments[sz(g)]) - joined.begin());
    c.segments = joined;
  }
  c.band_starts = opt.band_starts;
  c.options = opt;
  const int ns = static_cast<int>(c.states.size());
  const int nb = static_cast<int>(c.band_starts.size());
  const int ng = static_cast<int>(c.segments.size());
  auto blank = [&](int g, int b, int i) {
    RateRow r;
    r.segment = g;
    r.band = b;
    r.from = i;
    r.moves.assign(sz(ns), 0.0);
    return r;
  };
  for (int b = 0; b < nb; ++b)
    for (int i = 0; i < ns; ++i) c.pooled.push_back(blank(-1, b, i));
  for (int g = 0; g < ng; ++g)
    for (int b = 0; b < nb; ++b)
      for (int i = 0; i < ns; ++i) c.rows.push_back(blank(g, b, i));

  std::set<int> without;
  for (const Episode& e : ep.episodes) {
    const int g = sz(e.person) < episode_segment.size() ? episode_segment[sz(e.person)] : -1;
    if (g < 0) {
      without.insert(e.person);
      continue;
    }
    ++c.episodes_used;
    if (!e.censored && e.next < 0) ++c.unknown_next;
    const Trials tr = trials_of(e);
    for (int b = 0; b < nb; ++b) {
      const int lo = c.band_starts[sz(b)];
      const int hi = b + 1 < nb ? c.band_starts[sz(b + 1)] : 1 << 30;
      add_trials(c.rows[sz((g * nb + b) * ns + e.state)], tr, lo, hi);
      add_trials(c.pooled[sz(b * ns + e.state)], tr, lo, hi);
    }
  }
  c.persons_without_screening = static_cast<std::int64_t>(without.size());
  c.segment_persons.assign(sz(ng), 0);
  for (std::size_t p = 0; p < ep.ids.size() && p < episode_segment.size(); ++p)
    if (episode_segment[p] >= 0 && episode_segment[p] < ng) ++c.segment_persons[sz(episode_segment[p])];
  if (extra) {
    // Aggregate counts: months at risk and moves of the realisatie's months, in band 0 (the only one).
    for (std::size_t k = 0; k < extra->segments.size(); ++k) {
      const int g = static_cast<int>(std::lower_bound(c.segments.begin(), c.segments.end(), extra->segments[k]) -
                                     c.segments.begin());
      for (int i = 0; i < ns; ++i) {
        RateRow& row = c.rows[sz(g * nb * ns + i)];
        RateRow& pool = c.pooled[sz(i)];
        row.exposure += extra->exposure[k][sz(i)];
        pool.exposure += extra->exposure[k][sz(i)];
        for (int j = 0; j < ns; ++j) {
          if (j == i) continue;
          row.moves[sz(j)] += extra->moves[k][sz(i)][sz(j)];
          pool.moves[sz(j)] += extra->moves[k][sz(i)][sz(j)];
        }
      }
      // The persons behind a segment: the episodes' or the realisatie's (its largest caseload in one
      // month, a lower bound), whichever is larger; they may be the same persons.
      c.segment_persons[sz(g)] = std::max(c.segment_persons[sz(g)], extra->persons[k]);
    }
    c.aggregate_file = extra->file;
    c.aggregate_months = extra->months;
  }

  const double z = z_of(opt.level);
  for (auto& r : c.pooled) {
    finish(r, ns, z);
    r.alpha = r.moves;  // the pooled row's posterior under a flat (Haldane) prior: the counts
    r.expected = r.moves;
    r.own_weight = 1;
    r.little_data = r.exposure < opt.min_exposure || r.exposure - r.moves[sz(r.from)] < opt.min_moves;
  }
  for (auto& r : c.rows) {
    finish(r, ns, z);
    const RateRow& pool = c.pooled[sz(r.band * ns + r.from)];
    r.alpha.assign(sz(ns), 0.0);
    r.expected.assign(sz(ns), 0.0);
    for (int j = 0; j < ns; ++j) {
      r.alpha[sz(j)] = opt.prior_months * pool.mle[sz(j)] + r.moves[sz(j)];
      r.expected[sz(j)] = r.exposure * pool.mle[sz(j)];
    }
    r.own_weight = r.exposure + opt.prior_months > 0 ? r.exposure / (r.exposure + opt.prior_months) : 0;
    r.little_data = r.exposure < opt.min_exposure || r.exposure - r.moves[sz(r.from)] < opt.min_moves;
  }
  return c;
}

Eigen::MatrixXd naive_monthly_estimate(const EpisodeData& ep) {
  const auto ns = static_cast<Eigen::Index>(ep.states.size());
  Eigen::MatrixXd n = Eigen::MatrixXd::Zero(ns, ns);
  Eigen::VectorXd m = Eigen::VectorXd::Zero(ns);
  for (const Episode& e : ep.episodes) {
    if (e.censored || e.next < 0) continue;  // ignores censoring: only completed spells
    const int months = e.end.months_since(e.begin) + 1;
    m(e.state) += months;
    n(e.state, e.next) += 1;
  }
  Eigen::MatrixXd p = Eigen::MatrixXd::Identity(ns, ns);
  for (Eigen::Index i = 0; i < ns; ++i) {
    if (m(i) <= 0) continue;
    for (Eigen::Index j = 0; j < ns; ++j)
      if (j != i) p(i, j) = n(i, j) / m(i);
    p(i, i) = 1 - (p.row(i).sum() - 1);
  }
  return p;
}

std::string rate_parameter_id(const Calibration& c, int segment, int band, int from, int to) {
  std::string id = "p_";
  if (segment >= 0 && c.segments.size() > 1) id += c.segments[sz(segment)] + "_";
  if (c.band_starts.size() > 1) id += fmt::format("d{}_", c.band_starts[sz(band)]);
  return id + c.states[sz(from)] + "_" + c.states[sz(to)];
}

}  // namespace mkba
