#pragma once
// The semester cycle in the report (docs/semester.md): with a realisatie in force (the projection
// starts after its last month), the report writes
//  - prognose.csv: the forecast per gemeente, state and month from the first projected month through
//    the end of the next period (the nulalternatief's persons at the end of each month; P5-P95 over
//    the PSA iterations when a PSA ran), and the same cells, as printed, in manifest.json ("prognose"),
//    so the next report can show them exactly;
//  - stand-per-maand.csv: the region's persons per state per month, realised months labelled
//    "realisatie", projected ones "prognose";
//  - with the previous run's forecast (mkba report --previous DIR): realisatie-vs-prognose.csv per
//    gemeente, state and month: previous forecast, realised, difference, inside P5-P95.
// Every count per gemeente and the region's go through one DisclosureProblem (report::protect).
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/report_options.hpp>
#include <mkba/report/tables.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mkba::report {

// One forecast cell as printed in prognose.csv (plain CSV text: "12.3", "<10" or "x"; p5 and p95
// empty without a PSA).
struct ForecastCell {
  std::string gemeente, status, maand;
  std::string mean, p5, p95;
};

struct Forecast {
  std::string made_in;      // the period of the report that made it ("2026-H1")
  std::string period;       // the period it is for ("2026-H2")
  std::string alternative;  // the alternative forecast (the nulalternatief's id)
  bool interval = false;    // P5-P95 from a PSA
  std::vector<ForecastCell> cells;
  std::string manifest_file, manifest_sha256;  // where it was read (read_previous_forecast): an input of the next run
};

struct SemesterOutput {
  std::optional<Forecast> forecast;  // this run's (manifest "prognose")
  std::vector<OutputFile> files;     // prognose.csv, stand-per-maand.csv, realisatie-vs-prognose.csv
  std::string html;                  // the section "semester" of rapport.html ("" without a realisatie)
  std::string manifest_json;         // the "prognose" object as JSON text ("" without a forecast)
};

// Empty (no files, no section) when the scenario has no realisatie in force. o.previous is the
// forecast of the previous report (read_previous_forecast), or null. `tables`: the report's own
// tables, whose first occupancy row holds the same persons as the realisatie's last month (the
// start); those cells take the report's decision (published: known, hidden: forced), so the two
// patterns cannot be combined to recover a hidden count.
SemesterOutput semester_output(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o,
                               const ReportTables* tables = nullptr);

// The forecast stored in DIR/manifest.json by an earlier report. Throws mkba::DataError naming the
// file when it is missing, not an mkba manifest, or holds no forecast.
Forecast read_previous_forecast(const std::string& dir);

}  // namespace mkba::report
