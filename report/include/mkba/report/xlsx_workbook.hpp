#pragma once
// The appendix workbook (libxlsxwriter): a summary sheet, a sheet per gemeente and an assumptions
// sheet, with euro and count number formats; suppressed cells hold the text "<10" or "x".
#include <mkba/models/scenario.hpp>
#include <mkba/report/report_options.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

// The .xlsx file's bytes. Its document date is fixed (the scenario's start month) so reruns are
// byte-identical; the run time lives in manifest.json.
std::string xlsx_workbook(const Scenario& s, const ReportTables& t, const ReportOptions& o);

}  // namespace mkba::report
