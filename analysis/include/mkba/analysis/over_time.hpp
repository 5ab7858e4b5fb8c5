#pragma once
// Results over time, defined once (docs/accounting.md, "Per periode"): discounted euros per cycle
// per stakeholder and for society, their running (cumulative) sum, and the sums per calendar year
// or semester of a projectalternatief minus the nulalternatief. summarise()'s society_by_year (the
// break-even year), the report's cumulative chart and per-periode.csv all read these.
#include <mkba/analysis/run.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/scenario.hpp>

#include <map>
#include <vector>

namespace mkba::analysis {

// [cycle][stakeholder]: discounted euros, summed over the categories and the gemeenten (or only
// `gemeente` when >= 0).
std::vector<std::vector<double>> stakeholders_by_cycle(const engine::Valued& v, int gemeente = -1);
// [cycle]: society's discounted euros (the sum over the stakeholders: transfers cancel).
std::vector<double> society_by_cycle(const engine::Valued& v, int gemeente = -1);
// The running sum: out[t] = x[0] + ... + x[t].
std::vector<double> cumulative(const std::vector<double>& x);

// The calendar period of a cycle is that of its first month; with quarterly or yearly cycles that
// do not start in January a cycle can straddle two periods and counts wholly in the first.
struct CalendarPeriod {
  int year = 0, half = 0;  // half: 1 or 2
};
CalendarPeriod period_of(const Scenario& s, int cycle);

// Alternative a minus the nulalternatief (base case), per calendar year (semesters false; key
// year * 10) or semester (key year * 10 + half): [key][stakeholder] discounted euros, so the periods
// of a stakeholder sum to its NCW difference.
std::map<int, std::vector<double>> difference_by_period(const Scenario& s, const RunResult& r, int a, bool semesters);

}  // namespace mkba::analysis
