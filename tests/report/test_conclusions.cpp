// The conclusion in words (report/src/conclusions.cpp): golden sentences on hand-made inputs whose
// numbers are chosen so every rounding is known, and on a small cohort model the sentence says what
// the tables say.
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/conclusions.hpp>
#include <mkba/report/run_report.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

using namespace mkba;
using report::ConclusionInput;
using report::Lang;

namespace {

ConclusionInput one_alternative() {
  ConclusionInput in;
  in.nul_label = "Huidig beleid";
  ConclusionInput::Alternative a;
  a.label = "Intensivering";
  a.society_diff = 1234567;
  a.stakeholders = {{"Kandidaat", 300000, true}, {"Gemeente", 2000000, true}, {"Rijk", -500000, true},
                    {"Werkgever", -800000, false}};  // hidden: never named
  in.alternatives.push_back(a);
  return in;
}

ConclusionInput beschut_vs_lks() {
  ConclusionInput in;
  in.nul_label = "Huidige plaatsen";
  ConclusionInput::Alternative beschut{"nieuw beschut", true, -300000, {{"Gemeente", -450000, true}, {"Kandidaat", 150000, true}},
                                       {0, 0, 0, 0}, {}};
  ConclusionInput::Alternative lks{"LKS", true, 900000, {{"Gemeente", 250000, true}, {"Werkgever", 650000, true}},
                                   {-100000, 500000, 900000, 1500000}, {}};
  in.alternatives = {beschut, lks};
  return in;
}

}  // namespace

TEST_CASE("conclusion: money in words, millions with one decimal", "[report][conclusion]") {
  CHECK(report::money_words(1234567, Lang::nl) == "€ 1,2 mln");
  CHECK(report::money_words(1250001, Lang::en) == "€1.3 million");
  CHECK(report::money_words(999949, Lang::nl) == "€ 1,0 mln");  // rounded to a tenth of a million first
  CHECK(report::money_words(949949, Lang::nl) == "€ 949.900");
  CHECK(report::money_words(45349, Lang::nl) == "€ 45.300");
  CHECK(report::money_words(45349, Lang::en) == "€45,300");
  CHECK(report::money_words(20, Lang::nl) == "€ 0");
}

TEST_CASE("conclusion: one projectalternatief, how much, for whom, no PSA", "[report][conclusion]") {
  const auto c = report::conclude(one_alternative(), Lang::nl);
  CHECK(c.headline == "Intensivering levert de maatschappij € 1,2 mln meer op dan het nulalternatief (Huidig beleid).");
  REQUIRE(c.paragraphs.size() == 1);
  // One alternative: the headline says how much, the paragraph for whom and how certain.
  CHECK(c.paragraphs[0] ==
        "De grootste winnaar "
        "is Gemeente (€ 2,0 mln); de grootste kosten liggen bij Rijk (€ 500.000). De onzekerheid is niet doorgerekend: een "
        "probabilistische gevoeligheidsanalyse (--iterations) geeft de kans op een positief saldo.");
  const auto en = report::conclude(one_alternative(), Lang::en);
  CHECK(en.headline == "Intensivering yields society €1.2 million more than the baseline (Huidig beleid).");
  CHECK(en.paragraphs[0].find("The largest gain goes to Gemeente (€2.0 million); the largest cost falls on Rijk (€500,000).") !=
        std::string::npos);
}

TEST_CASE("conclusion: two alternatives, the winner named, how certain from the PSA draws", "[report][conclusion]") {
  const auto c = report::conclude(beschut_vs_lks(), Lang::nl);
  // LKS - beschut = 900.000 - (-300.000) = 1,2 mln; LKS beats beschut (all draws 0) in 3 of 4 draws.
  CHECK(c.headline ==
        "LKS levert de maatschappij € 1,2 mln meer op dan nieuw beschut (in 75 % van de trekkingen is LKS de betere van de "
        "twee). Van de onderzochte alternatieven heeft LKS het hoogste maatschappelijke saldo: € 900.000 meer dan het "
        "nulalternatief (Huidige plaatsen).");
  REQUIRE(c.paragraphs.size() == 2);
  CHECK(c.paragraphs[0] ==
        "nieuw beschut kost de maatschappij € 300.000 meer dan het nulalternatief (Huidige plaatsen). De grootste winnaar is "
        "Kandidaat (€ 150.000); de grootste kosten liggen bij Gemeente (€ 450.000). Over 4 trekkingen van de onzekere "
        "parameters is het saldo gemiddeld € 0 en in 0 % van de gevallen positief; 90 % van de uitkomsten ligt tussen € 0 en "
        "€ 0.");
  // Mean (-100.000 + 500.000 + 900.000 + 1.500.000) / 4 = 700.000. Type-7 quantiles as the tables:
  // P5 = -100.000 + 0,15 x 600.000 = -10.000, P95 = 900.000 + 0,85 x 600.000 = 1.410.000.
  CHECK(c.paragraphs[1] ==
        "LKS levert de maatschappij € 900.000 meer op dan het nulalternatief (Huidige plaatsen). De grootste winnaar is "
        "Werkgever (€ 650.000); geen stakeholder gaat erop achteruit. Over 4 trekkingen van de onzekere parameters is het "
        "saldo gemiddeld € 700.000 en in 75 % van de gevallen positief; 90 % van de uitkomsten ligt tussen -€ 10.000 en "
        "€ 1,4 mln.");
}

TEST_CASE("conclusion: three alternatives, the winner against each of the others", "[report][conclusion]") {
  auto in = beschut_vs_lks();
  in.alternatives.push_back({"garantiebanen", true, 650000, {}, {}, {}});
  for (auto& a : in.alternatives) a.draws.clear();
  const auto c = report::conclude(in, Lang::nl);
  // LKS 900.000, garantiebanen 650.000, nieuw beschut -300.000: LKS wins by 250.000 and by 1,2 mln.
  CHECK(c.headline ==
        "LKS levert de maatschappij € 250.000 meer op dan garantiebanen, en € 1,2 mln meer dan nieuw beschut. Van de "
        "onderzochte alternatieven heeft LKS het hoogste maatschappelijke saldo: € 900.000 meer dan het nulalternatief "
        "(Huidige plaatsen).");
  CHECK(report::conclude(in, Lang::en).headline.rfind(
            "LKS yields society €250,000 more than garantiebanen, and €1.2 million more than nieuw beschut.", 0) == 0);
}

TEST_CASE("conclusion: nothing pays off, and hidden differences stay hidden", "[report][conclusion]") {
  auto in = beschut_vs_lks();
  in.alternatives[1].society_diff = -100000;
  in.alternatives[0].draws.clear();
  in.alternatives[1].draws.clear();
  const auto c = report::conclude(in, Lang::nl);
  CHECK(c.headline ==
        "LKS levert de maatschappij € 200.000 meer op dan nieuw beschut. Geen van de projectalternatieven levert de "
        "maatschappij per saldo meer op dan het nulalternatief (Huidige plaatsen); LKS kost het minst.");
  in.alternatives[1].published = false;
  const auto hidden = report::conclude(in, Lang::nl);
  CHECK(hidden.headline == "nieuw beschut kost de maatschappij € 300.000 meer dan het nulalternatief (Huidige plaatsen).");
  CHECK(hidden.paragraphs[1] == "LKS: het verschil met het nulalternatief is niet gepubliceerd (onthullingsbeheersing).");
  CHECK(hidden.headline.find("-100") == std::string::npos);
}

TEST_CASE("conclusion: on a small cohort model the sentence says what the summary table says", "[report][conclusion]") {
  const Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/report/two_gemeenten.yaml", {{"rescreening", "null"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto t = report::build_tables(s, r, 10.0);
  std::vector<std::string> labels;
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) labels.push_back(r.alternatives[a].label);
  const auto in = report::conclusion_input(t, r.alternatives[0].label, labels);
  REQUIRE(in.alternatives.size() == r.alternatives.size() - 1);
  const auto c = report::conclude(in, Lang::nl);
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const auto& cell = t.summary.cells[a][1];
    INFO(r.alternatives[a].label);
    REQUIRE_FALSE(cell.suppressed);
    const std::string& said = in.alternatives.size() == 1 ? c.headline : c.paragraphs[a - 1];
    CHECK(said.rfind(r.alternatives[a].label, 0) == 0);
    CHECK(said.find(report::money_words(std::abs(cell.value), Lang::nl)) != std::string::npos);
    CHECK(said.find(cell.value > 0 ? "meer op dan" : "meer dan") != std::string::npos);
  }
  // The HTML carries the headline as its conclusion.
  report::ReportOptions o;
  o.run_time = "2026-01-01T00:00:00Z";
  o.version = o.git_commit = "test";
  o.xlsx = false;
  for (const auto& f : report::report_files(s, r, o))
    if (f.name == "rapport.html") CHECK(f.content.find("id=\"conclusie\"><strong>") != std::string::npos);
}

TEST_CASE("report text: meta.aanleiding and meta.beperkingen reach their sections", "[report][conclusion]") {
  const Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/report/two_gemeenten.yaml",
                                   {{"rescreening", "null"},
                                    {"meta.aanleiding", "Waarom deze analyse? De uitstroom naar werk daalt."},
                                    {"meta.beperkingen", "[\"Eén beperking van deze analyse.\"]"}});
  CHECK(s.aanleiding == "Waarom deze analyse? De uitstroom naar werk daalt.");
  REQUIRE(s.beperkingen == std::vector<std::string>{"Eén beperking van deze analyse."});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  report::ReportOptions o;
  o.run_time = "2026-01-01T00:00:00Z";
  o.version = o.git_commit = "test";
  o.xlsx = false;
  std::string html;
  for (const auto& f : report::report_files(s, r, o))
    if (f.name == "rapport.html") html = f.content;
  const auto aanleiding = html.find("<section id=\"aanleiding\">");
  const auto beperkingen = html.find("<section id=\"beperkingen\">");
  REQUIRE(aanleiding != std::string::npos);
  REQUIRE(beperkingen != std::string::npos);
  CHECK(html.find("Waarom deze analyse? De uitstroom naar werk daalt.", aanleiding) < html.find("</section>", aanleiding));
  CHECK(html.find("<li>Eén beperking van deze analyse.</li>", beperkingen) < html.find("</section>", beperkingen));
}
