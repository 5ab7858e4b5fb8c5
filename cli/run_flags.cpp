#include "run_flags.hpp"

#include "commands.hpp"

#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/memory.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/run_report.hpp>

#include <fmt/format.h>

#include <filesystem>

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace mkba::cli {

const CLI::Validator& finite_number() {
  static const CLI::Validator v(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double x = std::strtod(text.c_str(), &end);
        if (end == text.c_str()) return {};  // not a number: the option's own conversion says so
        if (!std::isfinite(x)) return "expected a finite number, found '" + text + "'";
        return {};
      },
      "FINITE");
  return v;
}

void add_run_flags(CLI::App* cmd, RunFlags& f, Writes writes, const std::string& out_help) {
  cmd->add_option("--out", f.out, out_help);
  cmd->add_option("--seed", f.seed, "Random seed (default: the scenario's simulation.seed)");
  cmd->add_option("--persons", f.persons, "Simulated persons at the start (default: the scenario's simulation.persons, else the caseload itself)")
      ->check(CLI::Range(static_cast<std::int64_t>(1), static_cast<std::int64_t>(100000000)));
  cmd->add_option("--threads", f.threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--iterations", f.iterations,
                  "PSA iterations (default: the scenario's simulation.iterations; 1 = base case only, no intervals)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--mode", f.mode, "microsim (Monte Carlo) or cohort (expected Markov trace)")
      ->check(CLI::IsMember({"microsim", "cohort"}));
  cmd->add_option("--realisatie", f.realisatie,
                  "Realised months (CSV, docs/data-formats.md): the projection starts after the last one, from its "
                  "stand (default: the scenario's meta.realisatie)");
  cmd->add_option("--set", f.sets, "What-if override path=value, e.g. --set discounting.rate=0.03 (repeatable)");
  cmd->add_option("--max-memory", f.max_memory,
                  "Refuse the run if its estimated memory exceeds this (e.g. 4G, 512M; default: half the RAM)");
  cmd->add_flag("--quiet,-q", f.quiet, "No progress or notes on stderr (errors still)");
  cmd->add_flag("--verbose,-v", f.verbose, "Also the run's settings and each stage's duration on stderr");
  cmd->add_flag("--progress", f.progress,
                "Progress on stderr even when it is not a terminal (by default only on a terminal)");
  cmd->get_option("--quiet")->excludes(cmd->get_option("--verbose"));
  cmd->get_option("--quiet")->excludes(cmd->get_option("--progress"));
  cmd->add_option("--lang", f.lang,
                  writes == Writes::report ? "Language of the report and number style of the console: nl (default) or en"
                                           : "Number style of the console: nl (default) or en")
      ->check(CLI::IsMember({"nl", "en"}));
  if (writes == Writes::report) {
    cmd->add_flag("--tornado,!--no-tornado", f.tornado,
                  "One-way sensitivity (tornado): every uncertain parameter at its P5 and P95, two base-case "
                  "runs each (default: off, --no-tornado)");
  }
  // Every command that publishes numbers protects them alike (compare too: its cells are the report's).
  add_threshold_flag(cmd, f.threshold, f.unprotected);
}

void add_threshold_flag(CLI::App* cmd, double& threshold, bool& unprotected) {
  const CLI::Validator at_least_one(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double x = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || x >= 1) return {};  // not a number: the option's own conversion says so
        return fmt::format("{} would switch the disclosure control off; internal output without it is asked for "
                           "explicitly with --onbeschermd (--unprotected), which writes into a subfolder {}/",
                           text, kUnprotectedFolder);
      },
      ">=1");
  CLI::Option* t = cmd->add_option("--threshold", threshold,
                                   "Disclosure control: counts under it print \"<N\", money from fewer persons is hidden "
                                   "(default 10, at least 1)")
                       ->check(finite_number())
                       ->check(CLI::Range(0.0, 1e9))
                       ->check(at_least_one);
  cmd->add_flag_callback(
         "--onbeschermd,--unprotected",
         [&threshold, &unprotected] {
           unprotected = true;
           threshold = 0;
         },
         std::string("Internal output WITHOUT disclosure control (for a hypothetical cohort such as scenarios/examples/, "
                     "or checking): written into the subfolder ") +
             kUnprotectedFolder + "/ of the output folder; never publish it")
      ->excludes(t);
}

std::string publication_dir(const std::string& dir, bool unprotected) {
  if (!unprotected) return dir;
  std::string sub = (std::filesystem::path(dir) / kUnprotectedFolder).string();
  // Also under --quiet (it is not progress); under MPI once, by the rank that writes.
  if (analysis::distribute::rank() == 0)
    std::fputs(fmt::format("LET OP: --onbeschermd: geen onthullingscontrole; uitvoer alleen voor intern gebruik, in {}/ "
                           "(niet publiceren)\n",
                           sub)
                   .c_str(),
               stderr);
  return sub;
}

int default_threads() {
  if (analysis::distribute::size() > 1) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  }
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

Verbosity verbosity(const RunFlags& f) {
  if (f.quiet) return Verbosity::quiet;
  return f.verbose ? Verbosity::verbose : Verbosity::normal;
}

Progress make_progress(const RunFlags& f) {
  const Verbosity v = analysis::distribute::rank() == 0 ? verbosity(f) : Verbosity::quiet;
  return Progress(v, isatty(STDERR_FILENO) != 0, f.progress);
}

std::string scenario_file(const RunFlags& f) { return f.scenario.empty() ? default_scenario() : f.scenario; }

std::uint64_t memory_budget(const RunFlags& f) {
  return f.max_memory.empty() ? analysis::default_memory_budget() : analysis::parse_memory(f.max_memory);
}

Scenario load_with_overrides(const std::string& file, const RunFlags& f, const std::string& period) {
  std::vector<Override> overrides;
  for (const auto& s : f.sets) overrides.push_back(parse_override(s));
  // The memory budget also bounds reading a screening extract (checked from its size first).
  LoadLimits limits;
  limits.memory_budget = memory_budget(f);
  Scenario s = load_scenario(file, overrides, limits);
  const std::string realisatie = f.realisatie.empty() ? s.realisatie_file : f.realisatie;
  if (!realisatie.empty()) apply_realisatie_file(s, realisatie, period);
  return s;
}

std::string out_dir(const RunFlags& f, const std::string& file, const std::string& sub) {
  if (!f.out.empty()) return publication_dir(f.out, f.unprotected);
  auto dir = std::filesystem::path("out") / std::filesystem::path(file).stem();
  if (!sub.empty()) dir /= sub;
  return publication_dir(dir.string(), f.unprotected);
}

analysis::RunOptions run_options(const RunFlags& f) {
  analysis::RunOptions opt;
  opt.mode = f.mode == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
  opt.seed = f.seed;
  opt.persons = f.persons;
  opt.iterations = f.iterations;
  opt.threads = f.threads > 0 ? f.threads : default_threads();
  return opt;
}

void check_memory(const Scenario& s, const analysis::RunOptions& opt, const RunFlags& f) {
  const std::uint64_t budget = memory_budget(f);
  auto need = analysis::estimate_memory(s, opt);
  std::string what = "the run";
  if (f.tornado && has_uncertain_parameters(s)) {  // the tornado runs after the PSA, whose results stay
    need.bytes += analysis::estimate_tornado_memory(compile_model(s, {opt.persons}), analysis::one_way_simulates(s, opt),
                                                    analysis::one_way_bar_count(s), opt);
    what = "the run with --tornado";
  }
  if (need.bytes > budget)
    throw UsageError(fmt::format("{} needs an estimated {:.2f} GiB ({} simulated persons, {} threads), more "
                                 "than the memory budget of {:.2f} GiB; lower --persons or --threads, or raise "
                                 "--max-memory", what, static_cast<double>(need.bytes) / (1ull << 30), need.persons,
                                 opt.threads, static_cast<double>(budget) / (1ull << 30)));
}

void check_report_names(const Scenario& s) { report::check_gemeente_names(s); }

bool has_uncertain_parameters(const Scenario& s) { return analysis::one_way_bar_count(s) > 0; }

void attach_progress(analysis::RunOptions& opt, Progress& p) {
  if (!p.shown()) return;
  opt.base_progress = [&p](int done, int total) { p.update(done, total); };
  opt.progress = [&p](int done, int total) {
    if (p.stage() != "PSA") p.begin("PSA");
    p.update(done, total);
  };
}

void begin_base_run(const std::string& file, const Scenario& s, analysis::RunOptions& opt, const RunFlags& f, Progress& p) {
  check_memory(s, opt, f);
  p.end();
  p.note(fmt::format("{}: {} alternatieven, {} PSA-iteraties, {} threads", file, s.alternatives.size(),
                     opt.iterations.value_or(s.iterations), opt.threads));
  p.begin("basisrun");
  attach_progress(opt, p);
}

}  // namespace mkba::cli

namespace mkba::cli {

std::vector<analysis::TornadoBar> tornado_if_asked(const Scenario& s, const analysis::RunOptions& opt, const RunFlags& f,
                                                   Progress& p) {
  if (!f.tornado || !has_uncertain_parameters(s)) return {};
  p.begin("gevoeligheid");
  analysis::RunOptions one = opt;
  one.base_progress = nullptr;
  one.progress = p.shown() ? [&p](int done, int total) { p.update(done, total); } : std::function<void(int, int)>{};
  return analysis::one_way(s, one);
}

}  // namespace mkba::cli
