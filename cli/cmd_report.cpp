// mkba report: run a scenario and write the report (rapport.html, bijlagen per gemeente as CSV,
// Markdown and XLSX, psa-iteraties.csv, manifest.json) into one directory, all or nothing.
#include "commands.hpp"
#include "run_flags.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/ncw_change.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/pdf.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/semester.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <regex>

namespace mkba::cli {
namespace {

struct ReportArgs {
  RunFlags flags;
  std::string period;
  std::string quarter;
  bool no_xlsx = false;
  bool pdf = false;
  std::string previous;  // --previous DIR: the previous report's folder (its manifest's forecast)
};

// The period is the report's label (title, colofon, manifest): a semester as in meta.period
// (2026-H1), or a quarter (2026-Q3) for a quarterly report; --quarter 2026-Q3 is --period 2026-Q3.
std::string checked_period(const ReportArgs& a) {
  if (!a.period.empty() && !a.quarter.empty()) throw UsageError("give --period or --quarter, not both");
  if (!a.quarter.empty() && !std::regex_match(a.quarter, std::regex(R"(\d{4}-Q[1-4])")))
    throw UsageError(fmt::format("--quarter: expected a quarter as YYYY-Q1 to YYYY-Q4 (e.g. 2026-Q3), found '{}'",
                                 a.quarter));
  if (!a.period.empty() && !std::regex_match(a.period, std::regex(R"(\d{4}-(H[12]|Q[1-4]))")))
    throw UsageError(fmt::format("--period: expected a semester as YYYY-H1 or YYYY-H2, or a quarter as YYYY-Q1 to "
                                 "YYYY-Q4, found '{}'", a.period));
  return a.quarter.empty() ? a.period : a.quarter;
}

int report(const ReportArgs& a) {
  const RunFlags& f = a.flags;
  const std::string period = checked_period(a);
  Progress progress = make_progress(f);
  progress.begin("scenario laden");
  const std::string file = scenario_file(f);
  // --pdf: the browser is looked for before anything runs or is locked, so a missing one costs no simulation.
  std::optional<std::string> browser;
  if (a.pdf && !(browser = report::find_chromium()))
    throw UsageError("--pdf prints rapport.html through headless Chromium, which was not found (looked for $MKBA_CHROMIUM, "
                     "chromium, chromium-browser, google-chrome); install it (Debian: apt-get install chromium) or leave "
                     "out --pdf and print rapport.html from any browser (A4, the page numbers come with it)");
  const std::string out = out_dir(f, file, "rapport");
  const report::OutputLock out_lock(out);  // a second run into the same --out is refused now, not after simulating
  const Scenario scenario = load_with_overrides(file, f, period);
  // Read before the run: a wrong folder fails now, not after simulating.
  std::shared_ptr<const report::Forecast> previous;
  std::optional<report::PreviousBasis> previous_basis;
  if (!a.previous.empty()) {
    if (!scenario.realisatie)
      throw UsageError("--previous compares the previous forecast with a realisatie: give --realisatie FILE (or "
                       "meta.realisatie)");
    previous = std::make_shared<const report::Forecast>(report::read_previous_forecast(a.previous));
    previous_basis = report::read_previous_basis(a.previous);
  }
  print_warnings(scenario);
  check_report_names(scenario);
  analysis::RunOptions opt = run_options(f);
  begin_base_run(file, scenario, opt, f, progress);
  const analysis::RunResult result = analysis::run(scenario, opt);

  report::ReportOptions ro;
  ro.threshold = f.threshold;
  ro.period = period;
  ro.threads = opt.threads;
  ro.xlsx = !a.no_xlsx;
  ro.lang = report::parse_lang(f.lang);
  ro.previous = previous;
  ro.persons = opt.persons;
  if (previous_basis) {  // why the NCW changed: three more base cases (docs/semester.md)
    progress.begin("verandering NCW");
    analysis::RunOptions quiet = opt;
    quiet.progress = nullptr;
    quiet.base_progress = nullptr;
    ro.ncw_change = std::make_shared<const report::NcwChange>(report::ncw_change(scenario, result, quiet, *previous_basis));
    progress.end();
  }
  if (auto bars = tornado_if_asked(scenario, opt, f, progress); !bars.empty()) ro.tornado = std::move(bars);
  progress.begin("schrijven");
  const auto names = report::write_run_report(scenario, result, ro, out);
  progress.end();
  std::fputs(fmt::format("Rapport geschreven naar {}/ ({} bestanden, waaronder rapport.html en manifest.json)\n", out,
                         names.size())
                 .c_str(),
             stdout);
  if (browser) {
    progress.begin("pdf");
    try {
      report::print_pdf(*browser, out + "/rapport.html", out + "/rapport.pdf");
    } catch (const std::runtime_error& e) {
      throw Error(std::string(e.what()) + " (the rest of the report is written)");
    }
    progress.end();
    std::fputs(fmt::format("PDF geschreven naar {}/rapport.pdf\n", out).c_str(), stdout);
  }
  return 0;
}

}  // namespace

void add_report(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Run a scenario and write the report: rapport.html, bijlagen per gemeente (CSV, Markdown, XLSX), manifest.json");
  cmd->footer(R"(Examples:
  mkba report --period 2026-H1                    the default scenario, into out/default/rapport/
  mkba report my.yaml --quarter 2026-Q3 --out rapport-q3
  mkba report --period 2026-H1 --lang en          in English (headings, labels, decimal point)
  mkba report --iterations 200 --no-tornado       PSA intervals, no one-way sensitivity
  mkba report --pdf                               also rapport.pdf, printed by headless Chromium
  mkba report --period 2026-H2 --realisatie r.csv --previous rapport-2026-H1   the semester cycle)");
  cmd->add_option("scenario", args->flags.scenario, "Scenario file (YAML); default: the shipped scenarios/default.yaml");
  add_run_flags(cmd, args->flags, Writes::report, "Output directory (default: out/<scenario name>/rapport)");
  cmd->add_option("--period", args->period,
                  "Report period: a semester (2026-H1) or a quarter (2026-Q3); default: the scenario's meta.period");
  cmd->add_option("--quarter", args->quarter, "Report period as a quarter, e.g. 2026-Q3 (same as --period 2026-Q3)");
  cmd->add_flag("--no-xlsx", args->no_xlsx, "Do not write bijlagen.xlsx");
  cmd->add_flag("--pdf", args->pdf, "Also print rapport.pdf (A4, page numbers) through headless Chromium, when installed");
  cmd->add_option("--previous", args->previous,
                  "The previous report's folder: its forecast next to this realisatie (realisatie-vs-prognose.csv) and "
                  "the NCW change by cause (ncw-verandering.csv; docs/semester.md)");
  cmd->callback([args, &commands] { commands.selected = [args] { return report(*args); }; });
}

}  // namespace mkba::cli
