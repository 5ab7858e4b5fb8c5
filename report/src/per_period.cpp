#include <mkba/report/per_period.hpp>

#include <fmt/format.h>

#include <cmath>

namespace mkba::report {

namespace {

// To the cent, without "-0.00" for amounts that are zero up to rounding.
std::string cents(double x) { return fmt::format("{:.2f}", std::round(x * 100) / 100 + 0.0); }

}  // namespace

std::string per_period_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  std::string out = "vergelijking,periodesoort,periode";
  for (const auto& sh : s.stakeholders) out += "," + sh;
  out += ",maatschappij,maatschappij_cumulatief\n";
  for (int a = 1; a < static_cast<int>(r.alternatives.size()); ++a)
    for (const bool semesters : {false, true}) {
      double cumulative = 0;
      for (const auto& [key, row] : (semesters ? t.by_semester : t.by_year).at(static_cast<std::size_t>(a - 1))) {
        out += fmt::format("{} - {},{},", r.alternatives[static_cast<std::size_t>(a)].id, r.alternatives[0].id,
                           semesters ? "halfjaar" : "jaar");
        out += semesters ? fmt::format("{}-H{}", key / 10, key % 10) : fmt::format("{}", key / 10);
        // Society: every stakeholder's sum; transfers cancel, so only real effects remain. The
        // running sum over the periods is the cumulative column.
        double society = 0;
        for (std::size_t k = 0; k < row.size(); ++k) {
          out += "," + (difference_hidden(t, a, k) ? std::string("x") : cents(row[k]));
          society += row[k];
        }
        cumulative += society;
        out += difference_hidden(t, a, row.size()) ? std::string(",x,x\n") : "," + cents(society) + "," + cents(cumulative) + "\n";
      }
    }
  return out;
}

}  // namespace mkba::report
