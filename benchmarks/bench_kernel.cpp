// Benchmark driver for workload W and W-PSA of issue 4 (see benchmarks/README.md). Not a test.
//
// It builds W directly as an engine::CompiledModel (no YAML), so it measures the engine alone:
//   W      N = 3,000 persons in uitkering, T = 120 months, one 5x5 monthly matrix; output the mean
//          discounted net benefit (benefit - cost) per person, start-of-month counting, 2.25 %.
//   W-PSA  K iterations; per iteration every row ~ Dirichlet(500 x row) and every monthly cost ~
//          gamma(shape 100, mean as given), drawn with PhiloxEngine + Boost.Random; each
//          iteration runs the kernel with its own iteration key and keeps one summary (a double).
// Threads work over iterations (each simulate() call single-threaded), as the run plan will;
// `--kernel-threads` instead gives one large simulate() call its threads (blocks of persons).
//
//   bench_kernel [--persons N] [--months T] [--iterations K] [--threads N] [--repeat R]
//                [--gemeenten G] [--segments S] [--bands B] [--capacity P] [--psa] [--kernel-threads]
//                [--cohort-check R]
// --capacity P limits beschut to P places in total (the capacity / waiting-list kernel).
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/discount.hpp>
#include <mkba/engine/heap.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/engine/rng.hpp>

#include <boost/random/gamma_distribution.hpp>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace mkba;

namespace {

constexpr int kStates = 5;
constexpr std::array<double, 25> kMatrix = {
    0.900, 0.060, 0.010,  0.010,  0.020,   //
    0.100, 0.780, 0.030,  0.050,  0.040,   //
    0.020, 0.005, 0.960,  0.005,  0.010,   //
    0.030, 0.005, 0.005,  0.920,  0.040,   //
    0.008, 0.001, 0.0005, 0.0005, 0.990};  //
constexpr std::array<double, 5> kCost = {1300, 1800, 2600, 1100, 50};
constexpr std::array<double, 5> kBenefit = {0, 150, 900, 1900, 2800};

// W itself with gemeenten = segments = 1. With more, the persons are spread evenly over the
// gemeente x segment cells and segment k gets its own matrix (W with the uitkering -> regulier
// probability times 1 + 0.25 k, taken from staying), so the kernel's per-segment path is used.
// With bands > 1, months in state matter: band b covers 6b .. 6b+5 months in state (the last band
// everything beyond), and band b multiplies the uitkering -> regulier probability by 1 - 0.2 b.
engine::CompiledModel w_model(std::int64_t persons, int months, int gemeenten = 1, int segments = 1,
                              int bands = 1) {
  engine::CompiledModel m;
  if (bands > 1) {
    m.n_bands = bands;
    m.band_of_duration.clear();
    for (int d = 0; d <= 6 * (bands - 1); ++d) m.band_of_duration.push_back(static_cast<std::uint8_t>(d / 6));
  }
  m.n_states = kStates;
  m.n_cycles = months;
  m.n_gemeenten = gemeenten;
  m.n_segments = segments;
  m.state_ids = {"uitkering", "traject", "beschut", "lks", "regulier"};
  m.absorbing.assign(kStates, 0);
  const std::int64_t cells = static_cast<std::int64_t>(gemeenten) * segments;
  for (std::int64_t c = 0; c < cells; ++c)
    m.population.push_back({static_cast<std::int32_t>(c / segments), static_cast<std::int32_t>(c % segments), 0, 0, 0,
                            persons / cells + (c < persons % cells ? 1 : 0)});
  engine::Alternative alt;
  alt.name = "nulalternatief";
  alt.transitions.n_matrices = segments * bands;
  for (int k = 0; k < segments; ++k)
    for (int b = 0; b < bands; ++b) {
      std::array<double, 25> p = kMatrix;
      p[4] *= (1 + 0.25 * k) * (1 - 0.2 * b);
      p[0] = 1 - p[1] - p[2] - p[3] - p[4];
      alt.transitions.probabilities.insert(alt.transitions.probabilities.end(), p.begin(), p.end());
    }
  for (int t = 0; t < months; ++t)
    for (int k = 0; k < segments * bands; ++k) alt.transitions.matrix_index.push_back(k);
  m.alternatives.push_back(std::move(alt));
  engine::check_model(m);
  return m;
}

struct Draw {
  std::vector<double> probabilities;
  std::array<double, 5> cost{};
};

// One PSA draw: rows ~ Dirichlet(500 x row) through gammas, costs ~ gamma(100, mean / 100).
Draw psa_draw(std::uint64_t seed, std::uint32_t iteration) {
  Draw d;
  d.probabilities.resize(kMatrix.size());
  for (int r = 0; r < kStates; ++r) {
    engine::PhiloxEngine eng(seed, iteration, engine::DrawKind::parameter, static_cast<std::uint32_t>(r));
    double sum = 0;
    for (int j = 0; j < kStates; ++j) {
      const double a = 500.0 * kMatrix[static_cast<std::size_t>(r * kStates + j)];
      const double g = boost::random::gamma_distribution<double>(a, 1.0)(eng);
      d.probabilities[static_cast<std::size_t>(r * kStates + j)] = g;
      sum += g;
    }
    for (int j = 0; j < kStates; ++j) d.probabilities[static_cast<std::size_t>(r * kStates + j)] /= sum;
  }
  engine::PhiloxEngine eng(seed, iteration, engine::DrawKind::parameter, 100);
  for (int s = 0; s < kStates; ++s)
    d.cost[static_cast<std::size_t>(s)] =
        boost::random::gamma_distribution<double>(100.0, kCost[static_cast<std::size_t>(s)] / 100.0)(eng);
  return d;
}

// Mean discounted net benefit per person from start-of-month occupancy [t][cell][state].
template <class Occ>
double net_benefit(const Occ& occupancy, const std::array<double, 5>& cost,
                   const std::vector<double>& disc, int months, double persons) {
  const std::size_t cells = occupancy.size() / (static_cast<std::size_t>(months + 1) * kStates);
  double sum = 0;
  for (int t = 0; t < months; ++t)
    for (std::size_t c = 0; c < cells; ++c)
      for (int s = 0; s < kStates; ++s)
        sum += static_cast<double>(occupancy[(static_cast<std::size_t>(t) * cells + c) * kStates + static_cast<std::size_t>(s)]) *
             (kBenefit[static_cast<std::size_t>(s)] - cost[static_cast<std::size_t>(s)]) *
             disc[static_cast<std::size_t>(t)];
  return sum / persons;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double cpu_seconds() {  // CPU time of the whole process (all threads): robust on a shared machine
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  mkba::engine::keep_freed_memory();  // as mkba does: the same heap settings for the same timings
  std::int64_t persons = 3000;
  int months = 120, iterations = 200, threads = 1, repeat = 5, cohort_reps = 0, gemeenten = 1, segments = 1,
      capacity = -1, bands = 1;
  bool psa = false, kernel_threads = false;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "missing value after %s\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--persons") persons = std::atoll(next());
    else if (a == "--months") months = std::atoi(next());
    else if (a == "--iterations") iterations = std::atoi(next());
    else if (a == "--threads") threads = std::atoi(next());
    else if (a == "--repeat") repeat = std::atoi(next());
    else if (a == "--seed") seed = std::strtoull(next(), nullptr, 10);
    else if (a == "--gemeenten") gemeenten = std::atoi(next());
    else if (a == "--segments") segments = std::atoi(next());
    else if (a == "--capacity") capacity = std::atoi(next());
    else if (a == "--bands") bands = std::atoi(next());
    else if (a == "--psa") psa = true;
    else if (a == "--kernel-threads") kernel_threads = true;
    else if (a == "--cohort-check") cohort_reps = std::atoi(next());
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (psa && (segments > 1 || bands > 1)) {
    std::fprintf(stderr, "--psa draws the W matrix: use it with --segments 1 --bands 1\n");
    return 2;
  }
  engine::CompiledModel base = w_model(persons, months, gemeenten, segments, bands);
  if (capacity >= 0) {
    // beschut (state 2) limited to `capacity` places in total: the waiting-list kernel.
    engine::Capacity c;
    c.state = 2;
    c.places.assign(static_cast<std::size_t>(months), capacity);
    base.alternatives[0].capacities.push_back(c);
    engine::check_model(base);
  }
  const auto disc = engine::discount_factors(0.0225, months, 1, 0.0);
  const std::array<double, 5> cost{kCost};

  if (cohort_reps > 0) {
    // Cohort check: the microsimulation mean over independent iterations vs the Markov trace.
    const auto tr = engine::cohort_trace(base, 0);
    const double cohort = net_benefit(tr.occupancy, cost, disc, months, static_cast<double>(persons));
    std::vector<double> nb(static_cast<std::size_t>(cohort_reps));
    for (int r = 0; r < cohort_reps; ++r) {
      const auto c = engine::simulate(base, 0, {seed, static_cast<std::uint32_t>(r)});
      nb[static_cast<std::size_t>(r)] = net_benefit(c.occupancy, cost, disc, months, static_cast<double>(persons));
    }
    double mean = 0, var = 0;
    for (double x : nb) mean += x;
    mean /= cohort_reps;
    for (double x : nb) var += (x - mean) * (x - mean);
    var /= std::max(1, cohort_reps - 1);
    const double se = std::sqrt(var / cohort_reps);
    std::printf("cohort check W: cohort %.2f  microsim (iteration 0) %.2f  microsim mean of %d iterations %.2f "
                "(SE %.2f, SD per iteration %.2f)  z = %.2f\n",
                cohort, nb[0], cohort_reps, mean, se, std::sqrt(var), (mean - cohort) / se);
    return 0;
  }

  std::vector<double> summary(static_cast<std::size_t>(iterations));
  std::vector<double> seconds, cpu;
  for (int rep = 0; rep < repeat; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    if (kernel_threads) {
      // One simulate() call per iteration, its threads over blocks of persons.
      for (int k = 0; k < iterations; ++k) {
        const auto c = engine::simulate(base, 0, {seed, static_cast<std::uint32_t>(k)}, {threads});
        summary[static_cast<std::size_t>(k)] =
            net_benefit(c.occupancy, cost, disc, months, static_cast<double>(persons));
      }
    } else {
      std::atomic<int> next_iteration{0};
      auto worker = [&] {
        engine::CompiledModel m = base;  // per thread: the drawn parameters go in here
        for (int k; (k = next_iteration.fetch_add(1)) < iterations;) {
          std::array<double, 5> c = cost;
          if (psa) {
            Draw d = psa_draw(seed, static_cast<std::uint32_t>(k));
            m.alternatives[0].transitions.probabilities = std::move(d.probabilities);
            c = d.cost;
          }
          const auto counts = engine::simulate(m, 0, {seed, static_cast<std::uint32_t>(k)}, {1});
          summary[static_cast<std::size_t>(k)] =
              net_benefit(counts.occupancy, c, disc, months, static_cast<double>(persons));
        }
      };
      if (threads <= 1) {
        worker();
      } else {
        std::vector<std::thread> pool;
        for (int w = 0; w < threads; ++w) pool.emplace_back(worker);
        for (auto& th : pool) th.join();
      }
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(cpu_seconds() - c0);
  }
  double mean = 0;
  for (double x : summary) mean += x;
  mean /= iterations;
  const double pm = static_cast<double>(persons) * months * iterations;
  const double med = median(seconds);
  const double best = *std::min_element(seconds.begin(), seconds.end());
  const double cpu_med = median(cpu), cpu_min = *std::min_element(cpu.begin(), cpu.end());
  double load = 0;  // the 1-minute load average, recorded next to the figure
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  std::printf("%s persons=%lld months=%d iterations=%d gemeenten=%d segments=%d threads=%d (%s) repeat=%d:\n"
              "  wall median %.4f s (best %.4f s): %.1f M person-months/s (best %.1f)\n"
              "  CPU median %.4f s: %.1f M person-months per CPU-second (per core)\n"
              "  CPU min %.4f s: %.1f M person-months per CPU-second (best of %d)\n"
              "  mean NB/person %.2f  peak RSS %ld KiB  load %.2f\n",
              psa ? "W-PSA" : "W", static_cast<long long>(persons), months, iterations, gemeenten, segments, threads,
              kernel_threads ? "threads over person blocks" : "threads over iterations", repeat, med, best,
              pm / med * 1e-6, pm / best * 1e-6, cpu_med, pm / cpu_med * 1e-6, cpu_min, pm / cpu_min * 1e-6, repeat,
              mean, peak_rss_kib(), load);
  return 0;
}
