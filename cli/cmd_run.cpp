#include "commands.hpp"

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/memory.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/analysis/plausibility.hpp>
#include <mkba/report/plausibility_report.hpp>
#include <mkba/report/accounting_report.hpp>
#include <mkba/report/per_period.hpp>
#include <mkba/report/occupancy.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/psa_summary.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/summary.hpp>

#include <fmt/format.h>

#include <sched.h>

#include <chrono>
#include <cstdio>
#include <unistd.h>
#include <exception>
#include <optional>
#include <filesystem>
#include <memory>
#include <thread>

namespace mkba::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> persons;
  int threads = 0;
  std::string mode = "microsim";
  std::string schedule = "static";
  std::optional<int> iterations;
  std::vector<std::string> sets;
  bool quiet = false;
  bool no_report = false;
  bool tornado = false;
  std::string max_memory;
  std::string lang = "nl";
};

// Default --threads: all cores; under MPI with several ranks, the cores this rank may run on (its
// affinity mask: mpirun --bind-to, srun --cpus-per-task), so ranks on one node do not oversubscribe.
int default_threads() {
  if (analysis::distribute::size() > 1) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int run(const RunArgs& a) {
  const std::string file = a.scenario.empty() ? default_scenario() : a.scenario;
  // Under MPI every rank loads the scenario; agree() turns a failure on any rank into one message
  // from rank 0 (a no-op in one process).
  std::optional<Scenario> loaded;
  std::exception_ptr load_error;
  try {
    std::vector<Override> overrides;
    for (const auto& s : a.sets) overrides.push_back(parse_override(s));
    loaded.emplace(load_scenario(file, overrides));
  } catch (...) {
    load_error = std::current_exception();
  }
  analysis::distribute::agree(load_error);
  const Scenario& scenario = *loaded;

  analysis::RunOptions opt;
  opt.mode = a.mode == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
  opt.seed = a.seed;
  opt.persons = a.persons;
  opt.iterations = a.iterations;
  opt.schedule = a.schedule == "dynamic" ? analysis::Schedule::dynamic : analysis::Schedule::static_blocks;
  opt.threads = a.threads > 0 ? a.threads : default_threads();
  // Input errors that run() finds before any MPI communication (option checks) are thrown alike on
  // every rank: agree() makes rank 0 alone report them. Failures inside the run are agreed already.
  // Refuse a run that would not fit before it starts.
  const std::uint64_t budget = a.max_memory.empty() ? analysis::default_memory_budget()
                                                    : analysis::parse_memory(a.max_memory);
  const auto need = analysis::estimate_memory(scenario, opt);
  if (need.bytes > budget)
    throw UsageError(fmt::format("the run needs an estimated {:.2f} GiB ({} simulated persons, {} threads), more "
                                 "than the memory budget of {:.2f} GiB; lower --persons or --threads, or raise "
                                 "--max-memory", static_cast<double>(need.bytes) / (1ull << 30), need.persons,
                                 opt.threads, static_cast<double>(budget) / (1ull << 30)));
  // Progress on stderr only when it is a terminal (and not --quiet): iterations, rate, time left.
  const auto started = std::chrono::steady_clock::now();
  if (!a.quiet && isatty(fileno(stderr)) && analysis::distribute::rank() == 0)
    opt.progress = [started](int done, int total) {
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const double rate = done / std::max(secs, 1e-9);
      std::fprintf(stderr, "\r  PSA: %d/%d iteraties, %.1f per s, nog %.0f s   %s", done, total, rate,
                   (total - done) / std::max(rate, 1e-9), done == total ? "\n" : "");
    };
  std::optional<analysis::RunResult> ran;
  try {
    ran.emplace(analysis::run(scenario, opt));
  } catch (const mkba::Error&) {
    if (analysis::distribute::size() == 1 || analysis::distribute::failure_agreed()) throw;
    analysis::distribute::agree(std::current_exception());
  }
  const analysis::RunResult& result = *ran;
  // One-way runs are collective under MPI: every rank takes part, rank 0 keeps the bars.
  const auto tornado = a.tornado ? analysis::one_way(scenario, opt) : std::vector<analysis::TornadoBar>{};
  if (analysis::distribute::rank() != 0) return 0;  // rank 0 alone reports and writes
  const auto rate_variants = analysis::discount_variants(scenario, result);

  const std::string out = !a.out.empty() ? a.out
                          : (std::filesystem::path("out") / std::filesystem::path(file).stem()).string();
  std::vector<report::OutputFile> files{{"summary.csv", report::summary_csv(scenario, result)},
                                        {"summary.md", report::summary_markdown(scenario, result)},
                                        {"bezetting.csv", report::occupancy_csv(scenario, result)}};
  // Results per kwadrant (segment), in the same all-or-nothing step as every other file.
  const auto segments = analysis::per_segment(scenario, result);
  files.push_back({"per-kwadrant.csv", report::per_kwadrant_csv(scenario, segments)});
  files.push_back({"per-periode.csv", report::per_period_csv(scenario, result)});
  const auto plausible = analysis::plausibility(scenario, result);
  files.push_back({"plausibiliteit.csv", report::plausibility_csv(scenario, plausible)});
  std::string psa_text;
  std::optional<analysis::PsaIndicators> indicators;
  if (!result.psa.empty()) {
    indicators = analysis::psa_indicators(scenario, result);
    files.push_back({"psa.csv", report::psa_csv(scenario, result, *indicators)});
    psa_text = report::psa_table(scenario, result, *indicators);
  }
  if (!rate_variants.empty() || !tornado.empty())
    files.push_back({"gevoeligheid.csv", report::sensitivity_csv(scenario, rate_variants, tornado)});
  if (!a.no_report) {
    // The semester report (HTML, bijlagen per gemeente, XLSX, manifest) next to the summaries,
    // written in the same all-or-nothing step.
    report::ReportOptions ro;
    ro.threads = opt.threads;
    ro.lang = report::parse_lang(a.lang);
    if (a.tornado) ro.tornado = tornado;
    for (auto& f : report::report_files(scenario, result, ro)) files.push_back(std::move(f));
  }
  report::write_all(out, files);
  std::string names;
  for (const auto& f : files)
    if (f.name.find('/') == std::string::npos) names += (names.empty() ? "" : ", ") + f.name;
  std::fputs(fmt::format("{}\n", scenario.name).c_str(), stdout);
  std::fputs(report::summary_table(scenario, result).c_str(), stdout);
  std::fputs(report::verdeling_by_category_table(scenario, result, indicators ? &*indicators : nullptr).c_str(), stdout);
  std::fputs(report::per_candidate_table(scenario, analysis::per_candidate(scenario, result)).c_str(), stdout);
  std::fputs(report::per_kwadrant_table(scenario, segments).c_str(), stdout);
  std::fputs(report::plausibility_table(scenario, plausible).c_str(), stdout);
  for (const auto& w : scenario.warnings) std::fputs(fmt::format("waarschuwing: {}\n", w).c_str(), stdout);
  std::fputs(psa_text.c_str(), stdout);
  std::fputs(report::sensitivity_table(scenario, rate_variants, tornado).c_str(), stdout);
  std::fputs(fmt::format("\nResultaten geschreven naar {}/ ({})\n", out, names).c_str(), stdout);
  return 0;
}

}  // namespace

void add_run(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario: simulate, value, print the NCW table and write results");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML); default: the shipped scenarios/default.yaml");
  cmd->add_option("--out", args->out, "Output directory (default: out/<scenario name>)");
  cmd->add_option("--seed", args->seed, "Random seed (default: the scenario's simulation.seed)");
  cmd->add_option("--persons", args->persons, "Simulated persons at the start (default: the caseload itself)")
      ->check(CLI::Range(static_cast<std::int64_t>(1), static_cast<std::int64_t>(100000000)));
  cmd->add_option("--threads", args->threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--iterations", args->iterations,
                  "PSA iterations (default: the scenario's simulation.iterations; 1 = base case only)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--mode", args->mode, "microsim (Monte Carlo) or cohort (expected Markov trace)")
      ->check(CLI::IsMember({"microsim", "cohort"}));
  cmd->add_option("--schedule", args->schedule,
                  "Under MPI: PSA iterations in static blocks per rank, or handed out dynamically "
                  "(for iterations of uneven cost); results do not depend on it")
      ->check(CLI::IsMember({"static", "dynamic"}));
  cmd->add_option("--set", args->sets, "What-if override path=value, e.g. --set discounting.rate=0.03");
  cmd->add_flag("--quiet", args->quiet, "No progress output");
  cmd->add_option("--max-memory", args->max_memory,
                  "Refuse the run if its estimated memory exceeds this (e.g. 4G, 512M; default: half the RAM)");
  cmd->add_flag("--tornado", args->tornado,
                 "One-way sensitivity: every uncertain parameter at its P5 and P95, the others at base");
  cmd->add_option("--lang", args->lang, "Language of the report (rapport.html, bijlagen): nl (default) or en")
      ->check(CLI::IsMember({"nl", "en"}));
  cmd->add_flag("--no-report", args->no_report, "Only the summaries (no rapport.html, bijlagen, XLSX, manifest)");
  cmd->callback([args, &commands] { commands.selected = [args] { return run(*args); }; });
}

}  // namespace mkba::cli
