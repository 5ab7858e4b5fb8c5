// mkba calibrate: transition rates from pathway episodes (and/or a screening panel), written as a
// YAML include for scenarios plus a fit report. mkba synth-episodes: synthetic episodes and panel
// consistent with a screening extract, from a scenario's monthly matrix. docs/calibration.md.
#include "commands.hpp"
#include "run_flags.hpp"

#include <mkba/models/calibrate.hpp>
#include <mkba/models/calendar.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/report/calibration_disclosure.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>

namespace mkba::cli {

namespace {

struct CalibrateArgs {
  std::string episodes, screening, panel, scenario, out, peildatum;
  std::string realisatie, period;  // --realisatie FILE [--period 2026-H2]: the semester's moves as aggregate counts
  std::vector<std::string> by, states, gemeenten, allowed;
  std::vector<int> bands{0};
  double prior_months = 120;
  double level = 0.95;
  double threshold = RunFlags{}.threshold;  // the default of run, report and compare
  bool unprotected = false;                 // --onbeschermd: into intern-onbeschermd/ next to --out
  bool transitions = false;
  std::string command;
};

std::string sibling(const std::string& out, const std::string& suffix) {
  std::filesystem::path p(out);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

std::vector<std::string> states_from(const std::vector<std::string>& listed, const std::string& scenario,
                                     const Scenario* s) {
  if (!listed.empty()) return listed;
  if (!scenario.empty() && s) {
    std::vector<std::string> ids;
    for (const auto& st : s->states) ids.push_back(st.id);
    return ids;
  }
  return default_screening_states();
}

int index_of(const std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

YearMonth latest_month(const std::string& file, const std::vector<std::string>& states, bool panel) {
  EpisodeReadOptions o;
  o.states = states;
  o.extraction = {2100, 12};
  YearMonth latest{1900, 1};
  auto later = [&](YearMonth m) {
    if (m.months_since(latest) > 0) latest = m;
  };
  if (panel) {
    for (const auto& ob : read_panel_csv(file, o).observations) later(ob.month);
  } else {
    for (const auto& e : read_episodes_csv(file, o).episodes) {
      later(e.begin);
      if (!e.censored) later(e.end);
    }
  }
  return latest;
}

int calibrate(const CalibrateArgs& a) {
  if (a.episodes.empty() && a.panel.empty() && a.realisatie.empty())
    throw UsageError("calibrate: give --episodes FILE, --realisatie FILE and/or --panel FILE");
  if (!a.period.empty() && a.realisatie.empty()) throw UsageError("calibrate: --period goes with --realisatie FILE");
  std::optional<Scenario> scenario;
  if (!a.scenario.empty()) scenario = load_scenario(a.scenario);
  const auto states = states_from(a.states, a.scenario, scenario ? &*scenario : nullptr);

  std::optional<YearMonth> extraction;
  CalendarDate reference = today_utc();
  if (!a.peildatum.empty()) {
    const auto d = parse_date(a.peildatum);
    if (!d) throw UsageError(fmt::format("--peildatum: expected a date YYYY-MM-DD, found '{}'", a.peildatum));
    extraction = d->year_month();
    reference = *d;
  }
  EpisodeReadOptions eo;
  eo.states = states;
  CalibrationSource src;
  src.command = a.command;
  src.episodes_file = a.episodes;
  src.screening_file = a.screening;
  src.panel_file = a.panel;
  src.realisatie_file = a.realisatie;
  src.transitions = a.transitions;
  if (a.transitions && a.episodes.empty() && a.realisatie.empty())
    throw UsageError("calibrate: --transitions needs --episodes FILE or --realisatie FILE");

  // The realisatie's monthly moves (docs/calibration.md, "Adding the realisatie").
  std::optional<AggregateEvidence> evidence;
  std::optional<YearMonth> realisatie_first;
  if (!a.realisatie.empty()) {
    RealisatieReadOptions ro;
    ro.states = states;
    ro.gemeenten = !a.gemeenten.empty() ? a.gemeenten : scenario ? scenario->gemeenten : region_gemeenten();
    if (!a.period.empty()) {
      ro.period = parse_report_period(a.period);
      if (!ro.period)
        throw UsageError(fmt::format("--period: expected a semester as YYYY-H1 or YYYY-H2, or a quarter as YYYY-Q1 to "
                                     "YYYY-Q4, found '{}'", a.period));
    }
    const Realisatie r = read_realisatie_csv(a.realisatie, ro);
    evidence = realisatie_evidence(r, a.by);
    realisatie_first = r.first_month;
    double months = 0, moves = 0;
    for (std::size_t g = 0; g < evidence->segments.size(); ++g)
      for (std::size_t i = 0; i < states.size(); ++i) {
        months += evidence->exposure[g][i];
        for (double n : evidence->moves[g][i]) moves += n;
      }
    std::printf("%s: %s to %s, %d month(s) of moves: %.0f months at risk, %.0f moves\n", a.realisatie.c_str(),
                r.first_month.str().c_str(), r.last_month.str().c_str(), evidence->months, months, moves);
  }
  const AggregateEvidence* extra = evidence ? &*evidence : nullptr;

  std::optional<Calibration> cal;
  CalibrationOptions co;  // the same for episodes and for a realisatie alone
  co.by = a.by;
  co.band_starts = a.bands;
  co.prior_months = a.prior_months;
  co.level = a.level;
  if (!a.episodes.empty()) {
    if (a.screening.empty()) throw UsageError("calibrate: --episodes needs --screening FILE (for the segments)");
    eo.extraction = extraction ? *extraction : latest_month(a.episodes, states, false);
    const EpisodeData ep = read_episodes_csv(a.episodes, eo);
    // The episodes count outcomes through the month before the extraction month; the realisatie
    // from the month after its first. One month counted in both would count its moves twice.
    if (realisatie_first && realisatie_first->months_since(ep.extraction) < -1)
      throw UsageError(fmt::format("--realisatie: {} starts in {}, so its moves (from the month after it) overlap the "
                                   "months at risk of the episodes (extraction month {}) and would count twice; give a "
                                   "realisatie that starts no earlier than the month before the extraction month, or "
                                   "episodes extracted earlier", a.realisatie, realisatie_first->str(), ep.extraction.str()));
    ScreeningReadOptions so;
    so.states = states;
    so.gemeenten = a.gemeenten.empty() ? region_gemeenten() : a.gemeenten;
    so.reference = reference;
    const ScreeningData scr = read_screening_csv(a.screening, so);
    std::vector<std::string> labels;
    const auto seg = person_segments(ep, scr, a.by, labels);
    cal = calibrate_episodes(ep, seg, labels, co, extra);
    std::printf("%s: %lld episodes of %zu persons, extraction month %s\n", a.episodes.c_str(),
                static_cast<long long>(cal->episodes_used), ep.ids.size(), ep.extraction.str().c_str());
  } else if (extra) {  // the realisatie alone
    EpisodeData none;
    none.states = states;
    cal = calibrate_episodes(none, {}, {}, co, extra);
  }

  std::optional<PanelFit> fit;
  if (!a.panel.empty()) {
    eo.extraction = extraction ? *extraction : latest_month(a.panel, states, true);
    const PanelData panel = read_panel_csv(a.panel, eo);
    PanelFitOptions po;
    po.level = a.level;
    for (const auto& text : a.allowed) {
      const auto colon = text.find(':');
      const int from = colon == std::string::npos ? -1 : index_of(states, text.substr(0, colon));
      const int to = colon == std::string::npos ? -1 : index_of(states, text.substr(colon + 1));
      if (from < 0 || to < 0 || from == to)
        throw UsageError(fmt::format("--allowed: expected from:to with two different states of {}, found '{}'",
                                     fmt::format("{}", fmt::join(states, ", ")), text));
      po.allowed.emplace_back(from, to);
    }
    if (po.allowed.empty() && scenario) {  // the moves the scenario's nulalternatief allows (any segment or band)
      Eigen::MatrixXd any = scenario->monthly;
      if (scenario->time.months_per_cycle == 1 && !scenario->cycle_matrix_given)
        for (int g = 0; g < static_cast<int>(scenario->segments.size()); ++g)
          for (int b = 0; b < static_cast<int>(scenario->duration_band_starts.size()); ++b)
            any += cycle_matrix(*scenario, 0, 0, g, b);
      for (Eigen::Index i = 0; i < any.rows(); ++i)
        for (Eigen::Index j = 0; j < any.cols(); ++j)
          if (i != j && any(i, j) > 0) po.allowed.emplace_back(static_cast<int>(i), static_cast<int>(j));
    }
    if (po.allowed.empty()) {  // the moves seen directly between two screenings
      for (std::size_t k = 1; k < panel.observations.size(); ++k) {
        const auto& p = panel.observations[k - 1];
        const auto& q = panel.observations[k];
        if (p.person == q.person && p.state != q.state &&
            std::find(po.allowed.begin(), po.allowed.end(), std::make_pair(p.state, q.state)) == po.allowed.end())
          po.allowed.emplace_back(p.state, q.state);
      }
      std::sort(po.allowed.begin(), po.allowed.end());
    }
    fit = fit_panel(panel, po);
    std::printf("%s: %lld pairs of screenings; %s\n", a.panel.c_str(), static_cast<long long>(fit->pairs),
                fit->message.c_str());
  }

  const Calibration* c = cal ? &*cal : nullptr;
  const PanelFit* p = fit ? &*fit : nullptr;
  // Everything is formatted first, so a failure writes nothing.
  // Counts per segment go through the disclosure control (docs/calibration.md, "Disclosure").
  std::optional<CalibrationHidden> hidden;
  if (c) hidden = report::calibration_disclosure(*c, a.threshold);
  const CalibrationHidden* h = hidden ? &*hidden : nullptr;
  const std::string yaml = calibration_yaml(c, p, src, h);
  const std::string report = calibration_report(c, p, src, h);
  // --onbeschermd: the same file names in the subfolder intern-onbeschermd/ next to --out.
  const std::filesystem::path given(a.out);
  const std::string out =
      a.unprotected ? (std::filesystem::path(publication_dir(given.parent_path().string(), true)) / given.filename()).string()
                    : a.out;
  if (a.unprotected) std::filesystem::create_directories(std::filesystem::path(out).parent_path());
  write_text_file(out, yaml);
  write_text_file(sibling(out, "_fit.txt"), report);
  if (c) write_text_file(sibling(out, "_fit.csv"), calibration_fit_csv(*c, h));
  if (p) write_text_file(sibling(out, "_panel.csv"), panel_fit_csv(*p));
  std::printf("%s", report.c_str());
  std::printf("written: %s, %s%s%s\n", out.c_str(), sibling(out, "_fit.txt").c_str(),
              c ? (", " + sibling(out, "_fit.csv")).c_str() : "", p ? (", " + sibling(out, "_panel.csv")).c_str() : "");
  return 0;
}

struct SynthEpisodesArgs {
  std::string screening, scenario, out, panel_out, peildatum = "2020-07-01";
  std::vector<std::string> gemeenten;
  std::uint64_t seed = 20200701;
  int history = 240;
};

int synth_episodes(const SynthEpisodesArgs& a) {
  const Scenario s = load_scenario(a.scenario.empty() ? default_scenario() : a.scenario);
  const auto d = parse_date(a.peildatum);
  if (!d) throw UsageError(fmt::format("--peildatum: expected a date YYYY-MM-DD, found '{}'", a.peildatum));
  PathwaySynthOptions o;
  o.seed = a.seed;
  o.extraction = d->year_month();
  o.max_history_months = a.history;
  for (const auto& st : s.states) o.states.push_back(st.id);
  // The nulalternatief's monthly rates with the scenario's segment and duration-band changes: per
  // kwadrant when the segments are the five kwadranten (the screening decides a person's), else
  // the first segment's; one matrix per duration band.
  if (s.time.months_per_cycle != 1 || s.cycle_matrix_given)
    throw UsageError(fmt::format("synth-episodes: {} must have monthly rates (time.cycle: month)", a.scenario));
  o.band_starts = s.duration_band_starts;
  const bool by_kwadrant = s.segments == std::vector<std::string>{"k1", "k2", "k3", "k4", "onbekend"};
  for (int kw = 0; kw < (by_kwadrant ? kKwadrantSegments : 1); ++kw)
    for (int b = 0; b < static_cast<int>(s.duration_band_starts.size()); ++b)
      o.monthly.push_back(cycle_matrix(s, 0, 0, by_kwadrant ? kwadrant_segment(kw) : 0, b));
  const auto benefit = std::find_if(s.states.begin(), s.states.end(), [](const StateSpec& st) { return st.kind == StateKind::benefit; });
  if (benefit != s.states.end()) o.benefit_state = benefit->id;
  ScreeningReadOptions so;
  so.states = o.states;
  so.gemeenten = a.gemeenten.empty() ? region_gemeenten() : a.gemeenten;
  so.reference = *d;
  const ScreeningData scr = read_screening_csv(a.screening, so);
  SynthPathways out;
  try {
    out = synth_pathways(scr, o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const std::string ep = episodes_csv(out.episodes);
  const std::string pa = panel_csv(out.panel);
  write_text_file(a.out, ep);
  if (!a.panel_out.empty()) write_text_file(a.panel_out, pa);
  std::printf("%s: %zu synthetische episodes van %zu personen (seed %llu, peilmaand %s)\n", a.out.c_str(),
              out.episodes.episodes.size(), out.episodes.ids.size(), static_cast<unsigned long long>(a.seed),
              o.extraction.str().c_str());
  if (!a.panel_out.empty())
    std::printf("%s: %zu waarnemingen op screeningsmomenten\n", a.panel_out.c_str(), out.panel.observations.size());
  return 0;
}

}  // namespace

void add_calibrate(CLI::App& app, Commands& commands) {
  {
    auto args = std::make_shared<CalibrateArgs>();
    CLI::App* cmd = app.add_subcommand(
        "calibrate", "Estimate monthly transition probabilities from pathway episodes, a realisatie and/or a screening panel "
                     "(docs/calibration.md); writes a YAML include for scenarios and a fit report");
    cmd->footer(R"(Examples:
  mkba calibrate --episodes episodes.csv --screening screening.csv \
      --scenario scenarios/default.yaml --peildatum 2020-07-01 --out rates.yaml
  mkba calibrate --realisatie realisatie-2026-H2.csv --scenario scenario.yaml --by gemeente --out rates-h2.yaml
  (the whole workflow, with synth and synth-episodes: docs/calibration.md))");
    cmd->add_option("--episodes", args->episodes, "Episodes CSV (id,status,begin,einde,volgende_status)");
    cmd->add_option("--screening", args->screening, "ZRM screening extract (for kwadrant and gemeente)");
    cmd->add_option("--panel", args->panel, "Panel CSV (id,maand,status): states seen at screenings");
    cmd->add_option("--realisatie", args->realisatie,
                    "Realisatie CSV (docs/data-formats.md): its monthly moves are added as aggregate counts "
                    "(months at risk and moves per gemeente, kwadrant and state)");
    cmd->add_option("--period", args->period,
                    "The realisatie's period (2026-H2 or 2026-Q3); default: the semester of its last month");
    cmd->add_option("--by", args->by, "Segment keys: kwadrant, gemeente (comma-separated)")->delimiter(',');
    cmd->add_option("--duration-bands", args->bands, "Band starts in months in state, e.g. 0,6,12,24")->delimiter(',');
    cmd->add_option("--states", args->states, "Allowed state ids (comma-separated)")->delimiter(',');
    cmd->add_option("--scenario", args->scenario, "Take the states (and the panel's allowed moves) from this scenario");
    cmd->add_option("--gemeenten", args->gemeenten, "Allowed gemeenten (default: the six of the region)")->delimiter(',');
    cmd->add_option("--allowed", args->allowed, "Panel: moves with a rate, from:to (comma-separated)")->delimiter(',');
    cmd->add_option("--prior-months", args->prior_months, "Dirichlet prior strength k in person-months (default 120)")
        ->check(finite_number())
        ->check(CLI::Range(0.0, 1e9));
    cmd->add_option("--level", args->level, "Confidence level of the intervals (default 0.95)")
        ->check(finite_number())
        ->check(CLI::Range(0.5, 0.999));
    cmd->add_option("--peildatum", args->peildatum, "Extraction date YYYY-MM-DD (default: the latest month in the file)");
    add_threshold_flag(cmd, args->threshold, args->unprotected);
    cmd->add_option("--out", args->out, "Output YAML include (the fit report goes next to it)")->required();
    cmd->add_flag("--transitions", args->transitions,
                  "Also write a ready `transitions:` block (matrix, by_segment, by_duration) into the include, "
                  "so a scenario including it needs no transitions of its own");
    cmd->callback([args, cmd, &commands] {
      args->command = "mkba calibrate";
      for (const auto* opt : cmd->get_options()) {
        if (opt->count() == 0 || opt->get_name() == "--help") continue;
        args->command += " " + opt->get_name();  // a flag has no value; a list is written comma-separated
        if (opt->get_expected_min() != 0) args->command += " " + fmt::format("{}", fmt::join(opt->results(), ","));
      }
      commands.selected = [args] { return calibrate(*args); };
    });
  }
  {
    auto args = std::make_shared<SynthEpisodesArgs>();
    CLI::App* cmd = app.add_subcommand(
        "synth-episodes", "Write synthetic pathway episodes (and a yearly panel) consistent with a screening extract, "
                          "from a scenario's monthly matrix (no real persons)");
    cmd->footer(R"(Examples:
  mkba synth-episodes --screening screening.csv --scenario scenarios/default.yaml \
      --out episodes.csv --panel-out panel.csv)");
    cmd->add_option("--screening", args->screening, "Screening extract (e.g. from mkba synth)")->required();
    cmd->add_option("--scenario", args->scenario, "Scenario whose nulalternatief rates (matrix with its by_segment and by_duration changes) are the true rates (default: the shipped default)");
    cmd->add_option("--seed", args->seed, "Random seed; the same seed gives the same files");
    cmd->add_option("--peildatum", args->peildatum, "Extraction date YYYY-MM-DD (default 2020-07-01)");
    cmd->add_option("--history", args->history, "At most this many months of history per person (default 240)")
        ->check(CLI::Range(1, 1200));
    cmd->add_option("--gemeenten", args->gemeenten, "Allowed gemeenten (default: the six of the region)")->delimiter(',');
    cmd->add_option("--out", args->out, "Output episodes CSV")->required();
    cmd->add_option("--panel-out", args->panel_out, "Also write the panel CSV (states at the yearly screenings)");
    cmd->callback([args, &commands] { commands.selected = [args] { return synth_episodes(*args); }; });
  }
}

}  // namespace mkba::cli
