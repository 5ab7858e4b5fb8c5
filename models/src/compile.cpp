#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/models/segments.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace mkba {
namespace {

bool active(const TransitionOverlay& o, int month) {
  return month >= o.first_month && (o.last_month < 0 || month < o.last_month);
}

// `segment` and `months_in_state` (the start of the duration band) select targeted and fading changes.
void apply(const Scenario& s, Eigen::MatrixXd& p, const std::vector<TransitionOverlay>& changes, int month,
           const std::string& where, int segment, int months_in_state) {
  for (const auto& o : changes) {
    if (!active(o, month) || (o.segment >= 0 && o.segment != segment)) continue;
    if (!o.segments.empty() && !o.segments[static_cast<std::size_t>(segment)]) continue;
    const double old = p(o.from, o.to);
    const double f = o.fade_at(months_in_state);  // 1 unless the change fades
    const double now = o.kind == TransitionOverlay::Kind::relative_risk ? old * (1.0 + (o.value - 1.0) * f)
                                                                       : old + (o.value - old) * f;
    p(o.from, o.to) = now;
    p(o.from, o.from) -= now - old;
    if (p(o.from, o.from) < -1e-12)
      throw ScenarioError({{s.file, 0, 0, where,
                            fmt::format("in month {} the changes leave a negative probability of staying in '{}'",
                                        month, s.states[o.from].id)}});
    p(o.from, o.from) = std::max(0.0, p(o.from, o.from));
  }
}

// The monthly matrix in force: the base matrix, then the changes for the segment, the duration
// band and the calendar year, then the alternative's; staying takes up the complement.
Eigen::MatrixXd overlaid(const Scenario& s, int alternative, int month, int segment, int band) {
  Eigen::MatrixXd p = s.monthly;
  const int months_in_state = s.duration_band_starts[static_cast<std::size_t>(band)];
  if (!s.segment_changes.empty())
    apply(s, p, s.segment_changes[static_cast<std::size_t>(segment)], month,
          "transitions.by_segment." + s.segments[segment], segment, months_in_state);
  if (!s.band_changes.empty())
    apply(s, p, s.band_changes[static_cast<std::size_t>(band)], month, "transitions.by_duration", segment,
          months_in_state);
  const int year = s.time.start.year + (s.time.start.month - 1 + month) / 12;
  for (const auto& y : s.year_changes)
    if (y.year == year) apply(s, p, y.changes, month, "transitions.by_year", segment, months_in_state);
  apply(s, p, s.alternatives[static_cast<std::size_t>(alternative)].overlays, month,
        "alternatives." + s.alternatives[static_cast<std::size_t>(alternative)].id, segment, months_in_state);
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
  // Counts are spread over segments by segment_mix; screened persons already have their segment.
  auto share = [&](const StartGroup& g, std::size_t seg) {
    return s.screening_file.empty() ? s.segment_mix[seg] : (static_cast<std::size_t>(g.segment) == seg ? 1.0 : 0.0);
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
      if (s.segment_mix[seg] <= 0) continue;
      InflowSpec part = f;
      part.per_month = f.per_month * s.segment_mix[seg];
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
    r.segment_of = [](const engine::ZrmScoreArray& scores) {
      return static_cast<int>(kwadrant_segment(segment(scores, SegmentRule{}).kwadrant));
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

engine::ValuationPlan valuation_plan(const Scenario& s, int alternative, double rate) {
  engine::ValuationPlan plan;
  const int T = s.time.n_cycles(), m = s.time.months_per_cycle;
  plan.n_stakeholders = static_cast<int>(s.stakeholders.size());
  plan.n_categories = static_cast<int>(s.categories.size());
  plan.n_outcomes = static_cast<int>(s.outcomes.size());
  plan.counting = s.time.counting;
  plan.money_discount = engine::discount_factors(rate, T, m, 0.0);
  plan.money_discount_end = engine::discount_factors(rate, T, m, 1.0);
  for (double r : s.outcome_discount_rates) {
    plan.outcome_discount.push_back(engine::discount_factors(r, T, m, 0.0));
    plan.outcome_discount_end.push_back(engine::discount_factors(r, T, m, 1.0));
  }
  for (const auto& e : s.effects) {
    engine::ValueItem item = e.item;
    // An item limited to some alternatives also holds in the alternatives that extend them.
    bool applies = e.alternatives.empty();
    for (int a = alternative; a >= 0 && !applies; a = s.alternatives[static_cast<std::size_t>(a)].extends)
      applies = std::find(e.alternatives.begin(), e.alternatives.end(), a) != e.alternatives.end();
    if (!applies)
      item.amount = 0.0;  // keep the item (so item indices match across alternatives), valued at 0
    if (item.basis == engine::Basis::per_cycle_in_state) item.amount *= m;  // per month -> per cycle
    // Windows are given in months from the start; convert to cycles (a cycle counts if it starts inside).
    item.first_cycle = item.first_cycle <= 0 ? 0 : (item.first_cycle + m - 1) / m;
    if (item.last_cycle != std::numeric_limits<int>::max()) item.last_cycle = (item.last_cycle + m - 1) / m;
    plan.items.push_back(item);
  }
  return plan;
}

}  // namespace mkba
