// The HTML report (Dutch by default, or English), structured as a Dutch MKBA report (CPB/PBL
// leidraad, SEO werkwijzer; docs/report.md): samenvatting with the conclusion in words, aanleiding,
// nulalternatief, projectalternatieven, effecten en waardering, kosten en baten, saldo,
// verdelingseffecten, gevoeligheids- en risicoanalyse, PM-posten, plausibiliteit, beperkingen,
// bronnen; then the bijlagen (technical listings, bestandsanalyse, per gemeente) and the colofon.
#include <mkba/analysis/plausibility.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/report/plausibility_report.hpp>
#include <mkba/models/effect_scope.hpp>
#include <mkba/report/bibliography.hpp>
#include <mkba/report/conclusions.hpp>
#include <mkba/report/html_report.hpp>
#include <mkba/report/manifest.hpp>

#include "number_format.hpp"
#include "report_style.hpp"
#include "svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace mkba::report {
namespace {

using svg::escape;

std::string legend_text(double threshold, Lang lang) {
  return fmt::format(fmt::runtime(tr(lang, "&lt;{0}: minder dan {0} personen; x: niet gepubliceerd (afgeleid van minder "
                                           "dan {0} personen, of af te leiden uit totalen).")),
                     fixed(threshold, 0, Style::csv_plain));
}

// `scope` keeps element ids unique: the same table appears for the region and for each gemeente.
std::string table_html(const Table& t, double threshold, const std::string& scope = "regio") {
  const Style style = display_style(t.lang);
  // A wide table (the verdelingstabel: eight stakeholders; the comparison: every alternative and
  // every difference) does not fit A4 with an interval column next to every column: there the
  // interval goes under the value, in the same cell.
  std::size_t n_intervals = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c) n_intervals += t.column_has_interval(c) ? 1 : 0;
  const bool in_cell = t.columns.size() + n_intervals > 5;
  // Print: a short table stays on one page; a table of many columns (the transition matrix, the
  // verdelingstabel with eight stakeholders) gets a
  // small font and turned column headers, so it never runs past the right margin.
  std::string table_cls = t.columns.size() > 8 ? "xwide" : in_cell ? "wide" : "";
  if (t.rows.size() <= 25) table_cls += table_cls.empty() ? "kort" : " kort";
  std::string out = "<table id=\"tabel-" + escape(scope) + "-" + escape(t.id) + "\" class=\"" + table_cls + "\">\n<caption>" + escape(t.title) + "</caption>\n<thead><tr><th>" +
                    escape(t.corner) + "</th>";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    out += "<th>" + escape(t.columns[c]) + "</th>";
    if (t.column_has_interval(c) && !in_cell) out += "<th class=\"interval\">P5-P95</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  bool suppressed = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool total = t.total_row && r + 1 == t.rows.size();
    out += total ? "<tr class=\"total\">" : "<tr>";
    out += "<th>" + escape(t.rows[r]) + "</th>";
    for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
      const Cell& cell = t.cells[r][c];
      suppressed = suppressed || cell.suppressed;
      std::string cls = cell.unit == Unit::text && !cell.suppressed ? "" : "num";
      if (t.total_column && c + 1 == t.cells[r].size()) cls += cls.empty() ? "total" : " total";
      if (cell.suppressed) cls += " suppressed";
      out += (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">") + escape(cell_text(cell, threshold, style));
      if (t.column_has_interval(c) && in_cell) {
        const std::string iv = interval_text(cell, threshold, style);
        if (!iv.empty()) out += "<br><span class=\"interval\">[" + escape(iv) + "]</span>";
      }
      out += "</td>";
      if (t.column_has_interval(c) && !in_cell)
        out += "<td class=\"num interval\">" + escape(interval_text(cell, threshold, style)) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (in_cell && n_intervals > 0)
    out += "<p class=\"note\">" + escape(tr(t.lang, "Tussen haken: het 90 %-interval (P5-P95) over de PSA-iteraties.")) + "</p>\n";
  if (!t.note.empty()) out += "<p class=\"note\">" + escape(t.note) + "</p>\n";
  if (suppressed) out += "<p class=\"note\">" + legend_text(threshold, t.lang) + "</p>\n";
  return out;
}

// Persons per state over the years, from a table (suppressed cells are not drawn).
std::string occupancy_chart(const Scenario& s, const Table& t, const std::string& title, double y_max, Lang lang) {
  std::vector<svg::Series> series;
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    // Those who left (an absorbing state) only grow and would dwarf the caseload itself.
    if (s.states[st].kind == StateKind::absorbing) continue;
    svg::Series one{t.columns[st], {}};
    for (const auto& row : t.cells) one.values.push_back(row[st].suppressed ? 0.0 : row[st].value);
    series.push_back(std::move(one));
  }
  std::vector<std::string> labels;
  for (const auto& r : t.rows) labels.push_back(r.substr(r.find(' ') + 1));
  return svg::stacked_area(title, tr(lang, "personen"), labels, series, y_max);
}

// Cumulative society NCW per alternative, month by month; drawn only when the alternative's society
// NCW is published.
std::string cumulative_chart(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  std::vector<svg::Series> series;
  for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
    if (t.summary.cells[a][0].suppressed) continue;
    series.push_back(svg::Series{r.alternatives[a].label, t.society_cumulative.at(a)});
  }
  std::vector<std::string> ticks;
  const int per_year = 12 / s.time.months_per_cycle;
  for (int y = 0; y <= s.time.horizon_years; ++y) ticks.push_back(std::to_string(s.time.start.year + y));
  return svg::lines(tr(t.lang, "Cumulatieve NCW voor de maatschappij per alternatief (euro)"), "euro", ticks, per_year, series);
}

std::string verdeling_chart(const Table& t) {
  std::vector<std::string> labels;
  std::vector<double> values;
  std::vector<bool> hidden;
  const auto& total = t.cells.back();
  for (std::size_t k = 0; k < t.columns.size(); ++k) {
    labels.push_back(t.columns[k]);
    values.push_back(total[k].value);
    hidden.push_back(total[k].suppressed);
  }
  return svg::bars(tr(t.lang, "NCW per stakeholder: ") + t.title.substr(t.title.find(':') + 2), "euro", labels, values, hidden,
                   tr(t.lang, "x (niet gepubliceerd)"));
}

// A chart at half the column width (two side by side when they follow each other).
std::string half(const std::string& figure) { return "<div class=\"half\">" + figure + "</div>\n"; }

std::string ncw_distribution_charts(const analysis::RunResult& r, const ReportTables& t) {
  const Lang lang = t.lang;
  std::string h;
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    if (a - 1 >= t.ncw_draws.size() || t.ncw_draws[a - 1].empty()) continue;
    const auto& d = t.ncw_draws[a - 1];
    const double p = static_cast<double>(std::count_if(d.begin(), d.end(), [](double x) { return x > 0; })) / static_cast<double>(d.size());
    const std::string pp = "P(NCW > 0) = " + fixed(p, 2, display_style(lang));
    const std::string title = fmt::format(fmt::runtime(tr(lang, "Verdeling van de NCW voor de maatschappij, {} minus nulalternatief, over {} iteraties; {}")),
                                          r.alternatives[a].label, d.size(), pp);
    // About the square root of the iterations in bins: coarse enough to read with few draws.
    const int bins = std::clamp(static_cast<int>(std::lround(std::sqrt(static_cast<double>(d.size())))) + 1, 5, 25);
    h += half(svg::with_id(svg::histogram(title, tr(lang, "NCW-verschil in euro"), tr(lang, "iteraties"), d, pp, bins),
                           "grafiek-ncw-verdeling-" + std::to_string(a)));
  }
  return h;
}

std::string bestand_chart(const Table& t) {
  std::vector<std::string> labels;
  std::vector<double> values;
  std::vector<bool> hidden;
  const auto& total = t.cells.back();  // the region row
  for (std::size_t k = 0; k + 1 < t.columns.size(); ++k) {
    labels.push_back(t.columns[k]);
    values.push_back(total[k].value);
    hidden.push_back(total[k].suppressed);
  }
  return svg::with_id(svg::bars(tr(t.lang, "Startbestand per kwadrant (regio, personen)"), tr(t.lang, "personen"), labels, values,
                                hidden, tr(t.lang, "x (niet gepubliceerd)")),
                      "grafiek-bestand");
}


// Persons per state over the years, one chart per alternative on one scale (so they compare at a glance).
std::string occupancy_charts(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  double y_max = 0;
  for (const auto& occ : t.occupancy)
    for (const auto& row : occ.cells) {
      double sum = 0;
      for (std::size_t st = 0; st < s.states.size(); ++st)
        if (s.states[st].kind != StateKind::absorbing && !row[st].suppressed) sum += row[st].value;
      y_max = std::max(y_max, sum);
    }
  std::string h;
  for (std::size_t a = 0; a < t.occupancy.size(); ++a)
    h += svg::with_id(occupancy_chart(s, t.occupancy[a], tr(t.lang, "Personen per toestand (regio, zonder uitstroom): ") + r.alternatives[a].label,
                                      y_max, t.lang),
                      "grafiek-bezetting-" + std::to_string(a));
  return h;
}

// How many tornado bars the main text shows; the full list is in the technical appendix.
constexpr std::size_t kTornadoBars = 15;

std::string para(const std::string& text) { return "<p>" + escape(text) + "</p>\n"; }

std::string F(Lang lang, const std::string& nl, auto&&... args) {
  return fmt::format(fmt::runtime(tr(lang, nl)), std::forward<decltype(args)>(args)...);
}

std::vector<std::string> project_labels(const analysis::RunResult& r) {
  std::vector<std::string> out;
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) out.push_back(r.alternatives[a].label);
  return out;
}

std::string samenvatting_text(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  const Conclusion c = conclude(conclusion_input(t, r.alternatives[0].label, project_labels(r)), t.lang);
  std::string out = "<p class=\"conclusie\" id=\"conclusie\"><strong>" + escape(c.headline) + "</strong></p>\n";
  if (!c.paragraphs.empty()) {
    out += "<ul>\n";
    for (const auto& p : c.paragraphs) out += "<li>" + escape(p) + "</li>\n";
    out += "</ul>\n";
  }
  if (!s.description.empty()) out += para(s.description);
  return out;
}

// Society NCW difference per category and projectalternatief: the Maatschappij column of each
// verdelingstabel (the same cells, with their disclosure and intervals).
Table effects_by_category(const ReportTables& t, const analysis::RunResult& r) {
  Table e;
  e.id = "effecten-categorie";
  e.lang = t.lang;
  e.title = tr(t.lang, "Effecten voor de maatschappij per categorie: projectalternatief minus nulalternatief");
  e.note = tr(t.lang, "Contante waarde in euro. Positief: een baat voor de maatschappij; negatief: een kost. Overdrachten "
                      "tellen voor de maatschappij op tot nul en staan alleen in de verdelingstabellen.");
  e.corner = tr(t.lang, "Categorie");
  if (t.verdeling.empty()) return e;
  for (std::size_t a = 0; a < t.verdeling.size(); ++a) e.columns.push_back(r.alternatives[a + 1].label);
  e.rows = t.verdeling[0].rows;
  for (std::size_t row = 0; row < e.rows.size(); ++row) {
    e.cells.emplace_back();
    for (const auto& v : t.verdeling) e.cells.back().push_back(v.cells[row].back());
  }
  e.total_row = t.verdeling[0].total_row;
  return e;
}

std::string tornado_chart(const std::string& title, const std::vector<std::string>& labels, const std::vector<double>& low,
                          const std::vector<double>& high, double base, const std::vector<bool>& hidden, Lang lang) {
  return svg::tornado(title, tr(lang, "NCW-verschil in euro"), labels, low, high, base, hidden, tr(lang, "parameter op P5"),
                      tr(lang, "parameter op P95"), tr(lang, "x (niet gepubliceerd)"));
}

std::string gevoeligheid_section(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, double th,
                                 const std::string& number) {
  const Lang lang = t.lang;
  std::string h = "<section id=\"gevoeligheid\">\n<h2>" + number + escape(tr(lang, "Gevoeligheids- en risicoanalyse")) + "</h2>\n";
  h += para(tr(lang, "Hoe zeker is de uitkomst? Drie blikken: de verdeling van het saldo over de trekkingen van alle onzekere "
                     "parameters tegelijk (probabilistische gevoeligheidsanalyse), het saldo bij een andere discontovoet, en de "
                     "parameters die het saldo het meest verschuiven (tornado)."));
  h += ncw_distribution_charts(r, t);
  if (r.psa.empty())
    h += "<p class=\"note\">" + escape(tr(lang, "Er is geen probabilistische gevoeligheidsanalyse gedraaid: met --iterations 200 "
                                                "geeft het rapport de kans op een positief saldo en het 90 %-interval.")) + "</p>\n";
  if (t.rates) h += table_html(*t.rates, th);
  if (t.tornado) {
    const std::size_t shown = std::min(kTornadoBars, t.tornado->rows.size());
    h += para(F(lang, "Eenzijdige gevoeligheidsanalyse: hoe ver het NCW-verschil verschuift als een onzekere parameter op zijn 5e of "
                      "95e percentiel staat en de rest op de basiswaarde. Hier de {} invloedrijkste van {} parameters; de volledige "
                      "lijst staat in de technische bijlage.", shown, t.tornado->rows.size()));
    const std::size_t A = r.alternatives.size();
    // The tornado table's columns: P5 and P95 values, then per projectalternatief basis, P5, P95.
    auto tornado_column = [](std::size_t a) { return 2 + 3 * (a - 1); };
    const std::string cohort_note =
        t.tornado_cohort ? tr(lang, " (balken als verwachte waarden, Markov-cohort, rond hun eigen basis)") : std::string();
    const std::vector<std::string> labels(t.tornado->rows.begin(), t.tornado->rows.begin() + static_cast<std::ptrdiff_t>(shown));
    for (std::size_t a = 1; a < A && shown > 0; ++a) {
      std::vector<double> low, high;
      std::vector<bool> hidden;
      // Around the base the bars were computed around (the table's basis column, TornadoBar::base),
      // not the summary's NCW: with cohort bars that is the expected value.
      const std::size_t c = tornado_column(a);
      for (std::size_t i = 0; i < shown; ++i) {
        const auto& row = t.tornado->cells[i];
        low.push_back(row[c + 1].value);
        high.push_back(row[c + 2].value);
        hidden.push_back(row[c + 1].suppressed);
      }
      const auto& first = t.tornado->cells[0][c];
      const double base = first.suppressed ? 0.0 : first.value;
      h += svg::with_id(tornado_chart(F(lang, "Tornado: NCW maatschappij, {} minus nulalternatief, per parameter op P5 en P95",
                                        r.alternatives[a].label) + cohort_note,
                                      labels, low, high, base, hidden, lang),
                        a == 1 ? std::string("grafiek-tornado") : "grafiek-tornado-" + std::to_string(a));
    }
    // The first two projectalternatieven against each other: the same one-way runs (common random
    // numbers), their difference, sorted by its own width.
    if (A > 2 && !t.tornado->rows.empty()) {
      struct Bar { std::string label; double low, high; bool hidden; };
      std::vector<Bar> bars;
      for (std::size_t i = 0; i < t.tornado->rows.size(); ++i) {
        const auto& row = t.tornado->cells[i];
        const std::size_t c1 = tornado_column(1), c2 = tornado_column(2);
        bars.push_back({t.tornado->rows[i], row[c1 + 1].value - row[c2 + 1].value, row[c1 + 2].value - row[c2 + 2].value,
                        row[c1 + 1].suppressed || row[c2 + 1].suppressed});
      }
      std::stable_sort(bars.begin(), bars.end(), [](const Bar& x, const Bar& y) { return std::abs(x.high - x.low) > std::abs(y.high - y.low); });
      bars.resize(std::min(kTornadoBars, bars.size()));
      std::vector<std::string> pl;
      std::vector<double> low, high;
      std::vector<bool> hidden;
      for (const auto& b : bars) {
        pl.push_back(b.label);
        low.push_back(b.low);
        high.push_back(b.high);
        hidden.push_back(b.hidden);
      }
      const auto& b1 = t.tornado->cells[0][tornado_column(1)];
      const auto& b2 = t.tornado->cells[0][tornado_column(2)];
      const double base = b1.suppressed || b2.suppressed ? 0.0 : b1.value - b2.value;
      h += svg::with_id(tornado_chart(F(lang, "Tornado: NCW maatschappij, {} minus {}, per parameter op P5 en P95",
                                        r.alternatives[1].label, r.alternatives[2].label) + cohort_note,
                                      pl, low, high, base, hidden, lang),
                        "grafiek-tornado-paarsgewijs");
    }
    if (t.tornado->rows.empty())
      h += "<p class=\"note\">" + escape(tr(lang, "Het scenario heeft geen onzekere parameters: er is geen tornado.")) + "</p>\n";
  } else {
    const bool uncertain = analysis::one_way_bar_count(s) > 0;
    h += "<p class=\"note\" id=\"tornado-ontbreekt\">" +
         escape(tr(lang, uncertain ? "De eenzijdige gevoeligheidsanalyse (tornado) is niet berekend in deze run. U krijgt haar met "
                                     "`mkba report SCENARIO --tornado` of `mkba run SCENARIO --tornado`."
                                   : "Het scenario heeft geen onzekere parameters (met een verdeling): er is geen tornado. Geef "
                                     "parameters een verdeling en draai `mkba report --tornado`.")) +
         "</p>\n";
  }
  h += "</section>\n";
  return h;
}

std::string pm_section(const Scenario& s, const analysis::RunResult& r, Lang lang, const std::string& number) {
  std::string h = "<section id=\"pm-posten\">\n<h2>" + number + escape(tr(lang, "PM-posten")) + "</h2>\n";
  std::vector<const EffectSpec*> pm;
  for (const auto& e : s.effects)
    if (e.unpriced) pm.push_back(&e);
  if (pm.empty()) {
    h += para(tr(lang, "Het scenario noemt geen effecten zonder prijs (PM-posten). Effecten die niet in euro's zijn uit te "
                       "drukken horen hier, met `amount: pm` in het scenario, zodat ze niet ongemerkt wegvallen."));
  } else {
    h += para(tr(lang, "Effecten die wel optreden maar niet in euro's zijn gewaardeerd: ze tellen niet mee in de NCW en kunnen "
                       "het saldo in beide richtingen verschuiven."));
    h += "<ul id=\"pm-lijst\">\n";
    for (const auto* e : pm) {
      std::string alts;
      for (std::size_t a = 0; a < r.alternatives.size(); ++a)
        if (effect_applies(s, *e, static_cast<int>(a))) alts += (alts.empty() ? "" : ", ") + r.alternatives[a].label;
      h += "<li><strong>" + escape(e->name) + "</strong>: " + escape(e->source) + " <span class=\"meta\">(" +
           escape(tr(lang, "in")) + " " + escape(alts) + ")</span></li>\n";
    }
    h += "</ul>\n";
  }
  return h + "</section>\n";
}

std::string plausibility_section(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, const std::string& number) {
  const Lang lang = t.lang;
  const Style st = display_style(lang);
  std::string h = "<section id=\"plausibiliteit\">\n<h2>" + number + escape(tr(lang, "Plausibiliteit")) + "</h2>\n";
  h += para(tr(lang, "Wat drijft het resultaat, en is dat geloofwaardig? Het netto-effect op werk per extra trajectstart, waar de "
                     "baten vandaan komen en welk deel van het saldo op aannames zonder bron rust (dezelfde cijfers als "
                     "plausibiliteit.csv van `mkba run`)."));
  const auto all = analysis::plausibility(s, r);
  auto pp = [&](double x) { return std::isnan(x) ? tr(lang, "n.v.t.") : fixed(x, 1, st) + " pp"; };
  auto share = [&](double x) { return fixed(100.0 * x, 0, st) + (lang == Lang::en ? "%" : " %"); };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& p = all[i];
    const std::size_t a = i + 1;
    if (a >= t.summary.cells.size() || t.summary.cells[a][1].suppressed) continue;  // not published: nothing derived from it
    h += "<h3>" + escape(r.alternatives[a].label) + "</h3>\n<table class=\"kort\" id=\"tabel-regio-plausibiliteit-" + std::to_string(a) +
         "\">\n<tbody>\n";
    auto row = [&](const std::string& k, const std::string& v) {
      h += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>\n";
    };
    auto verdict = [&](analysis::RangeVerdict v) {
      return v == analysis::RangeVerdict::no_range ? std::string() : " (" + verdict_text(v, lang) + ")";
    };
    for (std::size_t k = 0; k < p.years.size(); ++k)
      row(F(lang, "Netto-effect op werk na {} jaar", p.years[k]),
          F(lang, "{} per extra trajectstart; {} van het bestand", pp(p.pp_per_extra_start[k]), pp(p.pp_of_caseload[k])) +
              verdict(p.net_effect_verdict[k]));
    row(tr(lang, "Baten/kosten-verhouding"),
        (std::isnan(p.bc_ratio) ? tr(lang, "n.v.t.") : fixed(p.bc_ratio, 2, st)) + verdict(p.bc_verdict));
    if (const auto& ref = s.plausibility_reference) {
      if (ref->net_effect_pp)
        row(tr(lang, "Bereik netto-effect volgens de bronnen (pp per extra trajectstart)"), range_text(*ref->net_effect_pp, 1, lang));
      if (ref->benefit_cost) row(tr(lang, "Bereik baten/kosten volgens de bronnen"), range_text(*ref->benefit_cost, 2, lang));
    }
    std::string shares;
    for (std::size_t c = 0; c < p.benefit_share.size(); ++c)
      if (p.benefit_share[c] >= 0.005) shares += (shares.empty() ? "" : ", ") + tr(lang, category_label(s.categories[c])) + " " + share(p.benefit_share[c]);
    row(tr(lang, "Aandeel in de baten"), shares.empty() ? tr(lang, "geen") : shares);
    std::string on;
    double on_total = 0;
    for (std::size_t k = 0; k < p.assumptions.size(); ++k) {
      on_total += p.assumptions[k].ncw;
      if (k < 5) on += (on.empty() ? "" : ", ") + p.assumptions[k].parameter;
    }
    if (p.assumptions.size() > 5) on += F(lang, " en {} andere", p.assumptions.size() - 5);
    row(tr(lang, "NCW die rust op aannames zonder bron"),
        p.assumptions.empty() ? tr(lang, "geen") : euro_text(on_total, lang) + " (" + on + ")");
    h += "</tbody>\n</table>\n";
    if (!p.warning.empty()) h += "<p class=\"note\"><strong>" + escape(tr(lang, "Waarschuwing")) + ":</strong> " + escape(p.warning) + "</p>\n";
    if (p.outside_range())
      h += s.plausibility_reference->toelichting.empty()
               ? "<p class=\"note\"><strong>" +
                     escape(tr(lang, "Let op: buiten het bereik van de bronnen, en het scenario geeft geen toelichting.")) +
                     "</strong></p>\n"
               : "<p class=\"note\"><strong>" + escape(tr(lang, "Toelichting (buiten het bereik)")) + ":</strong> " +
                     escape(s.plausibility_reference->toelichting) + "</p>\n";
  }
  return h + "</section>\n";
}

std::string beperkingen_section(const Scenario& s, const analysis::RunResult& r, const Bibliography& bib, Lang lang,
                                const std::string& number) {
  std::string h = "<section id=\"beperkingen\">\n<h2>" + number + escape(tr(lang, "Beperkingen")) + "</h2>\n<ul>\n";
  auto item = [&](const std::string& text) { h += "<li>" + escape(text) + "</li>\n"; };
  if (r.mode == analysis::Mode::cohort)
    item(tr(lang, "Berekend als verwachte waarden (Markov-cohort): zonder toevalsvariatie, maar ook zonder herscreening en "
                  "capaciteitsgrenzen, die alleen de microsimulatie volgt."));
  else
    item(F(lang, "Berekend met een Monte Carlo-microsimulatie van {} personen: de uitkomsten bevatten toevalsvariatie; "
                 "verschillen tussen alternatieven gebruiken dezelfde toevalsgetallen.",
               count_text(static_cast<double>(r.simulated_persons), lang)));
  if (r.psa.empty())
    item(tr(lang, "Zonder probabilistische gevoeligheidsanalyse geeft het rapport geen kans op een positief saldo en geen "
                  "intervallen."));
  item(tr(lang, "Alleen gewaardeerde effecten tellen mee in de NCW; PM-posten en effecten buiten het model (bijvoorbeeld op "
                "huisgenoten) niet."));
  item(tr(lang, "Een besparing op de bijstand is voor de gemeente een baat, maar landelijk een overdracht: het BUIG-budget "
                "wordt herverdeeld. De verdelingstabel toont beide kanten."));
  if (!bib.assumptions.empty())
    item(F(lang, "{} waarden berusten op aannames zonder (volledige) bron; ze staan onder Bronnen en hun aandeel in de NCW "
                 "onder Plausibiliteit.", bib.assumptions.size()));
  for (const auto& b : s.beperkingen) item(b);
  return h + "</ul>\n</section>\n";
}

std::string bronnen_section(const Bibliography& bib, Lang lang, const std::string& number) {
  std::string h = "<section id=\"bronnen\">\n<h2>" + number + escape(tr(lang, "Bronnen")) + "</h2>\n";
  h += para(tr(lang, "De bronnen van de waarden in dit scenario, met de waarden die ze onderbouwen (volledige lijst en "
                     "toelichting: docs/sources.md van mkba)."));
  h += "<ol class=\"bronnen\">\n";
  for (const auto& ref : bib.references) {
    std::string by;
    for (std::size_t i = 0; i < ref.cited_by.size() && i < 5; ++i) by += (i ? ", " : "") + ref.cited_by[i];
    if (ref.cited_by.size() > 5) by += F(lang, " en {} andere", ref.cited_by.size() - 5);
    h += "<li>" + escape(ref.reference) + " <span class=\"meta\">" + escape(F(lang, "Gebruikt voor: {}.", by)) + "</span></li>\n";
  }
  h += "</ol>\n";
  if (!bib.other.empty()) {
    h += "<h3>" + escape(tr(lang, "Overige bronvermeldingen")) + "</h3>\n<ul>\n";
    for (const auto& [id, src] : bib.other) h += "<li>" + escape(id) + ": " + escape(src) + "</li>\n";
    h += "</ul>\n";
  }
  h += "<h3>" + escape(tr(lang, "Aannames")) + "</h3>\n";
  if (bib.assumptions.empty()) {
    h += para(tr(lang, "Alle waarden hebben een bron."));
  } else {
    h += para(F(lang, "{} waarden hebben geen bron of zijn in hun bron als aanname gemarkeerd ([U]); vervang ze waar mogelijk "
                      "door lokale cijfers:", bib.assumptions.size()));
    std::string list;
    for (const auto& [id, src] : bib.assumptions) list += (list.empty() ? "" : ", ") + id;
    h += "<p class=\"note\" id=\"aannames-lijst\">" + escape(list) + ".</p>\n";
  }
  return h + "</section>\n";
}

// Restores the charts' number locale when the report is done (also on an exception).
struct ChartLocale {
  explicit ChartLocale(Lang lang) { svg::set_english_numbers(lang == Lang::en); }
  ~ChartLocale() { svg::set_english_numbers(false); }
  ChartLocale(const ChartLocale&) = delete;
  ChartLocale& operator=(const ChartLocale&) = delete;
};

}  // namespace

std::string report_table_html(const Table& t, double threshold, const std::string& scope) {
  return table_html(t, threshold, scope);
}


std::string html_report(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, const ReportOptions& o) {
  const Lang lang = o.lang;
  const ChartLocale locale(lang);
  auto L = [&](const std::string& nl) -> std::string { return escape(tr(lang, nl)); };
  const double th = o.threshold;
  const std::string period = o.period.empty() ? s.period : o.period;
  const Stamp stamp = make_stamp(s, o);
  const Bibliography bib = bibliography(s);
  const bool bestand = t.bestand_gemeenten.has_value();
  const std::string title = "MKBA " + s.name + (period.empty() ? "" : " " + period);
  std::string h = std::string("<!DOCTYPE html>\n<html lang=\"") + lang_code(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"generator\" content=\"mkba " + escape(stamp.version) + "\">\n";
  h += "<title>" + escape(title) + "</title>\n";
  h += "<style>\n" + report_style(title, lang) + "</style>\n</head>\n<body>\n";
  h += "<header>\n<h1>" + L("Maatschappelijke kosten-batenanalyse") + "</h1>\n<p class=\"meta\"><strong>" + escape(s.name) + "</strong>";
  if (!period.empty()) h += "<br>" + L("Rapportageperiode") + " " + escape(period);
  h += "<br>" + escape(F(lang, "Prijspeil {}, discontovoet {}, horizon {} jaar vanaf {}", s.prijspeil,
                         percent_text(s.discount_rate, lang), s.time.horizon_years, s.time.start.str())) +
       "</p>\n</header>\n";

  // The main text (numbered) and the bijlagen (lettered), in reading order.
  const std::vector<std::pair<std::string, std::string>> main_sections = {
      {"samenvatting", "Samenvatting"}, {"aanleiding", "Aanleiding en probleemanalyse"}, {"nulalternatief", "Nulalternatief"},
      {"projectalternatieven", "Projectalternatieven"}, {"effecten", "Effecten en waardering"}, {"indicatoren", "Kosten en baten"},
      {"vergelijking", "Saldo"}, {"verdelingstabel", "Verdelingseffecten"}, {"gevoeligheid", "Gevoeligheids- en risicoanalyse"},
      {"pm-posten", "PM-posten"}, {"plausibiliteit", "Plausibiliteit"}, {"beperkingen", "Beperkingen"}, {"bronnen", "Bronnen"}};
  std::map<std::string, std::string> num;
  for (std::size_t i = 0; i < main_sections.size(); ++i) num[main_sections[i].first] = std::to_string(i + 1) + ". ";
  std::vector<std::pair<std::string, std::string>> appendices = {{"aannames", tr(lang, "Technische bijlage: invoer en aannames")}};
  if (bestand) appendices.emplace_back("bestandsanalyse", tr(lang, "Bestandsanalyse"));
  for (const auto& g : t.gemeenten) appendices.emplace_back("bijlage-" + g.slug, g.name);
  auto letter = [](std::size_t i) { return std::string(1, static_cast<char>('A' + static_cast<int>(i % 26))); };
  std::map<std::string, std::string> app_head;
  for (std::size_t i = 0; i < appendices.size(); ++i)
    app_head[appendices[i].first] = tr(lang, "Bijlage") + " " + letter(i) + ": " + appendices[i].second;

  h += "<nav>\n<h2>" + L("Inhoud") + "</h2>\n<ol>\n";
  for (const auto& [id, name] : main_sections) h += "<li><a href=\"#" + id + "\">" + L(name) + "</a></li>\n";
  h += "</ol>\n<ul>\n";
  for (const auto& [id, name] : appendices) h += "<li><a href=\"#" + id + "\">" + escape(app_head[id]) + "</a></li>\n";
  h += "<li><a href=\"#colofon\">" + L("Colofon") + "</a></li>\n</ul>\n</nav>\n";
  auto open = [&](const std::string& id, const std::string& name) {
    h += "<section id=\"" + id + "\">\n<h2>" + num[id] + L(name) + "</h2>\n";
  };

  // 1. Samenvatting: the conclusion in words, the NCW table, the cumulative NCW.
  open("samenvatting", "Samenvatting");
  h += samenvatting_text(s, r, t) + table_html(t.summary, th) + svg::with_id(cumulative_chart(s, r, t), "grafiek-cumulatief");
  h += "</section>\n";

  // 2. Aanleiding en probleemanalyse.
  open("aanleiding", "Aanleiding en probleemanalyse");
  if (!s.aanleiding.empty()) h += para(s.aanleiding);
  {
    const std::size_t n_alt = r.alternatives.size() - 1;
    h += para(F(lang, "De analyse volgt {} personen in het bestand bij de start en de instroom daarna, maand voor maand over {} jaar "
                      "vanaf {}.", count_text(s.start_population(), lang), s.time.horizon_years, s.time.start.str()) +
              " " + (n_alt == 1 ? tr(lang, "Zij vergelijkt één projectalternatief met het nulalternatief.")
                                : F(lang, "Zij vergelijkt {} projectalternatieven met het nulalternatief en met elkaar.", n_alt)));
  }
  if (bestand) h += para(tr(lang, "De samenstelling van het bestand naar kwadrant van de Zelfredzaamheidsmatrix staat in de bijlage Bestandsanalyse."));
  h += "</section>\n";

  // 3. Nulalternatief.
  open("nulalternatief", "Nulalternatief");
  h += para(F(lang, "Het nulalternatief is {}: de meest waarschijnlijke ontwikkeling zonder het nieuwe beleid (niet \"niets doen\"). "
                    "Alle effecten in dit rapport zijn verschillen met dit alternatief.", r.alternatives[0].label));
  if (!s.alternatives.empty() && !s.alternatives[0].description.empty()) h += para(s.alternatives[0].description);
  h += "</section>\n";

  // 4. Projectalternatieven.
  open("projectalternatieven", "Projectalternatieven");
  for (std::size_t a = 1; a < s.alternatives.size(); ++a) {
    const auto& alt = s.alternatives[a];
    h += "<h3>" + escape(alt.label) + "</h3>\n";
    if (!alt.description.empty()) h += para(alt.description);
    if (alt.extends > 0 && static_cast<std::size_t>(alt.extends) < s.alternatives.size())
      h += "<p class=\"note\">" + escape(F(lang, "Bouwt voort op {}: diens wijzigingen gelden ook hier.", s.alternatives[static_cast<std::size_t>(alt.extends)].label)) + "</p>\n";
  }
  h += table_html(t.overlays, th) + "</section>\n";

  // 5. Effecten en waardering.
  open("effecten", "Effecten en waardering");
  h += para(F(lang, "Ieder effect is gewaardeerd in euro's van {} per persoon per maand in een toestand of per overgang, en "
                    "verdisconteerd met {} per jaar. Reële effecten (productie, begeleiding, zorg, kwaliteit van leven) tellen "
                    "voor de maatschappij; overdrachten (uitkeringen, subsidies, belastingen) verschuiven alleen geld tussen "
                    "partijen. De {} gewaardeerde effecten staan met bedrag en bron in de technische bijlage, met het aantal personen per "
                    "toestand in ieder alternatief.",
              s.prijspeil, percent_text(s.discount_rate, lang), s.effects.size()));
  h += table_html(effects_by_category(t, r), th);
  h += "</section>\n";

  // 6. Kosten en baten (the indicators).
  open("indicatoren", "Kosten en baten");
  h += table_html(t.indicators, th);
  if (r.psa.empty())
    h += "<p class=\"note\">" + L("Deterministische berekening: intervallen (P5-P95) verschijnen zodra een probabilistische "
                                  "gevoeligheidsanalyse is gedraaid (simulation.iterations of --iterations groter dan 1).") + "</p>\n";
  else
    h += "<p class=\"note\">" + escape(F(lang, "P5-P95: het 5e en 95e percentiel over {} iteraties van de probabilistische "
                                               "gevoeligheidsanalyse (PSA).", r.psa.size())) + "</p>\n";
  h += "</section>\n";

  // 7. Saldo.
  open("vergelijking", "Saldo");
  {
    const Conclusion c = conclude(conclusion_input(t, r.alternatives[0].label, project_labels(r)), lang);
    h += para(c.headline);
  }
  h += table_html(t.comparison, th);
  if (t.pairwise) h += table_html(*t.pairwise, th);
  h += "</section>\n";

  // 8. Verdelingseffecten.
  open("verdelingstabel", "Verdelingseffecten");
  h += "<p>" + L("Wie betaalt en wie wint: de effecten per stakeholder en categorie, als verschil tussen het projectalternatief en "
                 "het nulalternatief. Overdrachten (uitkeringen, subsidies, belastingen) tellen voor de maatschappij op tot nul; "
                 "de kolom Maatschappij bevat daarmee alleen de reële effecten.") + "</p>\n";
  for (std::size_t i = 0; i < t.verdeling.size(); ++i)
    h += table_html(t.verdeling[i], th) + half(svg::with_id(verdeling_chart(t.verdeling[i]), "grafiek-verdeling-" + std::to_string(i + 1)));
  if (t.werkbedrijf) h += table_html(*t.werkbedrijf, th);
  h += "</section>\n";

  // 9. - 13.
  h += gevoeligheid_section(s, r, t, th, num["gevoeligheid"]);
  h += pm_section(s, r, lang, num["pm-posten"]);
  h += plausibility_section(s, r, t, num["plausibiliteit"]);
  h += beperkingen_section(s, r, bib, lang, num["beperkingen"]);
  h += bronnen_section(bib, lang, num["bronnen"]);

  // Bijlagen: the full listings.
  h += "<div class=\"bijlagen\">\n<section id=\"aannames\">\n<h2>" + escape(app_head["aannames"]) + "</h2>\n" + table_html(t.settings, th) +
       table_html(t.effects, th);
  if (!t.parameters.rows.empty()) h += table_html(t.parameters, th);
  h += table_html(t.matrix, th);
  if (t.tornado && !t.tornado->rows.empty()) h += table_html(*t.tornado, th);
  h += occupancy_charts(s, r, t);
  h += "</section>\n";

  if (bestand) {
    h += "<section id=\"bestandsanalyse\">\n<h2>" + escape(app_head["bestandsanalyse"]) + "</h2>\n<p>" +
         L("De samenstelling van het bestand bij de start, naar kwadrant van de Zelfredzaamheidsmatrix (ZRM). Aantallen onder "
           "de onthullingsdrempel staan als <10; cellen waaruit die via de totalen af te leiden zijn als x.") + "</p>\n";
    h += table_html(*t.bestand_gemeenten, th) + bestand_chart(*t.bestand_gemeenten) + table_html(*t.bestand_toestanden, th);
    h += "</section>\n";
  }

  for (const auto& app : t.gemeenten) {
    const std::string id = "bijlage-" + app.slug;
    h += "<section id=\"" + escape(id) + "\">\n<h2>" + escape(app_head[id]) + "</h2>\n";
    for (const auto& v : app.verdeling) h += table_html(v, th, app.slug);
    for (const auto& occ : app.occupancy) h += table_html(occ, th, app.slug);
    h += "</section>\n";
  }

  h += t.semester_html;  // realisatie and prognose (report/semester.hpp), empty without a realisatie
  h += "<section id=\"colofon\">\n<h2>" + L("Colofon") + "</h2>\n<table id=\"stempel\" class=\"kort\">\n<caption>" + L("Reproduceerbaarheid") +
       "</caption>\n<tbody>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + L(k) + "</th><td>" + escape(v) + "</td></tr>\n";
  };
  row("Programma", "mkba " + stamp.version);
  row("Git-commit", stamp.git_commit);
  row("Rekenwijze", tr(lang, r.mode == analysis::Mode::cohort ? "cohort" : "microsimulatie"));
  row("Seed", std::to_string(r.seed));
  row("Gesimuleerde personen", std::to_string(r.simulated_persons));
  row("Iteraties", std::to_string(r.psa.empty() ? 1 : r.psa.size()));
  row("Threads", std::to_string(o.threads));
  row("Onthullingsdrempel", fixed(th, 0, Style::csv_plain) + tr(lang, " personen"));
  row("Onderdrukte cellen", F(lang, "{} (waarvan {} primair)", t.suppressed_cells, t.primary_cells));
  h += "</tbody>\n</table>\n";
  h += "<table id=\"invoerbestanden\" class=\"kort\">\n<caption>" + L("Invoerbestanden (SHA-256)") + "</caption>\n<thead><tr><th>" + L("Rol") +
       "</th><th>" + L("Bestand") + "</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
  if (stamp.inputs.empty()) h += "<tr><td>-</td><td>" + L("scenario in het geheugen (geen bestand)") + "</td><td>-</td></tr>\n";
  for (const auto& in : stamp.inputs)
    h += "<tr><td>" + L(in.role) + "</td><td>" + escape(in.file) + "</td><td class=\"hash\">" + escape(in.sha256) + "</td></tr>\n";
  h += "</tbody>\n</table>\n<p class=\"note\">" + L("De looptijd en de SHA-256 van ieder geschreven bestand staan in manifest.json.") +
       "</p>\n</section>\n</div>\n</body>\n</html>\n";
  return h;
}

}  // namespace mkba::report
