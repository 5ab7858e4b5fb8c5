#pragma once
// A ZRM screening extract (docs/data-formats.md): one row per candidate with the latest
// screening, read into plain records whose gemeente and state are already indices into the
// caller's lists, so the simulation can copy them into its person arrays without a string.
//
// Privacy: the pseudonymous ids are kept apart from the records (ScreeningData::ids) and are used
// only to detect duplicates and, later, to link episode data. No aggregate, report or error
// message shows them.
#include <mkba/models/calendar.hpp>
#include <mkba/models/zrm.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mkba {

struct ScreeningRecord {
  std::int32_t gemeente = 0;  // index into ScreeningData::gemeenten
  std::int32_t birth_year = 0;
  CalendarDate screened;      // date of the (latest) ZRM screening
  ZrmScores scores{};         // 1..5, kNotScored when blank
  bool ontheffing = false;    // exempt from the obligation to seek work
  std::int32_t state = 0;     // index into ScreeningData::states
  YearMonth state_since;      // first month in the current state
  std::optional<YearMonth> benefit_since;  // first month of the benefit; none for e.g. Wsw
};

// Why a row was skipped in lenient mode (a row with several problems counts under its first).
enum class SkipReason : int {
  malformed_row = 0,   // wrong number of fields
  missing_id,
  duplicate_id,
  invalid_value,       // not a date, month, year, score or flag
  score_out_of_range,  // a whole number outside 1..5
  unknown_gemeente,
  unknown_state,
  future_date,         // after the reference date
  implausible_birth_year,
};
inline constexpr int kSkipReasons = 9;
std::string_view skip_reason_label(SkipReason r);  // Dutch, for the console

struct ScreeningData {
  std::string file;
  std::vector<std::string> gemeenten;  // as passed by the caller (canonical spelling)
  std::vector<std::string> states;
  std::vector<ScreeningRecord> records;
  std::vector<std::string> ids;        // parallel to records; never written to any output
  std::array<std::int64_t, kSkipReasons> skipped{};  // lenient mode only
  std::int64_t rows_read = 0;          // data rows in the file (skipped ones included)

  std::int64_t skipped_total() const;
};

struct ScreeningReadOptions {
  std::vector<std::string> gemeenten;  // allowed values (matched ignoring case and outer spaces)
  std::vector<std::string> states;     // allowed state ids (idem)
  CalendarDate reference;              // dates after it are "in the future"
  // What the reference is, in messages ("a date not after <what> 2026-01-31"): a scenario passes the
  // end of time.start's month, as a caseload must be known at the start.
  std::string reference_what = "the reference date";
  std::string reference_month_what = "the reference month";
  bool lenient = false;                // skip bad rows and count them instead of refusing
  std::size_t max_problems = 50;       // strict mode stops collecting after this many
};

// The six municipalities of the region Zuid-Holland Centraal that De Binnenbaan serves.
const std::vector<std::string>& region_gemeenten();
// The default scenario's states plus those design.md section 3 says must be addable.
const std::vector<std::string>& default_screening_states();

// The required columns in their canonical order (the writer's order; the reader accepts any).
std::vector<std::string> screening_columns();

// Strict mode: every problem (up to max_problems) is collected and one mkba::DataError is thrown
// naming file, row, column, value and what was expected; nothing is returned. Problems that make
// the file unreadable (missing columns, an unclosed quote, UTF-16) are thrown in either mode.
ScreeningData read_screening_csv(const std::string& file, const ScreeningReadOptions& options);
// The same from text in memory; `file` is used in messages only.
ScreeningData parse_screening_csv(std::string_view text, const std::string& file,
                                  const ScreeningReadOptions& options);

// The extract as CSV text (header, then one row per record, '\n' line ends, UTF-8 without BOM).
std::string screening_csv(const ScreeningData& data, char separator = ',');
// Writes it to `file` through a temporary name, so a failure leaves no partial file.
void write_screening_csv(const std::string& file, const ScreeningData& data, char separator = ',');

}  // namespace mkba
