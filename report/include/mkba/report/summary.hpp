#pragma once
// The summary table: NCW per stakeholder per alternative and the difference from the
// nulalternatief, as a console table, CSV and Markdown. The numbers and what is hidden are the
// protected comparison table's (build_tables()), so summary.csv hides what the report hides.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

std::string summary_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t,
                          Lang lang = Lang::nl);  // console
std::string summary_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);
std::string summary_markdown(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);

}  // namespace mkba::report
