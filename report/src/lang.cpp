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
       "de kolom Maatschappij bevat daarmee alleen de reële effecten.",
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
      // report structure (issue 17): sections, conclusion, PM items, plausibility, limitations, sources
      {"Aanleiding en probleemanalyse", "Background and problem analysis"},
      {"Nulalternatief", "Baseline (nulalternatief)"},
      {"Projectalternatieven", "Project alternatives"},
      {"Effecten en waardering", "Effects and valuation"},
      {"Kosten en baten", "Costs and benefits"},
      {"Saldo", "Net balance"},
      {"Verdelingseffecten", "Distributional effects"},
      {"Gevoeligheids- en risicoanalyse", "Sensitivity and risk analysis"},
      {"PM-posten", "Unpriced effects (PM items)"},
      {"Plausibiliteit", "Plausibility"},
      {"Beperkingen", "Limitations"},
      {"Bronnen", "Sources"},
      {"Technische bijlage: invoer en aannames", "Technical appendix: inputs and assumptions"},
      {"{} levert de maatschappij per saldo evenveel op als {}", "{} yields society as much as {} on balance"},
      {"{} levert de maatschappij {} meer op dan {}", "{} yields society {} more than {}"},
      {"{} kost de maatschappij {} meer dan {}", "{} costs society {} more than {}"},
      {"De grootste winnaar is {} ({}); de grootste kosten liggen bij {} ({}).",
       "The largest gain goes to {} ({}); the largest cost falls on {} ({})."},
      {"De grootste winnaar is {} ({}); geen stakeholder gaat erop achteruit.", "The largest gain goes to {} ({}); no stakeholder is worse off."},
      {"Geen stakeholder gaat erop vooruit; de grootste kosten liggen bij {} ({}).", "No stakeholder gains; the largest cost falls on {} ({})."},
      {"De onzekerheid is niet doorgerekend: een probabilistische gevoeligheidsanalyse (--iterations) geeft de kans op een "
       "positief saldo.",
       "Uncertainty was not computed: a probabilistic sensitivity analysis (--iterations) gives the probability of a positive "
       "balance."},
      {"Over {} trekkingen van de onzekere parameters is het saldo gemiddeld {} en in {} van de gevallen positief; 90 % van de "
       "uitkomsten ligt tussen {} en {}.",
       "Over {} draws of the uncertain parameters the balance averages {} and is positive in {} of cases; 90% of the outcomes "
       "lie between {} and {}."},
      {"het nulalternatief ({})", "the baseline ({})"},
      {", en evenveel als {}", ", and as much as {}"},
      {", en {} meer dan {}", ", and {} more than {}"},
      {"{}: het verschil met het nulalternatief is niet gepubliceerd (onthullingsbeheersing).",
       "{}: the difference from the baseline is not published (disclosure control)."},
      {"Het maatschappelijke saldo van de projectalternatieven is niet gepubliceerd.",
       "The social balance of the project alternatives is not published."},
      {" (in {} van de trekkingen is {} de betere van de twee)", " (in {} of the draws {} is the better of the two)"},
      {"Van de onderzochte alternatieven heeft {} het hoogste maatschappelijke saldo: {} meer dan {}.",
       "Of the alternatives studied, {} has the highest social balance: {} more than {}."},
      {"Geen van de projectalternatieven levert de maatschappij per saldo meer op dan {}; {} kost het minst.",
       "None of the project alternatives yields society more than {} on balance; {} costs the least."},
      {"Effecten voor de maatschappij per categorie: projectalternatief minus nulalternatief",
       "Effects for society per category: project alternative minus baseline"},
      {"Contante waarde in euro. Positief: een baat voor de maatschappij; negatief: een kost. Overdrachten tellen voor de "
       "maatschappij op tot nul en staan alleen in de verdelingstabellen.",
       "Present value in euro. Positive: a benefit to society; negative: a cost. Transfers net to zero for society and appear "
       "only in the distribution tables."},
      {"Hoe zeker is de uitkomst? Drie blikken: de verdeling van het saldo over de trekkingen van alle onzekere parameters "
       "tegelijk (probabilistische gevoeligheidsanalyse), het saldo bij een andere discontovoet, en de parameters die het "
       "saldo het meest verschuiven (tornado).",
       "How certain is the result? Three views: the distribution of the balance over draws of all uncertain parameters at "
       "once (probabilistic sensitivity analysis), the balance at another discount rate, and the parameters that move the "
       "balance most (tornado)."},
      {"Er is geen probabilistische gevoeligheidsanalyse gedraaid: met --iterations 200 geeft het rapport de kans op een "
       "positief saldo en het 90 %-interval.",
       "No probabilistic sensitivity analysis was run: with --iterations 200 the report gives the probability of a positive "
       "balance and the 90% interval."},
      {"Eenzijdige gevoeligheidsanalyse: hoe ver het NCW-verschil verschuift als een onzekere parameter op zijn 5e of 95e "
       "percentiel staat en de rest op de basiswaarde. Hier de {} invloedrijkste van {} parameters; de volledige lijst staat "
       "in de technische bijlage.",
       "One-way sensitivity analysis: how far the NPV difference moves when one uncertain parameter is at its 5th or 95th "
       "percentile and the rest at their base values. Shown: the {} most influential of {} parameters; the full list is in "
       "the technical appendix."},
      {"Tornado: NCW maatschappij, {} minus {}, per parameter op P5 en P95", "Tornado: society NPV, {} minus {}, per parameter at P5 and P95"},
      {"Het scenario noemt geen effecten zonder prijs (PM-posten). Effecten die niet in euro's zijn uit te drukken horen hier, "
       "met `amount: pm` in het scenario, zodat ze niet ongemerkt wegvallen.",
       "The scenario names no effects without a price (PM items). Effects that cannot be expressed in euros belong here, "
       "with `amount: pm` in the scenario, so that they are not silently dropped."},
      {"Effecten die wel optreden maar niet in euro's zijn gewaardeerd: ze tellen niet mee in de NCW en kunnen het saldo in "
       "beide richtingen verschuiven.",
       "Effects that occur but are not valued in euros: they are not in the NPV and may move the balance either way."},
      {"in", "in"},
      {"Wat drijft het resultaat, en is dat geloofwaardig? Het netto-effect op werk per extra trajectstart, waar de baten "
       "vandaan komen en welk deel van het saldo op aannames zonder bron rust (dezelfde cijfers als plausibiliteit.csv van "
       "`mkba run`).",
       "What drives the result, and is it credible? The net effect on work per extra trajectory start, where the benefits "
       "come from and which part of the balance rests on unsourced assumptions (the same figures as plausibiliteit.csv of "
       "`mkba run`)."},
      {"Netto-effect op werk na {} jaar", "Net effect on work after {} years"},
      {"{} per extra trajectstart; {} van het bestand", "{} per extra trajectory start; {} of the caseload"},
      {"Aandeel in de baten", "Share of the benefits"},
      {"geen", "none"},
      {" en {} andere", " and {} more"},
      {"NCW die rust op aannames zonder bron", "NPV resting on unsourced assumptions"},
      {"Waarschuwing", "Warning"},
      {"Berekend als verwachte waarden (Markov-cohort): zonder toevalsvariatie, maar ook zonder herscreening en "
       "capaciteitsgrenzen, die alleen de microsimulatie volgt.",
       "Computed as expected values (Markov cohort): without random variation, but also without rescreening and capacity "
       "limits, which only the microsimulation follows."},
      {"Berekend met een Monte Carlo-microsimulatie van {} personen: de uitkomsten bevatten toevalsvariatie; verschillen "
       "tussen alternatieven gebruiken dezelfde toevalsgetallen.",
       "Computed with a Monte Carlo microsimulation of {} persons: the results contain random variation; differences between "
       "alternatives use the same random numbers."},
      {"Zonder probabilistische gevoeligheidsanalyse geeft het rapport geen kans op een positief saldo en geen intervallen.",
       "Without a probabilistic sensitivity analysis the report gives no probability of a positive balance and no intervals."},
      {"Alleen gewaardeerde effecten tellen mee in de NCW; PM-posten en effecten buiten het model (bijvoorbeeld op "
       "huisgenoten) niet.",
       "Only valued effects count in the NPV; PM items and effects outside the model (for example on household members) "
       "do not."},
      {"Een besparing op de bijstand is voor de gemeente een baat, maar landelijk een overdracht: het BUIG-budget wordt "
       "herverdeeld. De verdelingstabel toont beide kanten.",
       "A saving on social assistance is a benefit to the municipality but a transfer nationally: the BUIG budget is "
       "redistributed. The distribution table shows both sides."},
      {"{} waarden berusten op aannames zonder (volledige) bron; ze staan onder Bronnen en hun aandeel in de NCW onder "
       "Plausibiliteit.",
       "{} values rest on assumptions without a (full) source; they are listed under Sources and their share of the NPV "
       "under Plausibility."},
      {"De bronnen van de waarden in dit scenario, met de waarden die ze onderbouwen (volledige lijst en toelichting: "
       "docs/sources.md van mkba).",
       "The sources of the values in this scenario, with the values they support (full list and notes: mkba's "
       "docs/sources.md)."},
      {"Gebruikt voor: {}.", "Used for: {}."},
      {"Overige bronvermeldingen", "Other source notes"},
      {"Alle waarden hebben een bron.", "Every value has a source."},
      {"{} waarden hebben geen bron of zijn in hun bron als aanname gemarkeerd ([U]); vervang ze waar mogelijk door lokale "
       "cijfers:",
       "{} values have no source or are marked as an assumption in their source ([U]); replace them with local figures where "
       "possible:"},
      {"De analyse volgt {} personen in het bestand bij de start en de instroom daarna, maand voor maand over {} jaar vanaf {}.",
       "The analysis follows the {} persons in the caseload at the start and the inflow after it, month by month over {} years "
       "from {}."},
      {"Zij vergelijkt één projectalternatief met het nulalternatief.", "It compares one project alternative with the baseline."},
      {"Zij vergelijkt {} projectalternatieven met het nulalternatief en met elkaar.",
       "It compares {} project alternatives with the baseline and with each other."},
      {"De samenstelling van het bestand naar kwadrant van de Zelfredzaamheidsmatrix staat in de bijlage Bestandsanalyse.",
       "The composition of the caseload by quadrant of the self-sufficiency matrix is in the appendix Caseload analysis."},
      {"Het nulalternatief is {}: de meest waarschijnlijke ontwikkeling zonder het nieuwe beleid (niet \"niets doen\"). Alle "
       "effecten in dit rapport zijn verschillen met dit alternatief.",
       "The baseline is {}: the most likely development without the new policy (not \"doing nothing\"). Every effect in this "
       "report is a difference from it."},
      {"Bouwt voort op {}: diens wijzigingen gelden ook hier.", "Builds on {}: its changes apply here too."},
      {"Ieder effect is gewaardeerd in euro's van {} per persoon per maand in een toestand of per overgang, en verdisconteerd "
       "met {} per jaar. Reële effecten (productie, begeleiding, zorg, kwaliteit van leven) tellen voor de maatschappij; "
       "overdrachten (uitkeringen, subsidies, belastingen) verschuiven alleen geld tussen partijen. De {} gewaardeerde "
       "effecten staan met bedrag en bron in de technische bijlage, met het aantal personen per toestand in ieder alternatief.",
       "Each effect is valued in euros of {} per person per month in a state or per transition, and discounted at {} a year. "
       "Real effects (production, guidance, care, quality of life) count for society; transfers (benefits, subsidies, taxes) "
       "only move money between parties. The {} valued effects are listed with amount and source in the technical "
       "appendix, with the number of persons per state in each alternative."},
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
      {" basis", " base"},
      {" De balken en hun basis zijn verwachte waarden (Markov-cohort), niet de microsimulatie van de samenvatting.",
       " The bars and their base are expected values (Markov cohort), not the summary's microsimulation."},
      {" (balken als verwachte waarden, Markov-cohort, rond hun eigen basis)",
       " (bars as expected values, Markov cohort, around their own base)"},
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
      {"Baten en kosten: de categorieën met een positief respectievelijk negatief saldo voor de maatschappij. Terugverdienjaar: "
       "het eerste jaar waarin de cumulatieve NCW voor de maatschappij positief wordt en blijft.",
       "Benefits and costs: the categories with a positive and a negative balance for society. Break-even year: the first "
       "year in which the cumulative society NPV becomes and stays positive."},
      {"Indicator", "Indicator"},
      {"NCW maatschappij (verschil)", "Society NPV (difference)"},
      {"n.v.t.", "n/a"},
      {"Baten (contante waarde)", "Benefits (present value)"},
      {"Kosten (contante waarde)", "Costs (present value)"},
      {"Baten/kosten-verhouding", "Benefit/cost ratio"},
      {"binnen het bereik", "inside the range"},
      {"boven het bereik", "above the range"},
      {"onder het bereik", "below the range"},
      {"tot", "to"},
      {"Bereik netto-effect volgens de bronnen (pp per extra trajectstart)",
       "Range of the net effect the sources support (pp per extra trajectory start)"},
      {"Bereik baten/kosten volgens de bronnen", "Range of the benefit/cost ratio the sources support"},
      {"Toelichting (buiten het bereik)", "Explanation (outside the range)"},
      {"Let op: buiten het bereik van de bronnen, en het scenario geeft geen toelichting.",
       "Note: outside the range the sources support, and the scenario gives no explanation."},
      {"Terugverdienjaar", "Break-even year"},
      {"niet binnen de horizon", "not within the horizon"},
      {"Extra persoonsjaren in werk (incl. beschut, onverdisconteerd)", "Extra person-years in work (incl. sheltered, undiscounted)"},
      {"Netto kosten gemeente per extra persoonsjaar in werk", "Net cost to the municipality per extra person-year in work"},
      {"Extra {} (verdisconteerd)", "Extra {} (discounted)"},
      {"Werkbedrijf: operationeel resultaat per fte-jaar", "Werkbedrijf: operating result per fte-year"},
      {"Resultaat: de kolom werkbedrijf (netto toegevoegde waarde min eigen kosten, met subsidies en lonen), contante "
       "waarde in euro, prijspeil {}; fte-jaren: de uitkomst {} (verdisconteerd). Verandering: het resultaat per "
       "fte-jaar min dat van het nulalternatief.",
       "Result: the werkbedrijf column (net value added minus its own costs, with subsidies and wages), present value in "
       "euro, price level {}; fte-years: the outcome {} (discounted). Change: the result per fte-year minus that of the "
       "nulalternatief."},
      {"Resultaat werkbedrijf", "Result of the werkbedrijf"},
      {"Fte-jaren", "Fte-years"},
      {"Resultaat per fte-jaar", "Result per fte-year"},
      {"Verandering per fte-jaar", "Change per fte-year"},
      {"Gewaardeerde effecten (aannames)", "Valued effects (assumptions)"},
      {"Bedragen in euro per persoon per maand of per gebeurtenis, prijspeil {}; uitkomsten in hun eigen eenheid. Reëel: "
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
      {" en {} meer", " and {} more"},
      {"uitkomst: ", "outcome: "},
      {"uitkomst", "outcome"},
      {"overdracht", "transfer"},
      {"reëel", "real"},
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
      {"Voor wie", "For whom"},
      {"met ontheffing", "with exemption from the obligation to seek work"},
      {"zonder ontheffing", "without exemption from the obligation to seek work"},
      {"Duur", "Duration"},
      {"iedereen", "everyone"},
      {" in ", " in "},
      {"blijvend", "lasting"},
      {"naar maanden in de toestand: ", "by months in the state: "},
      {"{} % vanaf {} mnd", "{}% from {} months"},
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
      // per gemeente: NCW per stakeholder and break-even (analysis::per_gemeente)
      {"NCW per stakeholder per alternatief, {}", "NPV per stakeholder per alternative, {}"},
      {"Contante waarde in euro over {} jaar, prijspeil {}, discontovoet {}; alleen de kandidaten in {}.",
       "Present value in euros over {} years, price level {}, discount rate {}; only the candidates in {}."},
      {"Indicatoren {}: projectalternatief minus nulalternatief", "Indicators {}: project alternative minus baseline"},
      {"Terugverdienjaar: het eerste jaar waarin de cumulatieve verdisconteerde NCW voor de maatschappij "
       "(alternatief minus nulalternatief) positief wordt en blijft.",
       "Break-even year: the first year in which society's cumulative discounted NPV (alternative minus baseline) "
       "turns positive and stays so."},
      {"NCW en terugverdienjaar", "NPV and break-even year"},
      // workbook and bronnenlijst (sources_table.cpp)
      {"Pagina &P van &N", "Page &P of &N"},
      {"Bronnen", "Sources"},
      {"De volledige verwijzingen bij de bronvermeldingen van de effecten en parameters (docs/sources.md).",
       "The full references behind the sources cited by the effects and parameters (docs/sources.md)."},
      {"Bron", "Source"},
      {" en {} meer", " and {} more"},
      {"Verwijzing", "Reference"},
      {"Gebruikt voor", "Used for"},
      {"Waarden zonder bron: aannames", "Values without a source: assumptions"},
      {"Effecten en parameters zonder bronvermelding of gemarkeerd als aanname [U].",
       "Effects and parameters without a source or marked as an assumption [U]."},
      {"Bronvermeldingen die naar geen bron in deze lijst verwijzen, zoals een toelichting op de berekening.",
       "Source notes that cite no source in this list, such as an explanation of the calculation."},
      {"Effect of parameter", "Effect or parameter"},
      {"Bronvermelding in het scenario", "Source as cited in the scenario"},
      {"Discontovoet gevoeligheidsanalyse {}", "Discount rate sensitivity analysis {}"},
      {"Horizon (jaren)", "Horizon (years)"},
      {"Berekening", "Calculation"},
      {"Basis", "Base case"},
      {"Variant {}", "Variant {}"},
      {"Onthullingsdrempel (personen)", "Disclosure threshold (persons)"},
      // The NCW change from the previous report (report/ncw_change.cpp).
      {"Verandering NCW ten opzichte van het vorige rapport", "Change in NPV since the previous report"},
      {"Verandering NCW ten opzichte van het vorige rapport ({})", "Change in NPV since the previous report ({})"},
      {"NCW vorig rapport", "NPV previous report"},
      {"Data", "Data"},
      {"Kansen", "Rates"},
      {"Waarden", "Values"},
      {"Methode", "Method"},
      {"NCW dit rapport", "NPV this report"},
      {"{} - nulalternatief", "{} - baseline"},
      {"Maatschappelijke NCW in euro. Volgorde van de stappen: data, kansen, waarden, methode. Elke stap is de "
       "verandering van de NCW als die groep invoer van de vorige naar de huidige versie gaat, met de groepen ervoor "
       "al op de huidige versie; samen tellen de stappen op tot het verschil tussen beide rapporten. Kansen: de "
       "overgangskansen en hun wijzigingen per segment, duur, jaar en alternatief; waarden: de bedragen van de "
       "effecten en de overige parameters; methode: discontovoet, horizon, telwijze, modus, seed en aantal "
       "gesimuleerde personen. Data is het verschil tussen de gepubliceerde NCW van het vorige rapport en de "
       "huidige data (realisatie, startpopulatie, instroom) met de kansen, waarden en methode van het vorige "
       "rapport: ook wat buiten de andere groepen veranderde (een nieuw effect of alternatief, een andere versie "
       "van mkba) valt daaronder.",
       "Society NPV in euros. Order of the steps: data, rates, values, method. Each step is the change in NPV when "
       "that group of inputs goes from the previous to the current version, with the groups before it already "
       "current; together the steps add up to the difference between the two reports. Rates: the transition "
       "probabilities and their changes by segment, duration, year and alternative; values: the effects' amounts and "
       "the other parameters; method: discount rate, horizon, counting, mode, seed and number of simulated persons. "
       "Data is the difference between the previous report's published NPV and the current data (realised figures, "
       "starting population, inflow) with the previous report's rates, values and method: whatever changed outside "
       "the other groups (a new effect or alternative, another version of mkba) falls under it too."},
      {"In microsimulatie bevat elke stap ook toevalsvariatie (dezelfde seed per stap, maar een andere "
       "populatie of andere kansen trekken andere paden).",
       "In microsimulation each step also holds Monte Carlo noise (the same seed in every step, but another "
       "population or other rates draw other paths)."},
      {"De stappen zijn niet berekend: {}", "The steps were not computed: {}"},
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
