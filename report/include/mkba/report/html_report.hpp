#pragma once
// The MKBA report as one self-contained HTML page (Dutch, or English with ReportOptions::lang): no JavaScript, no external resources,
// charts as inline SVG, printable on A4.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/report_options.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

// The ids of the sections every report holds (the bijlagen add "bijlage-<gemeente slug>"; a
// caseload from a screening file adds "bestandsanalyse"). The same ids in every language.
// The main text, in order: samenvatting, aanleiding, nulalternatief, projectalternatieven,
// effecten, indicatoren (kosten en baten), vergelijking (saldo), verdelingstabel
// (verdelingseffecten), gevoeligheid, pm-posten, plausibiliteit, beperkingen, bronnen; then the
// bijlagen: aannames (the technical appendix), bestandsanalyse, per gemeente, colofon.
inline constexpr const char* kReportSections[] = {"samenvatting", "aanleiding", "nulalternatief", "projectalternatieven",
                                                   "effecten", "indicatoren", "vergelijking", "verdelingstabel",
                                                   "gevoeligheid", "pm-posten", "plausibiliteit", "beperkingen", "bronnen",
                                                   "aannames", "colofon"};

std::string html_report(const Scenario& s, const analysis::RunResult& r, const ReportTables& t,
                        const ReportOptions& o);

// One protected table as the report prints it (caption, note, legend of the symbols), for sections
// built outside this file (the NCW change, report/ncw_change.hpp).
std::string report_table_html(const Table& t, double threshold, const std::string& scope = "regio");

}  // namespace mkba::report
