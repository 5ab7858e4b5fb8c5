#include "csv.hpp"

#include <mkba/models/errors.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace mkba::detail {

char detect_separator(std::string_view line) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

namespace {
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

void check_encoding(std::string_view text, const std::string& file) {
  using namespace std::string_view_literals;
  if (starts_with(text, "\xFF\xFE\0\0"sv) || starts_with(text, "\0\0\xFE\xFF"sv))
    throw DataError(fmt::format("{}: the file is UTF-32; save it as CSV UTF-8", file));
  if (starts_with(text, "\xFF\xFE"sv) || starts_with(text, "\xFE\xFF"sv))
    throw DataError(fmt::format("{}: the file is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8", file));
}

std::string_view first_line(std::string_view text) {
  const std::size_t end = text.find_first_of("\r\n");
  return end == std::string_view::npos ? text : text.substr(0, end);
}
}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file) {
  check_encoding(text, file);
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw DataError(fmt::format("{}: the file is empty (expected a header row)", file));

  CsvTable table;
  table.separator = detect_separator(first_line(text));
  const char sep = table.separator;

  std::vector<CsvRecord> records;
  CsvRecord rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();

  auto end_record = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    const bool blank = std::all_of(rec.fields.begin(), rec.fields.end(),
                                   [](const std::string& f) { return f.find_first_not_of(" \t") == std::string::npos; });
    if (!blank || records.empty()) records.push_back(std::move(rec));
    rec = CsvRecord{};
  };
  // Consumes one line break at i (LF, CRLF or a lone CR) if there is one.
  auto line_break = [&]() -> bool {
    if (text[i] == '\n') {
      ++i;
    } else if (text[i] == '\r') {
      ++i;
      if (i < n && text[i] == '\n') ++i;
    } else {
      return false;
    }
    ++line;
    return true;
  };

  while (i < n) {
    if (text[i] == '"' && field.empty()) {
      const int start_line = line;
      ++i;
      for (;;) {
        if (i >= n)
          throw DataError(fmt::format("{}: row {}: a quoted field is not closed (a '\"' is missing)", file, start_line));
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n' || text[i] == '\r') {
          const std::size_t before = i;
          line_break();
          field.append(text.substr(before, i - before));
          continue;
        }
        field += text[i++];
      }
      if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
        const std::string_view rest = text.substr(i, std::min<std::size_t>(20, n - i));
        throw DataError(fmt::format("{}: row {}: unexpected text after a closing quote: '{}'", file, line,
                                    rest.substr(0, rest.find_first_of("\r\n"))));
      }
      continue;
    }
    if (text[i] == sep) {
      rec.fields.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (line_break()) {
      end_record();
      rec.line = line;
      continue;
    }
    field += text[i++];
  }
  // records.empty(): a file of one empty quoted field ("") and no line end still has a header row.
  if (!field.empty() || !rec.fields.empty() || records.empty()) end_record();

  table.header = std::move(records.front().fields);
  records.erase(records.begin());
  table.rows = std::move(records);
  return table;
}

std::string csv_field(std::string_view value, char separator) {
  if (value.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace mkba::detail
