#include "csv.hpp"

#include <mkba/models/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

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

CsvReader::CsvReader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
  check_encoding(text_, file_);
  if (starts_with(text_, "\xEF\xBB\xBF")) text_.remove_prefix(3);
  if (text_.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw DataError(fmt::format("{}: the file is empty (expected a header row)", file_));
  const std::string_view head = first_line(text_.substr(0, kMaxCsvHeaderLine + 1));
  if (head.size() > kMaxCsvHeaderLine)
    throw DataError(fmt::format("{}: row 1: the header line is longer than {} characters; expected a CSV file with "
                                "named columns (is this the right file?)", file_, kMaxCsvHeaderLine));
  separator_ = detect_separator(head);
  CsvRecord h;
  read_record(h);  // a file of one empty quoted field ("") still has a header row of one empty name
  header_ = std::move(h.fields);
}

bool CsvReader::next(CsvRecord& out) {
  while (i_ < text_.size()) {
    read_record(out);
    const bool blank = std::all_of(out.fields.begin(), out.fields.end(),
                                   [](const std::string& f) { return f.find_first_not_of(" \t") == std::string::npos; });
    if (!blank) return true;
  }
  return false;
}

bool CsvReader::read_record(CsvRecord& rec) {
  const std::string_view text = text_;
  const std::size_t n = text.size();
  const char sep = separator_;
  std::size_t& i = i_;
  rec.fields.clear();
  rec.line = line_;
  std::string field;
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
    ++line_;
    return true;
  };
  auto too_long = [&] {
    if (field.size() > kMaxCsvField)
      throw DataError(fmt::format("{}: row {}, field {}: longer than {} characters; no field of this file is that "
                                  "long (is this the right file?)", file_, rec.line, rec.fields.size() + 1,
                                  kMaxCsvField));
  };

  while (i < n) {
    if (text[i] == '"' && field.empty()) {
      const int start_line = line_;
      ++i;
      for (;;) {
        if (i >= n)
          throw DataError(fmt::format("{}: row {}, field {}: a quoted field is not closed (a '\"' is missing)", file_,
                                      start_line, rec.fields.size() + 1));
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
        } else {
          // Up to the next quote or line break in one step.
          const std::size_t end = std::min(text.find_first_of("\"\r\n", i), n);
          field.append(text.substr(i, end - i));
          i = end;
        }
        too_long();
      }
      // The message names row and field, never the text: it can be a candidate id or an extra
      // column's content.
      if (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r')
        throw DataError(fmt::format("{}: row {}, field {}: unexpected text after a closing quote (a quote inside a "
                                    "quoted field is written \"\")", file_, line_, rec.fields.size() + 1));
      continue;
    }
    if (text[i] == sep) {
      rec.fields.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (line_break()) {
      rec.fields.push_back(std::move(field));
      return true;
    }
    // Up to the next separator, quote or line break in one step.
    const char stops[] = {sep, '\r', '\n', '\0'};
    const std::size_t end = std::min(text.find_first_of(std::string_view(stops, 3), i + 1), n);
    field.append(text.substr(i, end - i));
    i = end;
    too_long();
  }
  rec.fields.push_back(std::move(field));
  return true;
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
  CsvReader reader(text, file);
  CsvTable table;
  table.separator = reader.separator();
  table.header = reader.header();
  CsvRecord rec;
  while (reader.next(rec)) table.rows.push_back(rec);
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

std::string_view trim_blanks(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string join_names(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

void Problems::add(std::string msg) {
  ++count;
  if (list.size() >= max) {
    truncated = true;
    return;
  }
  list.push_back(std::move(msg));
}

bool Problems::fields_as_header(const CsvRecord& row, std::size_t header_fields) {
  if (row.fields.size() == header_fields) return true;
  add(fmt::format("{}: row {}: expected {} fields (as in the header), found {}", file, row.line, header_fields,
                  row.fields.size()));
  return false;
}

void Problems::throw_if_any() const {
  if (list.empty()) return;
  std::string msg;
  for (const auto& e : list) msg += e + "\n";
  msg += truncated ? fmt::format("{}: stopped after the first {} problems; nothing was read", file, max)
                   : fmt::format("{}: {} problem(s); nothing was read", file, list.size());
  throw DataError(msg);
}

}  // namespace mkba::detail
