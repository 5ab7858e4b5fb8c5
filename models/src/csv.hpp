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

// Throws mkba::DataError for what makes the rest unreadable: an unclosed quote, text after a
// closing quote, a UTF-16 or UTF-32 file, an empty file.
CsvTable parse_csv(std::string_view text, const std::string& file);

// One field as CSV: quoted only when it contains the separator, a quote or a line break.
std::string csv_field(std::string_view value, char separator);

}  // namespace mkba::detail
