// From a validated scenario to the engine's compiled model: the matrices per cycle, segment and
// duration band (cycle_matrix()), the starting caseload and the inflow in simulated persons, the
// rescreening rule and the capacity limits.
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/gemeente_targeting.hpp>
#include <mkba/models/loonwaarde.hpp>
#include <mkba/models/ontheffing.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/models/segments.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace mkba {
namespace {

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

engine::CompiledModel compile_model(const Scenario& s, const CompileOptions& opt) {
  engine::CompiledModel model;
  const int n = static_cast<int>(s.states.size());
  model.n_states = n;
  model.n_gemeenten = static_cast<int>(s.gemeenten.size());
  // Every scenario segment once per start-age group (models/age.hpp), gemeente class
  // (models/gemeente_targeting.hpp) and ontheffing flag (models/ontheffing.hpp):
  // engine segment = ((seg * A + group) * C + class) * O + flag.
  const int A = age_group_count(s);
  const int C = gemeente_class_count(s);
  const int O = ontheffing_count(s);
  const std::vector<int> class_of = gemeente_classes(s);
  std::vector<int> class_gemeenten;
  for (int c = 0; c < C; ++c) class_gemeenten.push_back(class_gemeente(s, c));
  const bool by_age = age_dependent(s);
  model.n_segments = engine_segment_count(s);
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
    const std::vector<int> alike = first_alike_cycle(s, a);  // a cycle like an earlier one reuses its matrices
    const auto per_cycle = static_cast<std::size_t>(model.n_segments) * model.n_bands;
    for (int t = 0; t < model.n_cycles; ++t) {
      if (const auto t0 = static_cast<std::size_t>(alike[static_cast<std::size_t>(t)]); t0 != static_cast<std::size_t>(t)) {
        auto& index = alt.transitions.matrix_index;
        for (std::size_t k = 0; k < per_cycle; ++k) index.push_back(index[t0 * per_cycle + k]);
        continue;
      }
      for (int seg = 0; seg < model.n_segments; ++seg)
        for (int b = 0; b < model.n_bands; ++b) {
          const int group = seg / (C * O) % A, cls = seg / O % C, flag = seg % O;
          if (group != 0 && !by_age) {  // the same matrix as the segment's first age group (of its class and flag)
            const std::size_t first = (static_cast<std::size_t>(t) * model.n_segments + (seg - group * C * O)) * model.n_bands + b;
            alt.transitions.matrix_index.push_back(alt.transitions.matrix_index[first]);
            continue;
          }
          const Eigen::MatrixXd p = cycle_matrix(s, a, t, seg / (A * C * O), b, group,
                                                 class_gemeenten[static_cast<std::size_t>(cls)], O > 1 ? flag : -1);
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
  // Within a declared segment, over the start-age groups by its shares (a screened person: their own).
  auto age_share = [&](const StartGroup& g, std::size_t seg, int group) {
    if (A == 1) return 1.0;
    if (g.age_group >= 0) return g.age_group == group ? 1.0 : 0.0;
    return s.age_groups->share[static_cast<std::size_t>(s.segment_declared[seg])][static_cast<std::size_t>(group)];
  };
  // A person's gemeente class: the engine segments of the other classes get no one.
  const auto F = static_cast<std::size_t>(A) * static_cast<std::size_t>(C) * static_cast<std::size_t>(O);
  const auto uO = static_cast<std::size_t>(O);
  auto in_class = [&](int gemeente, std::size_t e) {
    return C == 1 || static_cast<std::size_t>(class_of[static_cast<std::size_t>(gemeente)]) == e / uO % static_cast<std::size_t>(C);
  };
  auto group_of = [&](std::size_t e) { return static_cast<int>(e / (static_cast<std::size_t>(C) * uO) % static_cast<std::size_t>(A)); };
  // The share of a group on the ontheffing side of engine segment e: a screened person's own flag;
  // persons without one (inflow, a realisatie's caseload) by their segment's share in the extract.
  auto flag_share = [&](int flag, std::size_t seg, std::size_t e) {
    if (O == 1) return 1.0;
    const auto side = static_cast<int>(e % uO);
    if (flag >= 0) return flag == side ? 1.0 : 0.0;
    const double with = s.ontheffing_share.empty() ? 0.0
                                                   : s.ontheffing_share[static_cast<std::size_t>(s.segment_declared[seg])];
    return side == 1 ? with : 1.0 - with;
  };
  const std::size_t n_eng = n_seg * F;
  for (const auto& g : s.start)
    for (std::size_t e = 0; e < n_eng; ++e)
      weights.push_back(in_class(g.gemeente, e) ? g.persons * share(g, e / F) * age_share(g, e / F, group_of(e)) *
                                                      flag_share(g.ontheffing, e / F, e)
                                                : 0.0);
  const auto start_sim = apportion(weights, real_start * scale);
  double real_total = real_start, sim_total = 0;
  for (std::size_t i = 0; i < s.start.size(); ++i)
    for (std::size_t seg = 0; seg < n_eng; ++seg) {
      const auto& g = s.start[i];
      const auto k = start_sim[i * n_eng + seg];
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
  std::vector<InflowSpec> streams;  // one per (inflow, engine segment)
  std::vector<int> stream_segment;
  for (const auto& f : s.inflow)
    for (std::size_t e = 0; e < n_eng; ++e) {
      if (!in_class(f.gemeente, e)) continue;
      const std::size_t seg = e / F;
      // Per state: the segment's share of the persons entering it; new candidates are spread over
      // the start-age groups as the caseload's segment is (their age is their group's at that time).
      InflowSpec part = f;
      const double of_declared = s.segment_mix[static_cast<std::size_t>(s.segment_declared[seg])] *
                                 age_share(StartGroup{}, seg, group_of(e)) * flag_share(-1, seg, e);
      if (!s.loonwaarde) {  // segments are the declared ones: the same mix into every state
        if (of_declared <= 0) continue;
        part.per_month = f.per_month * of_declared;
        streams.push_back(part);
        stream_segment.push_back(static_cast<int>(e));
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
      stream_segment.push_back(static_cast<int>(e));
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
    // The rule gives the kwadrant; the kernel keeps the rest of the engine segment (age group,
    // gemeente class, ontheffing flag: fixed per person).
    r.fold = static_cast<int>(F);
    r.segment_of = [rule = s.segment_rule](const engine::ZrmScoreArray& scores) {
      return static_cast<int>(screened_segment(scores, rule));
    };
    KwadrantenPlan plan = plan_kwadranten(s.segment_rule);
    for (int k = 0; k < 5; ++k) plan.code[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(kwadrant_segment(k));
    r.segments_of = [plan](const std::array<const std::uint8_t*, engine::kZrmDomains>& scores, std::size_t count,
                           std::uint8_t* out) { kwadranten(scores, count, plan, out); };
    model.rescreening = std::move(r);
  }
  // Capacity in simulated persons; outside its window a limit does not bind.
  for (std::size_t a = 0; a < s.alternatives.size(); ++a)
    for (const auto& c : s.alternatives[a].capacities) {
      engine::Capacity cap;
      cap.state = static_cast<engine::StateId>(c.state);
      cap.gemeente = c.gemeente;
      // Limited to segments or to one side of ontheffing: the engine segments it covers.
      // Limited to segments, to one side of ontheffing or to a list of gemeenten (their classes): the
      // engine segments it covers.
      if (!c.segments.empty() || c.ontheffing >= 0 || !c.gemeenten.empty()) {
        cap.segments = 0;
        for (std::size_t e = 0; e < n_eng; ++e) {
          const bool seg_in = c.segments.empty() || c.segments[static_cast<std::size_t>(s.segment_declared[e / F])];
          const bool flag_in = c.ontheffing < 0 || static_cast<int>(e % uO) == c.ontheffing;
          const int first = class_gemeenten[e / uO % static_cast<std::size_t>(C)];
          const bool gemeente_in = c.gemeenten.empty() || (first >= 0 && c.gemeenten[static_cast<std::size_t>(first)]);
          if (seg_in && flag_in && gemeente_in) cap.segments |= std::uint64_t{1} << e;
        }
      }
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

}  // namespace mkba
