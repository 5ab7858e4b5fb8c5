#include <mkba/report/occupancy.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

namespace mkba::report {

std::string occupancy_csv(const Scenario& s, const ReportTables& t, double threshold) {
  std::string out = "alternatief,maand";
  for (const auto& st : s.states) out += "," + st.id;
  out += ",totaal\n";
  for (std::size_t a = 0; a < t.occupancy.size() && a < s.alternatives.size(); ++a) {
    const Table& tab = t.occupancy[a];
    for (std::size_t y = 0; y < tab.rows.size(); ++y) {
      // Row y of the protected table is the start of year y of the horizon.
      YearMonth ym = s.time.start;
      const int months = ym.month - 1 + static_cast<int>(y) * 12;
      ym.year += months / 12;
      ym.month = months % 12 + 1;
      out += fmt::format("{},{}", s.alternatives[a].id, ym.str());
      for (const Cell& c : tab.cells[y]) out += "," + cell_text(c, threshold, Style::csv_plain);
      out += "\n";
    }
  }
  return out;
}

}  // namespace mkba::report
