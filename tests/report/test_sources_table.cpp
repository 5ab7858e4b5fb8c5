// The bronnenlijst (report/bibliography.hpp, rendered by the HTML report's Bronnen section and the
// workbook's Bronnen sheet, report/sources_table.hpp): citations in scenarios resolve to full
// references through one table, section codes are read as whole numbers, the table's codes are
// documented in docs/sources.md, and every value is cited, an assumption, or listed with its text.
#include <mkba/models/assumption.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/bibliography.hpp>
#include <mkba/report/sources_table.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using namespace mkba;

namespace {

std::set<std::string> keys(const std::string& text) {
  const auto k = report::cited_keys(text);
  return {k.begin(), k.end()};
}

}  // namespace

TEST_CASE("sources: citations resolve to full references, section numbers as whole numbers", "[report][sources]") {
  CHECK(keys("CPB/SCP 2020") == std::set<std::string>{"CPB/SCP (2020)"});
  // "mkba-nl 3.1" is the bijstand section, not 3.10, 3.11 or 3.12; the keys come in table order.
  CHECK(report::cited_keys("mkba-nl 3.1") == std::vector<std::string>{"Bijstandsnormen 2025", "Cedris (2014)"});
  CHECK(report::cited_keys("mkba-nl 3.10") == std::vector<std::string>{"CPB/SCP (2020)", "SEO/WODC (2007)"});
  CHECK(report::cited_keys("mkba-nl 3.7, 3.8") ==
        std::vector<std::string>{"Zorginstituut (2015)", "Van Gils e.a. (2013)", "Layard en De Neve (2023)"});
  CHECK(keys("mkba-nl 3.9/3.10") == std::set<std::string>{"CPB/SCP (2020)", "CBS (2015)", "SEO/WODC (2007)"});
  CHECK(report::cited_keys("Werkgeverslastenvergoeding LKS 23,5 %, Regeling 10 okt 2014, Stcrt 2014-29290 [V] (mkba-nl 3.3)") ==
        std::vector<std::string>{"Participatiewet art. 10d", "Divosa (2022)"});
  CHECK(keys("Werkgeverslastenvergoeding LKS 23,5 %, Regeling 10 okt 2014, Stcrt 2014-29290 [V]") ==
        std::set<std::string>{"Participatiewet art. 10d"});
  // A cue names one reference: Divosa's 2023 benchmark is not its 2021/2022 loonwaarde figures.
  CHECK(keys("Divosa 2023") == std::set<std::string>{"Divosa (2023)"});
  CHECK(keys("Extra 2.157 per beschut werkplek per jaar vanaf 2024, Rijksoverheid 6 jul 2023 [V]") ==
        std::set<std::string>{"Rijksoverheid (2023)"});
  CHECK(keys("NTW 16.000/fte [seed]") == std::set<std::string>{"Bedrijfsplan 2021-2025"});
  CHECK(report::cited_keys("no idea").empty());
  // Every code of the table resolves to at least one reference of it.
  for (const auto& code : report::source_codes()) {
    INFO(code);
    CHECK_FALSE(report::cited_keys(code).empty());
  }
}

TEST_CASE("bronnen: every code of the source table is documented in docs/sources.md", "[report][sources]") {
  std::ifstream in(std::string(MKBA_SCENARIO_DIR) + "/../docs/sources.md");
  std::ostringstream text;
  text << in.rdbuf();
  for (const auto& code : report::source_codes()) {
    INFO(code);
    CHECK(text.str().find("`" + code + "`") != std::string::npos);
  }
}

TEST_CASE("bronnen: the shipped scenarios' sourced values that cite a publication name a reference of the table",
          "[report][sources]") {
  // Every sourced value that is no assumption and whose source cites a publication (a year, an
  // mkba-nl code) names a reference of the table; the rest (explanations such as "productie =
  // loonkosten") print under Overige bronvermeldingen.
  for (const char* name : {"default.yaml", "beschut-vs-lks.yaml"}) {
    INFO(name);
    const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/" + name);
    const auto b = report::bibliography(s);
    CHECK_FALSE(b.references.empty());
    for (const auto& [id, src] : b.other) {
      INFO(id << ": " << src);
      CHECK_FALSE(std::regex_search(src, std::regex(R"((19|20)[0-9]{2}|mkba-nl)")));
    }
  }
}

TEST_CASE("sources: the default scenario's workbook sheet lists each cited reference once and every assumption",
          "[report][sources]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml");
  const auto b = report::bibliography(s);
  const auto sources = report::sources_table(b, report::Lang::nl);
  const auto assumptions = report::assumptions_table(b, report::Lang::nl);
  const auto other = report::other_sources_table(b, report::Lang::nl);
  std::set<std::string> want;
  std::vector<std::string> want_assumed, want_other;
  auto add = [&](const std::string& name, const std::string& text) {
    const auto k = report::cited_keys(text);
    want.insert(k.begin(), k.end());
    if (source_is_assumption(text)) want_assumed.push_back(name);
    else if (k.empty()) want_other.push_back(name);
  };
  for (const auto& e : s.effects) add(e.name, e.source);
  for (const auto& p : s.parameters) add(p.id, p.source);
  CHECK(std::set<std::string>(sources.rows.begin(), sources.rows.end()) == want);
  CHECK(sources.rows.size() == want.size());
  CHECK(assumptions.rows == want_assumed);
  CHECK(other.rows == want_other);
  CHECK_FALSE(assumptions.rows.empty());
  // The shipped default cites at least these, with their full titles.
  for (const char* key : {"CPB/SCP (2020)", "Participatiewet art. 10d", "Bijstandsnormen 2025", "Zorginstituut (2015)"}) {
    INFO(key);
    const auto it = std::find(sources.rows.begin(), sources.rows.end(), key);
    REQUIRE(it != sources.rows.end());
    CHECK(sources.cells[static_cast<std::size_t>(it - sources.rows.begin())][0].text.size() > 30);
  }
  // A long list of users is cut after ten names.
  for (const auto& row : sources.cells) CHECK(std::count(row[1].text.begin(), row[1].text.end(), ',') <= 11);
}
