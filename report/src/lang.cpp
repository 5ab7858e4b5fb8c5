// The report's one string table: Dutch source text -> English. Keys are the exact Dutch strings
// (format strings keep their {} placeholders in the same order).
#include <mkba/report/lang.hpp>

#include <stdexcept>
#include <unordered_map>

namespace mkba::report {
namespace {

const std::unordered_map<std::string, std::string>& english() {
  static const std::unordered_map<std::string, std::string> table = {
      // headings and navigation
      {"Maatschappelijke kosten-batenanalyse", "Social cost-benefit analysis"},
      {"Rapportageperiode", "Reporting period"},
      {"Prijspeil {}, discontovoet {}, horizon {} jaar vanaf {}", "Price level {}, discount rate {}, horizon {} years from {}"},
      {"Inhoud", "Contents"},
      {"Samenvatting", "Summary"},
      {"Verdelingstabel", "Distribution of effects"},
      {"Indicatoren", "Indicators"},
      {"Vergelijking van alternatieven", "Comparison of alternatives"},
      {"Gevoeligheid", "Sensitivity"},
      {"Aannames", "Assumptions"},
      {"Bestandsanalyse", "Caseload analysis"},
      {"Bijlage", "Appendix"},
      {"Colofon", "Colophon"},
      // the semester cycle (realisatie_vs_prognose.cpp)
      {"Realisatie en prognose", "Realised and forecast"},
      {"Gerealiseerd tot en met {}; de prognose begint in {}. Aantallen onder de drempel staan als <{}, afgeleide als x.",
       "Realised up to and including {}; the forecast starts in {}. Counts under the threshold show as <{}, derived ones as x."},
      {"Personen per toestand per maand (regio)", "Persons per state per month (region)"},
      {"Prognose van het vorige rapport ({}) tegen de realisatie, {}", "Forecast of the previous report ({}) against the realised figures, {}"},
      {"Kwartaaloverzicht {} per gemeente", "Quarterly summary {} per municipality"},
      {"Per gemeente, toestand en maand: prognose.csv en realisatie-vs-prognose.csv.",
       "Per municipality, state and month: prognose.csv and realisatie-vs-prognose.csv."},
      {"soort", "kind"}, {"prognose", "forecast"}, {"gemeente", "municipality"}, {"status", "state"},
      {"realisatie", "realised"}, {"verschil", "difference"}, {"binnen P5-P95", "within P5-P95"}, {"ja", "yes"}, {"nee", "no"},
      {"instroom", "inflow"}, {"naar werk", "into work"}, {"uitstroom", "outflow"}, {"stand eind", "caseload at end"},
      {"kosten (euro)", "costs (euro)"},
      // texts
      {"Wie betaalt en wie wint: de effecten per stakeholder en categorie, als verschil tussen het projectalternatief en "
       "het nulalternatief. Overdrachten (uitkeringen, subsidies, belastingen) tellen voor de maatschappij op tot nul; "
       "de kolom Maatschappij bevat daarmee alleen de reele effecten.",
       "Who pays and who gains: the effects per stakeholder and category, as the difference between the project "
       "alternative and the baseline (nulalternatief). Transfers (benefits, subsidies, taxes) net to zero for society; "
       "the Society column therefore holds only the real effects."},
      {"Deterministische berekening: intervallen (P5-P95) verschijnen zodra een probabilistische gevoeligheidsanalyse is "
       "gedraaid (simulation.iterations of --iterations groter dan 1).",
       "Deterministic calculation: intervals (P5-P95) appear once a probabilistic sensitivity analysis has been run "
       "(simulation.iterations or --iterations greater than 1)."},
      {"P5-P95: het 5e en 95e percentiel over {} iteraties van de probabilistische gevoeligheidsanalyse (PSA).",
       "P5-P95: the 5th and 95th percentile over {} iterations of the probabilistic sensitivity analysis (PSA)."},
      {"Tussen haken: het 90 %-interval (P5-P95) over de PSA-iteraties.",
       "In brackets: the 90 % interval (P5-P95) over the PSA iterations."},
      {": het verschil met het nulalternatief is niet gepubliceerd.", ": the difference from the baseline is not published."},
      {"{}: de netto contante waarde voor de maatschappij is {} euro {} dan in het nulalternatief ({})",
       "{}: the net present value for society is {} euro {} than in the baseline ({})"},
      {"hoger", "higher"},
      {"lager", "lower"},
      {"; de kans dat het verschil positief is, is {} ({} iteraties)", "; the probability that the difference is positive is {} ({} iterations)"},
      {"&lt;{0}: minder dan {0} personen; x: niet gepubliceerd (afgeleid van minder dan {0} personen, of af te leiden uit totalen).",
       "&lt;{0}: fewer than {0} persons; x: not published (derived from fewer than {0} persons, or derivable from totals)."},
      {"`<{0}`: minder dan {0} personen; `x`: niet gepubliceerd (afgeleid van minder dan {0} personen of af te leiden uit totalen).",
       "`<{0}`: fewer than {0} persons; `x`: not published (derived from fewer than {0} persons or derivable from totals)."},
      // charts
      {"personen", "persons"},
      {"Cumulatieve NCW voor de maatschappij per alternatief (euro)", "Cumulative net present value for society per alternative (euro)"},
      {"NCW per stakeholder: ", "NPV per stakeholder: "},
      {"x (niet gepubliceerd)", "x (not published)"},
      {"Verdeling van de NCW voor de maatschappij, {} minus nulalternatief, over {} iteraties; {}",
       "Distribution of the net present value for society, {} minus baseline, over {} iterations; {}"},
      {"NCW-verschil in euro", "NPV difference in euro"},
      {"iteraties", "iterations"},
      {"Personen per toestand (regio, zonder uitstroom): ", "Persons per state (region, without those who left): "},
      {"Tornado: NCW maatschappij, {} minus nulalternatief, per parameter op P5 en P95",
       "Tornado: society NPV, {} minus baseline, per parameter at P5 and P95"},
      {"parameter op P5", "parameter at P5"},
      {"parameter op P95", "parameter at P95"},
      {"Startbestand per kwadrant (regio, personen)", "Starting caseload per quadrant (region, persons)"},
      // sensitivity
      {"Eenzijdige gevoeligheidsanalyse: hoe ver het NCW-verschil verschuift als een onzekere parameter op zijn 5e of 95e "
       "percentiel staat en de rest op de basiswaarde.",
       "One-way sensitivity analysis: how far the NPV difference moves when one uncertain parameter is at its 5th or 95th "
       "percentile and the rest at their base values."},
      {"Het scenario heeft geen onzekere parameters: er is geen tornado.", "The scenario has no uncertain parameters: there is no tornado."},
      {"De eenzijdige gevoeligheidsanalyse (tornado) is niet berekend in deze run. U krijgt haar met "
       "`mkba report SCENARIO --tornado` of `mkba run SCENARIO --tornado`.",
       "The one-way sensitivity analysis (tornado) was not computed in this run. Get it with "
       "`mkba report SCENARIO --tornado` or `mkba run SCENARIO --tornado`."},
      {"Het scenario heeft geen onzekere parameters (met een verdeling): er is geen tornado. Geef parameters een verdeling "
       "en draai `mkba report --tornado`.",
       "The scenario has no uncertain parameters (with a distribution): there is no tornado. Give parameters a distribution "
       "and run `mkba report --tornado`."},
      {"Gevoeligheid voor de discontovoet: NCW maatschappij, verschil met het nulalternatief",
       "Sensitivity to the discount rate: society NPV, difference from the baseline"},
      {"Dezelfde stromen als de basisberekening, verdisconteerd met een andere voet.",
       "The same flows as the base case, discounted at another rate."},
      {"Discontovoet", "Discount rate"},
      {" (basis)", " (base)"},
      {"Eenzijdige gevoeligheid: NCW maatschappij, verschil met het nulalternatief, per onzekere parameter op P5 en P95",
       "One-way sensitivity: society NPV, difference from the baseline, per uncertain parameter at P5 and P95"},
      {"Iedere onzekere parameter op zijn 5e en 95e percentiel, de andere op hun basiswaarde, met dezelfde toevalsgetallen; "
       "gesorteerd op de breedte voor het eerste projectalternatief.",
       "Each uncertain parameter at its 5th and 95th percentile, the others at their base values, with the same random "
       "numbers; sorted by the width for the first project alternative."},
      {"Parameter", "Parameter"},
      {"Waarde P5", "Value P5"},
      {"Waarde P95", "Value P95"},
      {" bij P5", " at P5"},
      {" bij P95", " at P95"},
      // bestandsanalyse
      {"De samenstelling van het bestand bij de start, naar kwadrant van de Zelfredzaamheidsmatrix (ZRM). Aantallen onder de "
       "onthullingsdrempel staan als <10; cellen waaruit die via de totalen af te leiden zijn als x.",
       "The composition of the caseload at the start, by quadrant of the self-sufficiency matrix (ZRM). Counts under the "
       "disclosure threshold show as <10; cells from which they could be derived through the totals as x."},
      {"Het startbestand uit het screeningsbestand {}: personen per kwadrant van de Zelfredzaamheidsmatrix (1 en 2 dichtbij "
       "werk, 3 en 4 ver van werk; 2 en 4 met een hoog escalatierisico).",
       "The starting caseload from the screening file {}: persons per quadrant of the self-sufficiency matrix (1 and 2 "
       "close to work, 3 and 4 far from work; 2 and 4 with a high escalation risk)."},
      {"Rijen overgeslagen (lenient): {}.", "Rows skipped (lenient): {}."},
      {"Startbestand per gemeente en kwadrant", "Starting caseload per municipality and quadrant"},
      {"Startbestand per kwadrant en toestand (regio)", "Starting caseload per quadrant and state (region)"},
      {"Gemeente", "Municipality"},
      {"Kwadrant", "Quadrant"},
      {"Regio", "Region"},
      {"regio", "region"},
      {"1 dichtbij werk, laag risico", "1 close to work, low risk"},
      {"2 dichtbij werk, hoog risico", "2 close to work, high risk"},
      {"3 ver van werk, laag risico", "3 far from work, low risk"},
      {"4 ver van werk, hoog risico", "4 far from work, high risk"},
      {"onbekend", "unknown"},
      // colofon
      {"Reproduceerbaarheid", "Reproducibility"},
      {"Programma", "Program"},
      {"Git-commit", "Git commit"},
      {"Rekenwijze", "Method"},
      {"cohort", "cohort"},
      {"microsimulatie", "microsimulation"},
      {"Seed", "Seed"},
      {"Gesimuleerde personen", "Simulated persons"},
      {"Iteraties", "Iterations"},
      {"Threads", "Threads"},
      {"Onthullingsdrempel", "Disclosure threshold"},
      {" personen", " persons"},
      {"Onderdrukte cellen", "Suppressed cells"},
      {"{} (waarvan {} primair)", "{} (of which {} primary)"},
      {"Invoerbestanden (SHA-256)", "Input files (SHA-256)"},
      {"Rol", "Role"},
      {"Bestand", "File"},
      {"scenario", "scenario"},
      {"include", "included file"},
      {"screening", "screening file"},
      {"scenario in het geheugen (geen bestand)", "scenario in memory (no file)"},
      {"De looptijd en de SHA-256 van ieder geschreven bestand staan in manifest.json.",
       "The run time and the SHA-256 of every file written are in manifest.json."},
      // tables
      {"Verdelingstabel {}: {} minus nulalternatief ({})", "Distribution of effects {}: {} minus baseline ({})"},
      {"Contante waarde in euro, prijspeil {}, discontovoet {}. Positief = baat, negatief = kost.",
       "Present value in euro, price level {}, discount rate {}. Positive = benefit, negative = cost."},
      {"Categorie", "Category"},
      {"Maatschappij", "Society"},
      {"Totaal", "Total"},
      {"Personen per toestand, {}: {}", "Persons per state, {}: {}"},
      {"Aantal personen aan het begin van de maand (verwachte waarde of gesimuleerd, omgerekend naar werkelijke personen).",
       "Number of persons at the start of the month (expected value or simulated, scaled to real persons)."},
      {"Maand", "Month"},
      {"NCW voor de maatschappij per alternatief", "Net present value for society per alternative"},
      {"Contante waarde in euro over {} jaar, prijspeil {}, discontovoet {}.", "Present value in euro over {} years, price level {}, discount rate {}."},
      {"Alternatief", "Alternative"},
      {"NCW maatschappij", "Society NPV"},
      {"Verschil met nulalternatief", "Difference from baseline"},
      {" (nulalternatief)", " (baseline)"},
      {"NCW per stakeholder per alternatief en verschil met het nulalternatief", "NPV per stakeholder per alternative and difference from the baseline"},
      {"Contante waarde in euro, prijspeil {}, discontovoet {}.", "Present value in euro, price level {}, discount rate {}."},
      {"Stakeholder", "Stakeholder"},
      {"Projectalternatieven onderling: NCW-verschil per stakeholder", "Project alternatives against each other: NPV difference per stakeholder"},
      {"Contante waarde in euro, prijspeil {}, discontovoet {}. Positief: het eerste alternatief is gunstiger voor die stakeholder.",
       "Present value in euro, price level {}, discount rate {}. Positive: the first alternative is better for that stakeholder."},
      {"Indicatoren: projectalternatief minus nulalternatief (regio)", "Indicators: project alternative minus baseline (region)"},
      {"Baten en kosten: de categorieen met een positief respectievelijk negatief saldo voor de maatschappij. Terugverdienjaar: "
       "het eerste jaar waarin de cumulatieve NCW voor de maatschappij positief wordt en blijft.",
       "Benefits and costs: the categories with a positive and a negative balance for society. Break-even year: the first "
       "year in which the cumulative society NPV becomes and stays positive."},
      {"Indicator", "Indicator"},
      {"NCW maatschappij (verschil)", "Society NPV (difference)"},
      {"n.v.t.", "n/a"},
      {"Baten (contante waarde)", "Benefits (present value)"},
      {"Kosten (contante waarde)", "Costs (present value)"},
      {"Baten/kosten-verhouding", "Benefit/cost ratio"},
      {"Terugverdienjaar", "Break-even year"},
      {"niet binnen de horizon", "not within the horizon"},
      {"Extra persoonsjaren in werk (incl. beschut, onverdisconteerd)", "Extra person-years in work (incl. sheltered, undiscounted)"},
      {"Netto kosten gemeente per extra persoonsjaar in werk", "Net cost to the municipality per extra person-year in work"},
      {"Extra {} (verdisconteerd)", "Extra {} (discounted)"},
      {"Gewaardeerde effecten (aannames)", "Valued effects (assumptions)"},
      {"Bedragen in euro per persoon per maand of per gebeurtenis, prijspeil {}; uitkomsten in hun eigen eenheid. Reeel: "
       "gebruikt of schept middelen; overdracht: de een betaalt wat de ander ontvangt.",
       "Amounts in euro per person per month or per event, price level {}; outcomes in their own unit. Real: uses or "
       "creates resources; transfer: one pays what the other receives."},
      {"Effect", "Effect"},
      {"Bedrag", "Amount"},
      {"Grondslag", "Basis"},
      {"Categorie / uitkomst", "Category / outcome"},
      {"Betaler", "Payer"},
      {"Ontvanger", "Receiver"},
      {"Soort", "Kind"},
      {"Alternatieven", "Alternatives"},
      {"alle", "all"},
      {"Bron", "Source"},
      {"uitkomst: ", "outcome: "},
      {"uitkomst", "outcome"},
      {"overdracht", "transfer"},
      {"reeel", "real"},
      {"per maand in ", "per month in "},
      {"per jaar in ", "per year in "},
      {"per cyclus in ", "per cycle in "},
      {"per instroom in ", "per entry into "},
      {"per overgang van ", "per move from "},
      {" naar ", " to "},
      {" ({} t/m {})", " ({} to {})"},
      {" (alleen ", " (only "},
      {"Overgangskansen per cyclus, nulalternatief", "Transition probabilities per cycle, baseline"},
      {"Overgangskansen per maand, nulalternatief", "Transition probabilities per month, baseline"},
      {"Rij: toestand aan het begin van de maand; kolom: toestand aan het begin van de volgende.",
       "Row: state at the start of the month; column: state at the start of the next."},
      {"Van \\ naar", "From \\ to"},
      {"Projectalternatieven: wijzigingen ten opzichte van het nulalternatief", "Project alternatives: changes relative to the baseline"},
      {"Van", "From"},
      {"Naar", "To"},
      {"Waarde", "Value"},
      {"Periode", "Period"},
      {"Omschrijving", "Description"},
      {"hele horizon", "whole horizon"},
      {" t/m ", " to "},
      {"einde", "end"},
      {"relatief risico", "relative risk"},
      {"kans", "probability"},
      {"Uitgangspunten van de berekening", "Settings of the calculation"},
      {"Uitgangspunt", "Setting"},
      {"Scenario", "Scenario"},
      {"Prijspeil", "Price level"},
      {"Discontovoet ", "Discount rate "},
      {"Discontovoeten gevoeligheidsanalyse", "Discount rates of the sensitivity analysis"},
      {"Start", "Start"},
      {"Horizon", "Horizon"},
      {"{} jaar", "{} years"},
      {"Cyclus", "Cycle"},
      {"maand", "month"},
      {"{} maanden", "{} months"},
      {"Waardering van een maand", "Valuation of a month"},
      {"toestand aan het begin", "state at the start"},
      {"toestand aan het eind", "state at the end"},
      {"gemiddelde van begin en eind", "mean of start and end"},
      {"regel van Simpson (1/3)", "Simpson's 1/3 rule"},
      {"regel van Simpson zoals darthtools gen_wcc", "Simpson's rule as darthtools gen_wcc"},
      {"Moment van disconteren in een cyclus", "Discounting within a cycle"},
      {"midden van de cyclus", "middle of the cycle"},
      {"eind van de cyclus", "end of the cycle"},
      {"continu over de cyclus", "continuously over the cycle"},
      {"elke telling op haar eigen moment", "each count at its own time"},
      {"Gemeenten", "Municipalities"},
      {"Startbestand (personen, regio)", "Starting caseload (persons, region)"},
      {"Instroom per maand (regio, maximaal)", "Inflow per month (region, maximum)"},
      {"cohort (verwachte waarden, Markov-trace)", "cohort (expected values, Markov trace)"},
      {"microsimulatie (Monte Carlo)", "microsimulation (Monte Carlo)"},
      {"{} personen", "{} persons"},
      {"Parameters: basiswaarde, verdeling in de onzekerheidsanalyse en bron",
       "Parameters: base value, distribution in the uncertainty analysis and source"},
      {"Eenheid", "Unit"},
      {"Verdeling", "Distribution"},
      {"vast", "fixed"},
      {"normaal (gemiddelde {}, sd {})", "normal (mean {}, sd {})"},
      {"lognormaal (gemiddelde {}, sd {})", "lognormal (mean {}, sd {})"},
      {"gamma (gemiddelde {}, sd {})", "gamma (mean {}, sd {})"},
      {"beta (gemiddelde {}, sd {})", "beta (mean {}, sd {})"},
      {"uniform ({} tot {})", "uniform ({} to {})"},
      {"driehoek ({}, top {}, {})", "triangular ({}, mode {}, {})"},
      // stakeholders and categories (the default lists)
      {"Kandidaat", "Candidate"},
      {"Rijk", "Central government"},
      {"UWV", "UWV (benefits agency)"},
      {"Werkgever", "Employer"},
      {"Werkbedrijf", "Werkbedrijf (sheltered-work company)"},
      {"Zorgverzekeraar", "Health insurer"},
      {"Overig", "Other"},
      {"Uitkeringen", "Benefits"},
      {"Loonkosten productie", "Wage costs and production"},
      {"Begeleiding", "Job coaching"},
      {"Zorg", "Care"},
      {"Kwaliteit van leven", "Quality of life"},
      {"Veiligheid", "Safety"},
      {"Uitvoering", "Administration"},
      {"Belastingen premies", "Taxes and contributions"},
      // appendices and workbook
      {"Bijlage {}", "Appendix {}"},
      {"{}{}. Prijspeil {}, discontovoet {}. Onthullingsdrempel: {} personen.",
       "{}{}. Price level {}, discount rate {}. Disclosure threshold: {} persons."},
      {", periode ", ", period "},
      {"Verdelingstabellen", "Distribution of effects"},
      {"Personen per toestand", "Persons per state"},
      {"<{0}: minder dan {0} personen; x: niet gepubliceerd", "<{0}: fewer than {0} persons; x: not published"},
  };
  return table;
}

}  // namespace

Lang parse_lang(std::string_view code) {
  if (code == "nl") return Lang::nl;
  if (code == "en") return Lang::en;
  throw std::invalid_argument("unknown report language '" + std::string(code) + "' (nl or en)");
}

const char* lang_code(Lang lang) { return lang == Lang::en ? "en" : "nl"; }

std::string tr(Lang lang, const std::string& nl) {
  if (lang == Lang::nl) return nl;
  const auto& t = english();
  const auto it = t.find(nl);
  return it == t.end() ? nl : it->second;
}

bool has_translation(const std::string& nl) { return english().count(nl) > 0; }

}  // namespace mkba::report
