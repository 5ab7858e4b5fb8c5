// The Dutch HTML report. Sections in the order a council paper reads them: samenvatting,
// verdelingstabel, indicatoren, vergelijking, aannames, bijlagen per gemeente, colofon.
#include <mkba/report/html_report.hpp>
#include <mkba/report/manifest.hpp>

#include "number_format.hpp"
#include "svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>

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
.meta { color: #555; }
)";

// `scope` keeps element ids unique: the same table appears for the region and for each gemeente.
std::string table_html(const Table& t, double threshold, const std::string& scope = "regio") {
  std::string out = "<table id=\"tabel-" + escape(scope) + "-" + escape(t.id) + "\">\n<caption>" + escape(t.title) + "</caption>\n<thead><tr><th>" +
                    escape(t.corner) + "</th>";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    out += "<th>" + escape(t.columns[c]) + "</th>";
    if (t.column_has_interval(c)) out += "<th>P5-P95</th>";
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
      out += (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">") + escape(cell_text(cell, threshold, Style::display)) + "</td>";
      if (t.column_has_interval(c)) out += "<td class=\"num\">" + escape(interval_text(cell, threshold, Style::display)) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!t.note.empty()) out += "<p class=\"note\">" + escape(t.note) + "</p>\n";
  if (suppressed)
    out += fmt::format("<p class=\"note\">&lt;{0}: minder dan {0} personen; x: niet gepubliceerd (afgeleid van minder "
                       "dan {0} personen, of af te leiden uit totalen).</p>\n",
                       fixed(threshold, 0, Style::csv_plain));
  return out;
}

// Persons per state over the years, from a table (suppressed cells are not drawn).
std::string occupancy_chart(const Scenario& s, const Table& t, const std::string& title, double y_max) {
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
  return svg::stacked_area(title, "personen", labels, series, y_max);
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
  return svg::lines("Cumulatieve NCW voor de maatschappij per alternatief (euro)", "euro", ticks, per_year, series);
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
  return svg::bars("NCW per stakeholder: " + t.title.substr(t.title.find(':') + 2), "euro", labels, values, hidden);
}

std::string samenvatting_text(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, double threshold) {
  std::string out = "<p>" + escape(s.description) + "</p>\n<ul>\n";
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const Cell& diff = t.summary.cells[a][1];
    if (diff.suppressed) {
      out += "<li>" + escape(r.alternatives[a].label) + ": het verschil met het nulalternatief is niet gepubliceerd.</li>\n";
      continue;
    }
    out += fmt::format("<li>{}: de netto contante waarde voor de maatschappij is {} euro {} dan in het nulalternatief ({}).</li>\n",
                       escape(r.alternatives[a].label), escape(euro_nl(std::abs(diff.value))),
                       diff.value >= 0 ? "hoger" : "lager", escape(r.alternatives[0].label));
  }
  out += "</ul>\n";
  (void)threshold;
  return out;
}

}  // namespace

std::string html_report(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, const ReportOptions& o) {
  const double th = o.threshold;
  const std::string period = o.period.empty() ? s.period : o.period;
  const Stamp stamp = make_stamp(s, o);
  std::string h = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"generator\" content=\"mkba " + escape(stamp.version) + "\">\n";
  h += "<title>MKBA " + escape(s.name) + (period.empty() ? "" : " " + escape(period)) + "</title>\n";
  h += std::string("<style>\n") + kStyle + "</style>\n</head>\n<body>\n";
  h += "<header>\n<h1>Maatschappelijke kosten-batenanalyse</h1>\n<p class=\"meta\"><strong>" + escape(s.name) + "</strong>";
  if (!period.empty()) h += "<br>Rapportageperiode " + escape(period);
  h += fmt::format("<br>Prijspeil {}, discontovoet {}, horizon {} jaar vanaf {}</p>\n</header>\n", s.prijspeil,
                   escape(percent_nl(s.discount_rate)), s.time.horizon_years, escape(s.time.start.str()));

  h += "<nav>\n<h2>Inhoud</h2>\n<ol>\n<li><a href=\"#samenvatting\">Samenvatting</a></li>\n"
       "<li><a href=\"#verdelingstabel\">Verdelingstabel</a></li>\n<li><a href=\"#indicatoren\">Indicatoren</a></li>\n"
       "<li><a href=\"#vergelijking\">Vergelijking van alternatieven</a></li>\n<li><a href=\"#aannames\">Aannames</a></li>\n";
  for (const auto& g : t.gemeenten)
    h += "<li><a href=\"#bijlage-" + escape(g.slug) + "\">Bijlage " + escape(g.name) + "</a></li>\n";
  h += "<li><a href=\"#colofon\">Colofon</a></li>\n</ol>\n</nav>\n";

  h += "<section id=\"samenvatting\">\n<h2>1. Samenvatting</h2>\n" + samenvatting_text(s, r, t, th) + table_html(t.summary, th);
  h += cumulative_chart(s, r, t) + "</section>\n";

  h += "<section id=\"verdelingstabel\">\n<h2>2. Verdelingstabel</h2>\n<p>Wie betaalt en wie wint: de effecten per "
       "stakeholder en categorie, als verschil tussen het projectalternatief en het nulalternatief. Overdrachten "
       "(uitkeringen, subsidies, belastingen) tellen voor de maatschappij op tot nul; de kolom Maatschappij bevat "
       "daarmee alleen de reele effecten.</p>\n";
  for (const auto& v : t.verdeling) h += table_html(v, th) + verdeling_chart(v);
  h += "</section>\n";

  h += "<section id=\"indicatoren\">\n<h2>3. Indicatoren</h2>\n" + table_html(t.indicators, th);
  if (r.mode == analysis::Mode::cohort || s.iterations <= 1)
    h += "<p class=\"note\">Deterministische berekening: intervallen (P5-P95) verschijnen zodra een probabilistische "
         "gevoeligheidsanalyse is gedraaid.</p>\n";
  h += "</section>\n";

  h += "<section id=\"vergelijking\">\n<h2>4. Vergelijking van alternatieven</h2>\n" + table_html(t.comparison, th);
  if (t.pairwise) h += table_html(*t.pairwise, th);
  double y_max = 0;  // one scale for every alternative, so the charts compare at a glance
  for (const auto& occ : t.occupancy)
    for (std::size_t row = 0; row < occ.cells.size(); ++row) {
      double sum = 0;
      for (std::size_t st = 0; st < s.states.size(); ++st)
        if (s.states[st].kind != StateKind::absorbing && !occ.cells[row][st].suppressed) sum += occ.cells[row][st].value;
      y_max = std::max(y_max, sum);
    }
  for (std::size_t a = 0; a < t.occupancy.size(); ++a)
    h += occupancy_chart(s, t.occupancy[a], "Personen per toestand (regio, zonder uitstroom): " + r.alternatives[a].label, y_max);
  h += "</section>\n";

  h += "<section id=\"aannames\">\n<h2>5. Aannames</h2>\n" + table_html(t.settings, th) + table_html(t.effects, th) +
       table_html(t.matrix, th) + table_html(t.overlays, th) + "</section>\n";

  for (std::size_t g = 0; g < t.gemeenten.size(); ++g) {
    const auto& app = t.gemeenten[g];
    h += "<section class=\"bijlage\" id=\"bijlage-" + escape(app.slug) + "\">\n<h2>Bijlage " +
         std::string(1, static_cast<char>('A' + static_cast<int>(g % 26))) + ": " + escape(app.name) + "</h2>\n";
    for (const auto& v : app.verdeling) h += table_html(v, th, app.slug);
    for (const auto& occ : app.occupancy) h += table_html(occ, th, app.slug);
    h += "</section>\n";
  }

  h += "<section id=\"colofon\">\n<h2>Colofon</h2>\n<table id=\"stempel\">\n<caption>Reproduceerbaarheid</caption>\n<tbody>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>\n";
  };
  row("Programma", "mkba " + stamp.version);
  row("Git-commit", stamp.git_commit);
  row("Scenariobestand", stamp.scenario_file.empty() ? "-" : stamp.scenario_file);
  row("SHA-256 scenario", stamp.scenario_sha256.empty() ? "-" : stamp.scenario_sha256);
  row("Rekenwijze", r.mode == analysis::Mode::cohort ? "cohort" : "microsimulatie");
  row("Seed", std::to_string(r.seed));
  row("Gesimuleerde personen", std::to_string(r.simulated_persons));
  row("Iteraties", std::to_string(s.iterations));
  row("Threads", std::to_string(o.threads));
  row("Onthullingsdrempel", fixed(th, 0, Style::csv_plain) + " personen");
  row("Onderdrukte cellen", fmt::format("{} (waarvan {} primair)", t.suppressed_cells, t.primary_cells));
  h += "</tbody>\n</table>\n<p class=\"note\">De looptijd en de SHA-256 van ieder bestand staan in manifest.json.</p>\n"
       "</section>\n</body>\n</html>\n";
  return h;
}

}  // namespace mkba::report
