// Outputs of a calibration: the YAML include for scenarios, the fit report (CSV and text).
// Aggregates only: no candidate id is ever read here.
#include <mkba/models/calibrate.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <functional>

namespace mkba {

namespace {

std::size_t sz(int i) { return static_cast<std::size_t>(i); }

std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Cells written as parameters: moves to another state seen in the pooled data of the band.
bool estimated(const Calibration& c, int band, int from, int to) {
  return to != from && c.row(-1, band, from).moves[sz(to)] > 0;
}

bool any_move(const Calibration& c, int band, int from) {
  for (int j = 0; j < static_cast<int>(c.states.size()); ++j)
    if (estimated(c, band, from, j)) return true;
  return false;
}

// The files the episodes' counts come from: the episodes and/or the realisatie (its aggregate counts).
std::string evidence_files(const CalibrationSource& src) {
  if (src.realisatie_file.empty()) return src.episodes_file;
  if (src.episodes_file.empty()) return src.realisatie_file;
  return src.episodes_file + " + " + src.realisatie_file;
}

std::string realisatie_line(const Calibration& c, const CalibrationSource& src, const char* prefix) {
  if (c.aggregate_file.empty()) return "";
  return fmt::format("{}Realisatie: {} ({} month(s) of moves added as aggregate counts: months at risk = the stand of the\n"
                     "{}month before less vertrek, moves = naar_<state>; one duration band)\n",
                     prefix, src.realisatie_file.empty() ? c.aggregate_file : src.realisatie_file, c.aggregate_months, prefix);
}

std::string segment_name(const Calibration& c, int g) { return g < 0 ? "pooled" : c.segments[sz(g)]; }

// ---- disclosure (CalibrationHidden; decided in report/calibration_disclosure.cpp)

bool pooled_segment(const CalibrationHidden* h, int g) { return h && h->segment_pooled(g); }

std::size_t row_index(const Calibration& c, const RateRow& r) {
  const int ns = static_cast<int>(c.states.size()), nb = static_cast<int>(c.band_starts.size());
  return r.segment < 0 ? sz(r.band * ns + r.from) : sz((r.segment * nb + r.band) * ns + r.from);
}

bool flag_at(const std::vector<bool>& v, std::size_t k) { return k < v.size() && v[k]; }

bool exposure_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r) {
  if (!h) return false;
  return flag_at(r.segment < 0 ? h->pooled_exposure : h->row_exposure, row_index(c, r));
}

bool out_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r) {
  if (!h) return false;
  return flag_at(r.segment < 0 ? h->pooled_out : h->row_out, row_index(c, r));
}

bool move_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r, int to) {
  if (!h) return false;
  const auto& m = r.segment < 0 ? h->pooled_moves : h->row_moves;
  const std::size_t k = row_index(c, r);
  return k < m.size() && flag_at(m[k], sz(to));
}

// A number that derives from the row's months at risk or from the move's count (the Dirichlet
// posterior count, the expected moves, the interval): hidden when either is.
bool derived_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r, int to) {
  return exposure_hidden(c, h, r) || move_hidden(c, h, r, to);
}

// The Dirichlet posterior count alpha = k x pooled rate + moves (the moves themselves in a pooled row).
bool alpha_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r, int to) {
  return move_hidden(c, h, r, to);
}

// Expected moves: the moves in a pooled row, months at risk x pooled rate in a segment's.
bool expected_hidden(const Calibration& c, const CalibrationHidden* h, const RateRow& r, int to) {
  return r.segment < 0 ? move_hidden(c, h, r, to) : exposure_hidden(c, h, r);
}

std::string shown(const std::string& text, bool hidden) { return hidden ? "x" : text; }

std::vector<std::string> pooled_segments(const Calibration& c, const CalibrationHidden* h) {
  std::vector<std::string> out;
  for (int g = 0; g < static_cast<int>(c.segments.size()); ++g)
    if (pooled_segment(h, g)) out.push_back(c.segments[sz(g)]);
  return out;
}

// Whether any pooled count prints as x.
bool pooled_counts_hidden(const CalibrationHidden* h) {
  if (!h) return false;
  for (bool b : h->pooled_exposure)
    if (b) return true;
  for (const auto& v : h->pooled_moves)
    for (bool b : v)
      if (b) return true;
  return false;
}

// The rows published: pooled, then the segments' own (not those of a segment under the threshold).
void rows_of(const Calibration& c, const CalibrationHidden* h, const std::function<void(const RateRow&)>& fn) {
  for (const auto& r : c.pooled) fn(r);
  if (c.segments.size() > 1)
    for (const auto& r : c.rows)
      if (!pooled_segment(h, r.segment)) fn(r);
}

// Written as a parameter by calibration_yaml (same condition).
bool has_parameter(const Calibration& c, const RateRow& r, int to) {
  return estimated(c, r.band, r.from, to) && r.alpha_sum() > 1 && r.alpha[sz(to)] > 0;
}

// The cell (from, to) of one segment (-1: pooled) and band as a change: its parameter, the pooled
// parameter when the segment has no data and no prior, or 0 when the move is not estimated.
std::string cell_change(const Calibration& c, const CalibrationHidden* h, int g, int b, int i, int j) {
  if (pooled_segment(h, g)) g = -1;  // under the threshold: the pooled rows
  const RateRow& r = c.row(g, b, i);
  std::string value = "0";
  if (has_parameter(c, r, j)) value = rate_parameter_id(c, g, b, i, j);
  else if (g >= 0 && r.alpha_sum() <= 1 && has_parameter(c, c.row(-1, b, i), j)) value = rate_parameter_id(c, -1, b, i, j);
  return fmt::format("{{from: {}, to: {}, probability: {}}}", c.states[sz(i)], c.states[sz(j)], value);
}

// The changes that turn the band-0 matrix into segment g's (or, g = -1, the pooled) rows of band b:
// every cell estimated in band b or in band 0 (the latter set to 0 when band b has no such move).
std::vector<std::string> row_changes(const Calibration& c, const CalibrationHidden* h, int g, int b) {
  std::vector<std::string> out;
  const int ns = static_cast<int>(c.states.size());
  for (int i = 0; i < ns; ++i)
    for (int j = 0; j < ns; ++j)
      if (j != i && (estimated(c, b, i, j) || estimated(c, 0, i, j))) out.push_back(cell_change(c, h, g, b, i, j));
  return out;
}

// A `transitions:` block for a scenario: the pooled band-0 rows as the matrix (`rest` on staying),
// then per segment its band-0 rows (`by_segment`) and its rows of the later bands (`by_duration`
// with `segment`); without segments, the pooled rows of the later bands (`by_duration`).
std::string transitions_block(const Calibration& c, const CalibrationHidden* h) {
  const int ns = static_cast<int>(c.states.size()), nb = static_cast<int>(c.band_starts.size());
  const int ng = c.segments.size() > 1 ? static_cast<int>(c.segments.size()) : 0;
  std::string y = "transitions:\n  unit: monthly_probability\n  matrix:                 # pooled, first duration band\n";
  for (int i = 0; i < ns; ++i) {
    std::string cells = fmt::format("{}: rest", c.states[sz(i)]);
    for (int j = 0; j < ns; ++j)
      if (has_parameter(c, c.row(-1, 0, i), j)) cells += fmt::format(", {}: {}", c.states[sz(j)], rate_parameter_id(c, -1, 0, i, j));
    y += fmt::format("    {}: {{{}}}\n", c.states[sz(i)], cells);
  }
  auto list = [&](const std::vector<std::string>& changes, const std::string& indent) {
    std::string out;
    for (const auto& ch : changes) out += fmt::format("{}- {}\n", indent, ch);
    return out;
  };
  if (ng > 0) {
    y += "  by_segment:             # each segment's own rows, first duration band\n";
    for (int g = 0; g < ng; ++g) {
      const auto changes = row_changes(c, h, g, 0);
      y += changes.empty() ? fmt::format("    {}: []\n", c.segments[sz(g)]) : fmt::format("    {}:\n", c.segments[sz(g)]);
      y += list(changes, "      ");
    }
  }
  if (nb > 1) {
    y += fmt::format("  duration_bands: [{}]\n  by_duration:\n", fmt::join(c.band_starts, ", "));
    for (int b = 1; b < nb; ++b)
      for (int g = ng > 0 ? 0 : -1; g < (ng > 0 ? ng : 0); ++g) {
        const auto changes = row_changes(c, h, g, b);
        y += fmt::format("    - from_months: {}\n", c.band_starts[sz(b)]);
        if (g >= 0) y += fmt::format("      segment: {}\n", c.segments[sz(g)]);
        y += changes.empty() ? "      changes: []\n" : "      changes:\n";
        y += list(changes, "        ");
      }
  }
  return y;
}

}  // namespace

std::string calibration_yaml(const Calibration* c, const PanelFit* panel, const CalibrationSource& src,
                             const CalibrationHidden* h) {
  std::string y;
  y += "# Transition rates calibrated by mkba (docs/calibration.md). Generated: do not edit by hand.\n";
  y += fmt::format("# Command: {}\n", src.command);
  if (c) {
    if (!src.episodes_file.empty())
      y += fmt::format("# Episodes: {} ({} episodes used; screening {}); segments: {}; duration bands from month {}\n",
                       src.episodes_file, c->episodes_used, src.screening_file, fmt::join(c->segments, ", "),
                       fmt::join(c->band_starts, ", "));
    else
      y += fmt::format("# Segments: {}; one duration band\n", fmt::join(c->segments, ", "));
    y += realisatie_line(*c, src, "# ");
    y += fmt::format("# Estimator: monthly probability = moves / months at risk (censored spells add months, no move);\n"
                     "# segment rows shrunk toward the pooled row with a Dirichlet prior of k = {:g} person-months\n"
                     "# (alpha = k x pooled + counts). Each parameter is the Beta marginal of its row's Dirichlet posterior.\n",
                     c->options.prior_months);
    if (const auto small = pooled_segments(*c, h); !small.empty())
      y += fmt::format("#\n# Disclosure: segment(s) {} have fewer than {:g} persons: no rows or parameters of their own;\n"
                       "# their rates are the pooled ones (the parameters without a segment in their name). Counts that\n"
                       "# would give theirs by subtraction print as x.\n",
                       fmt::join(small, ", "), h->threshold);
    else if (pooled_counts_hidden(h))
      y += fmt::format("#\n# Disclosure: fewer than {:g} persons; their counts print as x.\n", h->threshold);
    const int ns = static_cast<int>(c->states.size());
    if (src.transitions)
      y += "#\n# This file also holds the scenario's `transitions` (--transitions): a scenario that includes it\n"
           "# gives no `transitions` of its own; its alternatives' changes apply on top. With segments, every\n"
           "# segment's rows replace the pooled ones (the matrix; they are the segments' prior too), so a\n"
           "# scenario segment with no data here keeps the pooled rows; segment names must match the scenario's.\n";
    if (!src.transitions) {  // else the ready block is at the end of the file
      y += "#\n# Use: `include: <this file>` in a scenario, then refer to the parameters in the matrix, with\n"
           "# `rest` on the staying cell so every PSA draw keeps the row stochastic, e.g.\n"
           "#   transitions:\n#     unit: monthly_probability\n#     matrix:\n";
      for (int i = 0; i < ns; ++i) {
        if (!any_move(*c, 0, i)) continue;
        std::string cells = fmt::format("{}: rest", c->states[sz(i)]);
        for (int j = 0; j < ns; ++j)
          if (estimated(*c, 0, i, j)) cells += fmt::format(", {}: {}", c->states[sz(j)], rate_parameter_id(*c, -1, 0, i, j));
        y += fmt::format("#       {}: {{{}}}\n", c->states[sz(i)], cells);
      }
      if (c->segments.size() > 1) {
        y += "#     by_segment:             # with `segments:` declaring the same names\n";
        for (int g = 0; g < static_cast<int>(c->segments.size()); ++g) {
          if (pooled_segment(h, g)) {
            y += fmt::format("#       {}: []               # fewer than {:g} persons: the pooled rows\n", c->segments[sz(g)],
                             h->threshold);
            continue;
          }
          y += fmt::format("#       {}:\n", c->segments[sz(g)]);
          for (int i = 0; i < ns; ++i)
            for (int j = 0; j < ns; ++j)
              if (estimated(*c, 0, i, j))
                y += fmt::format("#         - {{from: {}, to: {}, probability: {}}}\n", c->states[sz(i)], c->states[sz(j)],
                                 rate_parameter_id(*c, g, 0, i, j));
        }
      }
    }
    y += "#\n# Dirichlet posterior counts per row (segment band from: to=alpha ...; staying included).\n"
         "# As a row-level alternative to the per-cell parameters: transitions.dirichlet: {from: sum of alpha}.\n";
    rows_of(*c, h, [&](const RateRow& r) {
      if (r.alpha_sum() <= 0) return;
      std::string cells;
      for (int j = 0; j < ns; ++j)
        if (r.alpha[sz(j)] > 0)
          cells += fmt::format(" {}={}", c->states[sz(j)], shown(fmt::format("{:.6g}", r.alpha[sz(j)]), alpha_hidden(*c, h, r, j)));
      y += fmt::format("#   {} d{} {}: sum={}{}\n", segment_name(*c, r.segment), c->band_starts[sz(r.band)],
                       c->states[sz(r.from)], shown(fmt::format("{:.6g}", r.alpha_sum()), exposure_hidden(*c, h, r)), cells);
    });
  }
  if (panel) {
    y += fmt::format("#\n# Panel: {} ({} pairs of consecutive screenings); continuous-time generator, annual rates;\n"
                     "# optimiser: {} after {} iterations; log-likelihood {:.6f}.\n"
                     "# Use: transitions: {{unit: annual_rate, matrix: {{from: {{to: q_from_to, ...}}}}}} (fixed MLE; monthly = exp(Q/12)),\n"
                     "# or, with the estimation uncertainty in the PSA, the monthly cells p_panel_from_to with `rest` on staying.\n",
                     src.panel_file, panel->pairs, panel->message, panel->iterations, panel->log_likelihood);
  }
  y += "parameters:\n";
  if (c) {
    const int ns = static_cast<int>(c->states.size());
    rows_of(*c, h, [&](const RateRow& r) {
      for (int j = 0; j < ns; ++j) {
        if (!estimated(*c, r.band, r.from, j) || r.alpha_sum() <= 1 || r.alpha[sz(j)] <= 0) continue;
        const double m = r.posterior_mean(j), s = r.posterior_sd(j);
        const std::string source =
            fmt::format("mkba calibrate, {}: {} of {} months at risk moved{}; Dirichlet alpha {} of {}",
                        evidence_files(src), shown(fmt::format("{}", r.moves[sz(j)]), move_hidden(*c, h, r, j)),
                        shown(fmt::format("{:.0f}", r.exposure), exposure_hidden(*c, h, r)),
                        r.segment >= 0 ? fmt::format(" (prior k={:g} toward pooled)", c->options.prior_months) : "",
                        shown(fmt::format("{:.6g}", r.alpha[sz(j)]), alpha_hidden(*c, h, r, j)),
                        shown(fmt::format("{:.6g}", r.alpha_sum()), exposure_hidden(*c, h, r)));
        y += fmt::format("  {}: {{distribution: beta, mean: {:.8g}, sd: {:.6g}, unit: monthly_probability, source: {}}}\n",
                         rate_parameter_id(*c, r.segment, r.band, r.from, j), m, s, yaml_quote(source));
      }
    });
  }
  if (panel) {
    // Annual rates as fixed values (an annual_rate matrix takes fixed values only); their
    // uncertainty goes into the monthly probabilities exp(Q/12) below (delta method).
    for (std::size_t k = 0; k < panel->allowed.size(); ++k) {
      const auto i = static_cast<Eigen::Index>(k);
      y += fmt::format("  q_{}_{}: {{value: {:.8g}, unit: annual_rate, source: {}}}\n",
                       panel->states[sz(panel->allowed[k].first)], panel->states[sz(panel->allowed[k].second)],
                       panel->rates(i),
                       yaml_quote(fmt::format("mkba calibrate, panel {}: MLE, se(log) {:.4g}, CI [{:.6g}, {:.6g}]",
                                              src.panel_file, panel->se_log(i), panel->lo(i), panel->hi(i))));
    }
    const auto ns = panel->monthly.rows();
    for (Eigen::Index i = 0; i < ns; ++i)
      for (Eigen::Index j = 0; j < ns; ++j) {
        if (i == j || panel->q(i, i) == 0 || panel->monthly(i, j) < 1e-9) continue;
        const double m = panel->monthly(i, j), s = panel->monthly_sd(i, j);
        const std::string id = fmt::format("p_panel_{}_{}", panel->states[static_cast<std::size_t>(i)],
                                           panel->states[static_cast<std::size_t>(j)]);
        const std::string source = yaml_quote(fmt::format("mkba calibrate, panel {}: exp(Q/12), delta-method sd", src.panel_file));
        if (std::isfinite(s) && s > 0 && s * s < m * (1 - m))
          y += fmt::format("  {}: {{distribution: beta, mean: {:.8g}, sd: {:.6g}, unit: monthly_probability, source: {}}}\n",
                           id, m, s, source);
        else
          y += fmt::format("  {}: {{value: {:.8g}, unit: monthly_probability, source: {}}}\n", id, m, source);
      }
  }
  if (c && src.transitions) y += transitions_block(*c, h);
  return y;
}

std::string calibration_fit_csv(const Calibration& c, const CalibrationHidden* h) {
  std::string out =
      "segment,band_from_month,from,to,exposure_months,observed,expected_pooled,mle,ci_lo,ci_hi,"
      "posterior_alpha,posterior_mean,own_weight,flag\n";
  const int ns = static_cast<int>(c.states.size());
  auto emit = [&](const RateRow& r) {
    if (r.exposure <= 0 || pooled_segment(h, r.segment)) return;
    const bool m_hidden = exposure_hidden(c, h, r);
    for (int j = 0; j < ns; ++j) {
      if (j != r.from && r.moves[sz(j)] <= 0 && c.row(-1, r.band, r.from).moves[sz(j)] <= 0) continue;
      const bool d_hidden = derived_hidden(c, h, r, j);
      out += fmt::format("{},{},{},{},{},{},{},{:.6g},{},{},{},{:.6g},{},{}\n", segment_name(c, r.segment),
                         c.band_starts[sz(r.band)], c.states[sz(r.from)], c.states[sz(j)],
                         shown(fmt::format("{:.0f}", r.exposure), m_hidden),
                         shown(fmt::format("{:.0f}", r.moves[sz(j)]), move_hidden(c, h, r, j)),
                         shown(fmt::format("{:.4f}", r.expected[sz(j)]), expected_hidden(c, h, r, j)), r.mle[sz(j)],
                         shown(fmt::format("{:.6g}", r.lo[sz(j)]), d_hidden), shown(fmt::format("{:.6g}", r.hi[sz(j)]), d_hidden),
                         shown(fmt::format("{:.6g}", r.alpha[sz(j)]), alpha_hidden(c, h, r, j)), r.posterior_mean(j),
                         shown(fmt::format("{:.4f}", r.own_weight), m_hidden), r.little_data ? "weinig_data" : "");
    }
  };
  for (const auto& r : c.pooled) emit(r);
  for (const auto& r : c.rows) emit(r);
  // A segment under the threshold: one line saying so, no numbers of its own.
  for (const auto& name : pooled_segments(c, h))
    out += fmt::format("{},,,,x,x,x,x,x,x,x,x,x,gepoold_minder_dan_{:g}_personen\n", name, h->threshold);
  return out;
}

std::string panel_fit_csv(const PanelFit& p) {
  std::string out = "from,to,annual_rate,se_log,ci_lo,ci_hi,observed_pairs,expected_pairs\n";
  for (std::size_t k = 0; k < p.allowed.size(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    const auto [a, b] = p.allowed[k];
    out += fmt::format("{},{},{:.6g},{:.4g},{:.6g},{:.6g},{:.0f},{:.2f}\n", p.states[sz(a)], p.states[sz(b)], p.rates(i),
                       p.se_log(i), p.lo(i), p.hi(i), p.observed(a, b), p.expected(a, b));
  }
  return out;
}

std::string calibration_report(const Calibration* c, const PanelFit* panel, const CalibrationSource& src,
                               const CalibrationHidden* h) {
  std::string t = "Kalibratie van overgangskansen (mkba calibrate)\n";
  t += fmt::format("Command: {}\n\n", src.command);
  if (c) {
    const int ns = static_cast<int>(c->states.size());
    if (!src.episodes_file.empty())
      t += fmt::format("Episodes: {} ({} used; {} persons without a screening row left out; {} spells ended without a known "
                       "next state, treated as censored)\n", src.episodes_file, c->episodes_used, c->persons_without_screening,
                       c->unknown_next);
    t += realisatie_line(*c, src, "");
    t += fmt::format("Prior: Dirichlet, k = {:g} person-months toward the pooled row; intervals: Wilson {:g} %\n",
                     c->options.prior_months, c->options.level * 100);
    t += fmt::format("Flag 'weinig data': fewer than {:g} months at risk or fewer than {:g} moves out of the state; such a\n"
                     "row leans on the pooled estimate (own weight = M / (M + k)).\n\n",
                     c->options.min_exposure, c->options.min_moves);
    const auto small = pooled_segments(*c, h);
    if (!small.empty())
      t += fmt::format("Geheimhouding: segmenten met minder dan {:g} personen ({}) hebben geen eigen rij; hun kansen zijn\n"
                       "de gepoolde. Een x is een aantal dat anders door aftrekken hun aantallen zou geven.\n\n",
                       h->threshold, fmt::join(small, ", "));
    else if (pooled_counts_hidden(h))
      t += fmt::format("Geheimhouding: minder dan {:g} personen; hun aantallen staan er als x.\n\n", h->threshold);
    int flagged = 0;
    auto table = [&](const RateRow& r) {
      if (r.exposure <= 0 || c->row(-1, r.band, r.from).moves[sz(r.from)] >= c->row(-1, r.band, r.from).exposure) return;
      if (pooled_segment(h, r.segment)) return;
      if (r.little_data && r.segment >= 0) ++flagged;
      const bool m_hidden = exposure_hidden(*c, h, r);
      t += fmt::format("{} | band vanaf maand {} | {}: {} maanden, {} overgangen{}{}\n", segment_name(*c, r.segment),
                       c->band_starts[sz(r.band)], c->states[sz(r.from)], shown(fmt::format("{:.0f}", r.exposure), m_hidden),
                       shown(fmt::format("{:.0f}", r.exposure - r.moves[sz(r.from)]), out_hidden(*c, h, r)),
                       r.segment >= 0 ? fmt::format(", eigen gewicht {}", shown(fmt::format("{:.2f}", r.own_weight), m_hidden)) : "",
                       r.little_data ? "  [weinig data]" : "");
      for (int j = 0; j < ns; ++j) {
        if (j == r.from || (r.moves[sz(j)] <= 0 && c->row(-1, r.band, r.from).moves[sz(j)] <= 0)) continue;
        const bool d_hidden = derived_hidden(*c, h, r, j);
        t += fmt::format("    -> {:<14} waargenomen {:>6}  verwacht (pooled) {:>9}  ML {:.5f} [{}, {}]  "
                         "posterior {:.5f}\n", c->states[sz(j)], shown(fmt::format("{:.0f}", r.moves[sz(j)]), move_hidden(*c, h, r, j)),
                         shown(fmt::format("{:.2f}", r.expected[sz(j)]), expected_hidden(*c, h, r, j)), r.mle[sz(j)],
                         shown(fmt::format("{:.5f}", r.lo[sz(j)]), d_hidden), shown(fmt::format("{:.5f}", r.hi[sz(j)]), d_hidden),
                         r.posterior_mean(j));
      }
    };
    t += "Pooled (all segments):\n";
    for (const auto& r : c->pooled) table(r);
    if (c->segments.size() > 1) {
      t += "\nPer segment:\n";
      for (const auto& r : c->rows) table(r);
      for (const auto& name : small)
        t += fmt::format("{}: minder dan {:g} personen, geen eigen rij (de gepoolde kansen)\n", name, h->threshold);
      t += fmt::format("\n{} segment row(s) flagged 'weinig data'.\n", flagged);
    }
  }
  if (panel) {
    t += fmt::format("\nPanel: {} ({} pairs of consecutive observations)\n", src.panel_file, panel->pairs);
    t += fmt::format("Optimiser (BFGS, numerical gradients): {}; {} iterations; log-likelihood {:.4f}; largest |gradient| {:.2e}\n",
                     panel->message, panel->iterations, panel->log_likelihood, panel->gradient_norm);
    for (std::size_t k = 0; k < panel->allowed.size(); ++k) {
      const auto i = static_cast<Eigen::Index>(k);
      const auto [a, b] = panel->allowed[k];
      t += fmt::format("    q {} -> {}: {:.5f} per jaar [{:.5f}, {:.5f}] (se log {:.4f})\n", panel->states[sz(a)],
                       panel->states[sz(b)], panel->rates(i), panel->lo(i), panel->hi(i), panel->se_log(i));
    }
    t += "  Observed vs expected (state at a screening -> state at the next):\n";
    const auto ns = panel->observed.rows();
    for (Eigen::Index a = 0; a < ns; ++a)
      for (Eigen::Index b = 0; b < ns; ++b)
        if (panel->observed(a, b) > 0 || panel->expected(a, b) > 0.5)
          t += fmt::format("    {} -> {}: waargenomen {:.0f}, verwacht {:.2f}\n", panel->states[static_cast<std::size_t>(a)],
                           panel->states[static_cast<std::size_t>(b)], panel->observed(a, b), panel->expected(a, b));
    t += "  Monthly matrix exp(Q/12) (rows with moves):\n";
    for (Eigen::Index a = 0; a < ns; ++a) {
      if (panel->q(a, a) == 0) continue;
      std::string cells;
      for (Eigen::Index b = 0; b < ns; ++b)
        if (panel->monthly(a, b) > 1e-9) cells += fmt::format(" {}={:.5f}", panel->states[static_cast<std::size_t>(b)], panel->monthly(a, b));
      t += fmt::format("    {}:{}\n", panel->states[static_cast<std::size_t>(a)], cells);
    }
  }
  return t;
}

}  // namespace mkba
