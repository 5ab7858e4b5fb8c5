// mkba: the command-line interface. Thin: parse flags, call the libraries, turn errors into one
// message and an exit code (2: bad input or usage; 1: internal error).
//
// Under an MPI launcher (mpirun, srun; build option MKBA_WITH_MPI) every rank runs this main: MPI is
// initialised here, `mkba run` spreads its PSA iterations over the ranks (docs/cluster.md), and
// only rank 0 prints and writes. A failure on any rank ends the whole job with the exit code above,
// after one message: every rank returns it when all know of the failure, else MPI_Abort.
#include "commands.hpp"
#include <mkba/engine/heap.hpp>

#include <mkba/analysis/distribute.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/suggest.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#ifdef MKBA_WITH_MPI
#include <mpi.h>
#endif

namespace {

#ifdef MKBA_WITH_MPI
// MPI is started only when an MPI launcher started this process (or MKBA_MPI=1 asks for it), so a
// plain `mkba` stays a plain process. Only the main thread of a rank calls MPI (FUNNELED).
bool launched_by_mpi() {
  if (const char* force = std::getenv("MKBA_MPI")) return std::string(force) == "1";
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MV2_COMM_WORLD_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

struct MpiSession {
  bool started = false;
  MpiSession(int* argc, char*** argv) {
    if (!launched_by_mpi()) return;
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
      std::fprintf(stderr, "mkba: internal error: MPI_Init_thread failed\n");
      std::exit(1);
    }
    started = true;
  }
  ~MpiSession() {
    if (started) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};
#endif

// Ends with `code` after a failure was reported. Under MPI with several ranks: when every rank
// knows of the failure (distribute::agree), each returns the code and MPI_Finalize ends the job
// normally; a failure only this rank saw ends the whole job through MPI_Abort.
int fail(int code) {
  std::fflush(stderr);
  std::fflush(stdout);
  namespace distribute = mkba::analysis::distribute;
  if (distribute::size() > 1 && !distribute::failure_agreed()) distribute::abort(code);
  return code;
}

// The candidate closest to `word` when it is close enough to be a typo ("" otherwise).
std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  return mkba::nearest_word(word, candidates);
}

// The subcommand called `name`, or null (CLI11 2.1 has no non-throwing lookup).
CLI::App* find_subcommand(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->check_name(name)) return sub;
  return nullptr;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

// After a parse error: for each --flag the chosen command does not know, the nearest one it does.
std::string flag_suggestions(CLI::App& app, int argc, char** argv) {
  CLI::App* cmd = &app;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (cmd == &app && arg[0] != '-') {
      if (CLI::App* sub = find_subcommand(app, arg)) cmd = sub;
      continue;
    }
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (cmd->get_option_no_throw(name) || app.get_option_no_throw(name)) continue;
    std::vector<std::string> known;
    for (const CLI::Option* o : cmd->get_options())
      for (const auto& l : o->get_lnames()) known.push_back("--" + l);
    for (const auto& l : {"--no-tornado", "--help"}) known.emplace_back(l);
    if (const std::string near = nearest(name, known); !near.empty())
      out += fmt::format("mkba: unknown option '{}'; did you mean '{}'?\n", name, near);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  mkba::engine::keep_freed_memory();
#ifdef MKBA_WITH_MPI
  MpiSession mpi(&argc, &argv);
#endif
  namespace distribute = mkba::analysis::distribute;
  const int rank = distribute::rank();
  if (rank != 0) (void)std::freopen("/dev/null", "w", stdout);  // rank 0 alone prints
  // A message from a rank other than 0 (a failure only that rank saw) says which rank it was.
  const std::string where = rank == 0 ? "" : fmt::format("rank {}: ", rank);

  CLI::App app{"mkba: maatschappelijke kosten-batenanalyse (MKBA) of re-integration into work.\n"
               "Monte Carlo microsimulation of a werkbedrijf's caseload, valued per stakeholder.",
               "mkba"};
  app.set_version_flag("--version", mkba::cli::version_string());
  app.require_subcommand(1);
  mkba::cli::Commands commands;
  mkba::cli::add_run(app, commands);
  mkba::cli::add_validate(app, commands);
  mkba::cli::add_report(app, commands);
  mkba::cli::add_synth(app, commands);
  mkba::cli::add_bestand(app, commands);
  mkba::cli::add_calibrate(app, commands);
  mkba::cli::add_compare(app, commands);
  mkba::cli::add_dashboard(app, commands);
  app.footer("Run 'mkba COMMAND --help' for a command's flags and examples; first steps in README.md.");
  // Without arguments: the help, as with --help.
  if (argc == 1) {
    if (rank == 0) std::fputs(app.help().c_str(), stdout);
    return 0;
  }
  // An unknown command: say so, with the nearest one (CLI11 alone says "A subcommand is required").
  if (argv[1][0] != '-' && !find_subcommand(app, argv[1])) {
    if (rank == 0) {
      const std::string near = nearest(argv[1], subcommand_names(app));
      std::string list;
      for (const auto& name : subcommand_names(app)) list += (list.empty() ? "" : ", ") + name;
      std::fputs(fmt::format("mkba: unknown command '{}'{}\nThe commands: {} (mkba --help)\n", argv[1],
                             near.empty() ? "" : fmt::format("; did you mean '{}'?", near), list)
                     .c_str(),
                 stderr);
    }
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same command line; rank 0 says what is wrong.
    const int code = rank == 0 ? app.exit(e) : e.get_exit_code();
    if (code != 0 && rank == 0) std::fputs(flag_suggestions(app, argc, argv).c_str(), stderr);
    return code == 0 ? 0 : 2;
  }
  // SIGINT/SIGTERM: finish the PSA iteration in hand, write nothing, exit 130; a second signal
  // ends the process at once.
  for (int sig : {SIGINT, SIGTERM})
    std::signal(sig, [](int) {
      mkba::analysis::request_interrupt();
      std::signal(SIGINT, SIG_DFL);
      std::signal(SIGTERM, SIG_DFL);
    });
  // Only `mkba run` is spread over ranks; any other command runs on rank 0 alone.
  if (rank != 0 && !app.got_subcommand("run")) return 0;
  try {
    return commands.execute();
  } catch (const distribute::ReportedElsewhere& e) {
    return e.exit_code;  // rank 0 reports the failure
  } catch (const mkba::analysis::Interrupted& e) {
    std::fprintf(stderr, "\nmkba: %s%s\n", where.c_str(), e.what());
    return fail(130);
  } catch (const mkba::ScenarioError& e) {
    std::fprintf(stderr, "%s%s\n", where.c_str(), e.what());
    std::fprintf(stderr, "mkba: the scenario has %zu problem(s); nothing was written\n", e.diagnostics().size());
    return fail(2);
  } catch (const mkba::Error& e) {
    std::fprintf(stderr, "mkba: %s%s\n", where.c_str(), e.what());
    return fail(2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mkba: %sinternal error: %s\n", where.c_str(), e.what());
    return fail(1);
  }
}
