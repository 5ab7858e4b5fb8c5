// mkba compare SCENARIO A B: alternative A minus alternative B per stakeholder (and by category),
// base case and PSA, with P(A better) per stakeholder. Runs the scenario like `mkba run` (same
// seed, same numbers) but prints only the comparison; --out also writes it as CSV.
#include "commands.hpp"
#include "run_flags.hpp"

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/accounting_report.hpp>
#include <mkba/report/console.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/tables.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

namespace mkba::cli {
namespace {

struct CompareArgs {
  RunFlags flags;
  std::string a, b;
};

int compare(const CompareArgs& args) {
  const RunFlags& f = args.flags;
  if (analysis::distribute::size() > 1)
    throw UsageError("mkba compare runs in one process; under MPI use mkba run (its console output has the "
                     "pairwise comparisons per stakeholder)");
  Progress progress = make_progress(f);
  progress.begin("scenario laden");
  const Scenario s = load_with_overrides(scenario_file(f), f);
  std::string ids;
  for (const auto& alt : s.alternatives) ids += (ids.empty() ? "" : ", ") + alt.id;
  const int a = analysis::alternative_index(s, args.a), b = analysis::alternative_index(s, args.b);
  for (const auto& [index, id] : {std::pair{a, args.a}, std::pair{b, args.b}})
    if (index < 0) throw UsageError(fmt::format("unknown alternative '{}'; the scenario has: {}", id, ids));
  if (a == b) throw UsageError(fmt::format("compare two different alternatives (both are '{}')", args.a));
  analysis::RunOptions opt = run_options(f);
  check_memory(s, opt, f);
  progress.begin("basisrun");
  attach_progress(opt, progress);
  const auto result = analysis::run(s, opt);
  const auto c = analysis::compare(s, result, a, b);
  // The numbers and what is hidden come from the report's protected tables of this run, so the
  // comparison hides exactly what `mkba run` and `mkba report` hide (docs/report.md).
  report::ReportOptions ro;
  ro.threshold = f.threshold;
  ro.lang = report::parse_lang(f.lang);
  const report::Table diff = report::pair_difference(s, report::build_tables(s, result, ro), a, b);
  progress.end();
  std::fputs(report::wrap_lines(fmt::format("{}\n", s.name) + report::comparison_table(s, c, diff, ro.lang)).c_str(),
             stdout);
  if (!f.out.empty()) {
    const std::string out = publication_dir(f.out, f.unprotected);
    const std::string name = fmt::format("vergelijking-{}-{}.csv", s.alternatives[static_cast<std::size_t>(a)].id,
                                         s.alternatives[static_cast<std::size_t>(b)].id);
    report::write_all(out, {{name, report::comparison_csv(s, c, diff)}}, report::Replace::files);
    std::fputs(report::wrap_lines(fmt::format("\nGeschreven naar {}/{}\n", out, name)).c_str(), stdout);
  } else if (f.unprotected) {
    std::fputs("LET OP: --onbeschermd: de vergelijking hierboven is zonder onthullingscontrole (niet publiceren)\n", stderr);
  }
  return 0;
}

}  // namespace

void add_compare(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare two alternatives of a scenario per stakeholder: A minus B, base case and PSA, P(A beter)");
  cmd->footer(R"(Examples:
  mkba compare scenarios/beschut-vs-lks.yaml nieuw_beschut lks_zelfde_budget
  mkba compare my.yaml intensivering nul --iterations 200 --out vergelijking)");
  cmd->add_option("scenario", args->flags.scenario, "Scenario file (YAML)")->required();
  cmd->add_option("a", args->a, "Alternative A (id; 'nul' for the nulalternatief)")->required();
  cmd->add_option("b", args->b, "Alternative B (id; 'nul' for the nulalternatief)")->required();
  add_run_flags(cmd, args->flags, Writes::comparison, "Also write vergelijking-A-B.csv into this directory");
  cmd->callback([args, &commands] { commands.selected = [args] { return compare(*args); }; });
}

}  // namespace mkba::cli
