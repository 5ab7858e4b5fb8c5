#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/over_time.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/expanded.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/age.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/parameters.hpp>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <mutex>
#include <thread>

namespace mkba::analysis {

namespace {
std::atomic<bool> g_interrupt{false};
}  // namespace

void request_interrupt() { g_interrupt.store(true); }
bool interrupt_requested() { return g_interrupt.load(); }

namespace {

// The persons of a microsimulation, expanded once for every alternative of a run key (they are the
// same persons with the same random numbers in each: common random numbers); null in cohort mode.
// `previous`: this thread's persons of an earlier run (engine::expand_persons reuses them).
std::shared_ptr<const engine::ExpandedPersons> persons_of(const engine::CompiledModel& model, Mode mode, engine::RunKey key,
                                                          std::shared_ptr<const engine::ExpandedPersons> previous = nullptr) {
  if (mode == Mode::cohort) return nullptr;
  auto persons = engine::expand_persons(model, key, &g_interrupt, std::move(previous));
  if (interrupt_requested()) throw Interrupted();  // the persons are incomplete
  return persons;
}

// In the scenario's segments (the start-age groups summed: models/age.hpp). `persons`: from
// persons_of(model, mode, key).
engine::Trace simulate_trace(const Scenario& s, const engine::CompiledModel& model, int a, Mode mode, engine::RunKey key,
                             int threads, const engine::ExpandedPersons* persons) {
  if (mode == Mode::cohort) {
    engine::Trace tr = engine::cohort_trace(model, a);
    for (auto* v : {&tr.occupancy, &tr.transitions, &tr.entries})
      for (auto& x : *v) x *= model.person_weight;
    return scenario_trace(s, std::move(tr));
  }
  engine::Counts counts = engine::simulate(model, a, key, *persons, {threads, &g_interrupt});
  if (interrupt_requested()) throw Interrupted();  // the counts are incomplete
  return scenario_trace(s, engine::to_trace(counts, model.person_weight));
}

void check_transfers(const engine::Valued& v, const std::string& alternative) {
  double scale = 1.0;
  for (double x : v.money) scale = std::max(scale, std::abs(x));
  if (transfer_imbalance(v) > 1e-12 * scale * static_cast<double>(v.money.size()))
    throw std::logic_error("transfers do not sum to zero across stakeholders (alternative " + alternative + ")");
}

// One PSA iteration: draw, instantiate, compile, and for every alternative simulate and value.
// `persons`: the calling thread's persons of its previous iteration (null at first), replaced by
// this iteration's: the PSA's draws rarely change the population, so only the keys are made again.
IterationSummary run_iteration(const Scenario& s, const RunOptions& opt, std::uint64_t seed, std::uint32_t k,
                               double rate, std::shared_ptr<const engine::ExpandedPersons>& persons) {
  const Scenario drawn = instantiate(s, draw_parameters(s, seed, k));
  const engine::CompiledModel model = compile_model(drawn, {opt.persons});
  IterationSummary it;
  persons = persons_of(model, opt.mode, {seed, k}, std::move(persons));
  for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
    const engine::Trace tr = simulate_trace(drawn, model, a, opt.mode, {seed, k}, 1, persons.get());
    const engine::Valued v = engine::value(valuation_plan(drawn, a, rate), tr);
    check_transfers(v, drawn.alternatives[static_cast<std::size_t>(a)].id);
    it.alternatives.push_back(summarise(drawn, v));
  }
  return it;
}

// A test-only hook (docs/cluster.md): MKBA_TEST_FAIL_RANK=r makes rank r (0 without MPI) fail in
// PSA iteration MKBA_TEST_FAIL_ITERATION (1-based; default: every iteration it computes), by
// throwing an internal error (MKBA_TEST_FAIL_MODE=throw, the default), an input error (input), or
// by ending the process at once as if killed (exit).
struct TestFailure {
  enum class How { none, internal, input, exit };
  How how = How::none;
  int iteration = 0;  // 0: every iteration

  static TestFailure from_environment(int rank) {
    TestFailure f;
    const char* r = std::getenv("MKBA_TEST_FAIL_RANK");
    if (!r || *r == 0 || std::atoi(r) != rank) return f;
    const char* it = std::getenv("MKBA_TEST_FAIL_ITERATION");
    f.iteration = it ? std::atoi(it) : 0;
    const std::string mode = std::getenv("MKBA_TEST_FAIL_MODE") ? std::getenv("MKBA_TEST_FAIL_MODE") : "throw";
    f.how = mode == "input" ? How::input : mode == "exit" ? How::exit : How::internal;
    return f;
  }
  void maybe_fail(int iteration_1based) const {
    if (how == How::none || (iteration != 0 && iteration != iteration_1based)) return;
    const std::string what = "test failure injected by MKBA_TEST_FAIL_RANK in PSA iteration " + std::to_string(iteration_1based);
    if (how == How::exit) std::_Exit(3);
    if (how == How::input) throw mkba::Error(what);
    throw std::runtime_error(what);
  }
};

// Serialisation of iteration summaries for the gather to rank 0: raw bytes of the doubles, so the
// values arrive bit for bit. Ranks of one job run the same binary on the same kind of machine.
class Writer {
 public:
  template <class T>
  void put(const T& x) {
    const auto* p = reinterpret_cast<const std::byte*>(&x);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  void put(const std::vector<double>& v) {
    put(static_cast<std::uint64_t>(v.size()));
    const auto* p = reinterpret_cast<const std::byte*>(v.data());
    bytes.insert(bytes.end(), p, p + v.size() * sizeof(double));
  }
  void put(const std::string& text) {
    put(static_cast<std::uint64_t>(text.size()));
    const auto* p = reinterpret_cast<const std::byte*>(text.data());
    bytes.insert(bytes.end(), p, p + text.size());
  }
  std::vector<std::byte> bytes;
};

class Reader {
 public:
  explicit Reader(const std::vector<std::byte>& b) : bytes_(b) {}
  bool done() const { return pos_ == bytes_.size(); }
  template <class T>
  T get() {
    T x;
    std::memcpy(&x, take(sizeof(T)), sizeof(T));
    return x;
  }
  std::vector<double> get_doubles() {
    std::vector<double> v(static_cast<std::size_t>(get<std::uint64_t>()));
    if (!v.empty()) std::memcpy(v.data(), take(v.size() * sizeof(double)), v.size() * sizeof(double));
    return v;
  }
  std::string get_string() {
    const auto n = static_cast<std::size_t>(get<std::uint64_t>());
    const auto* p = reinterpret_cast<const char*>(take(n));
    return std::string(p, n);
  }

 private:
  const std::byte* take(std::size_t n) {
    if (bytes_.size() - pos_ < n) throw std::logic_error("gathered PSA summaries are truncated");
    const std::byte* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  const std::vector<std::byte>& bytes_;
  std::size_t pos_ = 0;
};

// Ranks other than 0 send the iterations they computed (summary or failure); rank 0 puts each in
// its slot, so the order in result.psa is the iteration order whoever computed what.
void gather_iterations(RunResult& result, std::vector<std::exception_ptr>& errors, const std::vector<char>& mine) {
  Writer w;
  if (distribute::rank() != 0)
    for (std::size_t k = 0; k < mine.size(); ++k) {
      if (!mine[k]) continue;
      w.put(static_cast<std::uint32_t>(k));
      if (errors[k]) {
        w.put(std::uint8_t{1});
        w.put(static_cast<std::int32_t>(distribute::exit_code_of(errors[k])));
        w.put(distribute::message_of(errors[k]));
        continue;
      }
      w.put(std::uint8_t{0});
      w.put(static_cast<std::uint32_t>(result.psa[k].alternatives.size()));
      for (const auto& a : result.psa[k].alternatives) {
        w.put(a.ncw);
        w.put(a.real_items);
        w.put(a.outcomes);
        w.put(a.society_by_year);
        w.put(a.segment_ncw);
        w.put(a.segment_outcomes);
      }
      result.psa[k] = {};  // only rank 0 keeps summaries
    }
  const auto all = distribute::gather(w.bytes);
  for (std::size_t r = 1; r < all.size(); ++r) {
    Reader in(all[r]);
    while (!in.done()) {
      const auto k = static_cast<std::size_t>(in.get<std::uint32_t>());
      if (k >= result.psa.size()) throw std::logic_error("gathered PSA iteration out of range");
      if (in.get<std::uint8_t>() != 0) {
        const int code = in.get<std::int32_t>();
        const std::string what =
            "rank " + std::to_string(r) + ", PSA iteration " + std::to_string(k + 1) + ": " + in.get_string();
        errors[k] = code == 2 ? std::make_exception_ptr(mkba::Error(what)) : std::make_exception_ptr(std::runtime_error(what));
        continue;
      }
      IterationSummary it;
      it.alternatives.resize(in.get<std::uint32_t>());
      for (auto& a : it.alternatives) {
        a.ncw = in.get_doubles();
        a.real_items = in.get_doubles();
        a.outcomes = in.get_doubles();
        a.society_by_year = in.get_doubles();
        a.segment_ncw = in.get_doubles();
        a.segment_outcomes = in.get_doubles();
      }
      result.psa[k] = std::move(it);
    }
  }
}

}  // namespace

AlternativeSummary summarise(const Scenario& s, const engine::Valued& v, int gemeente) {
  AlternativeSummary out;
  out.ncw.assign(static_cast<std::size_t>(v.n_stakeholders) * v.n_categories, 0.0);
  out.outcomes.assign(static_cast<std::size_t>(v.n_outcomes), 0.0);
  const int months = s.time.months_per_cycle;
  out.society_by_year.assign(static_cast<std::size_t>(s.time.horizon_years), 0.0);
  const std::vector<double> by_cycle = society_by_cycle(v, gemeente);  // over_time.hpp: one definition
  for (int t = 0; t < v.n_cycles; ++t) out.society_by_year[static_cast<std::size_t>(t * months / 12)] += by_cycle[static_cast<std::size_t>(t)];
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g) {
      if (gemeente >= 0 && g != gemeente) continue;
      for (int sh = 0; sh < v.n_stakeholders; ++sh)
        for (int c = 0; c < v.n_categories; ++c) out.ncw[static_cast<std::size_t>(sh) * v.n_categories + c] += v.money[v.money_index(t, g, sh, c)];
      for (int o = 0; o < v.n_outcomes; ++o)
        out.outcomes[static_cast<std::size_t>(o)] += v.outcomes[(static_cast<std::size_t>(t) * v.n_gemeenten + g) * v.n_outcomes + o];
    }
  if (gemeente >= 0) return out;  // segments and items are kept for the region only
  out.segment_ncw.assign(static_cast<std::size_t>(v.n_segments) * v.n_stakeholders, 0.0);
  for (int seg = 0; seg < v.n_segments; ++seg)
    for (int sh = 0; sh < v.n_stakeholders; ++sh)
      for (int c = 0; c < v.n_categories; ++c)
        out.segment_ncw[static_cast<std::size_t>(seg) * v.n_stakeholders + sh] += v.segment_money[v.segment_index(seg, sh, c)];
  out.segment_outcomes = v.segment_outcomes;
  for (std::size_t i = 0; i < s.effects.size(); ++i)
    out.real_items.push_back(!s.effects[i].item.transfer && s.effects[i].item.outcome < 0 ? v.item_total[i] : 0.0);
  return out;
}

RunResult run(const Scenario& s, const RunOptions& opt) {
  if (opt.mode == Mode::cohort && s.rescreening)
    throw UsageError("--mode cohort cannot express rescreening (segments follow each person's ZRM scores); "
                     "use the microsimulation, or --set rescreening=null");
  if (opt.mode == Mode::cohort)
    for (const auto& alt : s.alternatives)
      if (!alt.capacities.empty())
        throw UsageError("--mode cohort cannot express capacity-limited states (alternative '" + alt.id +
                         "'): people interact through the waiting list; use the microsimulation");
  const double rate = opt.discount_rate.value_or(s.discount_rate);
  const int n_ranks = distribute::size();
  const int my_rank = distribute::rank();
  RunResult result;
  result.seed = opt.seed.value_or(s.seed);
  result.mode = opt.mode;
  result.threads = std::max(1, opt.threads);
  // The base case: every parameter at its base value; random streams of iteration 0. Computed by
  // rank 0 alone (the other ranks start on their PSA iterations); a failure there ends every rank.
  std::exception_ptr base_error;
  if (my_rank == 0) {
    try {
      const engine::CompiledModel model = compile_model(s, {opt.persons});
      result.simulated_persons = model.simulated_persons();
      result.person_weight = model.person_weight;
      const auto persons = persons_of(model, opt.mode, {result.seed, 0});
      for (int a = 0; a < static_cast<int>(model.alternatives.size()); ++a) {
        AlternativeResult alt;
        alt.id = s.alternatives[static_cast<std::size_t>(a)].id;
        alt.label = s.alternatives[static_cast<std::size_t>(a)].label;
        alt.trace = simulate_trace(s, model, a, opt.mode, {result.seed, 0}, result.threads, persons.get());
        alt.valued = engine::value(valuation_plan(s, a, rate), alt.trace);
        check_transfers(alt.valued, alt.id);
        result.alternatives.push_back(std::move(alt));
        if (opt.base_progress) opt.base_progress(a + 1, static_cast<int>(model.alternatives.size()));
      }
    } catch (...) {
      base_error = std::current_exception();
    }
  }
  if (n_ranks == 1 && base_error) std::rethrow_exception(base_error);
  // PSA iterations 1..K, in parallel over iterations (threads, and MPI ranks); each result lands in
  // its own slot, so the outcome depends neither on the number of threads nor on that of ranks.
  const int K = opt.iterations.value_or(s.iterations);
  if (K <= 1) {
    distribute::agree(base_error);  // collective under MPI; rethrows without
    return result;
  }
  result.psa.resize(static_cast<std::size_t>(K));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(K));
  std::vector<char> mine(static_cast<std::size_t>(K), 0);  // computed on this rank
  const TestFailure fail = TestFailure::from_environment(my_rank);
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  // `persons`: the calling thread's (run_iteration).
  auto compute = [&](int k, std::shared_ptr<const engine::ExpandedPersons>& persons) {
    try {
      if (interrupt_requested()) throw Interrupted();
      fail.maybe_fail(k + 1);
      result.psa[static_cast<std::size_t>(k)] =
          run_iteration(s, opt, result.seed, static_cast<std::uint32_t>(k + 1), rate, persons);
    } catch (...) {
      persons.reset();  // perhaps incomplete
      errors[static_cast<std::size_t>(k)] = std::current_exception();
    }
    mine[static_cast<std::size_t>(k)] = 1;
    const int finished = ++done;
    // After an interruption the remaining iterations are skipped, not done: no progress for them.
    if (opt.progress && !interrupt_requested()) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      opt.progress(finished, K);
    }
  };
  // Threads of this rank take iterations from `next` until it reaches `last`.
  auto run_threads = [&](std::atomic<int>& next, int last, int n_threads) {
    auto worker = [&] {
      std::shared_ptr<const engine::ExpandedPersons> persons;
      for (int k; (k = next.fetch_add(1)) < last;) compute(k, persons);
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < n_threads; ++w) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
  };
  if (n_ranks == 1) {
    std::atomic<int> next{0};
    run_threads(next, K, std::min(result.threads, K));
  } else if (opt.schedule == Schedule::static_blocks) {
    // K + 1 runs of about the same cost, the base case (rank 0's, first) and iterations 1..K, in
    // contiguous blocks: rank r does runs [(K + 1) r / P, (K + 1) (r + 1) / P), so rank 0 does one
    // iteration fewer than the others rather than finishing a base case after them. Rank 0 skips
    // its block when the base case failed.
    const auto run_bound = [&](int r) { return static_cast<int>(static_cast<std::int64_t>(K + 1) * r / n_ranks); };
    const int first = std::max(run_bound(my_rank), 1) - 1;  // run j >= 1 is iteration j, slot j - 1
    const int last = base_error ? first : run_bound(my_rank + 1) - 1;
    std::atomic<int> next{first};
    if (last > first) run_threads(next, last, std::min(result.threads, last - first));
  } else if (my_rank == 0) {
    // Dynamic: rank 0's threads and the other ranks' requests draw from one counter; this thread
    // answers the requests (and is the only one here to talk MPI).
    std::atomic<int> next{base_error ? K : 0};
    std::vector<std::thread> pool;
    for (int w = 0; w < std::min(result.threads, K); ++w) pool.emplace_back([&] {
      std::shared_ptr<const engine::ExpandedPersons> persons;
      for (int k; (k = next.fetch_add(1)) < K;) compute(k, persons);
    });
    distribute::serve_blocks(next, K);
    for (auto& th : pool) th.join();
  } else {
    for (;;) {
      const auto [first, last] = distribute::request_block(result.threads, K);
      if (first >= last) break;
      std::atomic<int> next{first};
      run_threads(next, last, std::min(result.threads, last - first));
    }
  }
  if (n_ranks > 1) {
    // Every rank's iterations to rank 0, in iteration order; then one collective verdict: rank 0
    // throws the first failure (base case, else the lowest iteration), the other ranks
    // ReportedElsewhere.
    gather_iterations(result, errors, mine);
    std::exception_ptr first = base_error;
    for (const auto& e : errors)
      if (!first && e) first = e;
    distribute::agree(my_rank == 0 ? first : nullptr);
    return result;
  }
  if (interrupt_requested()) throw Interrupted();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);  // the lowest failing iteration, whatever thread ran it
  return result;
}

std::vector<double> ncw_per_stakeholder(const engine::Valued& v) {
  std::vector<double> out(static_cast<std::size_t>(v.n_stakeholders), 0.0);
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g)
      for (int sh = 0; sh < v.n_stakeholders; ++sh)
        for (int c = 0; c < v.n_categories; ++c) out[static_cast<std::size_t>(sh)] += v.money[v.money_index(t, g, sh, c)];
  return out;
}

double ncw_society(const engine::Valued& v) {
  double sum = 0;
  for (double x : ncw_per_stakeholder(v)) sum += x;
  return sum;
}

double transfer_imbalance(const engine::Valued& v) {
  double worst = 0;
  for (double x : v.transfers) worst = std::max(worst, std::abs(x));
  return worst;
}

}  // namespace mkba::analysis
