#include <mkba/analysis/sensitivity.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/expanded.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <map>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace mkba::analysis {
namespace {

// The cohort trace is the expected value of the microsimulation; it cannot express rescreening
// (segments follow each person's scores) or capacity limits (people interact).
bool cohort_possible(const Scenario& s) {
  if (s.rescreening) return false;
  return std::all_of(s.alternatives.begin(), s.alternatives.end(), [](const auto& a) { return a.capacities.empty(); });
}

// One alternative's trace, in real persons: the cohort trace, or the microsimulation with the
// base case's random numbers (seed, iteration 0), on one thread (the bars run in parallel).
// Start-age groups are summed back to the scenario's segments (scenario_trace, models/age.hpp).
// With `persons` (expanded from a model with the same population and rescreening: same_shared_part)
// the simulation starts from a copy of them instead of expanding them again: the same counts.
engine::Trace trace(const Scenario& s, const engine::CompiledModel& m, int a, Mode mode, std::uint64_t seed,
                    const engine::ExpandedPersons* persons = nullptr) {
  if (mode == Mode::cohort) {
    engine::Trace tr = engine::cohort_trace(m, a);
    for (auto* v : {&tr.occupancy, &tr.transitions, &tr.entries})
      for (auto& x : *v) x *= m.person_weight;
    return scenario_trace(s, std::move(tr));
  }
  const engine::RunKey key{seed, 0};
  return scenario_trace(s, engine::to_trace(persons ? engine::simulate(m, a, key, *persons, {1}) : engine::simulate(m, a, key, {1}),
                                            m.person_weight));
}

std::vector<engine::Trace> traces(const Scenario& s, const engine::CompiledModel& m, Mode mode, std::uint64_t seed) {
  std::vector<engine::Trace> out;
  for (int a = 0; a < static_cast<int>(m.alternatives.size()); ++a) out.push_back(trace(s, m, a, mode, seed));
  return out;
}

// The base case: every alternative's trace, valuation plan and society NCW.
struct BaseCase {
  std::vector<engine::Trace> traces;
  std::vector<engine::ValuationPlan> plans;
  std::vector<double> ncw;

  // Society NCW of alternative a's base trace valued with `plan`: the base case's NCW when `plan`
  // is the base case's too (a side's parameter changes neither: the same plan and trace give the
  // same bits).
  double ncw_of_trace(std::size_t a, const engine::ValuationPlan& plan) const {
    return plan == plans[a] ? ncw[a] : ncw_society(engine::value(plan, traces[a]));
  }
};

// Whether parameter p gets a bar: it is uncertain (not fixed).
bool gets_bar(const ParameterSpec& p) { return p.distribution != Distribution::fixed; }

// Society NCW of every alternative of `drawn` with traces `tr` (BaseCase::ncw_of_trace for the
// base case's traces).
std::vector<double> society_ncw(const Scenario& drawn, const std::vector<const engine::Trace*>& tr, double rate,
                                const BaseCase* base) {
  std::vector<double> ncw;
  for (std::size_t a = 0; a < tr.size(); ++a) {
    const engine::ValuationPlan plan = valuation_plan(drawn, static_cast<int>(a), rate);
    if (base && tr[a] == &base->traces[a]) ncw.push_back(base->ncw_of_trace(a, plan));
    else ncw.push_back(ncw_society(engine::value(plan, *tr[a])));
  }
  return ncw;
}

// Society NCW of every projectalternatief minus the nulalternatief.
std::vector<double> differences(const std::vector<double>& ncw) {
  std::vector<double> out;
  for (std::size_t a = 1; a < ncw.size(); ++a) out.push_back(ncw[a] - ncw[0]);
  return out;
}

// Whether alternative k of two compiled models moves the same persons in the same way (only the
// valuation differs): then the base case's trace of k is the variant's, exactly, and needs no
// simulation (a simulation reads only the shared part of the model and its own alternative).
// Most rate parameters change one alternative (an effect of the project) or leave the persons'
// moves alone (amounts); only the alternatives they change are simulated again.
bool same_shared_part(const engine::CompiledModel& a, const engine::CompiledModel& b) {
  if (a.n_states != b.n_states || a.n_segments != b.n_segments || a.n_gemeenten != b.n_gemeenten ||
      a.n_cycles != b.n_cycles || a.person_weight != b.person_weight || a.band_of_duration != b.band_of_duration ||
      a.population.size() != b.population.size() || a.alternatives.size() != b.alternatives.size() ||
      a.months_per_cycle != b.months_per_cycle ||
      a.rescreening.has_value() != b.rescreening.has_value())
    return false;
  for (std::size_t i = 0; i < a.population.size(); ++i) {
    const auto &x = a.population[i], &y = b.population[i];
    if (x.gemeente != y.gemeente || x.segment != y.segment || x.state != y.state || x.months_in_state != y.months_in_state ||
        x.entry_cycle != y.entry_cycle || x.persons != y.persons || x.scores != y.scores || x.first_rescreen != y.first_rescreen)
      return false;
  }
  if (a.rescreening && (a.rescreening->interval != b.rescreening->interval || a.rescreening->improve != b.rescreening->improve ||
                        a.rescreening->worsen != b.rescreening->worsen || a.rescreening->fold != b.rescreening->fold))
    return false;
  return true;
}

bool same_alternative(const engine::CompiledModel& a, const engine::CompiledModel& b, std::size_t k) {
  const auto &x = a.alternatives[k], &y = b.alternatives[k];
  if (x.transitions.probabilities != y.transitions.probabilities || x.transitions.matrix_index != y.transitions.matrix_index ||
      x.capacities.size() != y.capacities.size())
    return false;
  for (std::size_t c = 0; c < x.capacities.size(); ++c)
    if (x.capacities[c].state != y.capacities[c].state || x.capacities[c].gemeente != y.capacities[c].gemeente ||
        x.capacities[c].places != y.capacities[c].places || x.capacities[c].segments != y.capacities[c].segments)
      return false;
  return true;
}

// A side's counts of an alternative from the base case's (Incremental). A person's path depends
// only on their own random numbers and the rows they draw from (no capacity limits), so a person
// who drew only from rows the side leaves unchanged (same probabilities in every cycle) follows the
// base case's path. The side's counts are the base case's, minus the base counts of the other
// persons, plus their counts in the side's model: exact, in integers.
struct Incremental {
  const engine::CompiledModel& base_model;
  std::size_t alternative;
  const engine::ExpandedPersons& persons;
  const engine::Counts& base_counts;
  const engine::RowVisits& visits;

  // Bit (segment * n_bands + band) * n_states + state: the row differs in some cycle between the
  // base case's transitions of this alternative and `y` (a model with the same shared part).
  std::vector<std::uint64_t> changed_rows(const engine::TransitionSet& y) const {
    const auto& x = base_model.alternatives[alternative].transitions;
    const auto n = static_cast<std::size_t>(base_model.n_states), S = static_cast<std::size_t>(base_model.n_segments),
               B = static_cast<std::size_t>(base_model.n_bands);
    std::vector<std::uint64_t> out(visits.words, 0);
    // The states whose rows differ, once per pair of matrices that some (cycle, segment, band)
    // uses (cycles share their matrices; n_states <= 64, so one word per pair).
    const auto ny = y.probabilities.size() / (n * n);
    std::unordered_map<std::size_t, std::uint64_t> differ;
    const auto rows_differ = [&](std::size_t ix, std::size_t iy) {
      std::uint64_t mask = 0;
      for (std::size_t st = 0; st < n; ++st) {
        const double* rx = x.probabilities.data() + (ix * n + st) * n;
        const double* ry = y.probabilities.data() + (iy * n + st) * n;
        if (!std::equal(rx, rx + n, ry)) mask |= std::uint64_t{1} << st;
      }
      return mask;
    };
    for (std::size_t c = 0; c < static_cast<std::size_t>(base_model.n_cycles) * S * B; ++c) {
      const auto ix = static_cast<std::size_t>(x.matrix_index[c]), iy = static_cast<std::size_t>(y.matrix_index[c]);
      auto [it, fresh] = differ.try_emplace(ix * ny + iy, 0);
      if (fresh) it->second = rows_differ(ix, iy);
      for (std::uint64_t mask = it->second; mask != 0; mask &= mask - 1) {
        const auto st = static_cast<std::size_t>(__builtin_ctzll(mask));
        const std::size_t row = (c % (S * B)) * n + st;  // c = (t * S + segment) * B + band
        out[row / 64] |= std::uint64_t{1} << (row % 64);
      }
    }
    return out;
  }

  // The persons (ascending) who drew from a row in `changed` in the base case.
  std::vector<std::size_t> drew_from(const std::vector<std::uint64_t>& changed) const {
    const std::size_t N = engine::person_count(persons), W = visits.words;
    std::vector<std::size_t> words;  // those that hold a changed row: the only ones read
    for (std::size_t w = 0; w < W; ++w)
      if (changed[w] != 0) words.push_back(w);
    std::vector<std::size_t> which;
    if (words.empty()) return which;
    // By pieces of persons that stay in L1: each changed word's bits (word-major: a pass each,
    // vectorised) or-ed per person, then the persons listed without a branch (whether one drew
    // from a changed row is as good as random), with one spare place: every person is written at
    // the end of the list, and only those who drew from a changed row stay.
    constexpr std::size_t kPiece = 2048;
    std::uint64_t drew[kPiece];
    std::size_t listed[kPiece + 1];
    for (std::size_t b = 0; b < N; b += kPiece) {
      const std::size_t len = std::min(kPiece, N - b);
      for (std::size_t j = 0; j < words.size(); ++j) {
        const std::uint64_t* bits = visits.bits.data() + words[j] * N + b;
        const std::uint64_t mask = changed[words[j]];
        if (j == 0)
          for (std::size_t i = 0; i < len; ++i) drew[i] = bits[i] & mask;
        else
          for (std::size_t i = 0; i < len; ++i) drew[i] |= bits[i] & mask;
      }
      std::size_t c = 0;
      for (std::size_t i = 0; i < len; ++i) {
        listed[c] = b + i;
        c += drew[i] != 0 ? 1 : 0;
      }
      which.insert(which.end(), listed, listed + c);
    }
    return which;
  }

  // base + after - before, formed in `after` (the counts have the same shape: one model's).
  engine::Counts merged(engine::Counts after, const engine::Counts& before) const {
    for (auto [to, minus, base] : {std::tuple{&after.occupancy, &before.occupancy, &base_counts.occupancy},
                                   std::tuple{&after.transitions, &before.transitions, &base_counts.transitions},
                                   std::tuple{&after.entries, &before.entries, &base_counts.entries},
                                   std::tuple{&after.waiting, &before.waiting, &base_counts.waiting}})
      for (std::size_t j = 0; j < to->size(); ++j) (*to)[j] += (*base)[j] - (*minus)[j];
    return after;
  }
};

// One alternative of one side that the second phase of one_way simulates again (Incremental):
// what it needs of the side, so the side's scenario and model need not be kept.
struct Resimulation {
  int side = 0;
  std::size_t alternative = 0;
  std::vector<std::uint64_t> changed;  // Incremental::changed_rows
  engine::TransitionSet transitions;   // the side's, of this alternative
  std::shared_ptr<const engine::ValuationPlan> plan;  // the side's; null: the base case's
};

// The resimulations of one alternative that change the same rows: the same persons drew from them,
// so they share the subset of persons and its base-case counts (a group of n costs n + 1
// simulations of the subset). The two sides of a bar and the bars of the rates of one row (e.g.
// every move out of uitkering of one kwadrant and duration band) fall in one group.
struct RowGroup {
  std::size_t alternative = 0;
  std::vector<std::uint64_t> changed;
  std::vector<std::size_t> members;  // indices into the resimulations
};

std::vector<RowGroup> row_groups(const std::vector<Resimulation>& all) {
  std::vector<RowGroup> groups;
  std::map<std::pair<std::size_t, std::vector<std::uint64_t>>, std::size_t> index;
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto [it, fresh] = index.try_emplace({all[i].alternative, all[i].changed}, groups.size());
    if (fresh) groups.push_back({all[i].alternative, all[i].changed, {}});
    groups[it->second].members.push_back(i);
  }
  // Largest first, so the last groups the threads take are small (the order changes no result).
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.members.size() > b.members.size(); });
  return groups;
}

// f(0) .. f(n - 1) on `threads` threads (the calling one included), each index once.
template <class F>
void parallel_for(int n, int threads, F f) {
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int i; (i = next.fetch_add(1)) < n;) f(i);
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < std::min(std::max(1, threads), std::max(1, n)); ++w) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
}

// Whether parameter i changes only amounts: every use that reads it, directly or through derived
// parameters, sets an effect's amount or is only checked against a range, and no value that
// changes over time reads it. compile_model reads neither, so the base case's compiled model and
// traces are the variant's, exactly: such a bar needs no compile and no simulation (instantiate
// still checks the value against its ranges).
bool amounts_only(const Scenario& s, std::size_t i) {
  std::vector<bool> reads(s.parameters.size(), false);  // i and the derived parameters computed from it
  reads[i] = true;
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t k = 0; k < s.parameters.size(); ++k) {
      if (reads[k] || !s.parameters[k].derived) continue;
      for (const int q : s.parameters[k].formula.parameters())
        if (reads[static_cast<std::size_t>(q)]) {
          reads[k] = grew = true;
          break;
        }
    }
  }
  const auto reads_it = [&](const ParameterUse& u) {
    const auto ps = u.expression.parameters();
    return std::any_of(ps.begin(), ps.end(), [&](int q) { return reads[static_cast<std::size_t>(q)]; });
  };
  for (const auto& u : s.varying_uses)
    if (reads_it(u)) return false;
  for (const auto& u : s.parameter_uses)
    if (reads_it(u) && u.target != ParameterUse::Target::effect_amount && u.target != ParameterUse::Target::check)
      return false;
  return true;
}

}  // namespace

double TornadoBar::swing(std::size_t alternative) const {
  if (alternative >= low.size() || alternative >= high.size()) return 0.0;
  return std::abs(high[alternative] - low[alternative]);
}

std::size_t one_way_bar_count(const Scenario& s) {
  return static_cast<std::size_t>(
      std::count_if(s.parameters.begin(), s.parameters.end(), [](const ParameterSpec& p) { return gets_bar(p); }));
}

bool one_way_simulates(const Scenario& s, const RunOptions& opt) { return opt.mode != Mode::cohort && !cohort_possible(s); }

std::vector<TornadoBar> one_way(const Scenario& s, const RunOptions& opt) {
  const Mode mode = one_way_simulates(s, opt) ? Mode::microsim : Mode::cohort;
  if (opt.mode == Mode::cohort && !cohort_possible(s)) (void)run(s, opt);  // throws run()'s usage error
  const std::uint64_t seed = opt.seed.value_or(s.seed);
  const engine::RunKey key{seed, 0};
  const double rate = opt.discount_rate.value_or(s.discount_rate);
  const CompileOptions compile{opt.persons};
  // The base case once: its model and traces (the bars that only change amounts re-value these).
  const engine::CompiledModel base_model = compile_model(s, compile);
  const std::size_t n_alternatives = base_model.alternatives.size();
  // The base case's persons, expanded once for the sides that simulate a model with the same population.
  const std::shared_ptr<const engine::ExpandedPersons> base_persons =
      mode == Mode::microsim ? engine::expand_persons(base_model, key) : nullptr;
  // Without capacity limits persons are independent: the base case keeps its counts and which rows
  // each person drew from, and a side simulates again only the persons who drew from a row it
  // changes (Incremental).
  const bool incremental = mode == Mode::microsim && std::all_of(base_model.alternatives.begin(), base_model.alternatives.end(),
                                                                 [](const auto& a) { return a.capacities.empty(); });
  BaseCase base_case;
  std::vector<engine::Counts> base_counts;
  std::vector<engine::RowVisits> base_visits;
  if (incremental) {
    base_visits.resize(n_alternatives);
    for (std::size_t a = 0; a < n_alternatives; ++a) {
      base_counts.push_back(engine::simulate(base_model, static_cast<int>(a), key, *base_persons, {1}, &base_visits[a]));
      base_case.traces.push_back(scenario_trace(s, engine::to_trace(base_counts.back(), base_model.person_weight)));
    }
  } else {
    base_case.traces = traces(s, base_model, mode, seed);
  }
  const std::vector<engine::Trace>& base_traces = base_case.traces;
  std::vector<const engine::Trace*> base_of;
  for (const auto& tr : base_traces) base_of.push_back(&tr);
  base_case.ncw = society_ncw(s, base_of, rate, nullptr);
  for (std::size_t a = 0; a < n_alternatives; ++a) base_case.plans.push_back(valuation_plan(s, static_cast<int>(a), rate));
  const std::vector<double> base = differences(base_case.ncw);
  std::vector<Incremental> increments;  // [alternative]
  if (incremental)
    for (std::size_t a = 0; a < n_alternatives; ++a)
      increments.push_back({base_model, a, *base_persons, base_counts[a], base_visits[a]});

  std::vector<TornadoBar> bars;
  std::vector<bool> amount_bar;  // [bar]: amounts_only
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const auto& p = s.parameters[i];
    if (!gets_bar(p)) continue;
    TornadoBar bar;
    bar.parameter = static_cast<int>(i);
    bar.low_value = parameter_quantile(p, 0.05);
    bar.high_value = parameter_quantile(p, 0.95);
    bar.base = base;
    bar.cohort = mode == Mode::cohort;
    bars.push_back(bar);
    amount_bar.push_back(amounts_only(s, i));
  }
  // Sides: k = 2 * bar (low) and 2 * bar + 1 (high). Each lands in its own slots: society NCW per
  // alternative, errors, whether it changes who moves where (bar.simulated is set from both sides
  // after the join) and the alternatives the second phase simulates again.
  const int runs = 2 * static_cast<int>(bars.size());
  const auto slot = [](int k) { return static_cast<std::size_t>(k); };
  std::vector<std::vector<double>> side_ncw(slot(runs), std::vector<double>(n_alternatives, 0.0));
  std::vector<std::exception_ptr> errors(slot(runs));
  std::vector<char> side_moves(slot(runs), 0);
  std::vector<std::vector<Resimulation>> side_resimulations(slot(runs));
  // A side is done when its last alternative is: progress counts sides.
  std::vector<std::atomic<int>> pending(slot(runs));
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const auto side_done = [&](int k) {
    if (--pending[slot(k)] > 0) return;
    const int finished = ++done;
    if (opt.progress && !interrupt_requested()) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      opt.progress(finished, runs);
    }
  };
  const auto ncw_of = [&](const engine::ValuationPlan& plan, const engine::Trace& tr) {
    return ncw_society(engine::value(plan, tr));
  };

  // Phase 1, per side: the drawn scenario and its model; the society NCW of every alternative that
  // needs no simulation or cannot be simulated incrementally; the others become resimulations.
  auto first_phase = [&](int k) {
    auto& bar = bars[slot(k / 2)];
    ParameterDraw d = base_draw(s);
    d.values[static_cast<std::size_t>(bar.parameter)] = k % 2 == 0 ? bar.low_value : bar.high_value;
    const Scenario drawn = instantiate(s, d);
    auto& ncw = side_ncw[slot(k)];
    if (amount_bar[slot(k / 2)]) {
      ncw = society_ncw(drawn, base_of, rate, &base_case);
      return;
    }
    const engine::CompiledModel model = compile_model(drawn, compile);
    // The trace's segments are summed back by the scenario's structure, the base case's (checked).
    const bool shared = same_shared_part(model, base_model) && engine_segment_count(drawn) == engine_segment_count(s) &&
                        drawn.segments.size() == s.segments.size();
    std::vector<Resimulation> resimulations;
    for (std::size_t a = 0; a < n_alternatives; ++a) {
      engine::ValuationPlan plan = valuation_plan(drawn, static_cast<int>(a), rate);
      if (shared && same_alternative(model, base_model, a)) {
        ncw[a] = base_case.ncw_of_trace(a, plan);
        continue;
      }
      side_moves[slot(k)] = 1;
      if (shared && incremental) {
        Resimulation r{k, a, increments[a].changed_rows(model.alternatives[a].transitions), model.alternatives[a].transitions,
                       plan == base_case.plans[a] ? nullptr : std::make_shared<const engine::ValuationPlan>(std::move(plan))};
        resimulations.push_back(std::move(r));
        continue;
      }
      ncw[a] = ncw_of(plan, trace(drawn, model, static_cast<int>(a), mode, seed, shared ? base_persons.get() : nullptr));
    }
    side_resimulations[slot(k)] = std::move(resimulations);
  };
  auto run_first_phase = [&](int k) {
    try {
      if (interrupt_requested()) throw Interrupted();
      first_phase(k);
    } catch (...) {
      errors[slot(k)] = std::current_exception();
      side_resimulations[slot(k)].clear();
    }
    pending[slot(k)] = 1 + static_cast<int>(side_resimulations[slot(k)].size());
    side_done(k);
  };

  // Phase 2, per group of resimulations that change the same rows: the persons who drew from them
  // listed once, their base-case counts simulated once, then each member's counts and NCW.
  std::vector<Resimulation> resimulations;  // of the batch of bars being run
  std::mutex scratch_mutex;
  std::vector<std::unique_ptr<engine::CompiledModel>> scratch_models;  // spare copies of the base model
  auto second_phase = [&](const RowGroup& g) {
    const std::size_t a = g.alternative;
    const Incremental& inc = increments[a];
    // The side's model: the base case's with the side's transitions of `a` (the rest is the same:
    // same_shared_part; a simulation of `a` reads nothing of the other alternatives).
    std::unique_ptr<engine::CompiledModel> model;
    {
      const std::lock_guard<std::mutex> lock(scratch_mutex);
      if (!scratch_models.empty()) {
        model = std::move(scratch_models.back());
        scratch_models.pop_back();
      }
    }
    std::vector<std::size_t> which;
    std::exception_ptr failed;  // of the group's common part: every member fails with it
    try {
      if (!model) model = std::make_unique<engine::CompiledModel>(base_model);
      which = inc.drew_from(g.changed);
    } catch (...) {
      failed = std::current_exception();
    }
    const std::size_t N = engine::person_count(*base_persons);
    std::shared_ptr<const engine::ExpandedPersons> some;
    std::optional<engine::Counts> before;
    for (const std::size_t i : g.members) {
      Resimulation& r = resimulations[i];
      try {
        if (failed) std::rethrow_exception(failed);
        if (interrupt_requested()) throw Interrupted();
        const engine::ValuationPlan& plan = r.plan ? *r.plan : base_case.plans[a];
        if (which.empty()) {  // nobody drew from a changed row: the base case's trace
          side_ncw[slot(r.side)][a] = base_case.ncw_of_trace(a, plan);
        } else {
          model->alternatives[a].transitions = std::move(r.transitions);
          engine::Counts counts;
          if (2 * which.size() >= N) {  // cheaper whole
            counts = engine::simulate(*model, static_cast<int>(a), key, *base_persons, {1});
          } else {
            if (!before) {  // both again if the first member's attempt failed halfway
              some = engine::subset(*base_persons, which);
              before = engine::simulate(base_model, static_cast<int>(a), key, *some, {1});
            }
            counts = inc.merged(engine::simulate(*model, static_cast<int>(a), key, *some, {1}), *before);
          }
          side_ncw[slot(r.side)][a] = ncw_of(plan, scenario_trace(s, engine::to_trace(counts, base_model.person_weight)));
        }
      } catch (...) {
        if (!errors[slot(r.side)]) errors[slot(r.side)] = std::current_exception();
      }
      side_done(r.side);
    }
    if (!model) return;
    const std::lock_guard<std::mutex> lock(scratch_mutex);
    scratch_models.push_back(std::move(model));
  };

  // Bars in batches whose resimulations' transition sets fit in opt.tornado_batch_bytes (a side
  // keeps at most one set per alternative); the groups form within a batch. The default scenario's
  // bars fit in one batch; a model with many states and matrices takes several, with the same bars
  // (a resimulation's counts do not depend on its group).
  std::size_t side_bytes = 0;
  for (const auto& alt : base_model.alternatives)
    side_bytes += alt.transitions.probabilities.size() * sizeof(double) + alt.transitions.matrix_index.size() * sizeof(std::int32_t);
  const std::size_t bars_per_batch =
      std::max<std::size_t>(1, static_cast<std::size_t>(opt.tornado_batch_bytes) / std::max<std::size_t>(1, 2 * side_bytes));
  for (std::size_t b0 = 0; b0 < bars.size() && !interrupt_requested(); b0 += bars_per_batch) {
    const int k0 = static_cast<int>(2 * b0), k1 = static_cast<int>(2 * std::min(bars.size(), b0 + bars_per_batch));
    parallel_for(k1 - k0, opt.threads, [&](int i) { run_first_phase(k0 + i); });
    resimulations.clear();
    for (int k = k0; k < k1; ++k) {
      for (auto& r : side_resimulations[slot(k)]) resimulations.push_back(std::move(r));
      std::vector<Resimulation>().swap(side_resimulations[slot(k)]);
    }
    const std::vector<RowGroup> groups = row_groups(resimulations);
    parallel_for(static_cast<int>(groups.size()), opt.threads, [&](int g) { second_phase(groups[static_cast<std::size_t>(g)]); });
  }

  if (interrupt_requested()) throw Interrupted();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  for (std::size_t b = 0; b < bars.size(); ++b) {
    bars[b].low = differences(side_ncw[2 * b]);
    bars[b].high = differences(side_ncw[2 * b + 1]);
    bars[b].simulated = side_moves[2 * b] != 0 || side_moves[2 * b + 1] != 0;
  }
  std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.swing(0) > b.swing(0); });
  return bars;
}

std::vector<RateVariant> discount_variants(const Scenario& s, const RunResult& base) {
  std::vector<RateVariant> out;
  for (double rate : s.sensitivity_rates) {
    RateVariant v;
    v.rate = rate;
    std::vector<double> society;
    for (std::size_t a = 0; a < base.alternatives.size(); ++a)
      society.push_back(ncw_society(engine::value(valuation_plan(s, static_cast<int>(a), rate), base.alternatives[a].trace)));
    for (std::size_t a = 1; a < society.size(); ++a) v.society.push_back(society[a] - society[0]);
    out.push_back(v);
  }
  return out;
}

}  // namespace mkba::analysis
