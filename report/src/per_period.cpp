#include <mkba/report/per_period.hpp>

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace mkba::report {

namespace {

// The calendar period of a cycle is that of its first month; with quarterly or yearly cycles that
// do not start in January a cycle can straddle two periods and counts wholly in the first.
struct Period {
  int year, half;  // half: 1 or 2
};
Period period_of(const Scenario& s, int t) {
  const int m = s.time.start.month - 1 + t * s.time.months_per_cycle;
  return {s.time.start.year + m / 12, (m % 12) / 6 + 1};
}

// [key][stakeholder] discounted euros of alternative a minus the nul; key = year * 10 + half, or
// year * 10 for whole years.
std::map<int, std::vector<double>> by_period(const Scenario& s, const analysis::RunResult& r, int a,
                                             bool semesters) {
  const auto& v1 = r.alternatives[static_cast<std::size_t>(a)].valued;
  const auto& v0 = r.alternatives[0].valued;
  std::map<int, std::vector<double>> out;
  for (int t = 0; t < v1.n_cycles; ++t) {
    const Period p = period_of(s, t);
    auto& row = out[p.year * 10 + (semesters ? p.half : 0)];
    row.resize(static_cast<std::size_t>(v1.n_stakeholders), 0.0);
    for (int g = 0; g < v1.n_gemeenten; ++g)
      for (int sh = 0; sh < v1.n_stakeholders; ++sh)
        for (int c = 0; c < v1.n_categories; ++c)
          row[static_cast<std::size_t>(sh)] += v1.money[v1.money_index(t, g, sh, c)] - v0.money[v0.money_index(t, g, sh, c)];
  }
  return out;
}

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
      for (const auto& [key, row] : by_period(s, r, a, semesters)) {
        out += fmt::format("{} - {},{},", r.alternatives[static_cast<std::size_t>(a)].id, r.alternatives[0].id,
                           semesters ? "halfjaar" : "jaar");
        out += semesters ? fmt::format("{}-H{}", key / 10, key % 10) : fmt::format("{}", key / 10);
        // Society: every stakeholder's sum; transfers cancel, so only real effects remain.
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
