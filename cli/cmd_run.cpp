#include "commands.hpp"
#include "run_flags.hpp"

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/cost_effectiveness.hpp>
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
#include <mkba/report/cost_effectiveness_csv.hpp>
#include <mkba/report/console.hpp>
#include <mkba/report/per_period.hpp>
#include <mkba/report/occupancy.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/psa_summary.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/summary.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace mkba::cli {
namespace {

struct RunArgs {
  RunFlags flags;
  std::string schedule = "static";
  bool no_report = false;
};

int run(const RunArgs& a) {
  const RunFlags& f = a.flags;
  Progress progress = make_progress(f);
  progress.begin("scenario laden");
  const std::string file = scenario_file(f);
  // Under MPI every rank loads the scenario; agree() turns a failure on any rank into one message
  // from rank 0 (a no-op in one process).
  std::optional<Scenario> loaded;
  std::exception_ptr load_error;
  const std::string out = out_dir(f, file);
  std::optional<report::OutputLock> out_lock;  // held until the results are written (rank 0 writes)
  try {
    // A second run into the same --out is refused now, not after its simulation.
    if (analysis::distribute::rank() == 0) out_lock.emplace(out);
    loaded.emplace(load_with_overrides(file, f));
    if (!a.no_report) check_report_names(*loaded);
  } catch (...) {
    load_error = std::current_exception();
  }
  analysis::distribute::agree(load_error);
  const Scenario& scenario = *loaded;
  if (analysis::distribute::rank() == 0) print_warnings(scenario);

  analysis::RunOptions opt = run_options(f);
  opt.schedule = a.schedule == "dynamic" ? analysis::Schedule::dynamic : analysis::Schedule::static_blocks;
  // Input errors that run() finds before any MPI communication (option checks) are thrown alike on
  // every rank: agree() makes rank 0 alone report them. Failures inside the run are agreed already.
  // Refuse a run that would not fit before it starts.
  begin_base_run(file, scenario, opt, f, progress);
  std::optional<analysis::RunResult> ran;
  try {
    ran.emplace(analysis::run(scenario, opt));
  } catch (const mkba::Error&) {
    if (analysis::distribute::size() == 1 || analysis::distribute::failure_agreed()) throw;
    analysis::distribute::agree(std::current_exception());
  }
  const analysis::RunResult& result = *ran;
  // One-way runs are collective under MPI: every rank takes part, rank 0 keeps the bars.
  const std::vector<analysis::TornadoBar> tornado = tornado_if_asked(scenario, opt, f, progress);
  if (analysis::distribute::rank() != 0) return 0;  // rank 0 alone reports and writes
  progress.begin("schrijven");
  const report::Lang lang = report::parse_lang(f.lang);

  report::ReportOptions ro;
  ro.threads = opt.threads;
  ro.lang = lang;
  ro.threshold = f.threshold;
  if (!tornado.empty()) ro.tornado = tornado;
  // Every count a file publishes comes from these protected tables (docs/report.md).
  const auto tables = report::build_tables(scenario, result, ro);
  // Computed once, with the tables: what the CSV files and the console print next to them.
  const auto& rate_variants = tables.rate_variants;
  std::vector<report::OutputFile> files{{"summary.csv", report::summary_csv(scenario, result, tables)},
                                        {"summary.md", report::summary_markdown(scenario, result, tables)},
                                        {"bezetting.csv", report::occupancy_csv(scenario, tables, ro.threshold)}};
  // Results per kwadrant (segment), protected with the report's cells, in the same all-or-nothing
  // step as every other file.
  files.push_back({"per-kwadrant.csv", report::per_kwadrant_csv(scenario, tables)});
  files.push_back({"per-periode.csv", report::per_period_csv(scenario, result, tables)});
  const auto plausible = analysis::plausibility(scenario, result);
  files.push_back({"plausibiliteit.csv", report::plausibility_csv(scenario, plausible)});
  std::string psa_text;
  const std::optional<analysis::PsaIndicators>& indicators = tables.psa_indicators;
  if (indicators) {
    files.push_back({"psa.csv", report::psa_csv(scenario, result, tables)});
    psa_text = report::psa_table(scenario, result, tables, lang);
  }
  if (!rate_variants.empty() || !tornado.empty())
    files.push_back({"gevoeligheid.csv", report::sensitivity_csv(scenario, tables, tornado)});
  // Health-economic outputs (issue 21): outcomes to full precision, the incremental table, the CEAC.
  if (!scenario.outcomes.empty()) files.push_back({"uitkomsten.csv", report::outcomes_csv(scenario, result, tables)});
  if (scenario.cost_effectiveness) {
    const auto ce = analysis::cost_effectiveness(scenario, result);
    files.push_back({"kosteneffectiviteit.csv", report::cost_effectiveness_csv(scenario, ce, tables)});
    if (!ce.ceac.empty()) files.push_back({"ceac.csv", report::ceac_csv(scenario, ce, tables)});
  }
  if (!a.no_report) {
    // The semester report (HTML, bijlagen per gemeente, XLSX, manifest) next to the summaries,
    // written in the same all-or-nothing step.
    for (auto& written : report::report_files(scenario, result, tables, ro)) files.push_back(std::move(written));
  }
  report::write_all(out, files);
  progress.end();
  std::string names;
  for (const auto& written : files)
    if (written.name.find('/') == std::string::npos) names += (names.empty() ? "" : ", ") + written.name;
  std::string console;
  console += fmt::format("{}\n", scenario.name);
  console += report::summary_table(scenario, result, tables, lang);
  console += report::verdeling_by_category_table(scenario, result, tables, indicators ? &*indicators : nullptr, lang);
  console += report::per_candidate_table(scenario, analysis::per_candidate(scenario, result), tables, lang);
  console += report::per_kwadrant_table(scenario, tables, lang);
  console += report::plausibility_table(scenario, plausible, lang);
  console += psa_text;
  console += report::sensitivity_table(scenario, tables, tornado, lang);
  console += fmt::format("\nResultaten geschreven naar {}/ ({})\n", out, names);
  std::fputs(report::wrap_lines(console).c_str(), stdout);
  return 0;
}

}  // namespace

void add_run(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario: simulate, value, print the NCW table and write results");
  cmd->footer(R"(Examples:
  mkba run                                        the shipped default scenario, results in out/default/
  mkba run my.yaml --persons 50000 --seed 7 --out out/test
  mkba run --iterations 500                       PSA: intervals, P(NCW > 0), EVPI, psa-iteraties.csv
  mkba run --set discounting.rate=0.03            what-if: another discount rate
  mkba run --mode cohort --set rescreening=null   expected values (Markov trace), no randomness)");
  cmd->add_option("scenario", args->flags.scenario, "Scenario file (YAML); default: the shipped scenarios/default.yaml");
  add_run_flags(cmd, args->flags, Writes::report, "Output directory (default: out/<scenario name>)");
  cmd->add_option("--schedule", args->schedule,
                  "Under MPI: PSA iterations in static blocks per rank, or handed out dynamically "
                  "(for iterations of uneven cost); results do not depend on it")
      ->check(CLI::IsMember({"static", "dynamic"}));
  cmd->add_flag("--no-report", args->no_report,
                "Only the summaries (no rapport.html, bijlagen, XLSX, psa-iteraties.csv, manifest)");
  cmd->callback([args, &commands] { commands.selected = [args] { return run(*args); }; });
}

}  // namespace mkba::cli
