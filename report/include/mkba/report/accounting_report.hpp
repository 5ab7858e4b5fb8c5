#pragma once
// Console text and CSV of the accounting views (docs/accounting.md): the verdelingstabel by
// category, results per kwadrant (per-kwadrant.csv), per candidate, and the comparison of two
// alternatives per stakeholder (mkba compare).
#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>

#include <string>
#include <vector>

namespace mkba::report {

// Per projectalternatief minus the nulalternatief: stakeholders (and society) x categories in
// thousands of euros (base case); with a PSA the totals get their mean and P5-P95. `ind` may be null.
std::string verdeling_by_category_table(const Scenario& s, const analysis::RunResult& r,
                                        const analysis::PsaIndicators* ind, Lang lang = Lang::nl);

// per-kwadrant.csv: every alternative and every difference from the nul, per kwadrant (and the
// total), per stakeholder, society and outcome: base case, and with a PSA mean, median, P5, P95.
std::string per_kwadrant_csv(const Scenario& s, const std::vector<analysis::SegmentResult>& segments);
// Console: the differences from the nul per kwadrant (only when the scenario has several segments).
// Console tables: numbers in the display style of `lang` (Dutch by default), within 100 columns.
std::string per_kwadrant_table(const Scenario& s, const std::vector<analysis::SegmentResult>& segments,
                               Lang lang = Lang::nl);

// Console: NCW per candidate of every projectalternatief minus the nul, with the definition.
std::string per_candidate_table(const Scenario& s, const analysis::PerCandidate& pc, Lang lang = Lang::nl);

// Console and CSV of `mkba compare`: alternative a minus b per stakeholder (and by category).
std::string comparison_table(const Scenario& s, const analysis::Comparison& c, Lang lang = Lang::nl);
std::string comparison_csv(const Scenario& s, const analysis::Comparison& c);

}  // namespace mkba::report
