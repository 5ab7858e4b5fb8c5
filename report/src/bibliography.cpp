// The one table from what a scenario's `source:` says to a full reference (docs/sources.md, "Codes
// in source fields", lists the same codes), and the bronnenlijst built from it: the HTML report's
// Bronnen section and the workbook's Bronnen sheet (sources_table.cpp) both render bibliography().
#include <mkba/report/bibliography.hpp>

#include <mkba/models/assumption.hpp>

#include <algorithm>
#include <regex>

namespace mkba::report {
namespace {

struct Reference {
  const char* key;
  const char* text;
};

// The references, in the order the bronnenlijst prints them (the order of docs/sources.md).
const std::vector<Reference>& references() {
  static const std::vector<Reference> refs = {
      // Algemeen/methode
      {"CPB/PBL (2013)", "G. Romijn en G. Renes (2013), Algemene leidraad voor maatschappelijke kosten-batenanalyse. "
                         "Centraal Planbureau en Planbureau voor de Leefomgeving, Den Haag. ISBN 978-90-5833-619-4."},
      {"SEO (2016)", "SEO Economisch Onderzoek en M. Pomp (2016), Werkwijzer voor kosten-batenanalyse in het sociale domein. "
                     "Voor de ministeries van VWS, SZW, OCW en BZK."},
      {"SEO (2003)", "L. Groot, L. Kok en C. Koopmans (2003), Kosten en baten van reïntegratiediensten. SEO-rapport 677, "
                     "SEO Economisch Onderzoek, Amsterdam."},
      {"Werkgroep discontovoet (2020)", "Werkgroep discontovoet (2020), Rapport werkgroep discontovoet 2020. Ministerie van "
                                        "Financiën, Den Haag."},
      {"Zorginstituut (2024)", "Zorginstituut Nederland (2024), Richtlijn voor het uitvoeren van economische evaluaties in de "
                               "gezondheidszorg."},
      {"SEOR (2005)", "SEOR (2005), literatuuroverzicht actief arbeidsmarktbeleid en Kosten per sw-plaats, voor het "
                      "Ministerie van SZW."},
      // Kosten en baten
      {"Bijstandsnormen 2025", "Rijksoverheid, normenbedragen Participatiewet per 1 januari 2025 (netto per maand, inclusief "
                               "vakantietoeslag), zoals gepubliceerd door gemeenten (o.a. gemeente Westland)."},
      {"WML 2025", "Ministerie van SZW, Regeling indexatie wettelijk minimumloon per 1 januari 2025: referentiemaandloon "
                   "€ 2.191,80 bruto; vakantietoeslag 8 %."},
      {"Participatiewet art. 10d", "Participatiewet, art. 10d (loonkostensubsidie), en de Regeling van 10 oktober 2014, "
                                   "Staatscourant 2014-29290 (werkgeverslastenvergoeding 23,5 %)."},
      {"Divosa (2022)", "Divosa, Benchmark Werk en Inkomen, jaarrapportages 2021 en 2022 (loonwaarde van werknemers met "
                        "loonkostensubsidie)."},
      {"Cedris en SBCM (2017)", "Cedris en SBCM (2017), MKBA beschut werk."},
      {"Cedris (2014)", "Cedris (2014), factsheet beschut werk en dagbesteding (loonwaarde, kosten van uitkering en "
                        "dagbesteding)."},
      {"Rijksoverheid (2023)", "Rijksoverheid (6 juli 2023), nieuwsbericht: € 2.157 extra per beschut-werkplek per jaar vanaf "
                               "2024."},
      {"Significant APE (2023)", "Significant APE (2023), Kostprijs beschut werk."},
      {"Berenschot (2020)", "Berenschot (2020), Onderzoek re-integratiekosten nieuwe doelgroep Participatiewet, voor het "
                            "Ministerie van SZW (bedragen niet overgenomen: de trajectkosten zijn een aanname)."},
      {"Ziektewet art. 29b", "Ziektewet, art. 29b (no-riskpolis): UWV betaalt de werkgever een Ziektewetuitkering van 70 % "
                             "van het dagloon bij ziekte van een werknemer uit de doelgroep."},
      {"LKV banenafspraak", "Premiekorting / loonkostenvoordeel doelgroep banenafspraak: € 2.000 per jaar gedurende ten "
                            "hoogste drie jaar (bedrag 2016, rendement.nl; huidig bedrag niet herbevestigd)."},
      {"Zorginstituut (2015)", "Zorginstituut Nederland (2015), Kosteneffectiviteit in de praktijk (referentiewaarden "
                               "€ 20.000, € 50.000 en € 80.000 per QALY)."},
      {"Van Gils e.a. (2013)", "Van Gils, Schoemaker en Polder (2013), Nederlands Tijdschrift voor Geneeskunde 157:A6507 "
                               "(betalingsbereidheid voor een gezond levensjaar)."},
      {"Layard en De Neve (2023)", "R. Layard en J.-E. De Neve (2023), Wellbeing: Science and Policy. Cambridge University "
                                   "Press, hoofdstuk 11."},
      {"CPB/SCP (2020)", "J. van Eijkel, S. Gerritsen, S. Sadiraj en M. Versantvoort (2020), De brede baten van werk. "
                         "Centraal Planbureau en Sociaal en Cultureel Planbureau, Den Haag."},
      {"CBS (2015)", "CBS (2015), Armoede en sociale uitsluiting 2015 (zorgkosten van bijstandsontvangers en werknemers)."},
      {"SEO/WODC (2007)", "Groot, De Hoop, Houkes en Sikkel (2007), De kosten van criminaliteit. SEO "
                          "Economisch Onderzoek voor het WODC."},
      {"Bedrijfsplan 2021-2025", "Werkbedrijf (De Binnenbaan, regio Zuid-Holland Centraal), Bedrijfsplan 2021-2025 (netto "
                                 "toegevoegde waarde per fte, Wsw-bestand, nieuw beschut)."},
      {"Cedris Sectorinformatie", "Cedris, Sectorinformatie sociale werkvoorziening (toegevoegde waarde per plaatsingsvorm; "
                                  "de plaats om de aangenomen bedragen te toetsen)."},
      {"cao SW", "Cao Sociale Werkvoorziening (loonschalen Wsw)."},
      // Effectgroottes en netto-effecten
      {"CPB Kansrijk (2016, 2020)", "CPB (2016, bijgewerkt 2020 door W. van den Berge en E. Jongen), Kansrijk "
                                    "arbeidsmarktbeleid, deel 2. Den Haag."},
      {"CPB (2022)", "R. Verlaat en A. Zulkarnain (2022), evaluatie van de experimenten Participatiewet. CPB, Den Haag."},
      {"SEO (2006)", "L. Kok, D. Hollanders en J.P. Hop (2006), Kosten en baten van reïntegratie. SEO-rapport 928."},
      {"Berenschot (2024)", "Berenschot (2024), MKBA loonkostensubsidie, voor Cedris en Divosa."},
      {"Bollens (WSE/HIVA)", "J. Bollens, Steunpunt Werk en Sociale Economie / HIVA-KU Leuven, rekenvoorbeeld netto-effectiviteit "
                             "van activering: 24 % bruto uitstroom naar werk tegen 20,5 % in de controlegroep, 3,4 procentpunt "
                             "netto."},
      // Caseload en overgangskansen
      {"Divosa (2023)", "Divosa, Benchmark Werk en Inkomen 2023 (via Stimulansz): uitstroom 23,4 % van het bestand per jaar, "
                        "instroom 24,1 %."},
      {"CBS cohortonderzoek", "CBS, Cohortonderzoek uitstroom bijstand naar werk (dashboard; uitstroom naar werk in 2021)."},
      // Gezondheidseconomie en levensduur
      {"Sonnenberg en Beck (1993)", "F.A. Sonnenberg en J.R. Beck (1993), Markov models in medical decision making: a "
                                    "practical guide. Medical Decision Making 13(4):322-338."},
      {"Briggs e.a. (2006)", "A. Briggs, K. Claxton en M. Sculpher (2006), Decision Modelling for Health Economic "
                             "Evaluation. Oxford University Press, voorbeeld 3.5."},
      {"Kalibratie", "Overgangskansen geschat met `mkba calibrate` uit een episodebestand (scenarios/data/"
                     "episodes-synthetic.csv: synthetische gegevens, geen waarneming)."},
  };
  return refs;
}

// What a source text says -> the references it cites. "mkba-nl X.Y" codes are the sections of the
// project's reference notes on Dutch MKBA values; every other code is a word a source text
// contains. docs/sources.md ("Codes in `source:` fields") lists them all.
const std::vector<std::pair<std::string, std::vector<std::string>>>& codes() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
      {"mkba-nl 1.2", {"Werkgroep discontovoet (2020)", "Zorginstituut (2024)"}},
      {"mkba-nl 1.3", {"CPB/PBL (2013)", "SEO (2003)"}},
      {"mkba-nl 1.5", {"Cedris en SBCM (2017)", "Berenschot (2024)", "SEO (2003)"}},
      {"mkba-nl 1.6", {"CPB Kansrijk (2016, 2020)", "CPB (2022)", "SEOR (2005)"}},
      {"mkba-nl 3.1", {"Bijstandsnormen 2025", "Cedris (2014)"}},
      {"mkba-nl 3.2", {"WML 2025"}},
      {"mkba-nl 3.3", {"Participatiewet art. 10d", "Divosa (2022)"}},
      {"mkba-nl 3.4", {"Cedris en SBCM (2017)", "Rijksoverheid (2023)", "Significant APE (2023)", "Cedris (2014)"}},
      {"mkba-nl 3.5", {"Berenschot (2020)"}},
      {"mkba-nl 3.6", {"Ziektewet art. 29b", "LKV banenafspraak"}},
      {"mkba-nl 3.7", {"Zorginstituut (2015)", "Van Gils e.a. (2013)"}},
      {"mkba-nl 3.8", {"Layard en De Neve (2023)"}},
      {"mkba-nl 3.9", {"CPB/SCP (2020)", "CBS (2015)"}},
      {"mkba-nl 3.10", {"CPB/SCP (2020)", "SEO/WODC (2007)"}},
      {"mkba-nl 3.11", {"Bedrijfsplan 2021-2025", "Cedris Sectorinformatie", "SEOR (2005)"}},
      {"mkba-nl 3.12", {"Cedris (2014)", "Cedris en SBCM (2017)"}},
      {"mkba-nl 5.2", {"Divosa (2023)"}},
      {"mkba-nl 5.4", {"CBS cohortonderzoek"}},
      {"CPB/PBL", {"CPB/PBL (2013)"}},
      {"leidraad", {"CPB/PBL (2013)"}},
      {"SEO 2016", {"SEO (2016)"}},
      {"Werkwijzer", {"SEO (2016)"}},
      {"SEO 2003", {"SEO (2003)"}},
      {"Werkgroep discontovoet", {"Werkgroep discontovoet (2020)"}},
      {"discontovoet 2020", {"Werkgroep discontovoet (2020)"}},
      {"Zorginstituut 2024", {"Zorginstituut (2024)"}},
      {"health guideline 2024", {"Zorginstituut (2024)"}},
      {"SEOR", {"SEOR (2005)"}},
      {"Bijstandsnorm", {"Bijstandsnormen 2025"}},
      {"WML 2025", {"WML 2025"}},
      {"Referentiemaandloon", {"WML 2025"}},
      {"Vakantietoeslag", {"WML 2025"}},
      {"Stcrt 2014-29290", {"Participatiewet art. 10d"}},
      {"art. 10d", {"Participatiewet art. 10d"}},
      {"LKS formula", {"Participatiewet art. 10d"}},
      {"Divosa 2022", {"Divosa (2022)"}},
      {"Divosa Benchmark W&I 2021", {"Divosa (2022)"}},
      {"Cedris 2014", {"Cedris (2014)"}},
      {"Cedris factsheet", {"Cedris (2014)"}},
      {"Cedris/SBCM", {"Cedris en SBCM (2017)"}},
      {"APE 2023", {"Significant APE (2023)"}},
      {"Significant APE", {"Significant APE (2023)"}},
      {"Rijksoverheid 6 jul", {"Rijksoverheid (2023)"}},
      {"Rijksoverheid 6 Jul", {"Rijksoverheid (2023)"}},
      {"art. 29b", {"Ziektewet art. 29b"}},
      {"Ziektewetuitkering", {"Ziektewet art. 29b"}},
      {"LKV", {"LKV banenafspraak"}},
      {"Zorginstituut 2015", {"Zorginstituut (2015)"}},
      {"Van Gils", {"Van Gils e.a. (2013)"}},
      {"Layard", {"Layard en De Neve (2023)"}},
      {"CPB/SCP", {"CPB/SCP (2020)"}},
      {"[seed", {"Bedrijfsplan 2021-2025"}},
      {"businessplan", {"Bedrijfsplan 2021-2025"}},
      {"business plan", {"Bedrijfsplan 2021-2025"}},
      {"Cedris Sectorinformatie", {"Cedris Sectorinformatie"}},
      {"cao SW", {"cao SW"}},
      {"Kansrijk", {"CPB Kansrijk (2016, 2020)"}},
      {"CPB 2022", {"CPB (2022)"}},
      {"Bollens", {"Bollens (WSE/HIVA)"}},
      {"SEO 2006", {"SEO (2006)"}},
      {"Berenschot 2024", {"Berenschot (2024)"}},
      {"Divosa 2023", {"Divosa (2023)"}},
      {"CBS cohort", {"CBS cohortonderzoek"}},
      {"Sonnenberg", {"Sonnenberg en Beck (1993)"}},
      {"Briggs", {"Briggs e.a. (2006)"}},
      {"mkba calibrate", {"Kalibratie"}},
  };
  return table;
}

}  // namespace

std::vector<std::string> source_codes() {
  std::vector<std::string> out;
  for (const auto& [code, refs] : codes()) out.push_back(code);
  return out;
}

std::vector<std::string> cited_keys(const std::string& source) {
  std::vector<std::string> found;
  // "mkba-nl 3.7, 3.8", "mkba-nl 3.9/3.10": every section number after the prefix (3.1 is not 3.10).
  static const std::regex list(R"(mkba-nl\s+(\d+\.\d+(?:\s*[,/]\s*\d+\.\d+)*))");
  static const std::regex number(R"(\d+\.\d+)");
  std::vector<std::string> cited_codes;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), list); it != std::sregex_iterator(); ++it) {
    const std::string nums = (*it)[1];
    for (auto n = std::sregex_iterator(nums.begin(), nums.end(), number); n != std::sregex_iterator(); ++n)
      cited_codes.push_back("mkba-nl " + n->str());
  }
  for (const auto& [code, refs] : codes())
    if (code.rfind("mkba-nl ", 0) != 0 && source.find(code) != std::string::npos) cited_codes.push_back(code);
  for (const auto& [code, refs] : codes())
    if (std::find(cited_codes.begin(), cited_codes.end(), code) != cited_codes.end())
      for (const auto& r : refs)
        if (std::find(found.begin(), found.end(), r) == found.end()) found.push_back(r);
  // Table order.
  std::vector<std::string> ordered;
  for (const auto& r : references())
    if (std::find(found.begin(), found.end(), r.key) != found.end()) ordered.push_back(r.key);
  return ordered;
}

Bibliography bibliography(const Scenario& s) {
  Bibliography b;
  for (const auto& r : references()) b.references.push_back({r.key, r.text, {}});
  auto cite = [&](const std::string& id, const std::string& source) {
    const auto keys = cited_keys(source);
    for (const auto& k : keys)
      for (auto& r : b.references)
        if (r.key == k && std::find(r.cited_by.begin(), r.cited_by.end(), id) == r.cited_by.end()) r.cited_by.push_back(id);
    if (source_is_assumption(source)) b.assumptions.emplace_back(id, source.empty() ? "-" : source);
    else if (keys.empty()) b.other.emplace_back(id, source);
  };
  for (const auto& e : s.effects) cite(e.name, e.source);
  for (const auto& p : s.parameters) cite(p.id, p.source);
  b.references.erase(std::remove_if(b.references.begin(), b.references.end(), [](const auto& r) { return r.cited_by.empty(); }),
                     b.references.end());
  return b;
}

}  // namespace mkba::report
