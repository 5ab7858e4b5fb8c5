#include <mkba/models/parameters.hpp>
#include <mkba/report/psa_iterations.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mkba::report {
namespace {

// A drawn value keeps ten significant digits, whatever its size (a monthly probability of 2e-05
// would be 0 with a fixed number of decimals): the text for the CSV, the number for the workbook.
Cell draw_cell(double x) {
  Cell c = Cell::of_text(fmt::format("{:.10g}", x));
  c.value = x;
  return c;
}

}  // namespace

Table psa_iterations_table(const Scenario& s, const analysis::RunResult& r, const Table& comparison) {
  Table t;
  t.id = "psa-iteraties";
  t.title = "PSA-iteraties";
  t.corner = "iteratie";
  if (r.psa.empty()) return t;
  std::vector<std::size_t> uncertain;
  for (std::size_t p = 0; p < s.parameters.size(); ++p)
    if (s.parameters[p].distribution != Distribution::fixed) {
      uncertain.push_back(p);
      t.columns.push_back("parameter." + s.parameters[p].id);
    }
  std::vector<std::pair<std::size_t, int>> row_cells;  // (row_uncertainty entry, to)
  for (std::size_t k = 0; k < s.row_uncertainty.size(); ++k) {
    const int from = s.row_uncertainty[k].from;
    for (int to = 0; to < static_cast<int>(s.states.size()); ++to)
      if (s.monthly(from, to) != 0) {
        row_cells.emplace_back(k, to);
        t.columns.push_back("overgang." + s.states[static_cast<std::size_t>(from)].id + "." +
                            s.states[static_cast<std::size_t>(to)].id);
      }
  }
  const std::size_t SH = s.stakeholders.size(), C = s.categories.size();
  for (const auto& alt : s.alternatives) {
    for (const auto& sh : s.stakeholders) t.columns.push_back("ncw." + alt.id + "." + sh);
    t.columns.push_back("ncw." + alt.id + ".maatschappij");
  }
  // Published as in the report: comparison.cells[stakeholder (SH: society)][alternative].
  auto hidden = [&](std::size_t sh, std::size_t a) -> const Cell* {
    if (sh >= comparison.cells.size() || a >= comparison.cells[sh].size()) return nullptr;
    const Cell& c = comparison.cells[sh][a];
    return c.suppressed ? &c : nullptr;
  };
  for (std::size_t k = 0; k < r.psa.size(); ++k) {
    t.rows.push_back(std::to_string(k + 1));
    auto& row = t.cells.emplace_back();
    const ParameterDraw d = draw_parameters(s, r.seed, static_cast<std::uint32_t>(k + 1));
    for (std::size_t p : uncertain) row.push_back(draw_cell(d.values[p]));
    for (const auto& [entry, to] : row_cells) row.push_back(draw_cell(d.rows[entry][static_cast<std::size_t>(to)]));
    for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
      const auto& ncw = r.psa[k].alternatives[a].ncw;  // [stakeholder * C + category]
      if (ncw.size() != SH * C) throw std::logic_error("PSA summary of unexpected size");
      double society = 0;
      for (std::size_t sh = 0; sh <= SH; ++sh) {
        double x = 0;
        if (sh < SH) {
          for (std::size_t c = 0; c < C; ++c) x += ncw[sh * C + c];
          society += x;
        } else {
          x = society;
        }
        Cell cell = Cell::of(Unit::euro, x);
        if (const Cell* h = hidden(sh, a)) {
          cell.suppressed = true;
          cell.below_threshold = h->below_threshold;
        }
        row.push_back(cell);
      }
    }
  }
  return t;
}

}  // namespace mkba::report
