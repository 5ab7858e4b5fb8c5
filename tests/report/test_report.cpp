// The report of a deterministic (cohort) run of the shipped scenario: every file, every section,
// self-contained HTML, byte-identical reruns, golden appendix tables, and no small cell leaking in a
// scenario with a tiny gemeente.
#include "temp_path.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/effect_scope.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/console.hpp>
#include <mkba/report/html_report.hpp>
#include <mkba/report/occupancy.hpp>
#include <mkba/models/parameters.hpp>
#include <mkba/report/output_dir.hpp>
#include <mkba/report/psa_iterations.hpp>
#include <mkba/report/per_period.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/sha256.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <fcntl.h>
#include <sys/file.h>
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
  // Charts: the cumulative NCW, the verdelingstabel bars, one stacked area per alternative, the
  // caseload per kwadrant (the default scenario's caseload comes from a screening file), and one NCW
  // distribution per projectalternatief when the run has PSA iterations.
  std::size_t svgs = 0;
  for (auto p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  const std::size_t psa_charts = r.psa.empty() ? 0 : r.alternatives.size() - 1;
  CHECK(svgs == 1 + (r.alternatives.size() - 1) + r.alternatives.size() + 1 + psa_charts);
  for (const char* id : {"grafiek-cumulatief", "grafiek-verdeling-1", "grafiek-bezetting-0", "grafiek-bestand"}) {
    INFO(id);
    CHECK(html.find(std::string("<figure class=\"chart\" id=\"") + id + "\"") != std::string::npos);
  }
  CHECK(html.find("<section id=\"bestandsanalyse\"") != std::string::npos);
  CHECK(html.find("id=\"tabel-regio-bestand-kwadranten\"") != std::string::npos);
  CHECK(html.find("id=\"tabel-regio-bestand-toestanden\"") != std::string::npos);
  // No tornado computed: the section says how to get one.
  CHECK(html.find("id=\"tornado-ontbreekt\"") != std::string::npos);
  CHECK(html.find("--tornado") != std::string::npos);
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
  // Every input: the scenario, each included file and the screening file, with its hash, also in
  // the colofon.
  REQUIRE_FALSE(s.included_files.empty());
  REQUIRE_FALSE(s.screening_file.empty());
  const std::string html = by_name(a).at("rapport.html");
  for (const auto& f : s.included_files) {
    INFO(f);
    CHECK(manifest.find(report::sha256_file(f)) != std::string::npos);
    CHECK(html.find(report::sha256_file(f)) != std::string::npos);
  }
  const auto parsed = nlohmann::json::parse(manifest);
  bool screening = false, reference_include = false;
  for (const auto& in : parsed.at("inputs")) {
    if (in.at("role") == "screening" && in.at("file") == "data/screening-synthetic.csv" &&
        in.at("sha256") == report::sha256_file(s.screening_file))
      screening = true;
    if (in.at("role") == "include" && in.at("file").get<std::string>().rfind("reference/", 0) == 0) reference_include = true;
  }
  CHECK(screening);
  CHECK(reference_include);
  CHECK(parsed.at("files").back().at("name") != "manifest.json");
  CHECK(html.find(report::sha256_file(s.screening_file)) != std::string::npos);
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

TEST_CASE("report: a rerun replaces the output folder as a whole, a compare adds its file", "[report][write]") {
  const fs::path dir = fs::temp_directory_path() / ("mkba-test-rerun-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  report::write_all(dir.string(), {{"rapport.html", "1"}, {"bijlagen/a.csv", "a"}, {"bijlagen/b.csv", "b"}});
  report::write_all(dir.string(), {{"vergelijking-x-y.csv", "c"}}, report::Replace::files);  // mkba compare
  CHECK(fs::exists(dir / "rapport.html"));
  CHECK(fs::exists(dir / "vergelijking-x-y.csv"));
  report::write_all(dir.string(), {{"rapport.html", "2"}, {"bijlagen/a.csv", "a2"}});  // rerun with fewer gemeenten
  CHECK_FALSE(fs::exists(dir / "bijlagen" / "b.csv"));  // stale appendix gone
  CHECK_FALSE(fs::exists(dir / "vergelijking-x-y.csv"));  // nothing of an earlier run stays
  CHECK(fs::exists(dir / "bijlagen" / "a.csv"));
  std::ifstream in(dir / "rapport.html");
  std::string text;
  in >> text;
  CHECK(text == "2");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 3);  // rapport.html, bijlagen, the .mkba-output marker
  int siblings = 0;  // the lock file; no staging or old folders
  for (const auto& e : fs::directory_iterator(dir.parent_path()))
    if (e.path().filename().string().rfind("." + dir.filename().string() + ".", 0) == 0) ++siblings;
  CHECK(siblings == 1);
  fs::remove_all(dir);
}

TEST_CASE("report: leftovers of a killed run are cleaned, a folder that is not mkba output is refused",
          "[report][write]") {
  const fs::path dir = fs::temp_directory_path() / ("mkba-test-leftover-" + std::to_string(::getpid()));
  const fs::path parent = dir.parent_path();
  const std::string name = dir.filename().string();
  fs::remove_all(dir);
  // Killed between the two renames: no folder, a complete old one and a staging one.
  report::write_all(dir.string(), {{"summary.csv", "old"}});
  fs::rename(dir, parent / ("." + name + ".mkba-old-999999"));
  fs::create_directories(parent / ("." + name + ".mkba-partial-999999"));
  report::write_all(dir.string(), {{"summary.csv", "new"}});
  CHECK_FALSE(fs::exists(parent / ("." + name + ".mkba-old-999999")));
  CHECK_FALSE(fs::exists(parent / ("." + name + ".mkba-partial-999999")));
  std::ifstream in(dir / "summary.csv");
  std::string text;
  in >> text;
  CHECK(text == "new");
  // Someone's own folder is never replaced.
  const fs::path own = parent / (name + "-own");
  fs::create_directories(own);
  std::ofstream(own / "brief.docx") << "x";
  CHECK_THROWS_WITH(report::write_all(own.string(), {{"summary.csv", "x"}}),
                    Catch::Contains("the folder holds files that are not from mkba"));
  CHECK(fs::exists(own / "brief.docx"));
  fs::remove_all(own);
  fs::remove_all(dir);
  fs::remove(parent / ("." + name + ".mkba-lock"));
  fs::remove(parent / ("." + name + "-own.mkba-lock"));
}

TEST_CASE("report: a second writer of the same folder is refused while the first holds it", "[report][write]") {
  const fs::path dir = fs::temp_directory_path() / ("mkba-test-lock-" + std::to_string(::getpid()));
  const fs::path lock = dir.parent_path() / ("." + dir.filename().string() + ".mkba-lock");
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // as a concurrent run would hold it
  CHECK_THROWS_WITH(report::write_all(dir.string(), {{"summary.csv", "x"}}),
                    Catch::Contains("another mkba process is writing this output folder"));
  CHECK_FALSE(fs::exists(dir));
  ::close(fd);
  report::write_all(dir.string(), {{"summary.csv", "x"}});
  CHECK(fs::exists(dir / "summary.csv"));
  fs::remove_all(dir);
  fs::remove(lock);
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

namespace {

// Cells only one of the two number formats writes: four decimals (the transition probabilities,
// "0,9620" or "0.9620") or millions with two group separators ("-17.012.047" or "-17,012,047").
bool has_dutch_numbers(const std::string& html) {
  static const std::regex dutch(R"(>-?[0-9]+,[0-9]{4}<|>-?[0-9]{1,3}\.[0-9]{3}\.[0-9]{3}<)");
  return std::regex_search(html, dutch);
}
bool has_english_numbers(const std::string& html) {
  static const std::regex english(R"(>-?[0-9]+\.[0-9]{4}<|>-?[0-9]{1,3},[0-9]{3},[0-9]{3}<)");
  return std::regex_search(html, english);
}

std::vector<std::string> headings(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex h2(R"(<h2>(?:[0-9]+\. )?([^<:]*))");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), h2); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("report: --lang en gives English headings, labels and number format from the same template", "[report][lang]") {
  const auto& [s, r] = default_run();
  auto o = fixed_options();
  const std::string nl = by_name(report::report_files(s, r, o)).at("rapport.html");
  o.lang = report::Lang::en;
  const auto files = by_name(report::report_files(s, r, o));
  const std::string& en = files.at("rapport.html");
  CHECK(en.find("<html lang=\"en\">") != std::string::npos);
  CHECK(nl.find("<html lang=\"nl\">") != std::string::npos);
  // The same sections (ids) in both languages.
  for (const std::string* html : {&nl, &en})
    for (const char* id : {"samenvatting", "verdelingstabel", "indicatoren", "vergelijking", "gevoeligheid", "aannames",
                           "bestandsanalyse", "bijlage-zoetermeer", "colofon"}) {
      INFO(id);
      CHECK(html->find(std::string(" id=\"") + id + "\">\n<h2>") != std::string::npos);
    }
  // Every Dutch heading has an English entry and the English report shows it, not the Dutch.
  const auto nl_heads = headings(nl), en_heads = headings(en);
  REQUIRE(nl_heads.size() == en_heads.size());
  for (std::size_t i = 0; i < nl_heads.size(); ++i) {
    const std::string& h = nl_heads[i];
    if (h.rfind("Bijlage ", 0) == 0) continue;  // "Bijlage A" + gemeente name
    INFO(h);
    CHECK(report::has_translation(h));
    CHECK(en_heads[i] == report::tr(report::Lang::en, h));
  }
  for (const char* english : {"<h2>1. Summary</h2>", "<h2>8. Distributional effects</h2>", "<h2>9. Sensitivity and risk analysis</h2>",
                              "<h2>Appendix B: Caseload analysis</h2>", "<h2>13. Sources</h2>", "Society NPV", "Difference from baseline", "Benefit/cost ratio",
                              "Starting caseload per municipality and quadrant", "Input files (SHA-256)"}) {
    INFO(english);
    CHECK(en.find(english) != std::string::npos);
  }
  for (const char* dutch : {"Samenvatting</h2>", "Verschil met nulalternatief", "Bronnen</h2>", "levert de maatschappij",
                            "Gebruikt voor", "Ieder effect is gewaardeerd", "De analyse volgt", "Netto-effect op werk",
                            "Berekend als verwachte waarden", "Het nulalternatief is", "De grootste winnaar", "trekkingen", "Baten/kosten-verhouding", "Onthullingsdrempel",
                            "Startbestand per gemeente"}) {
    INFO(dutch);
    CHECK(en.find(dutch) == std::string::npos);
  }
  // Number format: decimal point and thousands comma in English, the Dutch way in Dutch.
  CHECK(has_dutch_numbers(nl));
  CHECK_FALSE(has_english_numbers(nl));
  CHECK(has_english_numbers(en));
  CHECK_FALSE(has_dutch_numbers(en));
  CHECK(en.find("2.25%") != std::string::npos);
  CHECK(nl.find("2,25 %") != std::string::npos);
  CHECK(std::regex_search(en, std::regex(R"(>-?[0-9]{1,3}(,[0-9]{3})+<)")));
  // The appendices follow the language; the plain CSV is the same in both.
  CHECK(files.at("bijlagen/zoetermeer.md").rfind("# Appendix Zoetermeer", 0) == 0);
  const auto nl_files = by_name(report::report_files(s, r, fixed_options()));
  CHECK(files.at("bijlagen/zoetermeer/bezetting-nulalternatief.csv").substr(0, 5) == "Month");
  CHECK(nl_files.at("bijlagen/zoetermeer/bezetting-nulalternatief.csv").substr(0, 5) == "Maand");
  CHECK(files.at("manifest.json").find("\"language\": \"en\"") != std::string::npos);
}

TEST_CASE("report: the bestandsanalyse publishes no count under the threshold", "[report][disclosure][bestand]") {
  const auto& [s, r] = default_run();
  const double threshold = 10;
  const auto t = report::build_tables(s, r, threshold);
  REQUIRE(t.bestand_gemeenten);
  REQUIRE(t.bestand_toestanden);
  CHECK(t.bestand_gemeenten->rows.size() == s.gemeenten.size() + 1);
  CHECK(t.bestand_gemeenten->columns.size() == 6);  // k1..k4, onbekend, totaal
  double total = 0;
  for (const auto& g : s.start) total += g.persons;
  CHECK(t.bestand_gemeenten->cells.back().back().value == Approx(total));
  int hidden = 0;
  for (const auto* tab : {&*t.bestand_gemeenten, &*t.bestand_toestanden}) {
    for (const auto& row : tab->cells)
      for (const auto& c : row) {
        INFO(tab->title);
        if (!c.suppressed) CHECK((c.value == 0 || c.value >= threshold));
        hidden += c.suppressed ? 1 : 0;
      }
    // No row or column with exactly one hidden cell (it would follow from the total).
    for (std::size_t i = 0; i < tab->rows.size(); ++i) {
      int n = 0;
      for (const auto& c : tab->cells[i]) n += c.suppressed ? 1 : 0;
      CHECK(n != 1);
    }
    for (std::size_t j = 0; j < tab->columns.size(); ++j) {
      int n = 0;
      for (const auto& row : tab->cells) n += row[j].suppressed ? 1 : 0;
      CHECK(n != 1);
    }
  }
  CHECK(hidden > 0);  // the synthetic caseload has small kwadrant x state cells
  // Without a screening file there is no bestandsanalyse.
  const auto& two = two_gemeenten_run();
  CHECK_FALSE(report::build_tables(two.scenario, two.result, threshold).bestand_gemeenten);
}

TEST_CASE("report: PSA intervals in the tables, the NCW distribution and the tornado", "[report][psa]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", {{"rescreening", "null"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::microsim;
  opt.persons = 1000;
  opt.iterations = 12;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  REQUIRE(r.psa.size() == 12);
  auto o = fixed_options();
  analysis::RunOptions one = opt;
  one.iterations = 1;
  o.tornado = analysis::one_way(s, one);
  REQUIRE_FALSE(o.tornado->empty());
  const auto t = report::build_tables(s, r, o);
  // Intervals: the society NCW difference in the summary, the verdelingstabel totals, the indicators.
  REQUIRE(t.summary.cells[1][1].interval);
  CHECK(t.summary.cells[1][1].interval->p5 <= t.summary.cells[1][1].interval->p95);
  CHECK(t.verdeling[0].cells.back().back().interval);
  CHECK(t.indicators.cells[0][0].interval);
  CHECK(t.comparison.cells.back().back().interval);
  REQUIRE(t.ncw_draws.size() == 1);
  CHECK(t.ncw_draws[0].size() == 12);
  REQUIRE(t.tornado);
  CHECK(t.tornado->rows.size() == o.tornado->size());
  const auto files = by_name(report::report_files(s, r, o));
  const std::string& html = files.at("rapport.html");
  CHECK(html.find("<th class=\"interval\">P5-P95</th>") != std::string::npos);
  CHECK(html.find("id=\"tabel-regio-samenvatting\"") != std::string::npos);
  CHECK(html.find("<figure class=\"chart\" id=\"grafiek-ncw-verdeling-1\"") != std::string::npos);
  CHECK(html.find("P(NCW &gt; 0) = ") != std::string::npos);
  CHECK(html.find("<figure class=\"chart\" id=\"grafiek-tornado\"") != std::string::npos);
  CHECK(html.find("id=\"tabel-regio-tornado\"") != std::string::npos);
  // The main text draws the 15 most influential parameters (two bars each); the technical appendix
  // lists every one.
  const auto fig = html.find("id=\"grafiek-tornado\"");
  const auto fig_end = html.find("</figure>", fig);
  std::size_t bars = 0;
  for (auto p = html.find("<rect class=\"bar\"", fig); p < fig_end; p = html.find("<rect class=\"bar\"", p + 1)) ++bars;
  CHECK(bars == 2 * std::min<std::size_t>(15, t.tornado->rows.size()));
  CHECK(html.find("id=\"tabel-regio-tornado\"") > html.find("<div class=\"bijlagen\">"));
  CHECK(html.find("id=\"tornado-ontbreekt\"") == std::string::npos);
  CHECK(html.find("<rect class=\"bin\"") != std::string::npos);
  // The interval columns reach the other formats too (the workbook's summary sheet holds the summary).
  CHECK(files.at("manifest.json").find("\"iterations\": 12") != std::string::npos);
  CHECK(files.at("manifest.json").find("\"tornado\": true") != std::string::npos);
  // English: the same charts with English titles.
  o.lang = report::Lang::en;
  const std::string en = by_name(report::report_files(s, r, o)).at("rapport.html");
  CHECK(en.find("id=\"grafiek-ncw-verdeling-1\"") != std::string::npos);
  CHECK(en.find("Distribution of the net present value for society") != std::string::npos);
  CHECK(en.find("Tornado: society NPV") != std::string::npos);
}

TEST_CASE("report: the tornado table shows the base each bar was computed around", "[report][tornado]") {
  // Uitkering -> werk with uncertain rates and amounts: one_way() evaluates the bars as cohort
  // traces (expected values) while the run itself is a small microsimulation.
  const auto path = mkba::test::process_temp_path("mkba-test-report-tornado-base.yaml");
  std::ofstream(path) << R"(meta: {name: tornado-basis}
time: {start: 2026-01, horizon_years: 3}
states:
  - {id: uitkering, kind: benefit}
  - {id: werk, kind: work}
parameters:
  p_werk: {distribution: beta, mean: 0.03, sd: 0.01}
  rr: {distribution: lognormal, mean: 1.5, sd: 0.2}
  bedrag: {distribution: normal, mean: 1000, sd: 100}
population: {counts: {uitkering: 400}}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {uitkering: rest, werk: p_werk}
    werk: {werk: 1.0}
alternatives:
  project:
    transitions:
      - {from: uitkering, to: werk, relative_risk: rr}
effects:
  - {name: bijstand, category: uitkeringen, type: real, payer: gemeente, per_month_in: [uitkering], amount: bedrag}
simulation: {seed: 11}
)";
  const Scenario s = load_scenario(path.string());
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::microsim;
  opt.persons = 400;
  opt.threads = 1;
  const auto r = analysis::run(s, opt);
  auto o = fixed_options();
  o.tornado = analysis::one_way(s, opt);
  REQUIRE(o.tornado->size() == 3);
  const auto t = report::build_tables(s, r, o);
  REQUIRE(t.tornado);
  CHECK(t.tornado_cohort);
  // Columns: value at P5, at P95, then the projectalternatief's basis, P5, P95.
  REQUIRE(t.tornado->columns.size() == 5);
  CHECK(t.tornado->columns[2].find("basis") != std::string::npos);
  // The bars' base is the cohort (expected) society NCW difference, pinned against a cohort run.
  analysis::RunOptions cohort;
  cohort.mode = analysis::Mode::cohort;
  const auto rc = analysis::run(s, cohort);
  const auto tc = report::build_tables(s, rc, fixed_options());
  REQUIRE_FALSE(tc.summary.cells[1][1].suppressed);
  for (std::size_t i = 0; i < o.tornado->size(); ++i) {
    const auto& bar = (*o.tornado)[i];
    const auto& row = t.tornado->cells[i];
    INFO(t.tornado->rows[i]);
    CHECK(row[2].value == Approx(bar.base[0]));
    CHECK(row[2].value == Approx(tc.summary.cells[1][1].value).epsilon(1e-9));
    CHECK(row[3].value == Approx(bar.low[0]));
    CHECK(row[4].value == Approx(bar.high[0]));
  }
  CHECK(t.tornado->note.find("Markov-cohort") != std::string::npos);
  // The chart says its bars are cohort-evaluated, and the table in the appendix shows the basis column.
  const std::string html = by_name(report::report_files(s, r, o)).at("rapport.html");
  const auto fig = html.find("id=\"grafiek-tornado\"");
  REQUIRE(fig != std::string::npos);
  const auto caption = html.find("<figcaption>", fig);
  CHECK(html.substr(caption, html.find("</figcaption>", caption) - caption).find("Markov-cohort") != std::string::npos);
  const auto table = html.find("id=\"tabel-regio-tornado\"");
  REQUIRE(table != std::string::npos);
  CHECK(html.find("project basis", table) < html.find("</table>", table));
}

namespace {
// per-periode.csv parsed: [comparison|kind] -> rows of (period, values...)
struct PeriodRow {
  std::string period;
  std::vector<double> values;  // stakeholders, maatschappij, cumulatief
};
std::map<std::string, std::vector<PeriodRow>> parse_periods(const std::string& csv) {
  std::map<std::string, std::vector<PeriodRow>> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    PeriodRow row{f[2], {}};
    for (std::size_t i = 3; i < f.size(); ++i) row.values.push_back(std::stod(f[i]));
    out[f[0] + "|" + f[1]].push_back(row);
  }
  return out;
}

void check_periods(const Scenario& s, const analysis::RunResult& r, const std::string& first_year,
                   const std::string& first_semester) {
  const auto rows = parse_periods(report::per_period_csv(s, r, report::build_tables(s, r, 10.0)));
  const auto n0 = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const std::string cmp = r.alternatives[a].id + " - " + r.alternatives[0].id;
    const auto n1 = analysis::ncw_per_stakeholder(r.alternatives[a].valued);
    const auto& years = rows.at(cmp + "|jaar");
    const auto& halves = rows.at(cmp + "|halfjaar");
    CHECK(years.front().period == first_year);
    CHECK(halves.front().period == first_semester);
    double society = 0;
    for (std::size_t sh = 0; sh < n1.size(); ++sh) {
      double by_year = 0, by_half = 0;
      for (const auto& y : years) by_year += y.values[sh];
      for (const auto& h : halves) by_half += h.values[sh];
      const double expected = n1[sh] - n0[sh];
      society += expected;
      // The rows are printed to the cent; the periods of a row sum to its NCW.
      CHECK(by_year == Approx(expected).margin(0.01 * static_cast<double>(years.size())));
      CHECK(by_half == Approx(expected).margin(0.01 * static_cast<double>(halves.size())));
    }
    const std::size_t cum = n1.size() + 1;
    CHECK(years.back().values[cum] == Approx(society).margin(1.0));
    CHECK(halves.back().values[cum] == Approx(society).margin(1.0));
    // Two semesters make the year (the first and last year may have one).
    for (const auto& y : years) {
      double sum = 0;
      for (const auto& h : halves)
        if (h.period.rfind(y.period + "-H", 0) == 0) sum += h.values[n1.size()];
      CHECK(sum == Approx(y.values[n1.size()]).margin(0.02));
    }
  }
}
}  // namespace

TEST_CASE("per-periode.csv: years and semesters sum to the NCW per stakeholder, cumulatively to society's",
          "[report][period]") {
  const auto& [s, r] = default_run();
  check_periods(s, r, "2026", "2026-H1");
  // A start in July: the first period is the second half of that year, and eleven calendar years.
  Run july{load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml",
                         {{"rescreening", "null"}, {"time.start", "2026-07"}}),
           {}};
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 1;  // the periods of the base case; the PSA's are checked on the January start
  july.result = analysis::run(july.scenario, opt);
  check_periods(july.scenario, july.result, "2026", "2026-H2");
  const auto rows = parse_periods(report::per_period_csv(july.scenario, july.result, report::build_tables(july.scenario, july.result, 10.0)));
  const auto years = static_cast<std::size_t>(july.scenario.time.horizon_years);
  CHECK(rows.at("intensivering - nulalternatief|jaar").size() == years + 1);
  CHECK(rows.at("intensivering - nulalternatief|halfjaar").size() == 2 * years);
}

// Issue 19: which alternatives an effect holds in is decided once (models/effect_scope.hpp). An
// effect limited to `intensivering` also holds in `intensivering_plus`, which extends it: the valuation
// counts it there, so the child's tables must protect its cells exactly as the parent's do.
TEST_CASE("report: a child alternative hides the cells of an effect it inherits, like its parent", "[report][disclosure][issue19]") {
  const Run r = cohort_run(std::string(MKBA_TEST_DATA) + "/report/extends_tiny.yaml");
  const auto& s = r.scenario;
  const auto t = report::build_tables(s, r.result, 10);
  REQUIRE(s.alternatives.size() == 3);
  REQUIRE(s.alternatives[2].extends == 1);
  const auto& e = *std::find_if(s.effects.begin(), s.effects.end(), [](const EffectSpec& x) { return x.name == "extra_toezicht_traject"; });
  CHECK(effect_alternatives(s, e) == std::vector<int>{1, 2});
  // The child's valuation counts the inherited effect: its amount is non-zero there.
  CHECK(compiled_effect(s, e, 2).amount == compiled_effect(s, e, 1).amount);
  CHECK(compiled_effect(s, e, 0).amount == 0.0);
  const auto& wassenaar = *std::find_if(t.gemeenten.begin(), t.gemeenten.end(), [](const auto& g) { return g.name == "Wassenaar"; });
  auto cell = [](const report::Table& tab, const std::string& row_part, const std::string& col_part) {
    std::size_t i = 0, j = 0;
    while (i < tab.rows.size() && tab.rows[i].find(row_part) == std::string::npos) ++i;
    while (j < tab.columns.size() && tab.columns[j].find(col_part) == std::string::npos) ++j;
    REQUIRE(i < tab.rows.size());
    REQUIRE(j < tab.columns.size());
    return tab.cells[i][j];
  };
  // Only the limited effect falls in (veiligheid, gemeente): a few persons in traject in Wassenaar.
  const auto parent = cell(wassenaar.verdeling[0], "eiligheid", "emeente");
  const auto child = cell(wassenaar.verdeling[1], "eiligheid", "emeente");
  CHECK(parent.suppressed);
  CHECK(child.suppressed);
}

// Issue 19: a window is given in months and compiled to cycles once; with quarterly cycles the
// label printed for it is the window itself, not the months read as quarters.
TEST_CASE("report: a window prints as its months whatever the cycle length", "[report][issue19]") {
  for (const std::string cycle : {"month", "quarter", "year"}) {
    INFO(cycle);
    Run r{load_scenario(std::string(MKBA_TEST_DATA) + "/report/extends_tiny.yaml", {{"rescreening", "null"}, {"time.cycle", cycle}}), {}};
    const auto& s = r.scenario;
    analysis::RunOptions opt;
    opt.mode = analysis::Mode::cohort;
    r.result = analysis::run(s, opt);
    const auto t = report::build_tables(s, r.result, 10);
    const auto row = std::find(t.effects.rows.begin(), t.effects.rows.end(), "extra_toezicht_traject") - t.effects.rows.begin();
    REQUIRE(static_cast<std::size_t>(row) < t.effects.rows.size());
    const auto col = std::find(t.effects.columns.begin(), t.effects.columns.end(), "Grondslag") - t.effects.columns.begin();
    REQUIRE(static_cast<std::size_t>(col) < t.effects.columns.size());
    CHECK_THAT(t.effects.cells[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)].text, Catch::Contains("jan 2027 t/m dec 2027"));
    // The money falls in 2027 only: cycles [12, 24) / months per cycle.
    const int m = s.time.months_per_cycle;
    const auto& e = *std::find_if(s.effects.begin(), s.effects.end(), [](const EffectSpec& x) { return x.name == "extra_toezicht_traject"; });
    const auto it = compiled_effect(s, e, 1);
    CHECK(it.first_cycle == 12 / m);
    CHECK(it.last_cycle == 24 / m);
  }
}

// Issue 19: bezetting.csv is written from the report's protected region tables. Region minus the
// large gemeente never gives the small gemeente's hidden counts: for every count hidden in
// Wassenaar's appendix, the region cell (bezetting.csv) or Zoetermeer's cell is hidden too.
TEST_CASE("bezetting.csv: region counts do not give away a small gemeente's hidden counts", "[report][disclosure][issue19]") {
  const auto& [s, r] = two_gemeenten_run();
  const double threshold = 10;
  const auto t = report::build_tables(s, r, threshold);
  const std::string csv = report::occupancy_csv(s, t, threshold);
  // Parse bezetting.csv: alternatief,maand,<states>,totaal
  std::map<std::pair<std::string, std::size_t>, std::vector<std::string>> region;  // (alt, year) -> fields
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "alternatief,maand,uitkering,traject,beschut,lks,regulier,uitstroom,totaal");
  std::map<std::string, std::size_t> year_of_alt;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    REQUIRE(f.size() == s.states.size() + 3);
    const std::size_t y = year_of_alt[f[0]]++;
    region[{f[0], y}] = std::vector<std::string>(f.begin() + 2, f.end());
  }
  auto number = [](const std::string& x) { return !x.empty() && (std::isdigit(static_cast<unsigned char>(x[0])) != 0); };
  const auto& zoetermeer = t.gemeenten[0];
  const auto& wassenaar = t.gemeenten[1];
  REQUIRE(wassenaar.name == "Wassenaar");
  int hidden = 0;
  for (std::size_t a = 0; a < s.alternatives.size(); ++a)
    for (std::size_t y = 0; y < wassenaar.occupancy[a].rows.size(); ++y)
      for (std::size_t c = 0; c < wassenaar.occupancy[a].columns.size(); ++c) {
        if (!wassenaar.occupancy[a].cells[y][c].suppressed) continue;
        ++hidden;
        const auto& reg = region.at({s.alternatives[a].id, y});
        REQUIRE(c < reg.size());
        const bool region_published = number(reg[c]);
        const bool large_published = !zoetermeer.occupancy[a].cells[y][c].suppressed;
        INFO(s.alternatives[a].id << " year " << y << " column " << c << ": region '" << reg[c] << "'");
        CHECK(!(region_published && large_published));
      }
  CHECK(hidden > 0);  // the test scenario does have hidden counts in the tiny gemeente
}

TEST_CASE("report: psa-iteraties holds each iteration's draws and NCWs, under the report's disclosure",
          "[report][psa][iterations]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", {{"rescreening", "null"}});
  analysis::RunOptions opt;
  opt.persons = 300;
  opt.iterations = 4;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  const auto t = report::build_tables(s, r, fixed_options());
  const report::Table it = report::psa_iterations_table(s, r, t.comparison);
  REQUIRE(it.rows.size() == 4);
  // The draws: the same function of (seed, iteration) the run used.
  std::size_t uncertain = 0;
  for (const auto& p : s.parameters) uncertain += p.distribution != Distribution::fixed ? 1 : 0;
  REQUIRE(uncertain > 0);
  for (std::size_t k = 0; k < 4; ++k) {
    const ParameterDraw d = draw_parameters(s, r.seed, static_cast<std::uint32_t>(k + 1));
    std::size_t c = 0;
    for (std::size_t p = 0; p < s.parameters.size(); ++p) {
      if (s.parameters[p].distribution == Distribution::fixed) continue;
      CHECK(it.columns[c] == "parameter." + s.parameters[p].id);
      CHECK(it.cells[k][c].value == d.values[p]);
      CHECK(std::stod(it.cells[k][c].text) == Approx(d.values[p]).epsilon(1e-9));
      ++c;
    }
  }
  // The NCWs: the iteration's summary summed over categories; society is the sum over stakeholders.
  const std::size_t SH = s.stakeholders.size(), C = s.categories.size(), A = s.alternatives.size();
  const std::size_t first_ncw = it.columns.size() - A * (SH + 1);
  CHECK(it.columns[first_ncw] == "ncw." + s.alternatives[0].id + "." + s.stakeholders[0]);
  for (std::size_t k = 0; k < 4; ++k)
    for (std::size_t a = 0; a < A; ++a) {
      double society = 0;
      for (std::size_t sh = 0; sh < SH; ++sh) {
        double x = 0;
        for (std::size_t c = 0; c < C; ++c) x += r.psa[k].alternatives[a].ncw[sh * C + c];
        CHECK(it.cells[k][first_ncw + a * (SH + 1) + sh].value == Approx(x).margin(1e-6));
        society += x;
      }
      CHECK(it.cells[k][first_ncw + a * (SH + 1) + SH].value == Approx(society).margin(1e-6));
    }
  // Disclosure: a region-wide NCW the report hides is hidden here too, in every iteration.
  report::Table hiding = t.comparison;
  hiding.cells[0][1].suppressed = true;
  const report::Table hidden = report::psa_iterations_table(s, r, hiding);
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(hidden.cells[k][first_ncw + 1 * (SH + 1) + 0].suppressed);
    CHECK_FALSE(hidden.cells[k][first_ncw + 0].suppressed);
  }
  // Without PSA: no rows, and report_files writes no psa-iteraties.csv.
  opt.iterations = 1;
  const auto base = analysis::run(s, opt);
  CHECK(report::psa_iterations_table(s, base, t.comparison).rows.empty());
  CHECK(by_name(report::report_files(s, base, fixed_options())).count("psa-iteraties.csv") == 0);
  CHECK(by_name(report::report_files(s, r, fixed_options())).count("psa-iteraties.csv") == 1);
}

TEST_CASE("report: gemeenten whose appendix files would coincide are refused", "[report][names]") {
  Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", {{"rescreening", "null"}});
  REQUIRE(s.gemeenten.size() >= 2);
  CHECK_NOTHROW(report::check_gemeente_names(s));
  for (const auto& [a, b] : {std::pair<std::string, std::string>{"Noord stad", "noord-stad"}, {"Noordstad", "NOORDSTAD"}}) {
    s.gemeenten[0] = a;
    s.gemeenten[1] = b;
    CHECK_THROWS_WITH(report::check_gemeente_names(s), Catch::Contains("'" + a + "' and '" + b + "'"));
  }
}

TEST_CASE("console: text lines wrap at 100 columns, table rows stay whole", "[report][console]") {
  std::string words;
  for (int i = 0; i < 40; ++i) words += (i ? " " : "") + std::string("woord") + std::to_string(i);
  const std::string table_row = "  stakeholder" + std::string(95, ' ') + "1.234";
  const std::string wrapped = report::wrap_lines("  " + words + "\n" + table_row + "\nkort\n");
  std::istringstream in(wrapped);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  REQUIRE(lines.size() >= 4);
  std::string joined;
  std::size_t i = 0;
  for (; i < lines.size() && lines[i] != table_row; ++i) {
    CHECK(lines[i].size() <= 100);
    CHECK(lines[i].rfind(i == 0 ? "  woord0" : "    woord", 0) == 0);  // continuations indented two more
    joined += (joined.empty() ? "" : " ") + lines[i].substr(lines[i].find_first_not_of(' '));
  }
  CHECK(joined == words);  // no word lost or split
  REQUIRE(i + 1 < lines.size());
  CHECK(lines[i] == table_row);
  CHECK(lines[i + 1] == "kort");
}

TEST_CASE("report: the table of changes says for whom each change holds and how long, not the description again", "[report][changes]") {
  const Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/net-effects.yaml");
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto t = report::build_tables(s, r, 10);
  const auto& ov = t.overlays;
  REQUIRE(ov.columns == std::vector<std::string>{"Van", "Naar", "Soort", "Waarde", "Periode", "Voor wie", "Duur"});
  std::map<std::string, std::pair<std::string, std::string>> by_alternative;  // label -> (voor wie, duur)
  for (std::size_t i = 0; i < ov.rows.size(); ++i) by_alternative[ov.rows[i]] = {ov.cells[i][5].text, ov.cells[i][6].text};
  // fade: {after_months: {0: 1.0, 3: 0.5, 6: 0.0}} on everyone; segments: [veraf] lasting.
  auto label_of = [&](const std::string& id) {
    for (const auto& a : s.alternatives)
      if (a.id == id) return a.label;
    FAIL("no alternative " << id);
    return std::string();
  };
  const auto& fading = by_alternative.at(label_of("vervagend"));
  CHECK(fading.first == "iedereen");
  CHECK(fading.second == "naar maanden in de toestand: 100 % vanaf 0 mnd; 50 % vanaf 3 mnd; 0 % vanaf 6 mnd");
  const auto& targeted = by_alternative.at(label_of("gericht"));
  CHECK(targeted.first == "veraf");
  CHECK(targeted.second == "blijvend");
  // A change targeted at a gemeente names it.
  const Scenario g = load_scenario(std::string(MKBA_TEST_DATA) + "/gemeente-targeting.yaml");
  const auto tg = report::build_tables(g, analysis::run(g, opt), 10);
  REQUIRE(tg.overlays.rows.size() == 1);
  CHECK(tg.overlays.cells[0][5].text == "iedereen in Zoetermeer");
}
