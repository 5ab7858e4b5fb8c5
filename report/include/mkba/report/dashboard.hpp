#pragma once
// `mkba dashboard`: one self-contained HTML page over successive screening extracts (issue 18,
// project C). Per extract the caseload per gemeente x kwadrant, the persons screened within the
// last twelve months and the others (overdue) per kwadrant, the ZRM domain scores; between
// successive extracts the movement between kwadranten; from pathway episodes the outcomes per
// instrument x kwadrant ("wat werkt voor wie", descriptive) and the caseload per month. Every number
// on the page, the data embedded for the browser's filters included, is a cell of a report::protect
// problem; hidden cells are embedded as null.
//
// One problem per extract: report::bestand_disclosure's cells and relations for that extract (the one
// definition of what ties the bestand's numbers together; its other tables are not on the page but
// count as published, which can only hide more) plus the screening per kwadrant and the transitions
// out of that extract, whose rows sum to the extract's kwadrant counts. The transitions into an
// extract are tied to the earlier extract only (persons who arrive are not shown), so the problems
// share no relation. The other sections: see the functions below and docs/dashboard.md.
#include <mkba/models/bestand.hpp>
#include <mkba/models/bestand_series.hpp>
#include <mkba/models/dashboard_data.hpp>
#include <mkba/report/dashboard_realisatie.hpp>
#include <mkba/report/disclosure.hpp>

#include <optional>
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
  // With the extract's detail: screened within twelve months and the others (overdue for a
  // rescreening) per kwadrant, [g * (kKwadranten + 1) + k]; k == kKwadranten is the bestand's own
  // screening cell (recent, not_recent). Rows sum to the kwadrant count, columns to the total.
  std::vector<int> screened_kw, overdue;
};

// extracts in order of peildatum; transitions[i] goes from extracts[i] to extracts[i + 1]; details
// (optional, [extract]) add the screening per kwadrant.
std::vector<DashboardExtractDisclosure> dashboard_disclosure(const std::vector<Bestand>& extracts,
                                                             const std::vector<KwadrantTransitions>& transitions,
                                                             const std::vector<ExtractDetail>* details = nullptr);

// Everything `mkba dashboard` shows. details: one per extract (or none); outcomes and stocks from
// --episodes (or none).
struct DashboardInput {
  std::vector<Bestand> extracts;
  std::vector<KwadrantTransitions> transitions;
  std::vector<ExtractDetail> details;
  std::optional<EpisodeOutcomes> outcomes;
  std::optional<MonthlyStocks> stocks;
  std::optional<RealisatieFigures> realisatie;  // --realisatie (report/dashboard_realisatie.hpp)
};

// Published numbers of the sections beyond the bestand; -1 = hidden. (report/src/dashboard_sections.cpp)
// ZRM: [((g * (K + 1) + k) * kZrmDomains + d) * kZrmBins + score], one problem per extract and
// domain, the extract's kwadrant cells entered fixed (published ones known, hidden ones forced), so
// the bins of (g, k) sum to a kwadrant count whose pattern is decided once.
std::vector<std::int64_t> dashboard_zrm(const Bestand& b, const DashboardExtractDisclosure& d, const ExtractDetail& detail);
// Outcomes: persons [row(g, k, s)] and moves [cell(g, k, s, to)] (to == s: -1); one problem per
// instrument (persons) and per instrument x next state (moves, basis the distinct persons), each a
// gemeente x kwadrant table with its totals and the region.
struct PublishedOutcomes {
  std::vector<std::int64_t> persons, moves;
};
PublishedOutcomes dashboard_outcomes(const EpisodeOutcomes& o, int small_cell);
// Stocks per month: [((m * (G + 1) + g) * (K + 1) + k) * (S + 1) + s], g == G the region, k == K all
// kwadranten, s == S all states; one problem per month (no flows are published, so months are not
// tied to each other).
std::vector<std::int64_t> dashboard_stocks(const MonthlyStocks& m, int small_cell);

std::string dashboard_html(const DashboardInput& input, const std::string& chart_js);

// The data embedded in the page (JSON; '<' escaped): published counts, null where hidden.
std::string dashboard_json(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::vector<DashboardExtractDisclosure>& disclosure);

// The page. chart_js: the text of Chart.js (Debian libjs-chart.js) to inline, or empty for tables
// only. std::invalid_argument when chart_js contains "</script".
std::string dashboard_html(const std::vector<Bestand>& extracts, const std::vector<KwadrantTransitions>& transitions,
                           const std::string& chart_js);

}  // namespace mkba::report
