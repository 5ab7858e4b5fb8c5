#pragma once
// A small RFC 4180 reader for the data files mkba accepts: ',' or ';' separated (detected from the
// header), UTF-8 with or without BOM, quoted fields with "" escapes and embedded line breaks,
// LF, CRLF or CR line ends. No third-party CSV library in Debian fits (see docs/data-formats.md).
#include <string>
#include <string_view>
#include <vector>

namespace mkba::detail {

struct CsvRecord {
  int line = 0;  // physical line where the record starts (the header is line 1), as Excel numbers rows
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ',';
  std::vector<std::string> header;  // the first record
  std::vector<CsvRecord> rows;      // the rest; records with only empty fields are dropped
};

// The separator of a header line: the more frequent of ';' and ',' outside quotes (',' on a tie).
char detect_separator(std::string_view header_line);

// No field of a data file mkba reads is long: a longer one (or a header line past the limit) is the
// wrong file, refused at once instead of after parsing megabytes of one line.
inline constexpr std::size_t kMaxCsvField = std::size_t{64} << 10;
inline constexpr std::size_t kMaxCsvHeaderLine = std::size_t{64} << 10;

// Reads records one at a time (a large extract is never held as a table of strings): the header
// first, then next() until it returns false. Same rules and errors as parse_csv().
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file);  // reads the header; throws mkba::DataError
  char separator() const { return separator_; }
  const std::vector<std::string>& header() const { return header_; }
  bool next(CsvRecord& out);  // the next non-blank data record; false at the end

 private:
  bool read_record(CsvRecord& out);  // any record, blank ones included
  std::string_view text_;
  std::string file_;
  std::size_t i_ = 0;
  int line_ = 1;
  char separator_ = ',';
  std::vector<std::string> header_;
};

// Throws mkba::DataError for what makes the rest unreadable: an unclosed quote, text after a
// closing quote, a UTF-16 or UTF-32 file, an empty file.
CsvTable parse_csv(std::string_view text, const std::string& file);

// Field helpers shared by the readers of data files (screening, episodes, realisatie).
std::string_view trim_blanks(std::string_view s);       // without surrounding spaces and tabs
std::string lower_ascii(std::string_view s);            // ASCII letters in lower case
std::string join_names(const std::vector<std::string>& v);  // "a, b, c" (for "expected one of")

// The problems a reader collects before it refuses a file: up to `max` messages, every one counted
// (rows are skipped on a problem, so fuzzing sees the count grow), thrown together as one DataError.
struct Problems {
  std::string file;
  std::size_t max;
  std::vector<std::string> list;
  bool truncated = false;
  std::size_t count = 0;
  void add(std::string msg);
  void throw_if_any() const;  // "...; nothing was read"
  // False (and a problem added) when a record has another number of fields than the header.
  bool fields_as_header(const CsvRecord& row, std::size_t header_fields);
};

// One field as CSV: quoted only when it contains the separator, a quote or a line break.
std::string csv_field(std::string_view value, char separator);

}  // namespace mkba::detail
