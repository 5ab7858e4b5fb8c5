#pragma once
// What a report run may vary. Everything except run_time enters the files, so two runs with the
// same scenario, result and options produce byte-identical files apart from manifest.json's
// run_time.
#include <string>

namespace mkba::report {

struct ReportOptions {
  double threshold = 10;     // disclosure control: counts below it print "<10"; money from fewer persons is hidden
  std::string period;        // report period (e.g. "2026-H1"); empty: the scenario's meta.period
  int threads = 1;           // recorded in the manifest (results do not depend on it)
  std::string run_time;      // recorded in the manifest only; empty: now, UTC, ISO 8601
  std::string version;       // empty: this build's mkba version
  std::string git_commit;    // empty: this build's git commit
  bool xlsx = true;          // also write bijlagen.xlsx
};

}  // namespace mkba::report
