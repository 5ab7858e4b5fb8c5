#pragma once
// What a report run may vary. Everything except run_time enters the files, so two runs with the
// same scenario, result and options produce byte-identical files apart from manifest.json's
// run_time.
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/report/lang.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mkba::report {

struct Forecast;   // semester.hpp
struct NcwChange;  // ncw_change.hpp

struct ReportOptions {
  double threshold = 10;     // disclosure control: counts below it print "<10"; money from fewer persons is hidden
  std::string period;        // report period (e.g. "2026-H1"); empty: the scenario's meta.period
  int threads = 1;           // recorded in the manifest (results do not depend on it)
  std::string run_time;      // recorded in the manifest only; empty: now, UTC, ISO 8601
  std::string version;       // empty: this build's mkba version
  std::string git_commit;    // empty: this build's git commit
  bool xlsx = true;          // also write bijlagen.xlsx
  Lang lang = Lang::nl;      // headings, labels and number format (Dutch by default)
  // The one-way sensitivity (analysis::one_way) when it was computed: the report's tornado. Without
  // it the sensitivity section says how to get one.
  std::optional<std::vector<analysis::TornadoBar>> tornado;
  // The previous report's forecast (mkba report --previous DIR; report/semester.hpp), or null.
  std::shared_ptr<const Forecast> previous;
  // The NCW change from the previous report split by cause (report/ncw_change.hpp), or null.
  std::shared_ptr<const NcwChange> ncw_change;
  // --persons as given to the run (nullopt: the default), stored in the manifest's ncw_basis.
  std::optional<std::int64_t> persons;
};

}  // namespace mkba::report
