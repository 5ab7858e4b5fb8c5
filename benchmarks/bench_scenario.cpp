// Benchmark driver for a scenario file's kernel path (issue 22; see benchmarks/README.md). Not a test.
//
// Loads a scenario (e.g. the shipped scenarios/default.yaml: segments x duration bands,
// rescreening, inflow, two alternatives), compiles it for --persons simulated persons at the start
// (inflow scaled), and times engine::simulate of every alternative for K iterations (parameters at
// their base values, iteration keys 1..K), threads over iterations as the run plan does. As `mkba
// run` does (analysis/src/run.cpp), each iteration expands its persons once and simulates every
// alternative from a copy of them; --expand-per-call expands them again for every simulate() call,
// as this benchmark did until issue 22's ninth round (for comparison with the earlier rounds).
// Person-months are counted exactly (the persons present in each cycle, summed), so the figures
// compare with bench_kernel's workload W in the same units.
//
//   bench_scenario SCENARIO [--persons N] [--iterations K] [--threads N] [--repeat R] [--expand-per-call]
//                  [--set path=value]...
#include <mkba/engine/expanded.hpp>
#include <mkba/engine/heap.hpp>
#include <mkba/engine/microsim.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/load.hpp>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>
#include <vector>

using namespace mkba;

namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
double cpu_seconds() {  // CPU time of the whole process (all threads)
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}
std::string load_average() {  // the 1-minute load average, recorded next to every figure
  std::FILE* f = std::fopen("/proc/loadavg", "r");
  if (!f) return "?";
  char buf[64] = {};
  const bool ok = std::fscanf(f, "%63s", buf) == 1;
  std::fclose(f);
  return ok ? buf : "?";
}
}  // namespace

int main(int argc, char** argv) try {
  mkba::engine::keep_freed_memory();  // as mkba does: the same heap settings for the same timings
  std::string path;
  std::int64_t persons = 100000;
  int iterations = 4, threads = 1, repeat = 3;
  bool per_call = false;
  std::vector<Override> overrides;
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
    else if (a == "--iterations") iterations = std::atoi(next());
    else if (a == "--threads") threads = std::atoi(next());
    else if (a == "--repeat") repeat = std::atoi(next());
    else if (a == "--expand-per-call") per_call = true;
    else if (a == "--set") overrides.push_back(parse_override(next()));
    else if (!a.empty() && a[0] != '-' && path.empty()) path = a;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: bench_scenario SCENARIO [--persons N] [--iterations K] [--threads N] [--repeat R] [--expand-per-call] [--set p=v]\n");
    return 2;
  }
  const Scenario s = load_scenario(path, overrides);
  const engine::CompiledModel m = compile_model(s, {persons});
  const int A = static_cast<int>(m.alternatives.size());
  // Person-months of one simulate() call: the persons present in each cycle.
  // and a fingerprint of every alternative's counts (iteration 1), to compare two builds' results.
  double pm_call = 0;
  std::uint64_t fingerprint = 1469598103934665603ull;
  {
    const auto c = engine::simulate(m, 0, {s.seed, 0}, {1});
    for (int t = 0; t < m.n_cycles; ++t) pm_call += static_cast<double>(c.total(t));
    for (int a = 0; a < A; ++a) {
      const auto ca = engine::simulate(m, a, {s.seed, 1}, {1});
      for (const auto* v : {&ca.transitions, &ca.occupancy})
        for (const std::int64_t x : *v) fingerprint = (fingerprint ^ static_cast<std::uint64_t>(x)) * 1099511628211ull;
    }
  }
  std::vector<double> wall, cpu;
  for (int rep = 0; rep < repeat; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    std::atomic<int> next{0};
    auto worker = [&] {
      if (per_call) {
        for (int k; (k = next.fetch_add(1)) < iterations * A;)
          (void)engine::simulate(m, k % A, {s.seed, static_cast<std::uint32_t>(1 + k / A)}, {1});
        return;
      }
      // As mkba's PSA: each thread's persons of its previous iteration are made again for the next
      // key (only the keys change when the population does not).
      std::shared_ptr<const engine::ExpandedPersons> expanded;
      for (int k; (k = next.fetch_add(1)) < iterations;) {
        const engine::RunKey key{s.seed, static_cast<std::uint32_t>(1 + k)};
        expanded = engine::expand_persons(m, key, nullptr, std::move(expanded));
        for (int a = 0; a < A; ++a) (void)engine::simulate(m, a, key, *expanded, {1});
      }
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < threads; ++w) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(cpu_seconds() - c0);
  }
  const double pm = pm_call * iterations * A;
  const double w = median(wall), c = median(cpu), cmin = *std::min_element(cpu.begin(), cpu.end());
  std::printf("scenario %s persons=%lld (%lld with inflow) states=%d segments=%d bands=%d gemeenten=%d rescreening=%s "
              "alternatives=%d iterations=%d threads=%d repeat=%d expand=%s:\n"
              "  %.3f M person-months per simulate() call, %.0f M in all; wall median %.3f s: %.1f M person-months/s\n"
              "  CPU median %.3f s: %.1f M person-months per CPU-second (per core)\n"
              "  CPU min %.3f s: %.1f M person-months per CPU-second (best of %d)\n"
              "  peak RSS %ld KiB  counts fingerprint %016llx  load %s\n",
              path.c_str(), static_cast<long long>(persons), static_cast<long long>(m.simulated_persons()), m.n_states,
              m.n_segments, m.n_bands, m.n_gemeenten, m.rescreening ? "yes" : "no", A, iterations, threads, repeat, per_call ? "per-call" : "per-iteration",
              pm_call * 1e-6, pm * 1e-6, w, pm / w * 1e-6, c, pm / c * 1e-6, cmin, pm / cmin * 1e-6, repeat, peak_rss_kib(),
              static_cast<unsigned long long>(fingerprint), load_average().c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_scenario: %s\n", e.what());
  return 2;
}
