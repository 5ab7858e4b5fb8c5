// mkba report: run a scenario and write the full report (HTML, bijlagen as CSV/Markdown/XLSX,
// manifest.json) into one directory, all or nothing.
#include "commands.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/run_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
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
  std::optional<int> iterations;
  std::string lang = "nl";
  bool no_tornado = false;
};

int report(const ReportArgs& a) {
  const std::string file = a.scenario.empty() ? default_scenario() : a.scenario;
  std::vector<Override> overrides;
  for (const auto& s : a.sets) overrides.push_back(parse_override(s));
  const std::string out = !a.out.empty() ? a.out
                          : (std::filesystem::path("out") / std::filesystem::path(file).stem() / "rapport").string();
  const report::OutputLock out_lock(out);  // a second run into the same --out is refused now, not after simulating
  const Scenario scenario = load_scenario(file, overrides);
  print_warnings(scenario);
  // Progress only for a person watching: never into a pipe or a log.
  const bool progress = !a.quiet && isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };

  analysis::RunOptions opt;
  opt.mode = a.mode == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
  opt.seed = a.seed;
  opt.persons = a.persons;
  opt.iterations = a.iterations;
  opt.threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (progress) {
    std::fprintf(stderr, "mkba: %zu alternatieven doorrekenen...\n", scenario.alternatives.size());
    opt.progress = [&](int done, int total) {
      const double secs = elapsed(), rate = done / std::max(secs, 1e-9);
      std::fprintf(stderr, "\r  PSA: %d/%d iteraties, %.1f per s, nog %.0f s   %s", done, total, rate,
                   (total - done) / std::max(rate, 1e-9), done == total ? "\n" : "");
    };
  }
  const analysis::RunResult result = analysis::run(scenario, opt);

  report::ReportOptions ro;
  ro.threshold = a.threshold;
  ro.period = a.period;
  ro.threads = opt.threads;
  ro.xlsx = !a.no_xlsx;
  ro.lang = report::parse_lang(a.lang);
  // The tornado: one-way runs (two per uncertain parameter, base case only) when there is anything
  // uncertain, unless --no-tornado.
  const auto uncertain = std::count_if(scenario.parameters.begin(), scenario.parameters.end(),
                                       [](const ParameterSpec& p) { return p.distribution != Distribution::fixed; });
  if (!a.no_tornado && uncertain > 0) {
    if (progress) std::fprintf(stderr, "mkba: eenzijdige gevoeligheid (%ld parameters, %ld runs)...\n",
                               static_cast<long>(uncertain), 2 * static_cast<long>(uncertain));
    analysis::RunOptions one = opt;
    one.progress = nullptr;
    ro.tornado = analysis::one_way(scenario, one);
  }
  if (progress) std::fprintf(stderr, "mkba: rapport schrijven naar %s/... (%.1f s)\n", out.c_str(), elapsed());
  const auto names = report::write_run_report(scenario, result, ro, out);
  if (progress) std::fprintf(stderr, "mkba: klaar in %.1f s\n", elapsed());
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
  cmd->add_option("--iterations", args->iterations,
                  "PSA iterations (default: the scenario's simulation.iterations; 1 = base case only, no intervals)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--lang", args->lang, "Report language: nl (default) or en (headings, labels, number format)")
      ->check(CLI::IsMember({"nl", "en"}));
  cmd->add_flag("--no-tornado", args->no_tornado,
                "Skip the one-way sensitivity (tornado; by default two base-case runs per uncertain parameter)");
  cmd->add_flag("--no-xlsx", args->no_xlsx, "Do not write bijlagen.xlsx");
  cmd->add_flag("--quiet", args->quiet, "No progress output");
  cmd->callback([args, &commands] { commands.selected = [args] { return report(*args); }; });
}

}  // namespace mkba::cli
