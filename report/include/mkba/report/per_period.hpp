#pragma once
// Results over time: per calendar year and per semester (half year), the difference of every
// projectalternatief from the nulalternatief per stakeholder and for society, and society's
// cumulative NCW (per-periode.csv; docs/accounting.md, "Per periode").
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

// Base case; discounted euros at the scenario's rate, so the periods of a row sum to its NCW. A
// stakeholder (or society) whose difference the report hides prints "x" in every period.
std::string per_period_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);

}  // namespace mkba::report
