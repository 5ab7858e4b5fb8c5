#pragma once
// The summary table: NCW per stakeholder per alternative and the difference from the
// nulalternatief, as a console table, CSV and Markdown.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>

#include <string>

namespace mkba::report {

std::string summary_table(const Scenario& s, const analysis::RunResult& r, Lang lang = Lang::nl);  // console
std::string summary_csv(const Scenario& s, const analysis::RunResult& r);
std::string summary_markdown(const Scenario& s, const analysis::RunResult& r);

}  // namespace mkba::report
