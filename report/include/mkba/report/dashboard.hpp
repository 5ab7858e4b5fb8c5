#pragma once
// `mkba dashboard`: one self-contained HTML page over successive screening extracts (issue 18,
// project C). Per extract the caseload per gemeente x kwadrant and the persons screened within the
// last twelve months, and between successive extracts the movement between kwadranten. Every number on the page, the data embedded for the browser's filters
// included, is a cell of a report::protect problem; hidden cells are embedded as null.
//
// One problem per extract: report::bestand_disclosure's cells and relations for that extract (the one
// definition of what ties the bestand's numbers together; its other tables are not on the page but
// count as published, which can only hide more) plus the transitions out of that extract, whose rows
// sum to the extract's kwadrant counts. The transitions into an extract are tied to the earlier
// extract only (persons who arrive are not shown), so the problems share no relation.
#include <mkba/models/bestand.hpp>
#include <mkba/models/bestand_series.hpp>
#include <mkba/report/disclosure.hpp>

#include <string>
#include <vector>

namespace mkba::report {

struct DashboardExtractDisclosure {
  DisclosureProblem problem;
  Disclosure disclosure;
  // Cell ids. kwadrant: [g * (kKwadranten + 1) + k], g == G the region, k == kKwadranten the total.
  std::vector<int> kwadrant;
  // screened: [g] persons screened within the twelve months up to the peildatum, g == G the region.
  std::vector<int> screened;
  // transition (empty for the last extract): [(g * (kKwadranten + 1) + k) * kTo + to], g == G the
  // region, k == kKwadranten the column total, to == kKwadranten "uit bestand".
  std::vector<int> transition;
};

// extracts in order of peildatum; transitions[i] goes from extracts[i] to extracts[i + 1].
std::vector<DashboardExtractDisclosure> dashboard_disclosure(const std::vector<Bestand>& extracts,
                                                             const std::vector<KwadrantTransitions>& transitions);

// The data embedded in the page (JSON; '<' escaped): published counts, null where hidden.
std::string dashboard_json(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::vector<DashboardExtractDisclosure>& disclosure);

// The page. chart_js: the text of Chart.js (Debian libjs-chart.js) to inline, or empty for tables
// only. std::invalid_argument when chart_js contains "</script".
std::string dashboard_html(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::string& chart_js);

}  // namespace mkba::report
