#include <mkba/report/html_report.hpp>
#include <mkba/report/manifest.hpp>
#include <mkba/report/ncw_change.hpp>
#include <mkba/report/psa_iterations.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/semester.hpp>
#include <mkba/report/table_writers.hpp>
#include <mkba/report/tables.hpp>
#include <mkba/report/xlsx_workbook.hpp>

#include <mkba/models/errors.hpp>

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <map>

namespace mkba::report {
namespace {

std::string now_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void check_gemeente_names(const Scenario& s) {
  std::map<std::string, std::string> by_slug;
  for (const auto& g : s.gemeenten) {
    const auto [it, fresh] = by_slug.emplace(slug(g), g);
    if (!fresh)
      throw Error(fmt::format("meta.gemeenten: '{}' and '{}' would both be written as bijlagen/{}.md (file names "
                              "ignore case, spaces and punctuation); give gemeenten names that differ in their "
                              "letters or digits", it->second, g, it->first));
  }
}

std::vector<OutputFile> report_files(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o) {
  return report_files(s, r, build_tables(s, r, o), o);
}

std::vector<OutputFile> report_files(const Scenario& s, const analysis::RunResult& r, const ReportTables& built,
                                     const ReportOptions& o) {
  check_gemeente_names(s);
  ReportTables t = built;
  if (!r.psa.empty()) t.psa_iterations = psa_iterations_table(s, r, t.comparison);
  SemesterOutput semester = semester_output(s, r, o, &t);
  t.semester_html = semester.html;
  std::optional<NcwChangeOutput> ncw_change;
  if (o.ncw_change) {
    ncw_change = ncw_change_output(*o.ncw_change, t, o);
    t.semester_html += ncw_change->html;
  }
  std::vector<OutputFile> files;
  files.push_back({"rapport.html", html_report(s, r, t, o)});
  for (const auto& g : t.gemeenten) {
    const std::string dir = "bijlagen/" + g.slug + "/";
    files.push_back({"bijlagen/" + g.slug + ".md", appendix_markdown(s, g, o.threshold, o.lang)});
    std::vector<const Table*> tables{&g.ncw};
    if (g.indicators) tables.push_back(&*g.indicators);
    for (const auto* list : {&g.verdeling, &g.occupancy})
      for (const auto& tab : *list) tables.push_back(&tab);
    for (const Table* tab : tables) {
      files.push_back({dir + tab->id + ".csv", table_csv(*tab, o.threshold, CsvDialect::plain)});
      files.push_back({dir + tab->id + "-excel-nl.csv", table_csv(*tab, o.threshold, CsvDialect::dutch_excel)});
    }
  }
  if (t.psa_iterations) files.push_back({"psa-iteraties.csv", table_csv(*t.psa_iterations, o.threshold, CsvDialect::plain)});
  if (o.xlsx) files.push_back({"bijlagen.xlsx", xlsx_workbook(s, t, o)});
  for (auto& f : semester.files) files.push_back(std::move(f));
  if (ncw_change) files.push_back(std::move(ncw_change->csv));
  files.push_back({"manifest.json", manifest_json(make_stamp(s, o), s, r, o, files, semester.manifest_json,
                                                  ncw_basis_json(s, r, t.summary, o.persons))});
  return files;
}

std::vector<std::string> write_run_report(const Scenario& s, const analysis::RunResult& r, ReportOptions o,
                                          const std::string& dir) {
  if (o.run_time.empty()) o.run_time = now_utc();
  const auto files = report_files(s, r, o);
  write_all(dir, files);
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  return names;
}

}  // namespace mkba::report
