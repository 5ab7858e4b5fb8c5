#pragma once
// The report's conclusion in words (issue 17): which alternative, how much for society, for whom,
// how certain. A pure function of the published numbers (after disclosure control), so the sentences
// can never say what the tables hide, and so tests can pin the text on hand-made inputs.
#include <mkba/report/lang.hpp>
#include <mkba/report/tables.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mkba::report {

struct ConclusionInput {
  struct Stakeholder {
    std::string label;
    double diff = 0;  // NCW difference with the nulalternatief (euro)
    bool published = true;
  };
  struct Alternative {
    std::string label;
    bool published = true;     // the society difference is published
    double society_diff = 0;   // society NCW minus the nulalternatief's (euro)
    std::vector<Stakeholder> stakeholders;
    std::vector<double> draws;  // PSA: society NCW difference per iteration (empty: no PSA)
    // The P5-P95 the tables print for the society difference; without it the sentences take
    // analysis::describe of `draws` (type-7 quantiles, as the tables).
    std::optional<Interval> interval;
  };
  std::string nul_label;
  std::vector<Alternative> alternatives;  // the projectalternatieven, in scenario order
};

struct Conclusion {
  std::string headline;                 // the one sentence a wethouder reads first
  // Per projectalternatief: how much (when there are several; with one the headline says it), for
  // whom, how certain.
  std::vector<std::string> paragraphs;
};

// "€ 1,2 mln" for amounts of a million or more, "€ 45.300" below (English: "€1.2 million", "€45,300").
std::string money_words(double euro, Lang lang);

Conclusion conclude(const ConclusionInput& in, Lang lang);

// The input from the report's tables: the summary (society difference), the comparison (per
// stakeholder) and the PSA draws; hidden cells stay hidden.
ConclusionInput conclusion_input(const ReportTables& t, const std::string& nul_label,
                                 const std::vector<std::string>& alternative_labels);

}  // namespace mkba::report
