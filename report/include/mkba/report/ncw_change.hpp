#pragma once
// Why the NCW moved between two reports (issue 16 item 4; docs/semester.md, "Waarom de NCW
// veranderde"). Every report stores in manifest.json ("ncw_basis") the society NCW per alternative
// as it published it and the numbers its model ran with, in three groups:
//  - kansen: the nulalternatief's monthly matrix (per state pair), every change by segment,
//    duration band, calendar year and alternative (its value), and the parameters they read;
//  - waarden: every effect's amount (per euro or unit), and the other parameters;
//  - methode: discount rate and timing, counting, horizon, mode, seed, simulated persons.
// The next report (mkba report --previous DIR) puts those numbers back into its own scenario, group
// by group, and runs the base case each time. In the fixed order data, kansen, waarden, methode a
// step is the change in NCW when that group goes from the previous version to the current one with
// the groups before it already current:
//   data    = NCW(current data; previous kansen, waarden, methode) - previous NCW as published
//   kansen  = NCW(previous waarden, methode) - NCW(previous kansen, waarden, methode)
//   waarden = NCW(previous methode) - NCW(previous waarden, methode)
//   methode = current NCW - NCW(previous methode)
// so the steps add up to the total change exactly. The data step is measured against the published
// NCW, so it also holds what the three groups do not cover (a new effect, alternative or state, a
// literal that moved into a parameter, another mkba version). No person's data is stored: the
// start population and the realisatie are never in the manifest (their change is the data step).
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/report_options.hpp>
#include <mkba/report/tables.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mkba::report {

// The manifest's "ncw_basis" object as JSON text. `summary` is the report's protected summary
// table: an NCW it hides is stored as null (the next report then hides that row's steps too).
// `persons`: the run's --persons (nullopt: the default).
std::string ncw_basis_json(const Scenario& s, const analysis::RunResult& r, const Table& summary,
                           std::optional<std::int64_t> persons = std::nullopt);

struct PreviousBasis {
  std::string manifest_file;
  std::string period;  // the previous report's period ("" when it had none)
  std::string json;    // its "ncw_basis" object
};
// DIR/manifest.json's "ncw_basis". Throws mkba::DataError naming the file when it is missing or
// was written by an mkba without it.
PreviousBasis read_previous_basis(const std::string& dir);

enum class InputGroup { kansen, waarden, methode };

// The current scenario and run options with the previous report's numbers of `groups` put back
// where the same cell, change, effect or parameter exists in both (matched by state ids, list,
// effect name and parameter id, never by position alone). Base case only (iterations 1).
struct Rebuilt {
  Scenario scenario;
  analysis::RunOptions options;
};
Rebuilt with_previous(const Scenario& current, const analysis::RunOptions& options, const PreviousBasis& previous,
                      const std::vector<InputGroup>& groups);

struct NcwChange {
  std::string previous_period;
  std::vector<std::string> ids;                   // [alternative] of the current run
  std::vector<std::optional<double>> previous;    // [a] society NCW as the previous report published it
  std::vector<bool> previous_hidden;              // [a] hidden by the previous report (null in its manifest)
  std::vector<std::optional<double>> previous_difference;  // [a] a minus the nulalternatief (a > 0)
  std::vector<bool> previous_difference_hidden;
  // [a][k]: NCW with the previous kansen+waarden+methode (k = 0), waarden+methode (1), methode (2).
  std::vector<std::vector<double>> rebuilt;
  std::vector<double> current;                    // [a] this run's society NCW
  bool microsim = false;                          // either run was a microsimulation (steps carry noise)
  std::string failure;                            // why the steps could not be computed ("" when they were)
};

// Runs the three rebuilt base cases (the current run is the fourth). A rebuilt scenario that
// cannot run (e.g. cohort mode of a scenario with capacity limits) leaves `failure` set.
NcwChange ncw_change(const Scenario& current, const analysis::RunResult& result, const analysis::RunOptions& options,
                     const PreviousBasis& previous);

// The table "Verandering NCW ten opzichte van het vorige rapport": per alternative (and per
// projectalternatief minus the nul) the previous NCW, the four steps and the current NCW. The
// current cells take the summary's disclosure decision; a row whose previous or current NCW is
// hidden has its steps hidden (x), else they would give the hidden one.
Table ncw_change_table(const NcwChange& c, const Table& summary, Lang lang);

// ncw-verandering.csv and the section of rapport.html.
struct NcwChangeOutput {
  OutputFile csv;
  std::string html;
};
NcwChangeOutput ncw_change_output(const NcwChange& c, const ReportTables& t, const ReportOptions& o);

}  // namespace mkba::report
