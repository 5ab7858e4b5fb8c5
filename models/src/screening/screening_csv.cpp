// Reading a screening extract: header by name, every field checked, all problems collected.
#include "text_file.hpp"
#include "csv.hpp"
#include "yaml_reader.hpp"

#include <mkba/models/errors.hpp>
#include <mkba/models/screening.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace mkba {

const std::vector<std::string>& region_gemeenten() {
  static const std::vector<std::string> g = {"Zoetermeer", "Lansingerland", "Pijnacker-Nootdorp",
                                             "Leidschendam-Voorburg", "Wassenaar", "Voorschoten"};
  return g;
}

const std::vector<std::string>& default_screening_states() {
  // The default scenario's states (issue 14: the extra-guidance state, the exits by reason), the
  // older catch-all `uitstroom` and the states design.md says must be addable.
  static const std::vector<std::string> s = {"uitkering", "extra_begeleiding", "traject", "beschut", "lks", "regulier", "verhuisd",
                                             "ander_inkomen", "aow", "overleden", "uitstroom", "dagbesteding",
                                             "garantiebaan", "wsw", "ww"};
  return s;
}

std::vector<std::string> screening_columns() {
  std::vector<std::string> c = {"id", "gemeente", "geboortejaar", "screeningsdatum"};
  for (int d = 0; d < kZrmDomains; ++d) c.emplace_back(zrm_column(d));
  for (const char* s : {"ontheffing", "status", "status_sinds", "uitkering_sinds"}) c.emplace_back(s);
  return c;
}

std::string_view skip_reason_label(SkipReason r) {
  switch (r) {
    case SkipReason::malformed_row: return "verkeerd aantal velden";
    case SkipReason::missing_id: return "geen id";
    case SkipReason::duplicate_id: return "dubbel id";
    case SkipReason::invalid_value: return "ongeldige waarde";
    case SkipReason::score_out_of_range: return "ZRM-score buiten 1-5";
    case SkipReason::unknown_gemeente: return "onbekende gemeente";
    case SkipReason::unknown_state: return "onbekende status";
    case SkipReason::future_date: return "datum in de toekomst";
    case SkipReason::implausible_birth_year: return "onwaarschijnlijk geboortejaar";
  }
  return "?";
}

std::int64_t ScreeningData::skipped_total() const {
  std::int64_t n = 0;
  for (auto s : skipped) n += s;
  return n;
}

namespace {

using detail::join_names;
using detail::lower_ascii;
using detail::trim_blanks;

enum Column : int { c_id = 0, c_gemeente, c_birth, c_date, c_zrm0, c_ontheffing = c_zrm0 + kZrmDomains,
                    c_state, c_state_since, c_benefit_since, n_columns };

struct Problem {
  SkipReason reason;
  std::string message;
};

// Checks one data row; problems go to `out`, the record is valid only when none were added.
class RowReader {
 public:
  RowReader(const std::string& file, const ScreeningReadOptions& opt, const std::array<int, n_columns>& pos)
      : file_(file), opt_(opt), pos_(pos) {
    for (std::size_t i = 0; i < opt.gemeenten.size(); ++i) gemeente_[lower_ascii(trim_blanks(opt.gemeenten[i]))] = static_cast<int>(i);
    for (std::size_t i = 0; i < opt.states.size(); ++i) state_[lower_ascii(trim_blanks(opt.states[i]))] = static_cast<int>(i);
    min_birth_ = opt.reference.year - 110;
    max_birth_ = opt.reference.year - 14;
  }

  ScreeningRecord read(const detail::CsvRecord& row, std::vector<Problem>& out) {
    row_ = &row;
    out_ = &out;
    ScreeningRecord r;
    r.gemeente = lookup(c_gemeente, gemeente_, opt_.gemeenten, "gemeenten", SkipReason::unknown_gemeente);
    birth_year(r);
    if (auto d = date(c_date)) {
      r.screened = *d;
      if (r.birth_year > d->year)
        problem(SkipReason::implausible_birth_year, c_birth, "a birth year not after the year of the screening");
    }
    for (int d = 0; d < kZrmDomains; ++d) r.scores[static_cast<std::size_t>(d)] = score(c_zrm0 + d);
    ontheffing(r);
    r.state = lookup(c_state, state_, opt_.states, "states", SkipReason::unknown_state);
    if (auto m = month(c_state_since, false)) r.state_since = *m;
    if (auto m = month(c_benefit_since, true)) r.benefit_since = *m;
    return r;
  }

 private:
  std::string_view value(int col) const { return trim_blanks(row_->fields[static_cast<std::size_t>(pos_[static_cast<std::size_t>(col)])]); }
  const std::string& name(int col) const { return columns_[static_cast<std::size_t>(col)]; }

  // A message names the row and the column, never the value: a record's content (a birth year, a
  // date, an extra column's text) must not end up in a log or a ticket.
  void problem(SkipReason reason, int col, std::string_view expected, std::string_view hint = {}) {
    out_->push_back({reason, fmt::format("{}: row {}, column {}: expected {}{}{}", file_, row_->line, name(col),
                                         expected, value(col).empty() ? ", found an empty field" : "", hint)});
  }

  // A name from the caller's list, matched ignoring case; -1 (and a problem) when unknown.
  std::int32_t lookup(int col, const std::unordered_map<std::string, int>& index,
                      const std::vector<std::string>& names, const char* what, SkipReason reason) {
    const auto v = value(col);
    const auto it = index.find(lower_ascii(v));
    if (it != index.end()) return it->second;
    problem(reason, col, fmt::format("one of the {} {}", what, join_names(names)),
            v.empty() ? "" : detail::did_you_mean(std::string(v), names));
    return -1;
  }

  void birth_year(ScreeningRecord& r) {
    const auto v = value(c_birth);
    const std::string expected = fmt::format("a birth year {}-{}", min_birth_, max_birth_);
    const bool digits = v.size() == 4 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return problem(SkipReason::invalid_value, c_birth, expected);
    const int y = std::stoi(std::string(v));
    if (y < min_birth_ || y > max_birth_) return problem(SkipReason::implausible_birth_year, c_birth, expected);
    r.birth_year = y;
  }

  std::optional<CalendarDate> date(int col) {
    const auto v = value(col);
    const auto d = parse_date(v);
    if (!d) {
      // A Dutch Excel date (d-m-yyyy) gets the ISO spelling as a hint rather than a guess.
      int dd = 0, mm = 0, yy = 0;
      char a = 0, b = 0;
      std::istringstream in{std::string(v)};
      std::string hint;
      if ((in >> dd >> a >> mm >> b >> yy) && in.peek() == EOF && (a == '-' || a == '/') && a == b &&
          parse_date(fmt::format("{:04d}-{:02d}-{:02d}", yy, mm, dd)))
        hint = " (the field looks like a date written day-month-year; write year-month-day)";
      problem(SkipReason::invalid_value, col, "a date YYYY-MM-DD", hint);
      return std::nullopt;
    }
    if (*d > opt_.reference) {
      problem(SkipReason::future_date, col, fmt::format("a date not after {} {}", opt_.reference_what, opt_.reference.str()));
      return std::nullopt;
    }
    return d;
  }

  std::optional<YearMonth> month(int col, bool blank_allowed) {
    const auto v = value(col);
    if (v.empty() && blank_allowed) return std::nullopt;
    const auto m = parse_year_month(v);
    if (!m) {
      problem(SkipReason::invalid_value, col, blank_allowed ? "a month YYYY-MM or blank" : "a month YYYY-MM");
      return std::nullopt;
    }
    const YearMonth ref = opt_.reference.year_month();
    if (m->months_since(ref) > 0) {
      problem(SkipReason::future_date, col, fmt::format("a month not after {} {}", opt_.reference_month_what, ref.str()));
      return std::nullopt;
    }
    return m;
  }

  std::uint8_t score(int col) {
    const auto v = value(col);
    if (v.empty()) return kNotScored;
    const bool whole = std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (whole && v.size() == 1 && v[0] >= '1' && v[0] <= '5') return static_cast<std::uint8_t>(v[0] - '0');
    problem(whole ? SkipReason::score_out_of_range : SkipReason::invalid_value, col,
            "a ZRM score 1-5 (a whole number) or blank");
    return kNotScored;
  }

  void ontheffing(ScreeningRecord& r) {
    const std::string v = lower_ascii(value(c_ontheffing));
    if (v == "ja" || v == "j" || v == "1" || v == "true" || v == "yes") r.ontheffing = true;
    else if (v == "nee" || v == "n" || v == "0" || v == "false" || v == "no") r.ontheffing = false;
    else problem(SkipReason::invalid_value, c_ontheffing, "ja or nee (or 1/0)");
  }

  const std::string& file_;
  const ScreeningReadOptions& opt_;
  const std::array<int, n_columns>& pos_;
  const std::vector<std::string> columns_ = screening_columns();
  std::unordered_map<std::string, int> gemeente_, state_;
  int min_birth_ = 0, max_birth_ = 0;
  const detail::CsvRecord* row_ = nullptr;
  std::vector<Problem>* out_ = nullptr;
};

// Column positions by name; anything missing or twice makes the file unreadable.
std::array<int, n_columns> locate_columns(const std::vector<std::string>& header, const std::string& file) {
  std::array<int, n_columns> pos;
  pos.fill(-1);
  const auto names = screening_columns();
  std::vector<std::string> problems;
  for (std::size_t h = 0; h < header.size(); ++h) {
    const std::string name = lower_ascii(trim_blanks(header[h]));
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) continue;  // other columns are allowed and never read
    const auto c = static_cast<std::size_t>(it - names.begin());
    if (pos[c] >= 0) problems.push_back(fmt::format("{}: row 1: column {} appears twice (fields {} and {})", file,
                                                    name, pos[c] + 1, h + 1));
    else pos[c] = static_cast<int>(h);
  }
  std::vector<std::string> missing;
  for (std::size_t c = 0; c < names.size(); ++c)
    if (pos[c] < 0) missing.push_back(names[c]);
  if (!missing.empty()) {
    std::vector<std::string> found;
    for (const auto& h : header) found.push_back(std::string(trim_blanks(h)));
    std::string hints;
    for (const auto& m : missing) {
      const std::string dym = detail::did_you_mean(m, found);
      if (!dym.empty()) hints += fmt::format("; for {}{}", m, dym);
    }
    problems.push_back(fmt::format("{}: row 1: missing column(s) {}{} (see docs/data-formats.md)", file, join_names(missing), hints));
  }
  if (!problems.empty()) {
    std::string msg;
    for (const auto& p : problems) msg += (msg.empty() ? "" : "\n") + p;
    throw DataError(msg);
  }
  return pos;
}

}  // namespace

ScreeningData parse_screening_csv(std::string_view text, const std::string& file, const ScreeningReadOptions& opt) {
  // Record by record: a large extract is never held as a table of strings.
  detail::CsvReader csv(text, file);
  const auto pos = locate_columns(csv.header(), file);

  ScreeningData data;
  data.file = file;
  data.gemeenten = opt.gemeenten;
  data.states = opt.states;

  RowReader reader(file, opt, pos);
  std::unordered_map<std::string, int> first_row;  // id -> row where it first appeared
  std::vector<std::string> errors;
  bool truncated = false;
  std::vector<Problem> problems;

  const std::size_t n_fields = csv.header().size();
  detail::CsvRecord row;
  while (csv.next(row)) {
    ++data.rows_read;
    problems.clear();
    if (row.fields.size() != n_fields) {
      problems.push_back({SkipReason::malformed_row,
                          fmt::format("{}: row {}: expected {} fields (as in the header), found {}", file, row.line,
                                      n_fields, row.fields.size())});
    } else {
      // The id's value is never echoed: a message may end up in a log or a ticket.
      const std::string id(trim_blanks(row.fields[static_cast<std::size_t>(pos[c_id])]));
      if (id.empty()) {
        problems.push_back({SkipReason::missing_id,
                            fmt::format("{}: row {}, column id: expected a pseudonymous id, found an empty field", file, row.line)});
      } else if (auto [it, fresh] = first_row.try_emplace(id, row.line); !fresh) {
        problems.push_back({SkipReason::duplicate_id,
                            fmt::format("{}: row {}, column id: duplicate id (first in row {}; the id is not shown)",
                                        file, row.line, it->second)});
      }
      ScreeningRecord rec = reader.read(row, problems);
      if (problems.empty()) {
        data.records.push_back(rec);
        data.ids.push_back(id);
        continue;
      }
    }
    if (opt.lenient) {
      ++data.skipped[static_cast<std::size_t>(problems.front().reason)];
      continue;
    }
    for (auto& p : problems) {
      if (errors.size() >= opt.max_problems) {
        truncated = true;
        break;
      }
      errors.push_back(std::move(p.message));
    }
    if (truncated) break;
  }

  if (data.rows_read == 0)
    throw DataError(fmt::format("{}: the file has a header row but no data rows (expected one row per candidate)", file));
  if (!errors.empty()) {
    std::string msg;
    for (const auto& e : errors) msg += e + "\n";
    msg += truncated ? fmt::format("{}: stopped after the first {} problems; nothing was read", file, opt.max_problems)
                     : fmt::format("{}: {} problem(s); nothing was read", file, errors.size());
    throw DataError(msg);
  }
  return data;
}

ScreeningData read_screening_csv(const std::string& file, const ScreeningReadOptions& opt) {
  const detail::TextFile f = detail::read_text_file(file, "the screening file", detail::max_csv_bytes);
  if (!f.error.empty()) throw DataError(fmt::format("{}: {}", file, f.error));
  return parse_screening_csv(f.text, file, opt);
}

}  // namespace mkba
