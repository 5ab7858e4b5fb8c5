#include <mkba/report/summary.hpp>

#include <mkba/analysis/accounting.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mkba::report {
namespace {


struct NcwTable {
  std::vector<std::string> columns;                 // alternatives, then differences
  std::vector<std::string> rows;                    // stakeholders + society
  std::vector<std::vector<Cell>> cells;             // [row][column], protected
};

// From the report's protected comparison table (rows: stakeholders, society; columns: every
// alternative, then every projectalternatief minus the nul), so a cell the report hides is hidden
// here too. per_candidate: also the differences from the nul per candidate of the starting caseload
// (docs/accounting.md), hidden with the difference, for the CSV and Markdown.
NcwTable build(const Scenario& s, const analysis::RunResult& r, const ReportTables& tables, bool per_candidate = false) {
  NcwTable t;
  const std::size_t A = r.alternatives.size();
  for (const auto& a : r.alternatives) t.columns.push_back(a.id);
  for (std::size_t a = 1; a < A; ++a) t.columns.push_back(r.alternatives[a].id + " - nul");
  const double n = s.start_population();
  if (per_candidate)
    for (std::size_t a = 1; a < A; ++a) t.columns.push_back(r.alternatives[a].id + " - nul per kandidaat");
  for (std::size_t sh = 0; sh <= s.stakeholders.size(); ++sh) {
    t.rows.push_back(sh == s.stakeholders.size() ? "maatschappij" : s.stakeholders[sh]);
    std::vector<Cell> row = tables.comparison.cells.at(sh);  // A levels, then A - 1 differences
    if (per_candidate)
      for (std::size_t a = 1; a < A; ++a) {
        Cell c = row.at(A + a - 1);
        c.value = n > 0 ? c.value / n : 0.0;
        row.push_back(c);
      }
    t.cells.push_back(row);
  }
  return t;
}

}  // namespace

std::string summary_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& tables, Lang lang) {
  const NcwTable t = build(s, r, tables);
  const Style st = display_style(lang);
  std::size_t w0 = 16, w = 14;
  for (const auto& c : t.columns) w = std::max(w, c.size() + 2);
  std::string out = fmt::format("NCW (netto contante waarde) per stakeholder, euro, prijspeil {}, discontovoet {}\n",
                                s.prijspeil, percent_text(s.discount_rate, lang));
  // Within kConsoleWidth columns: as many value columns per block as fit, the labels repeated.
  const std::size_t per_block = std::max<std::size_t>(1, (kConsoleWidth - w0) / w);
  for (std::size_t first = 0; first < t.columns.size(); first += per_block) {
    const std::size_t last = std::min(t.columns.size(), first + per_block);
    if (first > 0) out += '\n';
    out += fmt::format("{:<{}}", "stakeholder", w0);
    for (std::size_t c = first; c < last; ++c) out += fmt::format("{:>{}}", t.columns[c], w);
    out += '\n';
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      out += fmt::format("{:<{}}", t.rows[i], w0);
      for (std::size_t c = first; c < last; ++c) out += fmt::format("{:>{}}", t.cells[i][c].suppressed ? std::string("x") : fixed(t.cells[i][c].value, 0, st), w);
      out += '\n';
    }
  }
  return out;
}

std::string summary_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& tables) {
  const NcwTable t = build(s, r, tables, true);
  std::string out = "stakeholder";
  for (const auto& c : t.columns) out += "," + c;
  out += '\n';
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    out += t.rows[i];
    for (const Cell& c : t.cells[i])
      out += c.suppressed ? std::string(",x") : fmt::format(",{:.2f}", std::abs(c.value) < 0.005 ? 0.0 : c.value);
    out += '\n';
  }
  return out;
}

std::string summary_markdown(const Scenario& s, const analysis::RunResult& r, const ReportTables& tables) {
  const NcwTable t = build(s, r, tables, true);
  std::string out = fmt::format("# {}\n\nNCW per stakeholder in euro (prijspeil {}, discontovoet {:.2f} %, "
                                "{} gesimuleerde personen, seed {}).\n\n",
                                s.name, s.prijspeil, s.discount_rate * 100, r.simulated_persons, r.seed);
  out += "| stakeholder |";
  for (const auto& c : t.columns) out += " " + c + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += "---:|";
  out += '\n';
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    out += "| " + t.rows[i] + " |";
    for (const Cell& c : t.cells[i]) out += " " + (c.suppressed ? std::string("x") : euro_nl(c.value)) + " |";
    out += '\n';
  }
  if (r.alternatives.size() > 1) {
    const double arrivals = analysis::per_candidate(s, r).arrivals;  // the console's definition too
    out += fmt::format("\n*Per kandidaat*: het verschil met het nulalternatief gedeeld door de {} kandidaten in het "
                       "startbestand; het verschil omvat ook de effecten op de {} personen die binnen de horizon "
                       "instromen (docs/accounting.md).\n",
                       euro_nl(s.start_population()), euro_nl(arrivals));
  }
  return out;
}

}  // namespace mkba::report
