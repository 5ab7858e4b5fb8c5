#include <mkba/report/sources_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace mkba::report {

const std::vector<SourceReference>& source_references() {
  // Data, not code: key, full reference (as in docs/sources.md), cues. Add a reference here and
  // in docs/sources.md together.
  static const std::vector<SourceReference> refs = {
      {"CPB/PBL 2013",
       "G. Romijn en G. Renes (2013), Algemene leidraad voor maatschappelijke kosten-batenanalyse. Centraal Planbureau "
       "en Planbureau voor de Leefomgeving, Den Haag. ISBN 978-90-5833-619-4.",
       {"CPB/PBL", "leidraad"}},
      {"SEO 2016",
       "SEO Economisch Onderzoek en M. Pomp (2016), Werkwijzer voor kosten-batenanalyse in het sociale domein. Voor de "
       "ministeries van VWS, SZW, OCW en BZK.",
       {"SEO 2016", "Werkwijzer"}},
      {"SEO 2003",
       "L. Groot, L. Kok en C. Koopmans (2003), Kosten en baten van reïntegratiediensten. SEO-rapport 677, voor "
       "Instituut Gak, Amsterdam.",
       {"SEO 2003"}},
      {"Werkgroep discontovoet 2020",
       "Werkgroep discontovoet (2020), Rapport werkgroep discontovoet 2020. Ministerie van Financiën, Den Haag.",
       {"discontovoet 2020", "Werkgroep discontovoet"}},
      {"Zorginstituut 2024",
       "Zorginstituut Nederland (2024), Richtlijn voor het uitvoeren van economische evaluaties in de gezondheidszorg.",
       {"Zorginstituut 2024", "health guideline 2024"}},
      {"SEOR 2005",
       "SEOR (2005), literatuuroverzicht actief arbeidsmarktbeleid en Kosten per sw-plaats, voor het Ministerie van SZW.",
       {"SEOR"}},
      {"Bijstandsnorm 2025",
       "Rijksoverheid, normenoverzicht Participatiewet per 1 januari 2025 (bijstandsnorm alleenstaande 21 jaar tot AOW-"
       "leeftijd incl. vakantietoeslag € 1.345,45 netto per maand), zoals gepubliceerd door gemeenten.",
       {"Bijstandsnorm"}},
      {"WML 2025",
       "Ministerie van SZW, Regeling indexatie minimumloon per 1 januari 2025 (referentiemaandloon € 2.191,80 bruto); "
       "vakantietoeslag 8 %.",
       {"WML 2025", "Referentiemaandloon", "Vakantietoeslag"}},
      {"Stcrt 2014-29290",
       "Regeling van 10 oktober 2014, Staatscourant 2014-29290: werkgeverslastenvergoeding bij loonkostensubsidie "
       "(23,5 %); art. 10d Participatiewet.",
       {"Stcrt 2014-29290", "art. 10d", "LKS formula"}},
      {"Divosa 2022",
       "Divosa, Benchmark Werk en Inkomen, jaarrapportages 2021 en 2022 (loonwaarde van werkenden met loonkostensubsidie).",
       {"Divosa 2022", "Divosa Benchmark W&I 2021"}},
      {"Cedris 2014", "Cedris (2014), factsheet beschut werk en dagbesteding.", {"Cedris 2014", "Cedris factsheet"}},
      {"Cedris/SBCM 2017", "Cedris en SBCM (2017), MKBA beschut werk.", {"Cedris/SBCM"}},
      {"APE 2023", "Significant APE (2023), Kostprijs beschut werk.", {"APE 2023", "Significant APE"}},
      {"Rijksoverheid 2023",
       "Rijksoverheid (6 juli 2023), nieuwsbericht: € 2.157 extra per beschut werkplek per jaar vanaf 2024.",
       {"Rijksoverheid 6 jul", "Rijksoverheid 6 Jul"}},
      {"Ziektewet art. 29b",
       "Ziektewet, art. 29b (no-riskpolis voor de doelgroep banenafspraak en beschut werk); ziektewetuitkering 70 % van "
       "het dagloon.",
       {"art. 29b", "Ziektewetuitkering"}},
      {"LKV 2016",
       "Rendement.nl (2016), premiekorting / loonkostenvoordeel doelgroep banenafspraak: € 2.000 per jaar, ten hoogste "
       "3 jaar.",
       {"LKV"}},
      {"CPB/SCP 2020",
       "J. van Eijkel, S. Gerritsen, S. Sadiraj en M. Versantvoort (2020), De brede baten van werk. CPB en SCP, Den Haag.",
       {"CPB/SCP"}},
      {"Zorginstituut 2015", "Zorginstituut Nederland (2015), Kosteneffectiviteit in de praktijk. Diemen.", {"Zorginstituut 2015"}},
      {"Van Gils e.a. 2013",
       "P.F. van Gils, C.G. Schoemaker en J.J. Polder (2013), Hoeveel mag een gewonnen levensjaar kosten? Nederlands "
       "Tijdschrift voor Geneeskunde 157:A6507.",
       {"Van Gils"}},
      {"Layard en De Neve 2023",
       "R. Layard en J.-E. De Neve (2023), Wellbeing: Science and Policy. Cambridge University Press, hoofdstuk 11.",
       {"Layard"}},
      {"CPB Kansrijk",
       "CPB (2016, bijgewerkt 2020 door W. van den Berge en E. Jongen), Kansrijk arbeidsmarktbeleid, deel 2. Den Haag.",
       {"Kansrijk"}},
      {"CPB 2022",
       "R. Verlaat en A. Zulkarnain (2022), evaluatie van de experimenten Participatiewet. CPB, Den Haag.",
       {"CPB 2022"}},
      {"SEO 2006", "L. Kok, D. Hollanders en J.P. Hop (2006), Kosten en baten van reïntegratie. SEO-rapport 928.", {"SEO 2006"}},
      {"Berenschot 2024", "Berenschot (2024), MKBA loonkostensubsidie, voor Cedris en Divosa.", {"Berenschot 2024"}},
      {"Divosa 2023",
       "Divosa, Benchmark Werk en Inkomen 2023 (via Stimulansz): uitstroom 23,4 % van het bestand per jaar, instroom 24,1 %.",
       {"Divosa 2023"}},
      {"CBS cohortonderzoek",
       "CBS, Cohortonderzoek uitstroom bijstand naar werk (dashboard; uitstroom naar werk in 2021).",
       {"CBS cohort"}},
      {"Businessplan werkbedrijf",
       "Werkbedrijf, businessplan 2021-2025 (niet openbaar): bestand juli 2020, Wsw- en beschut-formatie.",
       {"[seed", "businessplan", "business plan"}},
      {"Sonnenberg en Beck 1993",
       "F.A. Sonnenberg en J.R. Beck (1993), Markov models in medical decision making: a practical guide. Medical "
       "Decision Making 13(4):322-338.",
       {"Sonnenberg"}},
      {"Briggs e.a. 2006",
       "A. Briggs, K. Claxton en M. Sculpher (2006), Decision Modelling for Health Economic Evaluation. Oxford "
       "University Press, voorbeeld 3.5.",
       {"Briggs"}},
      {"mkba calibrate",
       "Eigen kalibratie: mkba calibrate op de synthetische episodes scenarios/data/episodes-synthetic.csv "
       "(docs/calibration.md).",
       {"mkba calibrate"}},
  };
  return refs;
}

namespace {

// The numbered reference sections the shipped scenarios cite as "mkba-nl 3.3": the references
// each section rests on (docs/sources.md). A section of only assumptions maps to none.
const std::map<std::string, std::vector<std::string>>& sections() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"1.2", {"Werkgroep discontovoet 2020", "Zorginstituut 2024"}},
      {"1.3", {"CPB/PBL 2013", "SEO 2003"}},
      {"1.5", {"Cedris/SBCM 2017", "Berenschot 2024", "SEO 2003"}},
      {"3.1", {"Bijstandsnorm 2025", "Cedris 2014"}},
      {"3.2", {"WML 2025"}},
      {"3.3", {"Stcrt 2014-29290", "Divosa 2022"}},
      {"3.4", {"Rijksoverheid 2023", "Cedris/SBCM 2017", "APE 2023", "Cedris 2014"}},
      {"3.6", {"Ziektewet art. 29b", "LKV 2016"}},
      {"3.7", {"Zorginstituut 2015", "Van Gils e.a. 2013"}},
      {"3.8", {"Layard en De Neve 2023"}},
      {"3.9", {"CPB/SCP 2020"}},
      {"3.10", {"CPB/SCP 2020"}},
      {"3.11", {"Stcrt 2014-29290"}},
      {"3.12", {"Cedris/SBCM 2017", "Cedris 2014"}},
      {"5.2", {"Divosa 2023"}},
      {"5.3", {"CPB Kansrijk"}},
      {"5.4", {"CBS cohortonderzoek"}},
  };
  return m;
}

std::size_t index_of(const std::string& key) {
  const auto& refs = source_references();
  for (std::size_t i = 0; i < refs.size(); ++i)
    if (refs[i].key == key) return i;
  return refs.size();
}

// "mkba-nl 3.3, 3.11" / "mkba-nl 3.9/3.10": the section numbers after each "mkba-nl".
std::vector<std::string> section_numbers(std::string_view text) {
  std::vector<std::string> out;
  const std::string_view tag = "mkba-nl";
  for (std::size_t at = text.find(tag); at != std::string_view::npos; at = text.find(tag, at + 1)) {
    std::size_t i = at + tag.size();
    for (;;) {
      while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '/')) ++i;
      const std::size_t start = i;
      while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      std::string number(text.substr(start, i - start));
      while (!number.empty() && number.back() == '.') number.pop_back();
      if (number.find('.') == std::string::npos) break;
      out.push_back(number);
    }
  }
  return out;
}

// The names citing a reference, each once; after the first 12, how many more.
std::string joined(const std::vector<std::string>& names, Lang lang) {
  std::vector<std::string> seen;
  for (const auto& n : names)
    if (std::find(seen.begin(), seen.end(), n) == seen.end()) seen.push_back(n);
  const std::size_t shown = seen.size() > 12 ? 10 : seen.size();
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) out += (out.empty() ? "" : ", ") + seen[i];
  if (shown < seen.size()) out += fmt::format(fmt::runtime(tr(lang, " en {} meer")), seen.size() - shown);
  return out;
}

// Every (name, source text) of the scenario: effects, then parameters.
std::vector<std::pair<std::string, std::string>> citations(const Scenario& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : s.effects) out.emplace_back(e.name, e.source);
  for (const auto& p : s.parameters) out.emplace_back(p.id, p.source);
  return out;
}

}  // namespace

std::vector<std::size_t> cited_references(std::string_view text) {
  const auto& refs = source_references();
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < refs.size(); ++i)
    for (const auto& cue : refs[i].cues)
      if (text.find(cue) != std::string_view::npos) out.push_back(i);
  for (const auto& number : section_numbers(text)) {
    const auto it = sections().find(number);
    if (it == sections().end()) continue;
    for (const auto& key : it->second)
      if (index_of(key) < refs.size()) out.push_back(index_of(key));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_assumption(std::string_view text) {
  const auto blank = std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  // Tagged [U] (also "[K, U]", "[seed; U ...]"), or citing no reference this table knows.
  return blank || text.find("[U") != std::string_view::npos || text.find(", U]") != std::string_view::npos ||
         text.find("; U ") != std::string_view::npos || cited_references(text).empty();
}

Table sources_table(const Scenario& s, Lang lang) {
  const auto& refs = source_references();
  std::vector<std::vector<std::string>> users(refs.size());
  for (const auto& [name, text] : citations(s))
    for (std::size_t i : cited_references(text)) users[i].push_back(name);
  Table t;
  t.id = "bronnen";
  t.title = tr(lang, "Bronnen");
  t.note = tr(lang, "De volledige verwijzingen bij de bronvermeldingen van de effecten en parameters (docs/sources.md).");
  t.corner = tr(lang, "Bron");
  t.columns = {tr(lang, "Verwijzing"), tr(lang, "Gebruikt voor")};
  t.lang = lang;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (users[i].empty()) continue;
    t.rows.push_back(refs[i].key);
    t.cells.push_back({Cell::of_text(refs[i].reference), Cell::of_text(joined(users[i], lang))});
  }
  return t;
}

Table assumptions_table(const Scenario& s, Lang lang) {
  Table t;
  t.id = "aannames-zonder-bron";
  t.title = tr(lang, "Waarden zonder bron: aannames");
  t.note = tr(lang, "Effecten en parameters zonder bronvermelding, met een bronvermelding die naar geen bron in deze lijst "
                   "verwijst, of gemarkeerd als aanname [U].");
  t.corner = tr(lang, "Effect of parameter");
  t.columns = {tr(lang, "Bronvermelding in het scenario")};
  t.lang = lang;
  for (const auto& [name, text] : citations(s))
    if (is_assumption(text)) {
      t.rows.push_back(name);
      t.cells.push_back({Cell::of_text(text.empty() ? "-" : text)});
    }
  return t;
}

}  // namespace mkba::report
