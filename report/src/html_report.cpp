// The HTML report (Dutch by default, or English). Sections in the order a council paper reads
// them: samenvatting, verdelingstabel, indicatoren, vergelijking, gevoeligheid, aannames,
// bestandsanalyse (a caseload from a screening file), bijlagen per gemeente, colofon.
#include <mkba/report/html_report.hpp>
#include <mkba/report/manifest.hpp>

#include "number_format.hpp"
#include "svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

using svg::escape;

constexpr const char* kStyle = R"(@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 18pt; margin-bottom: 2mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 8mm; }
h3 { font-size: 11pt; margin-top: 5mm; }
table { border-collapse: collapse; margin: 2mm 0; font-size: 8.5pt; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border-bottom: 1px solid #ddd; padding: 1mm 2mm; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td, tr.total th, td.total { font-weight: bold; }
thead th { border-bottom: 1px solid #666; text-align: right; }
thead th:first-child, tbody th { text-align: left; }
p.note { font-size: 8pt; color: #555; margin-top: 0; }
figure.chart { margin: 3mm 0; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: 8pt; color: #555; }
section.bijlage { page-break-before: always; }
nav ol { columns: 2; }
td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; }
th.interval, td.interval, span.interval { color: #555; }
span.interval { font-size: 6.5pt; font-weight: normal; white-space: normal; }
table.wide { font-size: 7.5pt; }
table.wide th, table.wide td { padding: 0.8mm 1mm; }
.meta { color: #555; }
)";

std::string legend_text(double threshold, Lang lang) {
  return fmt::format(fmt::runtime(tr(lang, "&lt;{0}: minder dan {0} personen; x: niet gepubliceerd (afgeleid van minder "
                                           "dan {0} personen, of af te leiden uit totalen).")),
                     fixed(threshold, 0, Style::csv_plain));
}

// `scope` keeps element ids unique: the same table appears for the region and for each gemeente.
std::string table_html(const Table& t, double threshold, const std::string& scope = "regio") {
  const Style style = display_style(t.lang);
  // A wide table (the verdelingstabel: eight stakeholders) does not fit A4 with an interval column
  // next to every column: there the interval goes under the value, in the same cell.
  std::size_t n_intervals = 0;
  for (std::size_t c = 0; c < t.columns.size(); ++c) n_intervals += t.column_has_interval(c) ? 1 : 0;
  const bool in_cell = t.columns.size() + n_intervals > 7;
  std::string out = "<table id=\"tabel-" + escape(scope) + "-" + escape(t.id) + (in_cell ? "\" class=\"wide" : "") + "\">\n<caption>" + escape(t.title) + "</caption>\n<thead><tr><th>" +
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
    const auto& v = r.alternatives[a].valued;
    svg::Series one{r.alternatives[a].label, {}};
    double run = 0;
    for (int tt = 0; tt < v.n_cycles; ++tt) {
      for (int g = 0; g < v.n_gemeenten; ++g)
        for (int k = 0; k < v.n_stakeholders; ++k)
          for (int c = 0; c < v.n_categories; ++c) run += v.money[v.money_index(tt, g, k, c)];
      one.values.push_back(run);
    }
    series.push_back(std::move(one));
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

std::string samenvatting_text(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  const Lang lang = t.lang;
  std::string out = "<p>" + escape(s.description) + "</p>\n<ul>\n";
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const Cell& diff = t.summary.cells[a][1];
    if (diff.suppressed) {
      out += "<li>" + escape(r.alternatives[a].label) + tr(lang, ": het verschil met het nulalternatief is niet gepubliceerd.") + "</li>\n";
      continue;
    }
    out += "<li>" + escape(fmt::format(fmt::runtime(tr(lang, "{}: de netto contante waarde voor de maatschappij is {} euro {} dan in het nulalternatief ({})")),
                                       r.alternatives[a].label, euro_text(std::abs(diff.value), lang),
                                       tr(lang, diff.value >= 0 ? "hoger" : "lager"), r.alternatives[0].label));
    if (a - 1 < t.ncw_draws.size() && !t.ncw_draws[a - 1].empty()) {
      const auto& d = t.ncw_draws[a - 1];
      const double p = static_cast<double>(std::count_if(d.begin(), d.end(), [](double x) { return x > 0; })) / static_cast<double>(d.size());
      out += escape(fmt::format(fmt::runtime(tr(lang, "; de kans dat het verschil positief is, is {} ({} iteraties)")),
                                fixed(p, 2, display_style(lang)), d.size()));
    }
    out += ".</li>\n";
  }
  out += "</ul>\n";
  return out;
}

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
    h += svg::with_id(svg::histogram(title, tr(lang, "NCW-verschil in euro"), tr(lang, "iteraties"), d, pp, bins),
                      "grafiek-ncw-verdeling-" + std::to_string(a));
  }
  return h;
}

std::string gevoeligheid_section(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, double th) {
  const Lang lang = t.lang;
  std::string h = "<section id=\"gevoeligheid\">\n<h2>5. " + std::string(tr(lang, "Gevoeligheid")) + "</h2>\n";
  if (t.rates) h += table_html(*t.rates, th);
  if (t.tornado) {
    h += "<p>" + escape(tr(lang, "Eenzijdige gevoeligheidsanalyse: hoe ver het NCW-verschil verschuift als een onzekere "
                                 "parameter op zijn 5e of 95e percentiel staat en de rest op de basiswaarde.")) + "</p>\n";
    const std::size_t A = r.alternatives.size();
    for (std::size_t a = 1; a < A && !t.tornado->rows.empty(); ++a) {
      std::vector<double> low, high;
      std::vector<bool> hidden;
      for (const auto& row : t.tornado->cells) {
        low.push_back(row[2 + 2 * (a - 1)].value);
        high.push_back(row[3 + 2 * (a - 1)].value);
        hidden.push_back(row[2 + 2 * (a - 1)].suppressed);
      }
      const double base = t.summary.cells[a][1].suppressed ? 0.0 : t.summary.cells[a][1].value;
      const std::string title = fmt::format(fmt::runtime(tr(lang, "Tornado: NCW maatschappij, {} minus nulalternatief, per parameter op P5 en P95")),
                                            r.alternatives[a].label);
      h += svg::with_id(svg::tornado(title, tr(lang, "NCW-verschil in euro"), t.tornado->rows, low, high, base, hidden,
                                     tr(lang, "parameter op P5"), tr(lang, "parameter op P95"), tr(lang, "x (niet gepubliceerd)")),
                        a == 1 ? std::string("grafiek-tornado") : "grafiek-tornado-" + std::to_string(a));
    }
    if (t.tornado->rows.empty())
      h += "<p class=\"note\">" + escape(tr(lang, "Het scenario heeft geen onzekere parameters: er is geen tornado.")) + "</p>\n";
    else
      h += table_html(*t.tornado, th);
  } else {
    bool uncertain = std::any_of(s.parameters.begin(), s.parameters.end(),
                                 [](const ParameterSpec& p) { return p.distribution != Distribution::fixed; });
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

// Restores the charts' number locale when the report is done (also on an exception).
struct ChartLocale {
  explicit ChartLocale(Lang lang) { svg::set_english_numbers(lang == Lang::en); }
  ~ChartLocale() { svg::set_english_numbers(false); }
  ChartLocale(const ChartLocale&) = delete;
  ChartLocale& operator=(const ChartLocale&) = delete;
};

}  // namespace

std::string html_report(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, const ReportOptions& o) {
  const Lang lang = o.lang;
  const ChartLocale locale(lang);
  auto L = [&](const std::string& nl) -> std::string { return escape(tr(lang, nl)); };
  const double th = o.threshold;
  const std::string period = o.period.empty() ? s.period : o.period;
  const Stamp stamp = make_stamp(s, o);
  std::string h = std::string("<!DOCTYPE html>\n<html lang=\"") + lang_code(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"generator\" content=\"mkba " + escape(stamp.version) + "\">\n";
  h += "<title>MKBA " + escape(s.name) + (period.empty() ? "" : " " + escape(period)) + "</title>\n";
  h += std::string("<style>\n") + kStyle + "</style>\n</head>\n<body>\n";
  h += "<header>\n<h1>" + L("Maatschappelijke kosten-batenanalyse") + "</h1>\n<p class=\"meta\"><strong>" + escape(s.name) + "</strong>";
  if (!period.empty()) h += "<br>" + L("Rapportageperiode") + " " + escape(period);
  h += "<br>" + escape(fmt::format(fmt::runtime(tr(lang, "Prijspeil {}, discontovoet {}, horizon {} jaar vanaf {}")), s.prijspeil,
                                   percent_text(s.discount_rate, lang), s.time.horizon_years, s.time.start.str())) +
       "</p>\n</header>\n";

  const bool bestand = t.bestand_gemeenten.has_value();
  h += "<nav>\n<h2>" + L("Inhoud") + "</h2>\n<ol>\n";
  for (const auto& [id, title] : std::vector<std::pair<std::string, std::string>>{
           {"samenvatting", "Samenvatting"}, {"verdelingstabel", "Verdelingstabel"}, {"indicatoren", "Indicatoren"},
           {"vergelijking", "Vergelijking van alternatieven"}, {"gevoeligheid", "Gevoeligheid"}, {"aannames", "Aannames"}})
    h += "<li><a href=\"#" + id + "\">" + L(title) + "</a></li>\n";
  if (bestand) h += "<li><a href=\"#bestandsanalyse\">" + L("Bestandsanalyse") + "</a></li>\n";
  for (const auto& g : t.gemeenten)
    h += "<li><a href=\"#bijlage-" + escape(g.slug) + "\">" + L("Bijlage") + " " + escape(g.name) + "</a></li>\n";
  h += "<li><a href=\"#colofon\">" + L("Colofon") + "</a></li>\n</ol>\n</nav>\n";

  h += "<section id=\"samenvatting\">\n<h2>1. " + L("Samenvatting") + "</h2>\n" + samenvatting_text(s, r, t) + table_html(t.summary, th);
  h += svg::with_id(cumulative_chart(s, r, t), "grafiek-cumulatief") + ncw_distribution_charts(r, t) + "</section>\n";

  h += "<section id=\"verdelingstabel\">\n<h2>2. " + L("Verdelingstabel") + "</h2>\n<p>" +
       L("Wie betaalt en wie wint: de effecten per stakeholder en categorie, als verschil tussen het projectalternatief en "
         "het nulalternatief. Overdrachten (uitkeringen, subsidies, belastingen) tellen voor de maatschappij op tot nul; "
         "de kolom Maatschappij bevat daarmee alleen de reele effecten.") + "</p>\n";
  for (std::size_t i = 0; i < t.verdeling.size(); ++i)
    h += table_html(t.verdeling[i], th) + svg::with_id(verdeling_chart(t.verdeling[i]), "grafiek-verdeling-" + std::to_string(i + 1));
  h += "</section>\n";

  h += "<section id=\"indicatoren\">\n<h2>3. " + L("Indicatoren") + "</h2>\n" + table_html(t.indicators, th);
  if (r.psa.empty())
    h += "<p class=\"note\">" + L("Deterministische berekening: intervallen (P5-P95) verschijnen zodra een probabilistische "
                                  "gevoeligheidsanalyse is gedraaid (simulation.iterations of --iterations groter dan 1).") + "</p>\n";
  else
    h += "<p class=\"note\">" + escape(fmt::format(fmt::runtime(tr(lang, "P5-P95: het 5e en 95e percentiel over {} iteraties van de "
                                                                        "probabilistische gevoeligheidsanalyse (PSA).")), r.psa.size())) + "</p>\n";
  h += "</section>\n";

  h += "<section id=\"vergelijking\">\n<h2>4. " + L("Vergelijking van alternatieven") + "</h2>\n" + table_html(t.comparison, th);
  if (t.pairwise) h += table_html(*t.pairwise, th);
  double y_max = 0;  // one scale for every alternative, so the charts compare at a glance
  for (const auto& occ : t.occupancy)
    for (const auto& row : occ.cells) {
      double sum = 0;
      for (std::size_t st = 0; st < s.states.size(); ++st)
        if (s.states[st].kind != StateKind::absorbing && !row[st].suppressed) sum += row[st].value;
      y_max = std::max(y_max, sum);
    }
  for (std::size_t a = 0; a < t.occupancy.size(); ++a)
    h += svg::with_id(occupancy_chart(s, t.occupancy[a], tr(lang, "Personen per toestand (regio, zonder uitstroom): ") + r.alternatives[a].label,
                                      y_max, lang),
                      "grafiek-bezetting-" + std::to_string(a));
  h += "</section>\n";

  h += gevoeligheid_section(s, r, t, th);

  h += "<section id=\"aannames\">\n<h2>6. " + L("Aannames") + "</h2>\n" + table_html(t.settings, th) + table_html(t.effects, th);
  if (!t.parameters.rows.empty()) h += table_html(t.parameters, th);
  h += table_html(t.matrix, th) + table_html(t.overlays, th) + "</section>\n";

  if (bestand) {
    h += "<section id=\"bestandsanalyse\">\n<h2>7. " + L("Bestandsanalyse") + "</h2>\n<p>" +
         L("De samenstelling van het bestand bij de start, naar kwadrant van de Zelfredzaamheidsmatrix (ZRM). Aantallen onder "
           "de onthullingsdrempel staan als <10; cellen waaruit die via de totalen af te leiden zijn als x.") + "</p>\n";
    h += table_html(*t.bestand_gemeenten, th) + bestand_chart(*t.bestand_gemeenten) + table_html(*t.bestand_toestanden, th);
    h += "</section>\n";
  }

  for (std::size_t g = 0; g < t.gemeenten.size(); ++g) {
    const auto& app = t.gemeenten[g];
    h += "<section class=\"bijlage\" id=\"bijlage-" + escape(app.slug) + "\">\n<h2>" + L("Bijlage") + " " +
         std::string(1, static_cast<char>('A' + static_cast<int>(g % 26))) + ": " + escape(app.name) + "</h2>\n";
    for (const auto& v : app.verdeling) h += table_html(v, th, app.slug);
    for (const auto& occ : app.occupancy) h += table_html(occ, th, app.slug);
    h += "</section>\n";
  }

  h += t.semester_html;  // realisatie and prognose (report/semester.hpp), empty without a realisatie
  h += "<section id=\"colofon\">\n<h2>" + L("Colofon") + "</h2>\n<table id=\"stempel\">\n<caption>" + L("Reproduceerbaarheid") +
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
  row("Onderdrukte cellen", fmt::format(fmt::runtime(tr(lang, "{} (waarvan {} primair)")), t.suppressed_cells, t.primary_cells));
  h += "</tbody>\n</table>\n";
  h += "<table id=\"invoerbestanden\">\n<caption>" + L("Invoerbestanden (SHA-256)") + "</caption>\n<thead><tr><th>" + L("Rol") +
       "</th><th>" + L("Bestand") + "</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
  if (stamp.inputs.empty()) h += "<tr><td>-</td><td>" + L("scenario in het geheugen (geen bestand)") + "</td><td>-</td></tr>\n";
  for (const auto& in : stamp.inputs)
    h += "<tr><td>" + L(in.role) + "</td><td>" + escape(in.file) + "</td><td class=\"hash\">" + escape(in.sha256) + "</td></tr>\n";
  h += "</tbody>\n</table>\n<p class=\"note\">" + L("De looptijd en de SHA-256 van ieder geschreven bestand staan in manifest.json.") +
       "</p>\n</section>\n</body>\n</html>\n";
  return h;
}

}  // namespace mkba::report
