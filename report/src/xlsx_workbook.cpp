#include <mkba/models/errors.hpp>
#include <mkba/report/xlsx_workbook.hpp>

#include "number_format.hpp"
#include <mkba/report/sources_table.hpp>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>
#include <unistd.h>

namespace mkba::report {
namespace {

// Number formats are stored locale-neutral ("," groups, "." decimals); Excel shows them with the
// reader's separators, so a Dutch Excel shows 1.234.567 and 2,25%.
struct Formats {
  lxw_format* title = nullptr;
  lxw_format* subtitle = nullptr;
  lxw_format* header = nullptr;
  lxw_format* label = nullptr;        // row labels: wrapped
  lxw_format* label_bold = nullptr;
  lxw_format* text = nullptr;         // text cells: wrapped, top-aligned
  lxw_format* suppressed = nullptr;
  lxw_format* note = nullptr;
  lxw_format* millions = nullptr;     // euros shown as "€ 12,3 mln" (the cell keeps the exact amount)
  lxw_format* millions_bold = nullptr;
  std::map<Unit, lxw_format*> number;
  std::map<Unit, lxw_format*> number_bold;
};

const char* number_format(Unit u) {
  switch (u) {
    case Unit::euro: return "\"\xE2\x82\xAC\" #,##0;\"\xE2\x82\xAC\" -#,##0";
    case Unit::persons: return "#,##0";
    case Unit::person_years: return "#,##0.0";
    case Unit::quantity: return "General";
    case Unit::probability: return "0.0000";
    case Unit::ratio: return "0.00";
    case Unit::percent: return "0.00%";
    case Unit::text: return "@";
  }
  return "General";
}
// Euros in millions with one decimal: "€ 12,3 mln" (Dutch), "€ 12.3m" (English).
std::string millions_format(Lang lang) {
  const std::string unit = lang == Lang::en ? "m" : " mln";
  return "\"\xE2\x82\xAC\" #,##0.0,,\"" + unit + "\";\"\xE2\x82\xAC\" -#,##0.0,,\"" + unit + "\"";
}

Formats make_formats(lxw_workbook* wb, Lang lang) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 12);
  f.subtitle = workbook_add_format(wb);
  format_set_italic(f.subtitle);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_BOTTOM);
  f.label = workbook_add_format(wb);
  format_set_text_wrap(f.label);
  format_set_align(f.label, LXW_ALIGN_VERTICAL_TOP);
  f.label_bold = workbook_add_format(wb);
  format_set_text_wrap(f.label_bold);
  format_set_bold(f.label_bold);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  f.suppressed = workbook_add_format(wb);
  format_set_align(f.suppressed, LXW_ALIGN_RIGHT);
  f.note = workbook_add_format(wb);
  format_set_italic(f.note);
  const std::string millions = millions_format(lang);
  f.millions = workbook_add_format(wb);
  format_set_num_format(f.millions, millions.c_str());
  f.millions_bold = workbook_add_format(wb);
  format_set_num_format(f.millions_bold, millions.c_str());
  format_set_bold(f.millions_bold);
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

// Characters of a UTF-8 string (continuation bytes not counted): an estimate of its width.
std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Region-level NCW tables whose amounts are millions: shown in mln euro with one decimal.
bool in_millions(const Table& t) {
  if (t.id != "samenvatting" && t.id != "vergelijking" && t.id != "paarsgewijs") return false;
  double smallest = INFINITY;
  for (const auto& row : t.cells)
    for (const auto& c : row)
      if (c.unit == Unit::euro && !c.suppressed && std::abs(c.value) >= 0.005) smallest = std::min(smallest, std::abs(c.value));
  return smallest >= 1e5 && smallest < INFINITY;
}

// One worksheet: stacked tables written from the top, with the used range, the widths of the
// columns and the print set-up kept here.
class Sheet {
 public:
  Sheet(lxw_worksheet* ws, const Formats& f, double threshold, std::string footer)
      : ws_(ws), f_(f), th_(threshold), footer_(std::move(footer)) {}
  lxw_worksheet* ws() const { return ws_; }

  void text(int r, int c, const std::string& s, lxw_format* fmt, bool measure = true) {
    worksheet_write_string(ws_, row_t(r), col_t(c), s.c_str(), fmt);
    touch(r, c, measure ? chars(s) : 0);
  }
  void number(int r, int c, double v, lxw_format* fmt, std::size_t width) {
    worksheet_write_number(ws_, row_t(r), col_t(c), v, fmt);
    touch(r, c, width);
  }
  // Euros to the cent: no "€ -0" from a sum that cancels to 1e-8.
  void euro(int r, int c, double v, lxw_format* fmt, std::size_t width) {
    double cents = std::round(v * 100) / 100;
    if (cents == 0) cents = 0;
    worksheet_write_number(ws_, row_t(r), col_t(c), cents, fmt);
    touch(r, c, width);
  }

  // Writes a table from row `r`; returns the first free row after it (with one blank row).
  int table(int r, const Table& t) {
    text(r++, 0, t.title, f_.title, false);
    int c = 0;
    text(r, c++, t.corner, f_.header);
    for (std::size_t j = 0; j < t.columns.size(); ++j) {
      header(r, c++, t.columns[j]);
      if (t.column_has_interval(j)) {
        header(r, c++, t.columns[j] + " P5");
        header(r, c++, t.columns[j] + " P95");
      }
    }
    ++r;
    const bool mln = in_millions(t);
    for (std::size_t i = 0; i < t.rows.size(); ++i, ++r) {
      const bool bold = t.total_row && i + 1 == t.rows.size();
      c = 0;
      text(r, c++, t.rows[i], bold ? f_.label_bold : f_.label);
      for (std::size_t j = 0; j < t.cells[i].size(); ++j) {
        const Cell& cell = t.cells[i][j];
        auto put = [&](double v) {
          if (cell.suppressed) text(r, c, suppressed_symbol(cell, th_), f_.suppressed);
          else if (cell.unit == Unit::text) text(r, c, cell.text, f_.text);
          else if (cell.unit == Unit::euro) euro(r, c, v, mln ? (bold ? f_.millions_bold : f_.millions) : (bold ? f_.number_bold : f_.number).at(Unit::euro), 14);
          else number(r, c, v, (bold ? f_.number_bold : f_.number).at(cell.unit), 14);
          ++c;
        };
        put(cell.value);
        if (t.column_has_interval(j)) {
          put(cell.interval ? cell.interval->p5 : 0.0);
          put(cell.interval ? cell.interval->p95 : 0.0);
        }
      }
    }
    if (!t.note.empty()) text(r++, 0, t.note, f_.note, false);
    return r + 1;
  }

  // Column widths from the contents (label column up to 48 characters, text columns up to 60,
  // wrapped beyond), A4, landscape when the used range is wide, fit to one page wide, the first
  // `frozen_rows` rows and `frozen_cols` columns frozen, those rows repeated on every printed page,
  // page numbers in the footer.
  void finish(int frozen_rows, int frozen_cols) {
    for (std::size_t c = 0; c < width_.size(); ++c) {
      const double cap = c == 0 ? 48 : 60;
      const double w = std::min(cap, std::max(c == 0 ? 16.0 : 11.0, static_cast<double>(width_[c]) + 2));
      worksheet_set_column(ws_, col_t(static_cast<int>(c)), col_t(static_cast<int>(c)), w, nullptr);
    }
    if (frozen_rows > 0 || frozen_cols > 0) worksheet_freeze_panes(ws_, row_t(frozen_rows), col_t(frozen_cols));
    worksheet_set_paper(ws_, 9);  // A4
    double total = 0;
    for (std::size_t w : width_) total += static_cast<double>(std::min<std::size_t>(w + 2, 60));
    if (width_.size() > 6 || total > 100) worksheet_set_landscape(ws_);
    worksheet_fit_to_pages(ws_, 1, 0);
    if (last_row_ >= 0) {
      worksheet_print_area(ws_, 0, 0, row_t(last_row_), col_t(static_cast<int>(width_.size()) - 1));
      if (frozen_rows > 0) worksheet_repeat_rows(ws_, 0, row_t(frozen_rows - 1));
    }
    worksheet_set_footer(ws_, footer_.c_str());
  }

 private:
  void header(int r, int c, const std::string& s) {
    worksheet_write_string(ws_, row_t(r), col_t(c), s.c_str(), f_.header);
    // Headers wrap: they count with the length of their longest word.
    std::size_t longest = 0, here = 0;
    for (char ch : s) {
      here = ch == ' ' ? 0 : here + ((static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0);
      longest = std::max(longest, here);
    }
    touch(r, c, longest);
  }
  void touch(int r, int c, std::size_t w) {
    last_row_ = std::max(last_row_, r);
    if (width_.size() <= static_cast<std::size_t>(c)) width_.resize(static_cast<std::size_t>(c) + 1, 0);
    width_[static_cast<std::size_t>(c)] = std::max(width_[static_cast<std::size_t>(c)], w);
  }
  lxw_worksheet* ws_;
  const Formats& f_;
  double th_;
  std::string footer_;
  int last_row_ = -1;
  std::vector<std::size_t> width_;
};

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

  const Formats f = make_formats(wb, o.lang);
  // The fixed sheets keep their names; a gemeente whose name is one of them (in any case) gets a
  // numbered sheet name instead (its title row still names it).
  const Lang lang = o.lang;
  const std::string summary_sheet = tr(lang, "Samenvatting"), assumptions_sheet = tr(lang, "Aannames"),
                    sources_sheet = tr(lang, "Bronnen");
  const std::string psa_sheet = "PSA-iteraties";
  std::set<std::string> used{fold(summary_sheet), fold(assumptions_sheet), fold(psa_sheet), fold(sources_sheet)};
  const double th = o.threshold;
  // `reserved`: one of the fixed sheets, whose name is in `used` already.
  auto sheet = [&](const std::string& name, bool reserved = false) {
    const std::string unique = reserved ? name : sheet_name(name, used);
    lxw_worksheet* ws = workbook_add_worksheet(wb, unique.c_str());
    if (!ws) throw Error("cannot add the sheet '" + unique + "' to the Excel workbook");
    return Sheet(ws, f, th, "&L&A&R" + tr(lang, "Pagina &P van &N"));
  };
  // Rows 1-2 of the stacked sheets: their title and the basis of the numbers; frozen and repeated
  // on every printed page (each table below has its own header row).
  const std::string basis = fmt::format(fmt::runtime(tr(lang, "{}{}. Prijspeil {}, discontovoet {}. Onthullingsdrempel: {} personen.")),
                                        s.name, s.period.empty() ? "" : tr(lang, ", periode ") + s.period, s.prijspeil,
                                        percent_text(s.discount_rate, lang), fixed(th, 0, Style::csv_plain));
  auto heading = [&](Sheet& sh, const std::string& sheet_title) {
    sh.text(0, 0, sheet_title, f.title, false);
    sh.text(1, 0, basis, f.subtitle, false);
    return 3;
  };

  {
    Sheet sh = sheet(summary_sheet, true);
    int r = heading(sh, s.name);
    r = sh.table(r, t.summary);
    r = sh.table(r, t.comparison);
    if (t.pairwise) r = sh.table(r, *t.pairwise);
    r = sh.table(r, t.indicators);
    for (const auto& v : t.verdeling) r = sh.table(r, v);
    if (t.werkbedrijf) r = sh.table(r, *t.werkbedrijf);
    for (const auto* extra : {&t.rates, &t.tornado, &t.bestand_gemeenten, &t.bestand_toestanden})
      if (*extra) r = sh.table(r, **extra);
    sh.finish(2, 1);
  }
  for (const auto& g : t.gemeenten) {
    Sheet sh = sheet(g.name);
    int r = heading(sh, fmt::format(fmt::runtime(tr(lang, "Bijlage {}")), g.name));
    r = sh.table(r, g.ncw);
    if (g.indicators) r = sh.table(r, *g.indicators);
    for (const auto& v : g.verdeling) r = sh.table(r, v);
    for (const auto& occ : g.occupancy) r = sh.table(r, occ);
    sh.text(r, 0, fmt::format(fmt::runtime(tr(lang, "<{0}: minder dan {0} personen; x: niet gepubliceerd")),
                              fixed(th, 0, Style::csv_plain)), f.note, false);
    sh.finish(2, 1);
  }
  if (t.psa_iterations) {
    // One row per iteration from the first row, so R and Excel read it as a plain table.
    Sheet sh = sheet(psa_sheet, true);
    const Table& it = *t.psa_iterations;
    sh.text(0, 0, it.corner, f.header);
    for (std::size_t j = 0; j < it.columns.size(); ++j) sh.text(0, static_cast<int>(j) + 1, it.columns[j], f.header);
    for (std::size_t i = 0; i < it.rows.size(); ++i) {
      const int row = static_cast<int>(i) + 1;
      sh.number(row, 0, static_cast<double>(i + 1), nullptr, 6);
      for (std::size_t j = 0; j < it.cells[i].size(); ++j) {
        const Cell& cell = it.cells[i][j];
        const int col = static_cast<int>(j) + 1;
        if (cell.suppressed) sh.text(row, col, suppressed_symbol(cell, th), f.suppressed);
        else sh.number(row, col, cell.value, cell.unit == Unit::euro ? f.number.at(Unit::euro) : nullptr, 12);
      }
    }
    sh.finish(1, 1);
  }
  {
    Sheet sh = sheet(assumptions_sheet, true);
    int r = heading(sh, tr(lang, "Aannames"));
    for (const Table* tab : {&t.settings, &t.effects, &t.parameters, &t.matrix, &t.overlays})
      if (!tab->rows.empty()) r = sh.table(r, *tab);
    sh.finish(2, 1);
  }
  {
    // The full references behind the scenario's citations, then the values resting on assumptions.
    Sheet sh = sheet(sources_sheet, true);
    int r = heading(sh, tr(lang, "Bronnen"));
    const Bibliography bib = bibliography(s);
    r = sh.table(r, sources_table(bib, lang));
    const Table unsourced = assumptions_table(bib, lang);
    if (!unsourced.rows.empty()) r = sh.table(r, unsourced);
    const Table other = other_sources_table(bib, lang);
    if (!other.rows.empty()) sh.table(r, other);
    sh.finish(2, 1);
  }
  check(workbook_close(wb), path);

  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in) throw Error("cannot read back the Excel workbook from " + path);
  return buf.str();
}

}  // namespace mkba::report
