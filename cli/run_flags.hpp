#pragma once
// The flags that `mkba run`, `mkba report` and `mkba compare` share, defined once with their
// defaults (help text, checks, default thread count, the memory check, the tornado, the language),
// and the steps every one of them takes: load the scenario with its --set overrides, refuse a run
// that would not fit in memory, and report progress.
#include "progress.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/scenario.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mkba::cli {

struct RunFlags {
  std::string scenario;  // "" (run, report): the shipped default scenario
  std::string out;       // "" : the command's default output directory
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> persons;
  int threads = 0;  // 0: default_threads()
  std::optional<int> iterations;
  std::string mode = "microsim";
  std::vector<std::string> sets;
  std::string realisatie;  // --realisatie FILE (replaces meta.realisatie): the projection starts after it
  std::string max_memory;  // "": analysis::default_memory_budget()
  bool quiet = false, verbose = false, progress = false;
  // What the report adds (run and report; compare writes no report), and the disclosure threshold (all three).
  bool tornado = false;  // off by default: two base-case runs per uncertain parameter (470 on the default)
  std::string lang = "nl";
  double threshold = 10;
  bool unprotected = false;  // --onbeschermd: no disclosure control, into <out>/intern-onbeschermd/
};

// What a command writes, for the --out help text and which report flags it takes.
enum class Writes { report, comparison };

// Registers the shared flags on `cmd`; `out_help` describes --out for this command.
void add_run_flags(CLI::App* cmd, RunFlags& f, Writes writes, const std::string& out_help);

// --threshold (disclosure control) and --onbeschermd (--unprotected), defined once: run, report and
// compare (through add_run_flags) and calibrate, whose counts per segment go through the same control.
// --threshold must be at least 1: no control at all is asked for explicitly with --onbeschermd, which
// sets the threshold to 0 (hides nothing) and excludes --threshold; the command then writes into
// unprotected_dir(its folder) (docs/report.md, "Disclosure control").
void add_threshold_flag(CLI::App* cmd, double& threshold, bool& unprotected);

// The subfolder unprotected output goes into, named so that nobody publishes it by mistake.
inline constexpr const char* kUnprotectedFolder = "intern-onbeschermd";
// `dir` for protected output; with --onbeschermd its subfolder intern-onbeschermd/, after a warning on
// stderr that says what it holds (once per call: a command calls it once).
std::string publication_dir(const std::string& dir, bool unprotected);

// A CLI11 check that a number is finite (rejects nan, inf and values that overflow to inf).
const CLI::Validator& finite_number();

// Default --threads: all cores; under MPI with several ranks, the cores this rank may run on.
int default_threads();

Verbosity verbosity(const RunFlags& f);
// Progress on stderr for this command (rank 0 only under MPI).
Progress make_progress(const RunFlags& f);

// The scenario file the flags name (the shipped default when none), loaded with the overrides.
std::string scenario_file(const RunFlags& f);
// The memory budget of --max-memory (default: analysis::default_memory_budget()).
std::uint64_t memory_budget(const RunFlags& f);
// The scenario with the --set overrides, its screening extract bounded by the memory budget, and
// the realisatie (--realisatie, else meta.realisatie) applied: months outside `period` (else
// meta.period, else the semester of its last month) are refused (models/realisatie.hpp).
Scenario load_with_overrides(const std::string& file, const RunFlags& f, const std::string& period = "");
// --out, or out/<scenario file stem>[/sub]; with --onbeschermd its subfolder intern-onbeschermd/
// (publication_dir).
std::string out_dir(const RunFlags& f, const std::string& file, const std::string& sub = "");

// RunOptions from the flags (mode, seed, persons, iterations, threads).
analysis::RunOptions run_options(const RunFlags& f);

// Refuses, before it starts, a run whose estimated memory exceeds --max-memory (default: half the RAM).
void check_memory(const Scenario& s, const analysis::RunOptions& opt, const RunFlags& f);

// Before the run: the names the report would write must not collide (gemeenten whose file names or
// sheet names coincide), so a bad scenario fails before minutes of computing, not after.
void check_report_names(const Scenario& s);

// Whether any parameter is uncertain (the tornado has bars only then).
bool has_uncertain_parameters(const Scenario& s);

// The PSA and base-case progress callbacks of `opt` reporting to `p`.
void attach_progress(analysis::RunOptions& opt, Progress& p);

// What run and report do before the simulation: refuse a run that would not fit (check_memory),
// note the run's size (file, alternatives, iterations, threads) and begin the "basisrun" stage with
// the progress callbacks attached.
void begin_base_run(const std::string& file, const Scenario& s, analysis::RunOptions& opt, const RunFlags& f, Progress& p);

// The one-way sensitivity (tornado) when --tornado asks for it and a parameter is uncertain
// (collective under MPI), with its progress stage; empty otherwise.
std::vector<analysis::TornadoBar> tornado_if_asked(const Scenario& s, const analysis::RunOptions& opt, const RunFlags& f,
                                                   Progress& p);

}  // namespace mkba::cli
