// Synthetic pathways (episodes and a yearly panel) consistent with a screening extract, from
// declared true monthly rates. See episodes.hpp and docs/calibration.md.
#include <mkba/engine/rng.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/segments.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mkba {

namespace {

YearMonth add_months(YearMonth m, int k) {
  const int total = m.year * 12 + (m.month - 1) + k;
  return {total / 12, total % 12 + 1};
}

int index_of(const std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}

}  // namespace

SynthPathways synth_pathways(const ScreeningData& screening, const PathwaySynthOptions& o) {
  const auto ns = static_cast<Eigen::Index>(o.states.size());
  const std::size_t nb = o.band_starts.size();
  if (nb == 0 || o.band_starts.front() != 0 || !std::is_sorted(o.band_starts.begin(), o.band_starts.end()) ||
      std::adjacent_find(o.band_starts.begin(), o.band_starts.end()) != o.band_starts.end())
    throw std::invalid_argument("synth_pathways: duration bands must start at 0 and increase");
  if (o.monthly.size() != nb && o.monthly.size() != 5 * nb)
    throw std::invalid_argument("synth_pathways: give one monthly matrix per duration band, or five (kwadrant 0..4) per band");
  for (const auto& p : o.monthly) {
    if (p.rows() != ns || p.cols() != ns)
      throw std::invalid_argument(fmt::format("synth_pathways: expected {0}x{0} matrices (one row and column per state)", ns));
    for (Eigen::Index i = 0; i < ns; ++i) {
      if (p.row(i).minCoeff() < 0 || std::abs(p.row(i).sum() - 1.0) > 1e-9)
        throw std::invalid_argument(fmt::format("synth_pathways: row '{}' is not a probability row", o.states[static_cast<std::size_t>(i)]));
    }
  }
  const int benefit = index_of(o.states, o.benefit_state);
  if (benefit < 0) throw std::invalid_argument(fmt::format("synth_pathways: unknown benefit state '{}'", o.benefit_state));
  std::vector<int> state_map;
  for (const auto& s : screening.states) {
    const int k = index_of(o.states, s);
    if (k < 0) throw std::invalid_argument(fmt::format("synth_pathways: the screening state '{}' has no row in the rates", s));
    state_map.push_back(k);
  }

  SynthPathways out;
  out.episodes.file = out.panel.file = "(synthetic)";
  out.episodes.states = out.panel.states = o.states;
  out.episodes.extraction = o.extraction;
  const SegmentRule rule;
  const YearMonth x = o.extraction;
  std::vector<int> path;  // state per month from the start month to x
  for (std::size_t i = 0; i < screening.records.size(); ++i) {
    const ScreeningRecord& r = screening.records[i];
    YearMonth start = r.benefit_since ? *r.benefit_since : r.state_since;
    int state = r.benefit_since ? benefit : state_map[static_cast<std::size_t>(r.state)];
    if (start.months_since(x) > 0) continue;
    if (x.months_since(start) > o.max_history_months) start = add_months(x, -o.max_history_months);
    const int kw = segment(r.scores, rule).kwadrant;
    const std::size_t first = o.monthly.size() == nb ? 0 : static_cast<std::size_t>(kw) * nb;
    engine::PhiloxEngine rng(o.seed, 0, engine::DrawKind::transition, static_cast<std::uint32_t>(i));
    const auto person = static_cast<std::int32_t>(out.episodes.ids.size());
    out.episodes.ids.push_back(screening.ids[i]);
    out.panel.ids.push_back(screening.ids[i]);

    const int months = x.months_since(start) + 1;
    path.assign(static_cast<std::size_t>(months), 0);
    Episode e;
    e.person = person;
    e.state = state;
    e.begin = start;
    int in_state = 0;  // months in state at the start of month m
    for (int m = 0; m < months; ++m, ++in_state) {
      path[static_cast<std::size_t>(m)] = state;
      if (m == months - 1) break;  // the outcome of the extraction month is not observed
      // Draw the move at the end of month m (inverse CDF over the row).
      std::size_t band = 0;
      while (band + 1 < nb && in_state >= o.band_starts[band + 1]) ++band;
      const Eigen::MatrixXd& p = o.monthly[first + band];
      const double u = rng.uniform01();
      int next = state;
      double cum = 0;
      for (Eigen::Index j = 0; j < ns; ++j) {
        cum += p(state, j);
        if (u < cum) {
          next = static_cast<int>(j);
          break;
        }
      }
      if (next != state) {
        e.end = add_months(start, m);
        e.next = next;
        out.episodes.episodes.push_back(e);
        e = Episode{};
        e.person = person;
        e.state = next;
        e.begin = add_months(start, m + 1);
        state = next;
        in_state = -1;  // 0 at the start of the next month
      }
    }
    e.end = x;
    e.censored = true;
    e.next = -1;
    out.episodes.episodes.push_back(e);

    // The panel: the path at the screening month and every 12 months before, back to the start.
    std::vector<PanelObservation> obs;
    YearMonth when = r.screened.year_month();
    if (when.months_since(x) > 0) when = x;
    for (; when.months_since(start) >= 0; when = add_months(when, -12))
      obs.push_back({person, when, path[static_cast<std::size_t>(when.months_since(start))]});
    std::reverse(obs.begin(), obs.end());
    out.panel.observations.insert(out.panel.observations.end(), obs.begin(), obs.end());
  }
  return out;
}

}  // namespace mkba
