// mkba report: run a scenario and write the full report (HTML, bijlagen as CSV/Markdown/XLSX,
// manifest.json) into one directory, all or nothing.
#include "commands.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/run_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <unistd.h>

namespace mkba::cli {
namespace {

struct ReportArgs {
  std::string scenario;
  std::string out;
  std::string period;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> persons;
  int threads = 0;
  std::string mode = "microsim";
  std::vector<std::string> sets;
  double threshold = 10;
  bool no_xlsx = false;
  bool quiet = false;
};

int report(const ReportArgs& a) {
  const std::string file = a.scenario.empty() ? default_scenario() : a.scenario;
  std::vector<Override> overrides;
  for (const auto& s : a.sets) overrides.push_back(parse_override(s));
  const Scenario scenario = load_scenario(file, overrides);
  // Progress only for a person watching: never into a pipe or a log.
  const bool progress = !a.quiet && isatty(STDERR_FILENO);

  analysis::RunOptions opt;
  opt.mode = a.mode == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
  opt.seed = a.seed;
  opt.persons = a.persons;
  opt.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (progress) std::fprintf(stderr, "mkba: %zu alternatieven doorrekenen...\n", scenario.alternatives.size());
  const analysis::RunResult result = analysis::run(scenario, opt);

  report::ReportOptions ro;
  ro.threshold = a.threshold;
  ro.period = a.period;
  ro.threads = opt.threads;
  ro.xlsx = !a.no_xlsx;
  const std::string out = !a.out.empty() ? a.out
                          : (std::filesystem::path("out") / std::filesystem::path(file).stem() / "rapport").string();
  if (progress) std::fprintf(stderr, "mkba: rapport schrijven naar %s/...\n", out.c_str());
  const auto names = report::write_run_report(scenario, result, ro, out);
  std::fputs(fmt::format("Rapport geschreven naar {}/ ({} bestanden, waaronder rapport.html en manifest.json)\n", out,
                         names.size())
                 .c_str(),
             stdout);
  return 0;
}

}  // namespace

void add_report(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Run a scenario and write the report: rapport.html, bijlagen per gemeente (CSV, Markdown, XLSX), manifest.json");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML); default: the shipped scenarios/default.yaml");
  cmd->add_option("--out", args->out, "Output directory (default: out/<scenario name>/rapport)");
  cmd->add_option("--period", args->period, "Report period, e.g. 2026-H1 (default: the scenario's meta.period)");
  cmd->add_option("--seed", args->seed, "Random seed (default: the scenario's simulation.seed)");
  cmd->add_option("--persons", args->persons, "Simulated persons at the start (default: the caseload itself)")
      ->check(CLI::Range(static_cast<std::int64_t>(1), static_cast<std::int64_t>(100000000)));
  cmd->add_option("--threads", args->threads, "Threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--mode", args->mode, "microsim (Monte Carlo) or cohort (expected Markov trace)")
      ->check(CLI::IsMember({"microsim", "cohort"}));
  cmd->add_option("--set", args->sets, "What-if override path=value, e.g. --set discounting.rate=0.03");
  cmd->add_option("--threshold", args->threshold,
                  "Disclosure control: counts under it print \"<N\", money from fewer persons is hidden (default 10)")
      ->check(CLI::Range(1.0, 1e9));
  cmd->add_flag("--no-xlsx", args->no_xlsx, "Do not write bijlagen.xlsx");
  cmd->add_flag("--quiet", args->quiet, "No progress output");
  cmd->callback([args, &commands] { commands.selected = [args] { return report(*args); }; });
}

}  // namespace mkba::cli
