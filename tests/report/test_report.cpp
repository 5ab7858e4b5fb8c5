// The report of a deterministic (cohort) run of the shipped scenario: every file, every section,
// self-contained HTML, byte-identical reruns, golden appendix tables, and no small cell leaking in a
// scenario with a tiny gemeente.
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/html_report.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/sha256.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace mkba;
namespace fs = std::filesystem;

namespace {

struct Run {
  Scenario scenario;
  analysis::RunResult result;
};

Run cohort_run(const std::string& file) {
  // The cohort mode needs the scenario without rescreening (segments then follow persons' scores).
  Run r{load_scenario(file, {{"rescreening", "null"}}), {}};
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  r.result = analysis::run(r.scenario, opt);
  return r;
}

const Run& default_run() {
  static const Run r = cohort_run(std::string(MKBA_SCENARIO_DIR) + "/default.yaml");
  return r;
}

const Run& two_gemeenten_run() {
  static const Run r = cohort_run(std::string(MKBA_TEST_DATA) + "/report/two_gemeenten.yaml");
  return r;
}

report::ReportOptions fixed_options() {
  report::ReportOptions o;
  o.run_time = "2026-01-01T00:00:00Z";
  o.version = "test";
  o.git_commit = "test";
  return o;
}

std::map<std::string, std::string> by_name(const std::vector<report::OutputFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.name] = f.content;
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Numbers in a golden file are compared to within one unit of their last printed digit, so a
// last-digit rounding difference between platforms does not fail the test; all other text must be
// identical. `decimal` is the decimal separator of the format ('.' plain CSV, ',' Dutch).
void compare_golden(const std::string& name, const std::string& got, const std::string& want, char decimal) {
  const std::regex number(decimal == '.' ? R"(-?[0-9]+(\.[0-9]+)?)" : R"(-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?)");
  auto split = [&](const std::string& s) {
    std::vector<std::string> text, nums;
    std::string rest;
    auto it = std::sregex_iterator(s.begin(), s.end(), number);
    std::size_t pos = 0;
    for (; it != std::sregex_iterator(); ++it) {
      text.push_back(s.substr(pos, static_cast<std::size_t>(it->position()) - pos));
      nums.push_back(it->str());
      pos = static_cast<std::size_t>(it->position() + it->length());
    }
    text.push_back(s.substr(pos));
    return std::pair(text, nums);
  };
  auto value = [&](std::string t, int& decimals) {
    std::string clean;
    decimals = 0;
    bool after = false;
    for (char ch : t) {
      if (ch == decimal) {
        clean += '.';
        after = true;
      } else if (ch == '-' || std::isdigit(static_cast<unsigned char>(ch))) {
        clean += ch;
        decimals += after ? 1 : 0;
      }
    }
    return std::stod(clean);
  };
  const auto [gt, gn] = split(got);
  const auto [wt, wn] = split(want);
  INFO(name << " (regenerate: MKBA_REGENERATE_GOLDEN=1 build/tests/test_report \"[golden]\")");
  REQUIRE(gt == wt);
  REQUIRE(gn.size() == wn.size());
  for (std::size_t i = 0; i < gn.size(); ++i) {
    int dg = 0, dw = 0;
    const double a = value(gn[i], dg), b = value(wn[i], dw);
    INFO("number " << i << ": got " << gn[i] << ", golden " << wn[i]);
    REQUIRE(dg == dw);
    REQUIRE(std::abs(a - b) <= 1.000001 * std::pow(10.0, -dw));
  }
}

}  // namespace

TEST_CASE("report: every file of a run, HTML with every section and self-contained", "[report][html]") {
  const auto& [s, r] = default_run();
  const auto files = by_name(report::report_files(s, r, fixed_options()));
  for (const char* name : {"rapport.html", "manifest.json", "bijlagen.xlsx", "bijlagen/zoetermeer.md",
                           "bijlagen/zoetermeer/verdelingstabel-intensivering.csv",
                           "bijlagen/zoetermeer/verdelingstabel-intensivering-excel-nl.csv",
                           "bijlagen/zoetermeer/bezetting-nulalternatief.csv",
                           "bijlagen/zoetermeer/bezetting-intensivering-excel-nl.csv"}) {
    INFO(name);
    REQUIRE(files.count(name));
  }
  const std::string& html = files.at("rapport.html");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* id : report::kReportSections) CHECK(html.find(std::string("<section id=\"") + id + "\"") != std::string::npos);
  CHECK(html.find("id=\"bijlage-zoetermeer\"") != std::string::npos);
  CHECK(html.find("@page") != std::string::npos);
  // Charts: the cumulative NCW, the verdelingstabel bars, one stacked area per alternative.
  std::size_t svgs = 0;
  for (auto p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  CHECK(svgs == 1 + (r.alternatives.size() - 1) + r.alternatives.size());
  CHECK(html.find("<polygon class=\"area\"") != std::string::npos);
  CHECK(html.find("<polyline class=\"line\"") != std::string::npos);
  CHECK(html.find("<rect class=\"bar\"") != std::string::npos);
  // No JavaScript and nothing fetched from elsewhere.
  for (const char* banned : {"<script", "src=", "<link", "@import", "url(", "href=\"http", "<iframe", "<img"}) {
    INFO(banned);
    CHECK(html.find(banned) == std::string::npos);
  }
  // Every effect item appears in the aannames, with its source.
  for (const auto& e : s.effects) {
    CHECK(html.find("<th>" + e.name + "</th>") != std::string::npos);
    if (!e.source.empty()) CHECK(html.find(e.source.substr(0, 20)) != std::string::npos);
  }
}

TEST_CASE("report: the same inputs give byte-identical files apart from the run time", "[report][reproducible]") {
  const auto& [s, r] = default_run();
  auto o1 = fixed_options();
  auto o2 = fixed_options();
  o2.run_time = "2030-06-30T12:34:56Z";
  const auto a = report::report_files(s, r, o1);
  const auto b = report::report_files(s, r, o2);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    REQUIRE(a[i].name == b[i].name);
    if (a[i].name == "manifest.json") {
      const std::regex run_time("\"run_time\": \"[^\"]*\"");
      CHECK(a[i].content != b[i].content);
      CHECK(std::regex_replace(a[i].content, run_time, "") == std::regex_replace(b[i].content, run_time, ""));
    } else {
      CHECK(a[i].content == b[i].content);
    }
  }
  const std::string manifest = by_name(a).at("manifest.json");
  CHECK(manifest.find(report::sha256_file(s.file)) != std::string::npos);
  CHECK(manifest.find(report::sha256_hex(by_name(a).at("rapport.html"))) != std::string::npos);
  CHECK(manifest.find("\"seed\": " + std::to_string(r.seed)) != std::string::npos);
  CHECK(manifest.find("\"simulated_persons\": " + std::to_string(r.simulated_persons)) != std::string::npos);
}

TEST_CASE("report: write_run_report writes every file", "[report][write]") {
  const auto& [s, r] = default_run();
  const fs::path dir = fs::temp_directory_path() / ("mkba-test-report-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto names = report::write_run_report(s, r, fixed_options(), dir.string());
  for (const auto& n : names) CHECK(fs::is_regular_file(dir / n));
  CHECK_FALSE(fs::exists(dir / "rapport.html.partial"));
  fs::remove_all(dir);
}

TEST_CASE("report: appendix CSV and Markdown match the golden files", "[report][golden]") {
  const auto& [s, r] = default_run();
  const auto files = report::report_files(s, r, fixed_options());
  const fs::path golden = fs::path(MKBA_GOLDEN_DIR) / "default";
  const bool regenerate = std::getenv("MKBA_REGENERATE_GOLDEN") != nullptr;
  int compared = 0;
  for (const auto& f : files) {
    if (f.name.rfind("bijlagen/", 0) != 0 || f.name.find(".xlsx") != std::string::npos) continue;
    const fs::path p = golden / f.name;
    if (regenerate) {
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << f.content;
      continue;
    }
    INFO(p.string());
    REQUIRE(fs::exists(p));
    const bool dutch = f.name.find("-excel-nl.csv") != std::string::npos || f.name.find(".md") != std::string::npos;
    compare_golden(f.name, f.content, read(p), dutch ? ',' : '.');
    ++compared;
  }
  // Every golden file is compared (none left over from an older scenario).
  int golden_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(golden))
    if (e.is_regular_file()) ++golden_files;
  if (!regenerate) CHECK(compared == golden_files);
}

TEST_CASE("report: no count under the threshold and no hidden money in any table of a tiny gemeente", "[report][disclosure]") {
  const auto& [s, r] = two_gemeenten_run();
  const double threshold = 10;
  const auto t = report::build_tables(s, r, threshold);
  REQUIRE(t.gemeenten.size() == 2);
  REQUIRE(t.primary_cells > 0);
  // Counts: published only at or above the threshold (or exactly zero).
  for (const auto& g : t.gemeenten)
    for (const auto& tab : g.occupancy)
      for (const auto& row : tab.cells)
        for (const auto& c : row) {
          INFO(g.name << " " << tab.title);
          if (!c.suppressed) CHECK((c.value == 0 || c.value >= threshold));
        }
  // Verdelingstabellen: within each table no row or column with exactly one hidden cell, and across
  // region and gemeenten no position with exactly one hidden cell.
  auto hidden_lines = [](const report::Table& tab) {
    for (std::size_t i = 0; i < tab.rows.size(); ++i) {
      int n = 0;
      for (const auto& c : tab.cells[i]) n += c.suppressed ? 1 : 0;
      CHECK(n != 1);
    }
    for (std::size_t j = 0; j < tab.columns.size(); ++j) {
      int n = 0;
      for (const auto& row : tab.cells) n += row[j].suppressed ? 1 : 0;
      CHECK(n != 1);
    }
  };
  for (std::size_t a = 0; a < t.verdeling.size(); ++a) {
    hidden_lines(t.verdeling[a]);
    for (const auto& g : t.gemeenten) hidden_lines(g.verdeling[a]);
    for (std::size_t i = 0; i < t.verdeling[a].rows.size(); ++i)
      for (std::size_t j = 0; j < t.verdeling[a].columns.size(); ++j) {
        int n = t.verdeling[a].cells[i][j].suppressed ? 1 : 0;
        for (const auto& g : t.gemeenten) n += g.verdeling[a].cells[i][j].suppressed ? 1 : 0;
        CHECK(n != 1);
      }
  }
  // And in the files: the tiny gemeente's tables carry the symbols, in every format.
  const auto files = by_name(report::report_files(s, r, fixed_options()));
  CHECK(files.at("bijlagen/wassenaar.md").find("<10") != std::string::npos);
  CHECK(files.at("bijlagen/wassenaar/bezetting-nulalternatief.csv").find("<10") != std::string::npos);
  CHECK(files.at("bijlagen/wassenaar/verdelingstabel-intensivering-excel-nl.csv").find(";x") != std::string::npos);
  CHECK(files.at("rapport.html").find("&lt;10") != std::string::npos);
  // Three alternatives: the projectalternatieven are also compared with each other.
  REQUIRE(t.pairwise);
  CHECK(t.pairwise->columns.size() == 1);
  CHECK(files.at("rapport.html").find("id=\"tabel-regio-paarsgewijs\"") != std::string::npos);
}
