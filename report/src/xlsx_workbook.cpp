#include <mkba/models/errors.hpp>
#include <mkba/report/xlsx_workbook.hpp>

#include "number_format.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace mkba::report {
namespace {

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* suppressed = nullptr;
  lxw_format* note = nullptr;
  std::map<Unit, lxw_format*> number;
  std::map<Unit, lxw_format*> number_bold;
};

const char* number_format(Unit u) {
  switch (u) {
    case Unit::euro: return "\"\xE2\x82\xAC\" #,##0;\"\xE2\x82\xAC\" -#,##0";
    case Unit::persons: return "#,##0";
    case Unit::person_years: return "#,##0.0";
    case Unit::quantity: return "#,##0.####";
    case Unit::probability: return "0.0000";
    case Unit::ratio: return "0.00";
    case Unit::percent: return "0.00%";
    case Unit::text: return "@";
  }
  return "General";
}

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 12);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  f.suppressed = workbook_add_format(wb);
  format_set_align(f.suppressed, LXW_ALIGN_RIGHT);
  f.note = workbook_add_format(wb);
  format_set_italic(f.note);
  for (Unit u : {Unit::euro, Unit::persons, Unit::person_years, Unit::quantity, Unit::probability, Unit::ratio, Unit::percent}) {
    f.number[u] = workbook_add_format(wb);
    format_set_num_format(f.number[u], number_format(u));
    f.number_bold[u] = workbook_add_format(wb);
    format_set_num_format(f.number_bold[u], number_format(u));
    format_set_bold(f.number_bold[u]);
  }
  return f;
}

lxw_row_t row_t(int r) { return static_cast<lxw_row_t>(r); }
lxw_col_t col_t(int c) { return static_cast<lxw_col_t>(c); }

// Writes a table from row `r`; returns the first free row after it (with one blank row).
int write_table(lxw_worksheet* ws, int r, const Table& t, const Formats& f, double threshold) {
  worksheet_write_string(ws, row_t(r++), 0, t.title.c_str(), f.title);
  int c = 0;
  worksheet_write_string(ws, row_t(r), col_t(c++), t.corner.c_str(), f.header);
  for (std::size_t j = 0; j < t.columns.size(); ++j) {
    worksheet_write_string(ws, row_t(r), col_t(c++), t.columns[j].c_str(), f.header);
    if (t.column_has_interval(j)) {
      worksheet_write_string(ws, row_t(r), col_t(c++), (t.columns[j] + " P5").c_str(), f.header);
      worksheet_write_string(ws, row_t(r), col_t(c++), (t.columns[j] + " P95").c_str(), f.header);
    }
  }
  ++r;
  for (std::size_t i = 0; i < t.rows.size(); ++i, ++r) {
    const bool bold = t.total_row && i + 1 == t.rows.size();
    c = 0;
    worksheet_write_string(ws, row_t(r), col_t(c++), t.rows[i].c_str(), bold ? f.header : nullptr);
    for (std::size_t j = 0; j < t.cells[i].size(); ++j) {
      const Cell& cell = t.cells[i][j];
      auto put = [&](double v) {
        if (cell.suppressed)
          worksheet_write_string(ws, row_t(r), col_t(c), suppressed_symbol(cell, threshold).c_str(), f.suppressed);
        else if (cell.unit == Unit::text)
          worksheet_write_string(ws, row_t(r), col_t(c), cell.text.c_str(), nullptr);
        else
          worksheet_write_number(ws, row_t(r), col_t(c), v, (bold ? f.number_bold : f.number).at(cell.unit));
        ++c;
      };
      put(cell.value);
      if (t.column_has_interval(j)) {
        put(cell.interval ? cell.interval->p5 : 0.0);
        put(cell.interval ? cell.interval->p95 : 0.0);
      }
    }
  }
  if (!t.note.empty()) worksheet_write_string(ws, row_t(r++), 0, t.note.c_str(), f.note);
  return r + 1;
}

// Excel compares sheet names without regard to case (libxlsxwriter refuses a second "Samenvatting"
// next to "samenvatting"), so uniqueness is checked on a case-folded key (ASCII letters; other
// bytes as they are).
std::string fold(const std::string& name) {
  std::string out = name;
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

// The first `n` characters of a UTF-8 string, never cutting one in half.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t chars = 0; i < s.size() && chars < n; ++chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

// Excel sheet names: at most 31 characters, none of []:*?/\, not starting or ending with an
// apostrophe, and unique (regardless of case) within the workbook; a name already taken gets " 2",
// " 3", ... `used` holds the folded names taken.
std::string sheet_name(const std::string& name, std::set<std::string>& used) {
  std::string out;
  for (char ch : name) out += std::string("[]:*?/\\").find(ch) == std::string::npos ? ch : '-';
  while (!out.empty() && out.front() == '\'') out.erase(out.begin());
  while (!out.empty() && out.back() == '\'') out.pop_back();
  if (out.empty()) out = "-";
  out = utf8_prefix(out, 31);
  std::string candidate = out;
  for (int i = 2; used.count(fold(candidate)); ++i) {
    const std::string suffix = " " + std::to_string(i);
    candidate = utf8_prefix(out, 31 - suffix.size()) + suffix;
  }
  used.insert(fold(candidate));
  return candidate;
}

void check(lxw_error e, const std::string& what) {
  if (e != LXW_NO_ERROR) throw Error("cannot write the Excel workbook (" + what + "): " + lxw_strerror(e));
}

}  // namespace

std::string xlsx_workbook(const Scenario& s, const ReportTables& t, const ReportOptions& o) {
  namespace fs = std::filesystem;
  std::string path = (fs::temp_directory_path() / "mkba-xlsx-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) throw Error("cannot create a temporary file for the Excel workbook in " + fs::temp_directory_path().string());
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_tmp{path};

  lxw_workbook_options opts{};
  opts.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) throw Error("cannot create the Excel workbook");

  // A fixed document date (the scenario's start month) keeps the bytes identical between reruns.
  std::tm tm{};
  tm.tm_year = s.time.start.year - 1900;
  tm.tm_mon = s.time.start.month - 1;
  tm.tm_mday = 1;
  lxw_doc_properties props{};
  // libxlsxwriter 1.1 takes non-const strings; it only reads them.
  std::string title = "MKBA bijlagen: " + s.name, author = "mkba";
  props.title = title.data();
  props.author = author.data();
  props.created = timegm(&tm);
  workbook_set_properties(wb, &props);

  const Formats f = make_formats(wb);
  // The fixed sheets keep their names; a gemeente whose name is one of them (in any case) gets a
  // numbered sheet name instead (its title row still names it).
  const std::string summary_sheet = tr(o.lang, "Samenvatting"), assumptions_sheet = tr(o.lang, "Aannames");
  const std::string psa_sheet = "PSA-iteraties";
  std::set<std::string> used{fold(summary_sheet), fold(assumptions_sheet), fold(psa_sheet)};
  const double th = o.threshold;
  // `reserved`: one of the fixed sheets, whose name is in `used` already.
  auto sheet = [&](const std::string& name, bool reserved = false) {
    const std::string unique = reserved ? name : sheet_name(name, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, unique.c_str());
    if (!ws) throw Error("cannot add the sheet '" + unique + "' to the Excel workbook");
    worksheet_set_column(ws, 0, 0, 42, nullptr);
    worksheet_set_column(ws, 1, 30, 16, nullptr);
    return ws;
  };

  {
    lxw_worksheet* ws = sheet(summary_sheet, true);
    int r = 0;
    worksheet_write_string(ws, row_t(r++), 0, s.name.c_str(), f.title);
    r = write_table(ws, r + 1, t.summary, f, th);
    r = write_table(ws, r, t.comparison, f, th);
    if (t.pairwise) r = write_table(ws, r, *t.pairwise, f, th);
    r = write_table(ws, r, t.indicators, f, th);
    for (const auto& v : t.verdeling) r = write_table(ws, r, v, f, th);
    for (const auto* extra : {&t.rates, &t.tornado, &t.bestand_gemeenten, &t.bestand_toestanden})
      if (*extra) r = write_table(ws, r, **extra, f, th);
  }
  for (const auto& g : t.gemeenten) {
    lxw_worksheet* ws = sheet(g.name);
    int r = 0;
    worksheet_write_string(ws, row_t(r++), 0, fmt::format(fmt::runtime(tr(o.lang, "Bijlage {}")), g.name).c_str(), f.title);
    ++r;
    for (const auto& v : g.verdeling) r = write_table(ws, r, v, f, th);
    for (const auto& occ : g.occupancy) r = write_table(ws, r, occ, f, th);
    worksheet_write_string(ws, row_t(r), 0,
                           fmt::format(fmt::runtime(tr(o.lang, "<{0}: minder dan {0} personen; x: niet gepubliceerd")),
                                       fixed(th, 0, Style::csv_plain)).c_str(),
                           f.note);
  }
  if (t.psa_iterations) {
    // One row per iteration from the first row, so R and Excel read it as a plain table.
    lxw_worksheet* ws = sheet(psa_sheet, true);
    const Table& it = *t.psa_iterations;
    worksheet_write_string(ws, 0, 0, it.corner.c_str(), f.header);
    for (std::size_t j = 0; j < it.columns.size(); ++j)
      worksheet_write_string(ws, 0, col_t(static_cast<int>(j) + 1), it.columns[j].c_str(), f.header);
    for (std::size_t i = 0; i < it.rows.size(); ++i) {
      const lxw_row_t row = row_t(static_cast<int>(i) + 1);
      worksheet_write_number(ws, row, 0, static_cast<double>(i + 1), nullptr);
      for (std::size_t j = 0; j < it.cells[i].size(); ++j) {
        const Cell& cell = it.cells[i][j];
        const lxw_col_t col = col_t(static_cast<int>(j) + 1);
        if (cell.suppressed) worksheet_write_string(ws, row, col, suppressed_symbol(cell, th).c_str(), f.suppressed);
        else worksheet_write_number(ws, row, col, cell.value, cell.unit == Unit::euro ? f.number.at(Unit::euro) : nullptr);
      }
    }
  }
  {
    lxw_worksheet* ws = sheet(assumptions_sheet, true);
    int r = 0;
    for (const Table* tab : {&t.settings, &t.effects, &t.parameters, &t.matrix, &t.overlays})
      if (!tab->rows.empty()) r = write_table(ws, r, *tab, f, th);
  }
  check(workbook_close(wb), path);

  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in) throw Error("cannot read back the Excel workbook from " + path);
  return buf.str();
}

}  // namespace mkba::report
