#include <mkba/models/compile.hpp>
#include <mkba/models/effect_scope.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/loonwaarde.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/models/segments.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace mkba {
namespace {

bool active(const TransitionOverlay& o, int month) {
  return month >= o.first_month && (o.last_month < 0 || month < o.last_month);
}

// What check_transitions() learns while applying the changes: which were in force at all, and
// which changed a move (a relative risk on a move of probability 0 changes nothing).
struct ChangeUse {
  std::set<const TransitionOverlay*> in_force, moved;
};
// The time variables of expressions in month `month` from the start (docs/scenario-format.md).
Expression::Time time_at(const Scenario& s, int month) {
  Expression::Time t;
  const int cycle = month / s.time.months_per_cycle;  // whole cycles
  t.cycle = cycle;
  t.model_time = t.cycle + 1;
  t.years = month / 12.0;
  t.age = s.start_age.value_or(0) + t.years;
  return t;
}

// A value that changes over time, in month `month`, checked against the range its use allows.
double varying_value(const Scenario& s, int index, int month) {
  const ParameterUse& u = s.varying_uses[static_cast<std::size_t>(index)];
  const Expression::Time t = time_at(s, month);
  const double v = u.expression.evaluate(s.parameter_values, t);
  if (!(v >= u.lo && v <= u.hi))
    throw ScenarioError({{u.file, u.line, u.column, u.path,
                          fmt::format("in cycle {:.6g} (model_time {:.6g}, years {:.6g}{}) the value is {:.6g}, outside [{}, {}]",
                                      t.cycle, t.model_time, t.years,
                                      s.start_age ? fmt::format(", age {:.6g}", t.age) : std::string(), v, u.lo, u.hi)}});
  return v;
}

// Transition cells that change over time, at `month`; the row's 'rest' cell takes up the complement.
void apply_varying_cells(const Scenario& s, Eigen::MatrixXd& p, int month) {
  std::vector<int> rows;
  for (std::size_t i = 0; i < s.varying_uses.size(); ++i) {
    const ParameterUse& u = s.varying_uses[i];
    if (u.target != ParameterUse::Target::matrix_cell) continue;
    p(u.from, u.to) = varying_value(s, static_cast<int>(i), month);
    if (std::find(rows.begin(), rows.end(), u.from) == rows.end()) rows.push_back(u.from);
  }
  for (int from : rows) {
    const int rest = s.rest_column[static_cast<std::size_t>(from)];
    p(from, rest) = 0;
    p(from, rest) = 1.0 - p.row(from).sum();
    if (p(from, rest) < -1e-12)
      throw ScenarioError({{s.file, 0, 0, "transitions.matrix." + s.states[static_cast<std::size_t>(from)].id,
                            fmt::format("in cycle {} the other probabilities sum to {:.10g} > 1, so 'rest' would be "
                                        "negative", month / s.time.months_per_cycle, 1.0 - p(from, rest))}});
    p(from, rest) = std::max(0.0, p(from, rest));
  }
}

// `segment` (a declared segment) and `months_in_state` (the start of the duration band) select
// targeted and fading changes.
void apply(const Scenario& s, Eigen::MatrixXd& p, const std::vector<TransitionOverlay>& changes, int month,
           const char* context, const std::string& name, int segment, int months_in_state, ChangeUse* use) {
  for (const auto& o : changes) {
    if (!active(o, month) || (o.segment >= 0 && o.segment != segment)) continue;
    if (!o.segments.empty() && !o.segments[static_cast<std::size_t>(segment)]) continue;
    const double old = p(o.from, o.to);
    const double value = o.varying >= 0 ? varying_value(s, o.varying, month) : o.value;
    const double f = o.fade_at(months_in_state);  // 1 unless the change fades
    const double now = o.kind == TransitionOverlay::Kind::relative_risk ? old * (1.0 + (value - 1.0) * f)
                                                                       : old + (value - old) * f;
    if (use) {
      use->in_force.insert(&o);
      if (o.kind == TransitionOverlay::Kind::probability || old > 0) use->moved.insert(&o);
    }
    p(o.from, o.to) = now;
    p(o.from, o.from) -= now - old;
    // The one rule for a transition row, at the position of the change that broke it.
    if (const std::string problem = row_problem(s, p, o.from, o.from); !problem.empty()) {
      YearMonth ym = s.time.start;
      ym.year += (ym.month - 1 + month) / 12;
      ym.month = (ym.month - 1 + month) % 12 + 1;
      throw ScenarioError({o.where.diagnostic(
          fmt::format("in {}'{}' in {} (month {} from time.start), with the changes in force before it: {}", context,
                      name, ym.str(), month, problem))});
    }
    p(o.from, o.from) = std::max(0.0, p(o.from, o.from));
  }
}

// `aow:` when the cohort reaches the AOW age by the end of the month (of the cycle, when the matrix
// is given per cycle) that starts at `month`, every state that is not absorbing moves to the AOW
// exit. Applied after every change and the loonwaarde eligibility, so that nothing keeps anyone in
// participation.
void apply_aow(const Scenario& s, Eigen::MatrixXd& p, int month) {
  if (!s.aow || !s.start_age) return;
  const int span = s.cycle_matrix_given ? s.time.months_per_cycle : 1;
  if (*s.start_age + (month + span) / 12.0 < s.aow->age - 1e-9) return;
  for (Eigen::Index from = 0; from < p.rows(); ++from) {
    if (s.states[static_cast<std::size_t>(from)].kind == StateKind::absorbing) continue;
    p.row(from).setZero();
    p(from, s.aow->state) = 1.0;
  }
}

// The monthly matrix in force: the base matrix (with its cells that change over time), then the
// changes for the (declared) segment, the duration band and the calendar year, then the
// alternative's; staying takes up the complement. Then moves into a state the person's loonwaarde
// band does not admit go to staying instead. Last, the AOW exit (apply_aow).
Eigen::MatrixXd overlaid(const Scenario& s, int alternative, int month, int segment, int band, ChangeUse* use = nullptr) {
  Eigen::MatrixXd p = s.monthly;
  if (!s.varying_uses.empty()) apply_varying_cells(s, p, month);
  const int declared = s.segment_declared[static_cast<std::size_t>(segment)];
  const int months_in_state = s.duration_band_starts[static_cast<std::size_t>(band)];
  if (!s.segment_changes.empty())
    apply(s, p, s.segment_changes[static_cast<std::size_t>(declared)], month, "segment ",
          s.declared_segments[static_cast<std::size_t>(declared)], declared, months_in_state, use);
  if (!s.band_changes.empty())
    apply(s, p, s.band_changes[static_cast<std::size_t>(band)], month, "duration band ", std::to_string(band), declared,
          months_in_state, use);
  const int year = s.time.start.year + (s.time.start.month - 1 + month) / 12;
  for (const auto& y : s.year_changes)
    if (y.year == year) apply(s, p, y.changes, month, "year ", std::to_string(year), declared, months_in_state, use);
  const auto& alt = s.alternatives[static_cast<std::size_t>(alternative)];
  apply(s, p, alt.overlays, month, "alternative ", alt.id, declared, months_in_state, use);
  for (Eigen::Index to = 0; to < p.cols(); ++to) {
    if (loonwaarde_eligible(s, segment, static_cast<int>(to))) continue;
    for (Eigen::Index from = 0; from < p.rows(); ++from) {
      if (from == to) continue;
      p(from, from) += p(from, to);
      p(from, to) = 0;
    }
  }
  apply_aow(s, p, month);
  return p;
}

// Splits `total` into integer parts proportional to `weights` (largest remainder, ties by index),
// so that the parts sum exactly to round(total).
std::vector<std::int64_t> apportion(const std::vector<double>& weights, double total) {
  double wsum = 0;
  for (double w : weights) wsum += w;
  std::vector<std::int64_t> out(weights.size(), 0);
  if (wsum <= 0) return out;
  const auto target = static_cast<std::int64_t>(std::llround(total));
  std::vector<std::pair<double, std::size_t>> rem;
  std::int64_t used = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = weights[i] / wsum * static_cast<double>(target);
    out[i] = static_cast<std::int64_t>(std::floor(exact));
    used += out[i];
    rem.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(rem.begin(), rem.end(), [](auto a, auto b) { return a.first > b.first; });
  for (std::size_t k = 0; used < target && k < rem.size(); ++k, ++used) ++out[rem[k].second];
  return out;
}

}  // namespace

Eigen::MatrixXd cycle_matrix(const Scenario& s, int alternative, int cycle, int segment, int band) {
  const int m = s.time.months_per_cycle;
  if (s.cycle_matrix_given) return overlaid(s, alternative, cycle * m, segment, band);
  Eigen::MatrixXd p = Eigen::MatrixXd::Identity(s.monthly.rows(), s.monthly.cols());
  for (int k = 0; k < m; ++k) p = p * overlaid(s, alternative, cycle * m + k, segment, band);
  return p;
}

void check_transitions(const Scenario& s) {
  ChangeUse use;
  const int m = s.time.months_per_cycle, months = s.time.n_cycles() * m;
  const auto n_bands = static_cast<int>(std::max<std::size_t>(1, s.duration_band_starts.size()));
  // Exactly the matrices compile_model() builds: every month, or the first of each cycle when the
  // matrix is given per cycle.
  // A month whose set of changes in force was seen before gives the same matrices: skipped.
  std::set<std::vector<bool>> seen;
  for (int month = 0; month < months; month += s.cycle_matrix_given ? m : 1) {
    std::vector<bool> key;
    auto add = [&](const std::vector<TransitionOverlay>& list) {
      for (const auto& o : list) key.push_back(active(o, month));
    };
    for (const auto& l : s.segment_changes) add(l);
    for (const auto& l : s.band_changes) add(l);
    const int year = s.time.start.year + (s.time.start.month - 1 + month) / 12;
    for (const auto& y : s.year_changes) {
      key.push_back(y.year == year);
      add(y.changes);
    }
    for (const auto& alt : s.alternatives) add(alt.overlays);
    if (!seen.insert(std::move(key)).second) continue;
    for (std::size_t a = 0; a < s.alternatives.size(); ++a)
      for (int seg = 0; seg < static_cast<int>(s.segments.size()); ++seg)
        for (int b = 0; b < n_bands; ++b) overlaid(s, static_cast<int>(a), month, seg, b, &use);
  }
  std::vector<Diagnostic> problems;
  std::set<std::pair<std::string, std::pair<int, int>>> reported;  // an extended alternative repeats its base's changes
  auto check = [&](const std::vector<TransitionOverlay>& list) {
    for (const auto& o : list) {
      if (!reported.insert({o.where.file, {o.where.line, o.where.column}}).second) continue;
      const std::string& from = s.states[static_cast<std::size_t>(o.from)].id;
      const std::string& to = s.states[static_cast<std::size_t>(o.to)].id;
      if (!use.in_force.count(&o))
        problems.push_back(o.where.diagnostic(fmt::format(
            "the change of the move from '{}' to '{}' is never in force within the horizon ({} plus {} years): "
            "check its window, year or segment", from, to, s.time.start.str(), s.time.horizon_years)));
      else if (!use.moved.count(&o) && o.value != 1.0)
        problems.push_back(o.where.diagnostic(fmt::format(
            "a relative risk on the move from '{}' to '{}', whose probability is 0 wherever the change is in "
            "force, changes nothing; give a 'probability' instead", from, to)));
    }
  };
  for (const auto& l : s.segment_changes) check(l);
  for (const auto& l : s.band_changes) check(l);
  for (const auto& y : s.year_changes) check(y.changes);
  for (const auto& alt : s.alternatives) check(alt.overlays);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

engine::CompiledModel compile_model(const Scenario& s, const CompileOptions& opt) {
  engine::CompiledModel model;
  const int n = static_cast<int>(s.states.size());
  model.n_states = n;
  model.n_gemeenten = static_cast<int>(s.gemeenten.size());
  model.n_segments = static_cast<int>(s.segments.size());
  model.n_cycles = s.time.n_cycles();
  model.months_per_cycle = s.time.months_per_cycle;
  for (const auto& st : s.states) {
    model.state_ids.push_back(st.id);
    model.absorbing.push_back(st.kind == StateKind::absorbing ? 1 : 0);
  }
  // Duration bands, in cycles in state: band b covers months-in-state from its start to the next.
  const int m = s.time.months_per_cycle;
  model.n_bands = static_cast<int>(s.duration_band_starts.size());
  const int duration_cap = (s.duration_band_starts.back() + m - 1) / m;
  model.band_of_duration.assign(static_cast<std::size_t>(duration_cap) + 1, 0);
  for (int d = 0; d <= duration_cap; ++d)
    for (int b = 0; b < model.n_bands; ++b)
      if (s.duration_band_starts[static_cast<std::size_t>(b)] <= d * m) model.band_of_duration[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(b);

  // Transitions: one matrix per distinct set of overlays in force.
  for (int a = 0; a < static_cast<int>(s.alternatives.size()); ++a) {
    engine::Alternative alt;
    alt.name = s.alternatives[static_cast<std::size_t>(a)].id;
    std::map<std::vector<double>, int> seen;
    for (int t = 0; t < model.n_cycles; ++t)
      for (int seg = 0; seg < model.n_segments; ++seg)
        for (int b = 0; b < model.n_bands; ++b) {
          const Eigen::MatrixXd p = cycle_matrix(s, a, t, seg, b);
          std::vector<double> flat(static_cast<std::size_t>(n) * n);
          for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) flat[static_cast<std::size_t>(i) * n + j] = p(i, j);
          auto [it, fresh] = seen.emplace(flat, alt.transitions.n_matrices);
          if (fresh) {
            alt.transitions.probabilities.insert(alt.transitions.probabilities.end(), flat.begin(), flat.end());
            ++alt.transitions.n_matrices;
          }
          alt.transitions.matrix_index.push_back(it->second);
        }
    model.alternatives.push_back(std::move(alt));
  }

  // Population: scale to the requested number of simulated persons, apportioned exactly.
  const double real_start = s.start_population();
  std::optional<std::int64_t> persons = opt.persons ? opt.persons : s.persons;
  const double scale = persons ? static_cast<double>(*persons) / real_start : 1.0;
  std::vector<double> weights;
  const std::size_t n_seg = s.segments.size();
  // Counts are spread over the declared segments by segment_mix (screened persons already have
  // theirs), and within a declared segment over the loonwaarde bands by their probabilities: a
  // stratified draw, the same in the microsimulation and the cohort trace.
  // Persons who start in (or enter) a state with eligibility hold only the bands it admits: the
  // distribution conditional on eligibility (the unconditional one if no admitted band has mass).
  const LoonwaardeBands bands = loonwaarde_bands(s);
  auto band_share = [&](std::size_t seg, int state) {
    const int declared = s.segment_declared[seg];
    double admitted = 0;
    for (std::size_t other = 0; other < n_seg; ++other)
      if (s.segment_declared[other] == declared && loonwaarde_eligible(s, static_cast<int>(other), state))
        admitted += bands.probability[other];
    if (admitted <= 1e-15) return bands.probability[seg];
    return loonwaarde_eligible(s, static_cast<int>(seg), state) ? bands.probability[seg] / admitted : 0.0;
  };
  auto share = [&](const StartGroup& g, std::size_t seg) {
    const auto declared = static_cast<std::size_t>(s.segment_declared[seg]);
    const double of_declared = s.screening_file.empty() ? s.segment_mix[declared]
                                                        : (g.segment == s.segment_declared[seg] ? 1.0 : 0.0);
    return of_declared * band_share(seg, g.state);
  };
  for (const auto& g : s.start)
    for (std::size_t seg = 0; seg < n_seg; ++seg) weights.push_back(g.persons * share(g, seg));
  const auto start_sim = apportion(weights, real_start * scale);
  double real_total = real_start, sim_total = 0;
  for (std::size_t i = 0; i < s.start.size(); ++i)
    for (std::size_t seg = 0; seg < n_seg; ++seg) {
      const auto& g = s.start[i];
      const auto k = start_sim[i * n_seg + seg];
      if (k == 0) continue;
      engine::PersonGroup pg{g.gemeente, static_cast<int>(seg), static_cast<engine::StateId>(g.state),
                             g.months_in_state / m, 0, k};
      pg.scores = g.scores;
      pg.first_rescreen = g.first_rescreen_month < 0 ? -1 : (g.first_rescreen_month + m - 1) / m;
      model.population.push_back(pg);
      sim_total += static_cast<double>(k);
    }
  // Inflow: cumulative rounding per stream, so fractional monthly inflow is neither lost nor created.
  const int horizon_months = model.n_cycles * m;
  std::vector<InflowSpec> streams;  // one per (inflow, segment)
  std::vector<int> stream_segment;
  for (const auto& f : s.inflow)
    for (std::size_t seg = 0; seg < n_seg; ++seg) {
      // Per state: the segment's share of the persons entering it.
      InflowSpec part = f;
      const double of_declared = s.segment_mix[static_cast<std::size_t>(s.segment_declared[seg])];
      if (!s.loonwaarde) {  // segments are the declared ones: the same mix into every state
        if (of_declared <= 0) continue;
        part.per_month = f.per_month * of_declared;
        streams.push_back(part);
        stream_segment.push_back(static_cast<int>(seg));
        continue;
      }
      double total = 0;
      for (int st = 0; st < n; ++st) {
        part.state_mix[static_cast<std::size_t>(st)] = f.state_mix[static_cast<std::size_t>(st)] * of_declared * band_share(seg, st);
        total += part.state_mix[static_cast<std::size_t>(st)];
      }
      if (total <= 0) continue;
      for (double& x : part.state_mix) x /= total;
      part.per_month = f.per_month * total;
      streams.push_back(part);
      stream_segment.push_back(static_cast<int>(seg));
    }
  for (std::size_t si = 0; si < streams.size(); ++si) {
    const auto& f = streams[si];
    double cum = 0;
    std::int64_t placed = 0;
    std::vector<double> cum_state(static_cast<std::size_t>(n), 0.0);
    std::vector<std::int64_t> placed_state(static_cast<std::size_t>(n), 0);
    const int last = f.last_month < 0 ? horizon_months : std::min(f.last_month, horizon_months);
    for (int month = std::max(1, f.first_month); month < last; ++month) {
      // Arrivals enter at the start of their month; month 0 is the starting caseload itself.
      cum += f.per_month * scale;
      real_total += f.per_month;
      const auto total_now = static_cast<std::int64_t>(std::llround(cum));
      const std::int64_t arrivals = total_now - placed;
      placed = total_now;
      if (arrivals <= 0) continue;
      for (int st = 0; st < n; ++st) {
        cum_state[st] += f.state_mix[st] * static_cast<double>(arrivals);
        const auto now = static_cast<std::int64_t>(std::llround(cum_state[st]));
        const std::int64_t k = now - placed_state[st];
        placed_state[st] = now;
        if (k > 0)
          model.population.push_back({f.gemeente, stream_segment[si], static_cast<engine::StateId>(st), 0, month / m, k});
        sim_total += static_cast<double>(std::max<std::int64_t>(k, 0));
      }
    }
  }
  model.person_weight = sim_total > 0 ? real_total / sim_total : 1.0;
  if (s.rescreening) {
    engine::Rescreening r;
    r.interval = std::max(1, s.rescreening->interval_months / m);
    for (std::size_t st = 0; st < s.states.size(); ++st)
      for (int d = 0; d < engine::kZrmDomains; ++d) {
        r.improve.push_back(s.rescreening->improve[st]);
        r.worsen.push_back(s.rescreening->worsen[st]);
      }
    r.segment_of = [rule = SegmentRule{}](const engine::ZrmScoreArray& scores) {
      return static_cast<int>(kwadrant_segment(segment(scores, rule).kwadrant));
    };
    r.segments_of = [rule = SegmentRule{}](const std::array<const std::uint8_t*, engine::kZrmDomains>& scores,
                                          std::size_t count, std::uint8_t* out) {
      kwadranten(scores, count, rule, out);
      for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<std::uint8_t>(kwadrant_segment(out[i]));
    };
    model.rescreening = std::move(r);
  }
  // Capacity in simulated persons; outside its window a limit does not bind.
  for (std::size_t a = 0; a < s.alternatives.size(); ++a)
    for (const auto& c : s.alternatives[a].capacities) {
      engine::Capacity cap;
      cap.state = static_cast<engine::StateId>(c.state);
      cap.gemeente = c.gemeente;
      for (int t = 0; t < model.n_cycles; ++t) {
        const int month = t * m;
        bool on = month >= c.first_month && (c.last_month < 0 || month < c.last_month);
        double places = c.places;
        if (!c.places_by_year.empty()) {
          const auto it = c.places_by_year.find(s.time.start.year + (s.time.start.month - 1 + month) / 12);
          on = on && it != c.places_by_year.end();
          if (it != c.places_by_year.end()) places = it->second;
        }
        cap.places.push_back(on ? static_cast<std::int32_t>(std::llround(places / model.person_weight))
                                : std::numeric_limits<std::int32_t>::max() / 2);
      }
      model.alternatives[a].capacities.push_back(std::move(cap));
    }
  engine::check_model(model);
  return model;
}

engine::Counting state_weights(const Scenario& s, double rate, std::vector<double>& w0, std::vector<double>& w1) {
  const int T = s.time.n_cycles(), m = s.time.months_per_cycle;
  w1.clear();
  engine::DiscountTiming timing = engine::DiscountTiming::start;
  switch (s.discount_timing) {
    case DiscountTiming::start: timing = engine::DiscountTiming::start; break;
    case DiscountTiming::middle: timing = engine::DiscountTiming::middle; break;
    case DiscountTiming::end: timing = engine::DiscountTiming::end; break;
    case DiscountTiming::continuous: timing = engine::DiscountTiming::continuous; break;
    case DiscountTiming::counted: {
      // Each occupancy discounted at the moment it is counted: x_t at t, x_{t+1} at t + 1.
      const std::vector<double> point = engine::discount_factors(rate, T + 1, m, 0.0);
      switch (s.time.counting) {
        case Counting::start: w0.assign(point.begin(), point.end() - 1); return engine::Counting::start;
        case Counting::end: w0.assign(point.begin() + 1, point.end()); return engine::Counting::end;
        case Counting::half_cycle:  // the trapezoid of the discounted trace, cycle by cycle
          w0.resize(static_cast<std::size_t>(T));
          w1.resize(static_cast<std::size_t>(T));
          for (std::size_t t = 0; t < static_cast<std::size_t>(T); ++t) {
            w0[t] = 0.5 * point[t];
            w1[t] = 0.5 * point[t + 1];
          }
          return engine::Counting::weighted;
        case Counting::simpson:
        case Counting::darthtools_simpson: {
          // Point j's weight goes to cycle j; the last point (the end of the horizon) to the last cycle.
          const auto w = engine::within_cycle_weights(s.time.counting == Counting::simpson
                                                          ? engine::PointRule::simpson
                                                          : engine::PointRule::darthtools_simpson, T);
          w0.resize(static_cast<std::size_t>(T));
          w1.assign(static_cast<std::size_t>(T), 0.0);
          for (std::size_t t = 0; t < static_cast<std::size_t>(T); ++t) w0[t] = w[t] * point[t];
          w1.back() = w.back() * point.back();
          return engine::Counting::weighted;
        }
      }
      break;
    }
  }
  w0 = engine::cycle_discount(rate, T, m, timing);
  switch (s.time.counting) {
    case Counting::start: return engine::Counting::start;
    case Counting::end: return engine::Counting::end;
    case Counting::half_cycle: return engine::Counting::half_cycle;
    case Counting::simpson:
    case Counting::darthtools_simpson: break;  // refused by load_scenario (Simpson is always counted)
  }
  throw std::invalid_argument("Simpson's rule needs discounting.timing: counted");
}

engine::ValuationPlan valuation_plan(const Scenario& s, int alternative, double rate) {
  engine::ValuationPlan plan;
  const int T = s.time.n_cycles(), m = s.time.months_per_cycle;
  plan.n_stakeholders = static_cast<int>(s.stakeholders.size());
  plan.n_categories = static_cast<int>(s.categories.size());
  plan.n_outcomes = static_cast<int>(s.outcomes.size());
  plan.counting = state_weights(s, rate, plan.money_discount, plan.money_discount_next);
  plan.money_discount_end = engine::discount_factors(rate, T, m, 1.0);
  for (double r : s.outcome_discount_rates) {
    plan.outcome_discount.emplace_back();
    plan.outcome_discount_next.emplace_back();
    state_weights(s, r, plan.outcome_discount.back(), plan.outcome_discount_next.back());
    plan.outcome_discount_end.push_back(engine::discount_factors(r, T, m, 1.0));
  }
  for (const auto& e : s.effects) plan.items.push_back(compiled_effect(s, e, alternative));
  return plan;
}

}  // namespace mkba
