#include <mkba/report/summary.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mkba::report {
namespace {


struct NcwTable {
  std::vector<std::string> columns;                 // alternatives, then differences
  std::vector<std::string> rows;                    // stakeholders + society
  std::vector<std::vector<double>> cells;           // [row][column]
};

// per_candidate: also the differences from the nul per candidate of the starting caseload
// (docs/accounting.md), for the CSV and Markdown.
NcwTable build(const Scenario& s, const analysis::RunResult& r, bool per_candidate = false) {
  NcwTable t;
  const auto base = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  std::vector<std::vector<double>> per_alt;
  for (const auto& a : r.alternatives) {
    t.columns.push_back(a.id);
    per_alt.push_back(analysis::ncw_per_stakeholder(a.valued));
  }
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) t.columns.push_back(r.alternatives[a].id + " - nul");
  const double n = s.start_population();
  if (per_candidate)
    for (std::size_t a = 1; a < r.alternatives.size(); ++a) t.columns.push_back(r.alternatives[a].id + " - nul per kandidaat");
  for (std::size_t sh = 0; sh <= s.stakeholders.size(); ++sh) {
    const bool society = sh == s.stakeholders.size();
    t.rows.push_back(society ? "maatschappij" : s.stakeholders[sh]);
    std::vector<double> row;
    auto value = [&](std::size_t a) {
      if (!society) return per_alt[a][sh];
      double sum = 0;
      for (double x : per_alt[a]) sum += x;
      return sum;
    };
    for (std::size_t a = 0; a < per_alt.size(); ++a) row.push_back(value(a));
    for (std::size_t a = 1; a < per_alt.size(); ++a) row.push_back(value(a) - value(0));
    if (per_candidate)
      for (std::size_t a = 1; a < per_alt.size(); ++a) row.push_back(n > 0 ? (value(a) - value(0)) / n : 0.0);
    t.cells.push_back(row);
  }
  return t;
}

}  // namespace

std::string summary_table(const Scenario& s, const analysis::RunResult& r, Lang lang) {
  const NcwTable t = build(s, r);
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
      for (std::size_t c = first; c < last; ++c) out += fmt::format("{:>{}}", fixed(t.cells[i][c], 0, st), w);
      out += '\n';
    }
  }
  return out;
}

std::string summary_csv(const Scenario& s, const analysis::RunResult& r) {
  const NcwTable t = build(s, r, true);
  std::string out = "stakeholder";
  for (const auto& c : t.columns) out += "," + c;
  out += '\n';
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    out += t.rows[i];
    for (double x : t.cells[i]) out += fmt::format(",{:.2f}", std::abs(x) < 0.005 ? 0.0 : x);
    out += '\n';
  }
  return out;
}

std::string summary_markdown(const Scenario& s, const analysis::RunResult& r) {
  const NcwTable t = build(s, r, true);
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
    for (double x : t.cells[i]) out += " " + euro_nl(x) + " |";
    out += '\n';
  }
  if (r.alternatives.size() > 1) {
    double arrivals = 0;
    for (double x : r.alternatives[0].trace.entries) arrivals += x;
    out += fmt::format("\n*Per kandidaat*: het verschil met het nulalternatief gedeeld door de {} kandidaten in het "
                       "startbestand; het verschil omvat ook de effecten op de {} personen die binnen de horizon "
                       "instromen (docs/accounting.md).\n",
                       euro_nl(s.start_population()), euro_nl(arrivals));
  }
  return out;
}

}  // namespace mkba::report
