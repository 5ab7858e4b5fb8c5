// mkba compare SCENARIO A B: alternative A minus alternative B per stakeholder (and by category),
// base case and PSA, with P(A better) per stakeholder. Runs the scenario like `mkba run` (same
// seed, same numbers) but prints only the comparison; --out also writes it as CSV.
#include "commands.hpp"

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/accounting_report.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

namespace mkba::cli {
namespace {

struct CompareArgs {
  std::string scenario, a, b, out;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> persons;
  std::optional<int> iterations;
  int threads = 0;
  std::string mode = "microsim";
  std::vector<std::string> sets;
};

int compare(const CompareArgs& args) {
  if (analysis::distribute::size() > 1)
    throw UsageError("mkba compare runs in one process; under MPI use mkba run (its console output has the "
                     "pairwise comparisons per stakeholder)");
  std::vector<Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(parse_override(s));
  const Scenario s = load_scenario(args.scenario, overrides);
  std::string ids;
  for (const auto& alt : s.alternatives) ids += (ids.empty() ? "" : ", ") + alt.id;
  const int a = analysis::alternative_index(s, args.a), b = analysis::alternative_index(s, args.b);
  for (const auto& [index, id] : {std::pair{a, args.a}, std::pair{b, args.b}})
    if (index < 0) throw UsageError(fmt::format("unknown alternative '{}'; the scenario has: {}", id, ids));
  if (a == b) throw UsageError(fmt::format("compare two different alternatives (both are '{}')", args.a));
  analysis::RunOptions opt;
  opt.mode = args.mode == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
  opt.seed = args.seed;
  opt.persons = args.persons;
  opt.iterations = args.iterations;
  opt.threads = args.threads > 0 ? args.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto result = analysis::run(s, opt);
  const auto c = analysis::compare(s, result, a, b);
  std::fputs(fmt::format("{}\n", s.name).c_str(), stdout);
  std::fputs(report::comparison_table(s, c).c_str(), stdout);
  if (!args.out.empty()) {
    const std::string name = fmt::format("vergelijking-{}-{}.csv", s.alternatives[static_cast<std::size_t>(a)].id,
                                         s.alternatives[static_cast<std::size_t>(b)].id);
    report::write_all(args.out, {{name, report::comparison_csv(s, c)}}, report::Replace::files);
    std::fputs(fmt::format("\nGeschreven naar {}/{}\n", args.out, name).c_str(), stdout);
  }
  return 0;
}

}  // namespace

void add_compare(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare two alternatives of a scenario per stakeholder: A minus B, base case and PSA, P(A beter)");
  cmd->add_option("scenario", args->scenario, "Scenario file (YAML)")->required();
  cmd->add_option("a", args->a, "Alternative A (id; 'nul' for the nulalternatief)")->required();
  cmd->add_option("b", args->b, "Alternative B (id; 'nul' for the nulalternatief)")->required();
  cmd->add_option("--out", args->out, "Also write vergelijking-A-B.csv into this directory");
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
  cmd->add_option("--set", args->sets, "What-if override path=value, e.g. --set discounting.rate=0.03");
  cmd->callback([args, &commands] { commands.selected = [args] { return compare(*args); }; });
}

}  // namespace mkba::cli
