#pragma once
// Console text and CSV of the accounting views (docs/accounting.md): the verdelingstabel by
// category, results per kwadrant (per-kwadrant.csv), per candidate, and the comparison of two
// alternatives per stakeholder (mkba compare).
#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <string>
#include <vector>

namespace mkba::report {

// Per projectalternatief minus the nulalternatief: stakeholders (and society) x categories in
// thousands of euros (base case); with a PSA the totals get their mean and P5-P95. `ind` may be null.
// The cells are the region's protected verdelingstabellen (hidden: "x").
std::string verdeling_by_category_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t,
                                        const analysis::PsaIndicators* ind, Lang lang = Lang::nl);

// per-kwadrant.csv: every alternative and every difference from the nul, per kwadrant (and the
// total), per stakeholder, society and outcome: base case, and with a PSA mean, median, P5, P95.
// From the protected tables (build_tables(): t.segments and t.per_kwadrant): a hidden cell prints
// "x", its distribution too.
std::string per_kwadrant_csv(const Scenario& s, const ReportTables& t);
// Console: the differences from the nul per kwadrant (only when the scenario has several segments).
// Console tables: numbers in the display style of `lang` (Dutch by default), within 100 columns.
std::string per_kwadrant_table(const Scenario& s, const ReportTables& t, Lang lang = Lang::nl);

// Console: NCW per candidate of every projectalternatief minus the nul, with the definition.
// Hidden ("x") where the protected comparison table hides the difference.
std::string per_candidate_table(const Scenario& s, const analysis::PerCandidate& pc, const ReportTables& t,
                                Lang lang = Lang::nl);

// Console and CSV of `mkba compare`: alternative a minus b per stakeholder (and by category). The
// base-case numbers and what is hidden come from `diff` = pair_difference(s, build_tables(...), a, b)
// (the report's protected cells); the PSA columns of a hidden row are hidden with it.
std::string comparison_table(const Scenario& s, const analysis::Comparison& c, const Table& diff, Lang lang = Lang::nl);
std::string comparison_csv(const Scenario& s, const analysis::Comparison& c, const Table& diff);

}  // namespace mkba::report
