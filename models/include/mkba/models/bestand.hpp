#pragma once
// Bestandsanalyse (business plan project B): the caseload of a screening extract in aggregates
// only. Counts by gemeente x kwadrant x state, the distributions of distance to work and
// escalation risk, and the share screened within the last twelve months. Counts below
// small_cell are shown as "<10" in every table and CSV, counts that would reveal them through the
// totals as "x" (BestandHidden, from report::bestand_disclosure); candidate ids are never read here.
#include <mkba/models/calendar.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/segments.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mkba {

struct BestandOptions {
  SegmentRule rule;
  CalendarDate peildatum;  // the twelve-month window ends here (inclusive)
  int small_cell = 10;     // counts below this are suppressed in the formatted output
};

// Bins of the two scores. Distance to work (0..4) in steps of 0.5; the last bin is [3.5, 4].
// Escalation risk in whole points, the last bin open ("6+"). Bin 0 of distance is "onbekend"
// (too few domains scored), so distance bins are 1 + floor(distance / 0.5).
inline constexpr int kDistanceBins = 1 + 8;
inline constexpr int kRiskBins = 7;
inline constexpr int kKwadranten = 5;  // 0 = undetermined, 1..4

struct Bestand {
  std::vector<std::string> gemeenten;
  std::vector<std::string> states;
  CalendarDate peildatum;
  SegmentRule rule;  // as used, for the table's explanations
  int small_cell = 10;
  std::int64_t persons = 0;
  std::int64_t skipped = 0;                  // rows skipped in lenient mode (from ScreeningData)
  std::vector<std::int64_t> cells;           // [gemeente][kwadrant][state]
  std::vector<std::int64_t> distance_hist;   // [gemeente][distance bin]
  std::vector<std::int64_t> risk_hist;       // [gemeente][risk bin]
  std::vector<std::int64_t> per_gemeente;    // [gemeente]
  std::vector<std::int64_t> screened_recent; // [gemeente] screened within 12 months of peildatum
  std::vector<std::int64_t> ontheffing;      // [gemeente]

  std::int64_t cell(int g, int k, int s) const;
};

int distance_bin(const Segment& s);
int risk_bin(double risk);
std::string distance_bin_label(int bin);  // "onbekend", "0,0-0,5", ..., "3,5-4,0"
std::string risk_bin_label(int bin);      // "0", "1", ..., "6+"
std::string kwadrant_label(int k);        // "1 dichtbij, laag risico", ..., "onbekend"

Bestand bestandsanalyse(const ScreeningData& data, const BestandOptions& options);

// Screened within the twelve months up to the peildatum (after the same day a year before it, not
// after the peildatum): the one rule for "screened recently"; the others are due for a rescreening.
bool screened_within_year(CalendarDate screened, CalendarDate peildatum);

// The default peildatum: the extract's latest screening, so an old extract is described as of its
// own date, not as of today (`fallback` for an empty extract). `mkba bestand` without --peildatum and
// a scenario's population.screening both use it, so both see the same twelve-month window.
CalendarDate latest_screening(const ScreeningData& data, CalendarDate fallback);

// A count as shown: "<10" when 0 <= n < small_cell, the number otherwise.
std::string shown_count(std::int64_t n, int small_cell);
// A share as shown: "-" when the numerator, the denominator or their difference is below
// small_cell (the difference could reveal a small group), else a percentage with a decimal comma.
std::string shown_share(std::int64_t part, std::int64_t whole, int small_cell);

// Secondary suppression of the printed counts: true = hidden although the count is not small (it
// could otherwise be recovered from totals). Decided outside models/ (report::bestand_disclosure
// runs report::protect over every printed number); models/ only formats, so it does not depend on
// report/. Empty vectors = primary suppression only. Region = index G (G = gemeenten.size()).
struct BestandHidden {
  std::vector<bool> kwadrant;    // [(g * (kKwadranten + 1) + k) * (S + 1) + s]; k == kKwadranten or s == S: totals
  std::vector<bool> distance;    // [g * kDistanceBins + bin]
  std::vector<bool> risk;        // [g * kRiskBins + bin]
  std::vector<bool> recent;      // [g]
  std::vector<bool> ontheffing;  // [g]
  static std::size_t kw_index(std::size_t S, int g, int k, int s) {
    return (static_cast<std::size_t>(g) * (kKwadranten + 1) + static_cast<std::size_t>(k)) * (S + 1) + static_cast<std::size_t>(s);
  }
};

// A count as printed: "<10" when below small_cell (primary), "x" when hidden secondarily, else the number.
std::string shown_count(std::int64_t n, int small_cell, bool hidden);

// The console overview (Dutch, fixed-width columns).
std::string bestand_table(const Bestand& b, const BestandHidden& hidden = {});
// CSV files (name, content): bestand_kwadranten.csv, bestand_afstand.csv,
// bestand_escalatie.csv, bestand_screening.csv; ',' separated, suppressed like the table.
std::vector<std::pair<std::string, std::string>> bestand_csv(const Bestand& b, const BestandHidden& hidden = {});

}  // namespace mkba
