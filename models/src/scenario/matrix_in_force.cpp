// The transition matrix in force in a month: the base matrix with its cells that change over time,
// the changes by segment, duration band and calendar year, the alternative's changes (targeting,
// fading), loonwaarde eligibility and the AOW exit. One rule, used by check_transitions() (at load)
// and compile_model() (through cycle_matrix()).
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/gemeente_targeting.hpp>
#include <mkba/models/ontheffing.hpp>
#include <mkba/models/loonwaarde.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

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
// The time variables of expressions in month `month` from the start (docs/scenario-format.md), for
// the persons of start-age group `group` (models/age.hpp).
Expression::Time time_at(const Scenario& s, int month, int group) {
  Expression::Time t;
  const int cycle = month / s.time.months_per_cycle;  // whole cycles
  t.cycle = cycle;
  t.model_time = t.cycle + 1;
  t.years = month / 12.0;
  t.age = group_start_age(s, group) + t.years;
  return t;
}

// A value that changes over time, in month `month`, checked against the range its use allows.
double varying_value(const Scenario& s, int index, int month, int group) {
  const ParameterUse& u = s.varying_uses[static_cast<std::size_t>(index)];
  const Expression::Time t = time_at(s, month, group);
  const double v = u.expression.evaluate(s.parameter_values, t);
  if (!(v >= u.lo && v <= u.hi))
    throw ScenarioError({{u.file, u.line, u.column, u.path,
                          fmt::format("in cycle {:.6g} (model_time {:.6g}, years {:.6g}{}) the value is {:.6g}, outside [{}, {}]",
                                      t.cycle, t.model_time, t.years,
                                      // (an age from a screening extract's birth year is personal data: not shown)
                                      s.start_age && !(s.age_groups && s.age_groups->from_screening)
                                          ? fmt::format(", age {:.6g}", t.age) : std::string(), v, u.lo, u.hi)}});
  return v;
}

// Transition cells that change over time, at `month`; the row's 'rest' cell takes up the complement.
void apply_varying_cells(const Scenario& s, Eigen::MatrixXd& p, int month, int group) {
  std::vector<int> rows;
  for (std::size_t i = 0; i < s.varying_uses.size(); ++i) {
    const ParameterUse& u = s.varying_uses[i];
    if (u.target != ParameterUse::Target::matrix_cell) continue;
    p(u.from, u.to) = varying_value(s, static_cast<int>(i), month, group);
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

// `segment` (a declared segment), `gemeente` (-1: none in particular), `ontheffing` (1 with, 0
// without, -1: none in particular) and `months_in_state` (the start of the duration band) select
// targeted and fading changes.
void apply(const Scenario& s, Eigen::MatrixXd& p, const std::vector<TransitionOverlay>& changes, int month,
           const char* context, const std::string& name, int segment, int months_in_state, int group, ChangeUse* use,
           int gemeente, int ontheffing) {
  for (const auto& o : changes) {
    if (!active(o, month) || (o.segment >= 0 && o.segment != segment)) continue;
    if (o.ontheffing >= 0 && o.ontheffing != ontheffing) continue;
    if (!o.segments.empty() && !o.segments[static_cast<std::size_t>(segment)]) continue;
    if (!o.gemeenten.empty() && (gemeente < 0 || !o.gemeenten[static_cast<std::size_t>(gemeente)])) continue;
    const double old = p(o.from, o.to);
    const double value = o.varying >= 0 ? varying_value(s, o.varying, month, group) : o.value;
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
void apply_aow(const Scenario& s, Eigen::MatrixXd& p, int month, int group) {
  if (!s.aow || !s.start_age) return;
  const int span = s.cycle_matrix_given ? s.time.months_per_cycle : 1;
  if (group_start_age(s, group) + (month + span) / 12.0 < s.aow->age - 1e-9) return;
  for (Eigen::Index from = 0; from < p.rows(); ++from) {
    if (s.states[static_cast<std::size_t>(from)].kind == StateKind::absorbing) continue;
    p.row(from).setZero();
    p(from, s.aow->state) = 1.0;
  }
}

// `mortality:` background mortality before every other move: each state that is not absorbing
// loses the death probability of the month (of the cycle, when the matrix is given per cycle) at
// the age at its start, q = 1 - (1 - q_year(age))^(span / 12), to the mortality state; its other
// moves are scaled by 1 - q. Twelve months within one year of age thus survive with exactly
// 1 - q_year.
void apply_mortality(const Scenario& s, Eigen::MatrixXd& p, int month, int group) {
  if (!s.mortality) return;
  const int span = s.cycle_matrix_given ? s.time.months_per_cycle : 1;
  const double age = time_at(s, month, group).age;
  const double q_year = mortality_at(s, age);
  const double q = -std::expm1(span / 12.0 * std::log1p(-q_year));
  for (Eigen::Index from = 0; from < p.rows(); ++from) {
    if (s.states[static_cast<std::size_t>(from)].kind == StateKind::absorbing) continue;
    p.row(from) *= 1.0 - q;
    p(from, s.mortality->state) += q;
  }
}

// The monthly matrix in force: the base matrix (with its cells that change over time), then the
// changes for the (declared) segment, the duration band and the calendar year, then the
// alternative's; staying takes up the complement. Then moves into a state the person's loonwaarde
// band does not admit go to staying instead. Then background mortality (apply_mortality) and last,
// the AOW exit (apply_aow). `group`: the persons' start-age group (models/age.hpp); `gemeente`: theirs,
// for changes targeted at gemeenten (-1: none applies); `ontheffing`: theirs (1/0), for changes limited
// to persons with or without ontheffing (-1: none applies).
Eigen::MatrixXd overlaid(const Scenario& s, int alternative, int month, int segment, int band, int group,
                         ChangeUse* use, int gemeente, int ontheffing) {
  Eigen::MatrixXd p = s.monthly;
  if (!s.varying_uses.empty()) apply_varying_cells(s, p, month, group);
  const int declared = s.segment_declared[static_cast<std::size_t>(segment)];
  const int months_in_state = s.duration_band_starts[static_cast<std::size_t>(band)];
  if (!s.segment_changes.empty())
    apply(s, p, s.segment_changes[static_cast<std::size_t>(declared)], month, "segment ",
          s.declared_segments[static_cast<std::size_t>(declared)], declared, months_in_state, group, use, -1, ontheffing);
  if (!s.band_changes.empty())
    apply(s, p, s.band_changes[static_cast<std::size_t>(band)], month, "duration band ", std::to_string(band), declared,
          months_in_state, group, use, -1, ontheffing);
  const int year = s.time.start.year + (s.time.start.month - 1 + month) / 12;
  for (const auto& y : s.year_changes)
    if (y.year == year) apply(s, p, y.changes, month, "year ", std::to_string(year), declared, months_in_state, group, use, -1, ontheffing);
  const auto& alt = s.alternatives[static_cast<std::size_t>(alternative)];
  apply(s, p, alt.overlays, month, "alternative ", alt.id, declared, months_in_state, group, use, gemeente, ontheffing);
  for (Eigen::Index to = 0; to < p.cols(); ++to) {
    if (loonwaarde_eligible(s, segment, static_cast<int>(to))) continue;
    for (Eigen::Index from = 0; from < p.rows(); ++from) {
      if (from == to) continue;
      p(from, from) += p(from, to);
      p(from, to) = 0;
    }
  }
  apply_mortality(s, p, month, group);
  apply_aow(s, p, month, group);
  return p;
}

// What makes alternative `alternative`'s matrices of month `month` (every segment, band and age
// group) differ from another month's in overlaid(), appended to `key`: which changes are in force
// and whether the calendar year's changes apply; a value that changes over time (a cell or a change
// in force), background mortality and the AOW age make the month itself part of the key.
void add_month_key(const Scenario& s, int alternative, int month, std::vector<int>& key) {
  bool varies = s.mortality || (s.aow && s.start_age);
  for (const auto& u : s.varying_uses) varies = varies || u.target == ParameterUse::Target::matrix_cell;
  auto add = [&](const std::vector<TransitionOverlay>& list, bool applied) {
    for (const auto& o : list) {
      const bool on = active(o, month);
      if (o.first_month > 0 || o.last_month >= 0) key.push_back(on);  // (a change without a window: always on)
      varies = varies || (applied && on && o.varying >= 0);
    }
  };
  for (const auto& l : s.segment_changes) add(l, true);
  for (const auto& l : s.band_changes) add(l, true);
  const int year = s.time.start.year + (s.time.start.month - 1 + month) / 12;
  for (const auto& y : s.year_changes) {
    key.push_back(y.year == year);
    add(y.changes, y.year == year);
  }
  add(s.alternatives[static_cast<std::size_t>(alternative)].overlays, true);
  if (varies) key.push_back(month);
}

}  // namespace

std::vector<int> first_alike_cycle(const Scenario& s, int alternative) {
  const int m = s.time.months_per_cycle;
  std::map<std::vector<int>, int> first;  // key of a cycle's months -> the first cycle with it
  std::vector<int> out;
  for (int t = 0; t < s.time.n_cycles(); ++t) {
    std::vector<int> key;
    for (int k = 0; k < (s.cycle_matrix_given ? 1 : m); ++k) add_month_key(s, alternative, t * m + k, key);
    out.push_back(first.emplace(std::move(key), t).first->second);
  }
  return out;
}

Eigen::MatrixXd cycle_matrix(const Scenario& s, int alternative, int cycle, int segment, int band, int age_group,
                             int gemeente, int ontheffing) {
  const int m = s.time.months_per_cycle;
  if (s.cycle_matrix_given)
    return overlaid(s, alternative, cycle * m, segment, band, age_group, nullptr, gemeente, ontheffing);
  Eigen::MatrixXd p = Eigen::MatrixXd::Identity(s.monthly.rows(), s.monthly.cols());
  for (int k = 0; k < m; ++k)
    p = p * overlaid(s, alternative, cycle * m + k, segment, band, age_group, nullptr, gemeente, ontheffing);
  return p;
}

void check_transitions(const Scenario& s) {
  check_age_groups(s);
  ChangeUse use;
  const int m = s.time.months_per_cycle;
  const auto n_bands = static_cast<int>(std::max<std::size_t>(1, s.duration_band_starts.size()));
  // Exactly the matrices compile_model() builds: every month of a cycle (or its first, when the
  // matrix is given per cycle), of the cycles that first_alike_cycle() does not map to an earlier
  // one (a cycle alike an earlier one has the same matrices). Cycles in order, and within a cycle
  // the alternatives in order, so that the first problem reported is the earliest month's.
  std::vector<std::vector<int>> alike;  // [alternative][cycle]
  for (std::size_t a = 0; a < s.alternatives.size(); ++a) alike.push_back(first_alike_cycle(s, static_cast<int>(a)));
  std::vector<int> class_gemeenten;  // one gemeente per class (models/gemeente_targeting.hpp)
  for (int c = 0; c < gemeente_class_count(s); ++c) class_gemeenten.push_back(class_gemeente(s, c));
  const int O = ontheffing_count(s);  // with and without ontheffing, when a change tells them apart
  for (int t = 0; t < s.time.n_cycles(); ++t)
    for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
      if (alike[a][static_cast<std::size_t>(t)] != t) continue;
      for (int k = 0; k < (s.cycle_matrix_given ? 1 : m); ++k)
        for (int seg = 0; seg < static_cast<int>(s.segments.size()); ++seg)
          for (int b = 0; b < n_bands; ++b)
            for (int g = 0; g < (age_dependent(s) ? age_group_count(s) : 1); ++g)
              for (int gemeente : class_gemeenten)
                for (int o = 0; o < O; ++o)
                  overlaid(s, static_cast<int>(a), t * m + k, seg, b, g, &use, gemeente, O > 1 ? o : -1);
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

}  // namespace mkba
