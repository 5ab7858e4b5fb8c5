#pragma once
// The reproducibility stamp: manifest.json names the program (version, commit), the inputs (the
// scenario file, every file it includes and every data file it reads, each with its sha256), the run settings (mode, seed, persons, threads, threshold) and the sha256
// of every other file written, so a report can be traced to what made it and checked byte for byte.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/report_options.hpp>

#include <string>
#include <vector>

namespace mkba::report {

struct InputFile {
  std::string role;    // "scenario", "include" or "screening"
  std::string file;    // relative to the scenario's folder (the main scenario: its file name)
  std::string sha256;
};

struct Stamp {
  std::string version, git_commit;
  std::string scenario_file;    // file name only: the hash identifies the content
  std::string scenario_sha256;  // "" when the scenario has no file (built in memory)
  std::vector<InputFile> inputs;  // the scenario, every included file, the screening file
};

Stamp make_stamp(const Scenario& s, const ReportOptions& o);
std::string manifest_json(const Stamp& stamp, const Scenario& s, const analysis::RunResult& r, const ReportOptions& o,
                          const std::vector<OutputFile>& files, const std::string& prognose_json = "",
                          const std::string& ncw_basis_json = "");
std::string json_string(const std::string& s);  // a quoted, escaped JSON string

}  // namespace mkba::report
