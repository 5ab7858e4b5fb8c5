#pragma once
// The realisatie: what actually happened, month by month, as the werkbedrijf exports it in
// aggregates (docs/data-formats.md, "Realisatie"). Per gemeente, month, state and (where known)
// kwadrant: the caseload at the end of the month (stand), inflow into the caseload, moves to other
// states, departures, places used and realised costs. No person-level data is accepted.
//
// A realisatie makes the projection start after its last month: apply_realisatie() replaces the
// scenario's start population by the last month's stand and time.start by the month after it.
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mkba {

// A report period: a semester (2026-H1) or a quarter (2026-Q3), as the months it covers.
struct ReportPeriod {
  std::string label;  // "2026-H1"
  YearMonth first, last;  // inclusive
  bool contains(YearMonth m) const { return m.months_since(first) >= 0 && last.months_since(m) >= 0; }
  ReportPeriod next() const;  // the period of the same kind after this one
};
// nullopt for anything but YYYY-H1/H2 or YYYY-Q1..Q4.
std::optional<ReportPeriod> parse_report_period(std::string_view text);
// The semester a month lies in.
ReportPeriod semester_of(YearMonth m);

struct RealisatieRow {
  int row = 0;  // physical line in the file
  int gemeente = 0;
  YearMonth month;
  int state = 0;
  int kwadrant = 0;  // 1..4, or 0 = unknown (blank)
  std::int64_t stand = 0;     // persons in the state at the end of the month
  std::int64_t instroom = 0;  // persons who entered the caseload into this state in the month
  std::int64_t vertrek = 0;   // persons who left the caseload from this state, to no state of the scenario
  std::vector<std::int64_t> naar;  // [state]: persons who moved from this state to that one in the month
  std::optional<double> plaatsen;  // places used (fte), when given
  std::optional<double> kosten;    // realised costs of the instrument in the month (euros), when given
};

struct Realisatie {
  std::string file;
  std::vector<std::string> gemeenten, states;
  ReportPeriod period;
  YearMonth first_month, last_month;
  std::vector<RealisatieRow> rows;  // sorted by (month, gemeente, state, kwadrant)
  bool has_kwadrant = false;        // the file has a kwadrant column
  // Persons per gemeente and state at the end of month m (summed over kwadranten).
  std::int64_t stand(int gemeente, int state, YearMonth m) const;
};

struct RealisatieReadOptions {
  std::vector<std::string> gemeenten;
  std::vector<std::string> states;
  std::optional<ReportPeriod> period;  // every month must lie in it; default: the semester of the last month
  std::size_t max_problems = 50;
};

// Strict: every problem (up to max_problems) with row and column, then one mkba::DataError.
Realisatie parse_realisatie_csv(std::string_view text, const std::string& file, const RealisatieReadOptions& opt);
Realisatie read_realisatie_csv(const std::string& file, const RealisatieReadOptions& opt);
std::string realisatie_csv(const Realisatie& r);

// The projection starts after the realisatie's last month: the start population per gemeente,
// state and kwadrant is that month's stand (months in state: with duration bands from the file's entries,
// newest first, the rest at the number of months in the file; else 0), and
// time.start the month after it. Throws mkba::Error when the scenario cannot take it (cycles of
// more than a month, rescreening, segments that are neither 'alle' nor the kwadranten).
void apply_realisatie(Scenario& s, Realisatie r);
// Reads `file` with the scenario's gemeenten and states and the period `period` (else
// meta.period, else the semester of its last month) and applies it: what run, report and validate do
// with --realisatie or meta.realisatie.
void apply_realisatie_file(Scenario& s, const std::string& file, const std::string& period = "");

// A synthetic realisatie from a scenario's nulalternatief (no real persons): its start population
// (per gemeente, state and segment) moved month by month with the base transition matrix
// (binomial draws per cell, PhiloxEngine streams), its inflow drawn as Poisson counts, from
// time.start through `last`; the rows of the months from `first` to `last` are written. The same
// seed gives the same path, so two successive windows fit together.
Realisatie synth_realisatie(const Scenario& s, YearMonth first, YearMonth last, std::uint64_t seed);

}  // namespace mkba
