#pragma once
// The report's tables as data, before any format: every writer (HTML, Markdown, CSV, XLSX) renders
// the same cells, with the same disclosure control already applied, so the formats cannot disagree.
#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/report_options.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mkba::report {

enum class Unit { text, euro, persons, person_years, quantity, probability, ratio, percent };

// A PSA interval for a cell; filled once the run plan has iterations. No writer invents one.
struct Interval {
  double p5 = 0, p95 = 0;
};

struct Cell {
  Unit unit = Unit::text;
  double value = 0;
  std::string text;             // for Unit::text
  bool suppressed = false;      // not published (disclosure control)
  bool below_threshold = false; // a count under the threshold itself: shown as "<threshold"
  std::optional<Interval> interval;

  static Cell of_text(std::string t) { return {Unit::text, 0, std::move(t), false, false, {}}; }
  static Cell of(Unit u, double v) { return {u, v, {}, false, false, {}}; }
};

struct Table {
  std::string id;      // file-name stem, e.g. "verdelingstabel-intensivering"
  std::string title;
  std::string note;    // printed under the table
  std::string corner;  // header of the row-label column
  std::vector<std::string> columns;
  std::vector<std::string> rows;
  std::vector<std::vector<Cell>> cells;  // [row][column]
  bool total_row = false;     // the last row is a total (printed bold)
  bool total_column = false;  // the last column is a total
  Lang lang = Lang::nl;       // number format and legend of the writers

  // Columns that carry a PSA interval get a "P5-P95" column next to them in every format.
  bool column_has_interval(std::size_t c) const;
};

struct GemeenteAppendix {
  std::string name;
  std::string slug;                 // file-name safe
  std::vector<Table> verdeling;     // per projectalternatief: minus the nulalternatief
  std::vector<Table> occupancy;     // per alternative: persons per state at the start of each year
  Table ncw;                        // NCW per stakeholder per alternative and the differences from the nul
  std::optional<Table> indicators;  // projectalternatieven minus the nul: B/C, terugverdienjaar (analysis::per_gemeente)
};

struct ReportTables {
  Table summary;                 // society NCW per alternative and the difference from the nul
  Table comparison;              // NCW per stakeholder per alternative and differences
  std::optional<Table> pairwise; // projectalternatieven against each other (two or more of them)
  std::vector<Table> verdeling;  // region, per projectalternatief minus the nulalternatief
  // The werkbedrijf's result per fte-year per alternative (werkbedrijf_table.hpp), printed with the
  // verdelingstabellen; absent without a werkbedrijf stakeholder and an fte outcome.
  std::optional<Table> werkbedrijf;
  Table indicators;
  std::vector<Table> occupancy;  // region, per alternative (the charts read these)
  std::vector<GemeenteAppendix> gemeenten;
  // aannames
  Table effects, matrix, overlays, settings, parameters;
  // bestandsanalyse: the starting caseload from a screening file, per gemeente x kwadrant and per
  // kwadrant x state (region); absent when the caseload is not from a screening file.
  std::optional<Table> bestand_gemeenten, bestand_toestanden;
  // gevoeligheid: society NCW difference at each sensitivity discount rate; the one-way tornado
  // (parameter at P5 and P95) when computed.
  std::optional<Table> rates, tornado;
  // The tornado's bars were evaluated as cohort traces (TornadoBar::cohort): the charts say so.
  bool tornado_cohort = false;
  // PSA: [projectalternatief - 1][iteration] society NCW minus the nulalternatief (empty without PSA).
  std::vector<std::vector<double>> ncw_draws;
  // PSA: per iteration the drawn parameters and every NCW (psa_iterations.hpp); set by report_files.
  std::optional<Table> psa_iterations;
  // Results per kwadrant (segment), region: analysis::per_segment() (every alternative, then every
  // projectalternatief minus the nul) and, in the same order, its protected table: rows the segments
  // and "totaal", columns the stakeholders, society and outcomes. The "totaal" money cells are the
  // comparison's and the verdelingstabel's own cells, so per-kwadrant.csv and the report hide alike.
  std::vector<analysis::SegmentResult> segments;
  std::vector<Table> per_kwadrant;
  // The analysis results the tables are built from, computed once here and read by every writer
  // (`mkba run`'s CSV files and console too, so nothing is computed twice): the PSA indicators
  // (with a PSA) and the society NCW difference at each sensitivity discount rate.
  std::optional<analysis::PsaIndicators> psa_indicators;
  std::vector<analysis::RateVariant> rate_variants;
  // Over time, base case (analysis/over_time.hpp): [alternative][cycle] society's cumulative NCW (the
  // cumulative chart), and [projectalternatief - 1] the differences from the nul per calendar year and
  // per semester, [year * 10 (+ half)][stakeholder] (per-periode.csv).
  std::vector<std::vector<double>> society_cumulative;
  std::vector<std::map<int, std::vector<double>>> by_year, by_semester;
  // The section "semester" (realisatie and prognose; report/semester.hpp), set by report_files.
  std::string semester_html;
  int suppressed_cells = 0, primary_cells = 0;
  Lang lang = Lang::nl;
};

std::string slug(const std::string& name);

// The one rule for a published difference of two protected cells (a projectalternatief minus
// another, `mkba compare`): hidden when either side is, else the hidden one would follow from it.
Cell difference_cell(const Cell& a, const Cell& b);

// Alternative a minus alternative b (indices into the scenario; 0 is the nulalternatief), region,
// from the protected verdelingstabellen: rows the categories and "Totaal", columns the stakeholders
// and society. What `mkba compare` publishes.
Table pair_difference(const Scenario& s, const ReportTables& t, int a, int b);

// Whether the report hides projectalternatief a minus the nul (region) for stakeholder k, or for
// society when k is the number of stakeholders: the verdelingstabel's total row. Every figure that
// varies or sums to that cell (PSA distribution, per period, discount rates, tornado) is hidden with
// it; a pair a - b is hidden when either side is. False for the nul itself (a == 0).
bool difference_hidden(const ReportTables& t, int a, std::size_t k);
std::string stakeholder_label(const std::string& id);
std::string category_label(const std::string& id);

// Builds every table and applies disclosure control with the given threshold (persons), in Dutch.
ReportTables build_tables(const Scenario& s, const analysis::RunResult& r, double threshold);
// The same with the options' threshold, language and (when computed) one-way sensitivity.
ReportTables build_tables(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o);

}  // namespace mkba::report
