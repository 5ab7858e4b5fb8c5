#pragma once
// The report of one run, every format: rapport.html, the bijlagen per gemeente as CSV (plain and
// Dutch Excel) and Markdown, bijlagen.xlsx and manifest.json. This is the entry point `mkba run`
// and `mkba report` call.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/tables.hpp>
#include <mkba/report/report_options.hpp>

#include <string>
#include <vector>

namespace mkba::report {

// Throws mkba::Error (exit 2) when two gemeenten of meta.gemeenten would get the same bijlage
// files: their names differ only in case, spaces or punctuation ("Noord stad", "noord-stad"), so
// one appendix would overwrite the other. report_files() checks it; the CLI calls it before the run.
void check_gemeente_names(const Scenario& s);

// The files, with names relative to the output directory; manifest.json last.
std::vector<OutputFile> report_files(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o);
// The same from tables already built with build_tables(s, r, o) (so a command that also writes
// other files from them protects and computes them once).
std::vector<OutputFile> report_files(const Scenario& s, const analysis::RunResult& r, const ReportTables& t,
                                     const ReportOptions& o);

// report_files() written into `dir` all or nothing (write_all). Fills run_time when empty.
// Returns the names written.
std::vector<std::string> write_run_report(const Scenario& s, const analysis::RunResult& r, ReportOptions o,
                                          const std::string& dir);

}  // namespace mkba::report
