// `mkba dashboard`: successive screening extracts -> one self-contained HTML page (issue 18).
#include "commands.hpp"

#include <mkba/models/bestand.hpp>
#include <mkba/models/bestand_series.hpp>
#include <mkba/models/dashboard_data.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/report/dashboard.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <numeric>
#include <sstream>

#ifndef MKBA_CHART_JS
#define MKBA_CHART_JS "/usr/share/javascript/chart.js/chart.min.js"
#endif

namespace mkba::cli {

namespace {
struct DashboardArgs {
  std::vector<std::string> files;
  std::string out;
  std::vector<std::string> gemeenten;
  std::vector<std::string> states;
  std::string chart_js = MKBA_CHART_JS;
  std::string episodes;
  std::string realisatie;
  bool no_charts = false;
};

std::string read_chart_js(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw UsageError(fmt::format("--chart-js: cannot read '{}': install Debian's libjs-chart.js (scripts/setup.sh), "
                                 "pass the file with --chart-js, or use --no-charts", path));
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.find("</script") != std::string::npos)
    throw UsageError(fmt::format("--chart-js: '{}' contains '</script' and cannot be inlined into the page", path));
  return text;
}

int dashboard(const DashboardArgs& a) {
  ScreeningReadOptions ro;
  ro.gemeenten = a.gemeenten.empty() ? region_gemeenten() : a.gemeenten;
  ro.states = a.states.empty() ? default_screening_states() : a.states;
  ro.reference = today_utc();
  const std::string chart_js = a.no_charts ? std::string() : read_chart_js(a.chart_js);

  struct Extract {
    ScreeningData data;
    CalendarDate peildatum;
  };
  std::vector<Extract> ex;
  for (const auto& f : a.files) {
    ScreeningData d = read_screening_csv(f, ro);
    if (d.records.empty()) throw DataError(fmt::format("{}: the extract has no rows, so it has no peildatum", f));
    // The peildatum of an extract is its latest screening, as in `mkba bestand` without --peildatum.
    const CalendarDate p = std::max_element(d.records.begin(), d.records.end(), [](const auto& x, const auto& y) {
                             return x.screened < y.screened;
                           })->screened;
    ex.push_back({std::move(d), p});
  }
  std::stable_sort(ex.begin(), ex.end(), [](const Extract& x, const Extract& y) { return x.peildatum < y.peildatum; });
  for (std::size_t i = 1; i < ex.size(); ++i)
    if (!(ex[i - 1].peildatum < ex[i].peildatum))
      throw DataError(fmt::format("{} and {}: both extracts have peildatum {} (their latest screening); each extract "
                                  "must describe a different date", ex[i - 1].data.file, ex[i].data.file, ex[i].peildatum.str()));

  report::DashboardInput in;
  for (std::size_t i = 0; i < ex.size(); ++i) {
    BestandOptions bo;
    bo.peildatum = ex[i].peildatum;
    in.extracts.push_back(bestandsanalyse(ex[i].data, bo));
    in.details.push_back(extract_detail(ex[i].data, bo.rule, ex[i].peildatum));
    if (i > 0)
      in.transitions.push_back(kwadrant_transitions(ex[i - 1].data, ex[i].data, in.extracts.back().rule, ex[i - 1].peildatum,
                                                    ex[i].peildatum));
  }
  if (!a.episodes.empty()) {
    // Episodes up to the latest peildatum's month (later months are refused, running spells are
    // censored there); gemeente and kwadrant from each person's latest extract.
    EpisodeReadOptions eo;
    eo.states = ro.states;
    eo.extraction = ex.back().peildatum.year_month();
    const EpisodeData ep = read_episodes_csv(a.episodes, eo);
    std::vector<const ScreeningData*> datas;
    for (const auto& e : ex) datas.push_back(&e.data);
    const EpisodePersons who = episode_persons(ep, datas, in.extracts.front().rule);
    const int G = static_cast<int>(ro.gemeenten.size());
    in.outcomes = episode_outcomes(ep, who, G);
    if (who.without_screening > 0)
      std::fputs(fmt::format("{}: {} van de {} personen staan in geen van de extracten en tellen niet mee\n", a.episodes,
                             who.without_screening, ep.ids.size()).c_str(), stdout);
    in.stocks = monthly_stocks(ep, who, G, ex.front().peildatum.year_month(), eo.extraction);
  }
  if (!a.realisatie.empty()) {
    // Realised monthly figures, read strictly with the extracts' gemeenten and states: a gemeente or
    // state the extracts do not know is refused with its row (exit 2, nothing written).
    RealisatieReadOptions rr;
    rr.gemeenten = ro.gemeenten;
    rr.states = ro.states;
    in.realisatie = report::realisatie_figures(read_realisatie_csv(a.realisatie, rr));
  }
  const std::string out = a.out.empty() ? std::string("out/dashboard") : a.out;
  report::write_all(out, {{"dashboard.html", report::dashboard_html(in, chart_js)}});
  std::fputs(fmt::format("Dashboard van {} extract(en) ({} tot en met {}) geschreven naar {}/dashboard.html{}\n", ex.size(),
                         ex.front().peildatum.str(), ex.back().peildatum.str(), out,
                         chart_js.empty() ? " (zonder grafieken)" : "").c_str(), stdout);
  return 0;
}
}  // namespace

void add_dashboard(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<DashboardArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dashboard", "Successive screening extracts (and pathway episodes) -> one offline HTML page: caseload per gemeente "
                   "x kwadrant over time, movement between kwadranten, ZRM domain scores, screening coverage, outcomes per "
                   "instrument x kwadrant, realised monthly figures, monthly and quarterly summaries (docs/dashboard.md)");
  cmd->footer(R"(Examples:
  mkba synth --series 4 --out out/series
  mkba dashboard out/series/*.csv --out out/dashboard
  mkba dashboard out/series/*.csv --episodes episodes.csv --out out/dashboard
  mkba dashboard out/series/*.csv --realisatie realisatie.csv --out out/dashboard
  (episodes from mkba synth-episodes: docs/dashboard.md))");
  cmd->add_option("extracts", args->files, "Screening extracts (CSV, see docs/data-formats.md), any order")->required();
  cmd->add_option("--out", args->out, "Output directory (default: out/dashboard); the page is dashboard.html");
  cmd->add_option("--gemeenten", args->gemeenten, "Allowed gemeenten (default: the six of the region)")->delimiter(',');
  cmd->add_option("--states", args->states, "Allowed states (default: as mkba bestand)")->delimiter(',');
  cmd->add_option("--chart-js", args->chart_js, "Chart.js to inline (default: Debian libjs-chart.js, " MKBA_CHART_JS ")");
  cmd->add_option("--episodes", args->episodes,
                  "Pathway episodes (CSV, docs/data-formats.md): outcomes per instrument x kwadrant and the caseload per month");
  cmd->add_option("--realisatie", args->realisatie,
                  "Realised monthly figures per gemeente and state (CSV, docs/data-formats.md, one semester or quarter): "
                  "the Realisatie section");
  cmd->add_flag("--no-charts", args->no_charts, "Tables only, without Chart.js");
  cmd->callback([args, &commands] { commands.selected = [args] { return dashboard(*args); }; });
}

}  // namespace mkba::cli
