#pragma once
// The PSA result: differences from the nulalternatief with intervals, and pairwise comparisons.
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

// From the indicators computed with the protected tables (t.psa_indicators, which must be set): a
// distribution is hidden ("x") with the base-case cell the report hides (difference_hidden(); B/C
// with any category of society, outcomes with the indicator table's cell).
std::string psa_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, Lang lang = Lang::nl);
std::string psa_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);

// Discount-rate variants (t.rate_variants) and (when computed) the one-way tornado: console text and
// CSV; an alternative whose society difference the report hides prints "x" (as the report's tables).
std::string sensitivity_table(const Scenario& s, const ReportTables& t, const std::vector<analysis::TornadoBar>& tornado,
                              Lang lang = Lang::nl);
std::string sensitivity_csv(const Scenario& s, const ReportTables& t, const std::vector<analysis::TornadoBar>& tornado);

}  // namespace mkba::report
