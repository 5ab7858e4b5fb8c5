// The bronnenlijst (report/sources_table.hpp): citations in scenarios resolve to full references,
// section codes are read as whole numbers, and every value is either sourced or listed as an
// assumption.
#include <mkba/models/load.hpp>
#include <mkba/report/sources_table.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

using namespace mkba;

namespace {

std::set<std::string> keys(const std::string& text) {
  std::set<std::string> out;
  for (std::size_t i : report::cited_references(text)) out.insert(report::source_references()[i].key);
  return out;
}

}  // namespace

TEST_CASE("sources: citations resolve to full references, section numbers as whole numbers", "[report][sources]") {
  CHECK(keys("CPB/SCP 2020") == std::set<std::string>{"CPB/SCP 2020"});
  CHECK(keys("Werkgeverslastenvergoeding LKS 23,5 %, Regeling 10 okt 2014, Stcrt 2014-29290 [V]").count("Stcrt 2014-29290") == 1);
  // "mkba-nl 3.1" is the bijstand section, not 3.10, 3.11 or 3.12.
  CHECK(keys("mkba-nl 3.1") == std::set<std::string>{"Bijstandsnorm 2025", "Cedris 2014"});
  CHECK(keys("mkba-nl 3.9/3.10") == std::set<std::string>{"CPB/SCP 2020"});
  CHECK(keys("loonwaarde x loonkosten, mkba-nl 3.4, 3.11").count("Stcrt 2014-29290") == 1);
  CHECK(keys("mkba-nl 3.5 (placeholder)").empty());
  CHECK(report::is_assumption(""));
  CHECK(report::is_assumption("Cedris 2014 [U]"));
  CHECK(report::is_assumption("Netto loonheffing op WML na heffingskortingen [K, U]"));
  CHECK(report::is_assumption("mkba-nl 3.5 (placeholder)"));
  CHECK_FALSE(report::is_assumption("Stcrt 2014-29290"));
  for (const auto& r : report::source_references()) {
    INFO(r.key);
    CHECK(r.reference.size() > r.key.size());
    CHECK_FALSE(r.cues.empty());
  }
}

TEST_CASE("sources: the default scenario's bronnenlijst lists each cited reference once and every unsourced value", "[report][sources]") {
  const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml");
  const auto sources = report::sources_table(s, report::Lang::nl);
  const auto assumptions = report::assumptions_table(s, report::Lang::nl);
  std::set<std::string> want;
  std::vector<std::string> want_assumed;
  auto add = [&](const std::string& name, const std::string& text) {
    for (std::size_t i : report::cited_references(text)) want.insert(report::source_references()[i].key);
    if (report::is_assumption(text)) want_assumed.push_back(name);
  };
  for (const auto& e : s.effects) add(e.name, e.source);
  for (const auto& p : s.parameters) add(p.id, p.source);
  CHECK(std::set<std::string>(sources.rows.begin(), sources.rows.end()) == want);
  CHECK(sources.rows.size() == want.size());
  CHECK(assumptions.rows == want_assumed);
  // The shipped default cites at least these, with their full titles.
  for (const char* key : {"CPB/SCP 2020", "Stcrt 2014-29290", "Bijstandsnorm 2025", "Zorginstituut 2015"}) {
    INFO(key);
    const auto it = std::find(sources.rows.begin(), sources.rows.end(), key);
    REQUIRE(it != sources.rows.end());
    CHECK(sources.cells[static_cast<std::size_t>(it - sources.rows.begin())][0].text.size() > 30);
  }
  // A long list of users is cut after ten names.
  for (const auto& row : sources.cells) CHECK(std::count(row[1].text.begin(), row[1].text.end(), ',') <= 11);
}
