#pragma once
// The plausibility section (issue 14): console text and plausibiliteit.csv, from
// analysis::plausibility() (docs/accounting.md, docs/report.md).
#include <mkba/analysis/plausibility.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/lang.hpp>

#include <string>
#include <vector>

namespace mkba::report {

std::string plausibility_table(const Scenario& s, const std::vector<analysis::Plausibility>& p, Lang lang = Lang::nl);
// "binnen het bereik" / "boven het bereik" / "onder het bereik" (translated); "" without a range.
std::string verdict_text(analysis::RangeVerdict v, Lang lang);
// "1,0 tot 5,0 (source)" for a range of the scenario's `plausibility:`.
std::string range_text(const PlausibilityRange& r, int decimals, Lang lang);

std::string plausibility_csv(const Scenario& s, const std::vector<analysis::Plausibility>& p);

}  // namespace mkba::report
