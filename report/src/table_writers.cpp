#include <mkba/report/table_writers.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

namespace mkba::report {
namespace {

std::string csv_field(const std::string& s, char sep) {
  if (s.find_first_of(std::string{sep, '"', '\n', '\r'}) == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

std::string md_field(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += '\\';
    out += ch == '\n' ? ' ' : ch;
  }
  return out;
}

}  // namespace

std::string table_csv(const Table& t, double threshold, CsvDialect dialect) {
  const bool nl = dialect == CsvDialect::dutch_excel;
  const char sep = nl ? ';' : ',';
  const char* eol = nl ? "\r\n" : "\n";
  const Style style = nl ? Style::csv_dutch : Style::csv_plain;
  // Excel only reads a CSV as UTF-8 when it starts with a byte-order mark.
  std::string out = nl ? "\xEF\xBB\xBF" : "";
  out += csv_field(t.corner, sep);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    out += sep + csv_field(t.columns[c], sep);
    if (t.column_has_interval(c)) out += sep + csv_field(t.columns[c] + " P5-P95", sep);
  }
  out += eol;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += csv_field(t.rows[r], sep);
    for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
      out += sep + csv_field(cell_text(t.cells[r][c], threshold, style), sep);
      if (t.column_has_interval(c)) out += sep + csv_field(interval_text(t.cells[r][c], threshold, style), sep);
    }
    out += eol;
  }
  return out;
}

std::string table_markdown(const Table& t, double threshold) {
  std::string out = "### " + md_field(t.title) + "\n\n| " + md_field(t.corner) + " |";
  std::string rule = "|---|";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    out += " " + md_field(t.columns[c]) + " |";
    rule += "---:|";
    if (t.column_has_interval(c)) {
      out += " P5-P95 |";
      rule += "---:|";
    }
  }
  out += "\n" + rule + "\n";
  bool suppressed = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool bold = t.total_row && r + 1 == t.rows.size();
    auto b = [&](const std::string& s) { return bold ? "**" + s + "**" : s; };
    out += "| " + b(md_field(t.rows[r])) + " |";
    for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
      const Cell& cell = t.cells[r][c];
      suppressed = suppressed || cell.suppressed;
      out += " " + b(md_field(cell_text(cell, threshold, display_style(t.lang)))) + " |";
      if (t.column_has_interval(c)) out += " " + md_field(interval_text(cell, threshold, display_style(t.lang))) + " |";
    }
    out += "\n";
  }
  if (!t.note.empty()) out += "\n" + md_field(t.note) + "\n";
  if (suppressed)
    out += "\n" + fmt::format(fmt::runtime(tr(t.lang, "`<{0}`: minder dan {0} personen; `x`: niet gepubliceerd (afgeleid van "
                                                     "minder dan {0} personen of af te leiden uit totalen).")),
                              fixed(threshold, 0, Style::csv_plain)) + "\n";
  return out + "\n";
}

std::string appendix_markdown(const Scenario& s, const GemeenteAppendix& g, double threshold, Lang lang) {
  std::string out = "# " + fmt::format(fmt::runtime(tr(lang, "Bijlage {}")), g.name) + "\n\n" +
                    fmt::format(fmt::runtime(tr(lang, "{}{}. Prijspeil {}, discontovoet {}. Onthullingsdrempel: {} personen.")),
                                s.name, s.period.empty() ? "" : tr(lang, ", periode ") + s.period, s.prijspeil,
                                percent_text(s.discount_rate, lang), fixed(threshold, 0, Style::csv_plain)) + "\n\n";
  out += "## " + tr(lang, "NCW en terugverdienjaar") + "\n\n" + table_markdown(g.ncw, threshold);
  if (g.indicators) out += table_markdown(*g.indicators, threshold);
  out += "## " + tr(lang, "Verdelingstabellen") + "\n\n";
  for (const auto& t : g.verdeling) out += table_markdown(t, threshold);
  out += "## " + tr(lang, "Personen per toestand") + "\n\n";
  for (const auto& t : g.occupancy) out += table_markdown(t, threshold);
  return out;
}

}  // namespace mkba::report
