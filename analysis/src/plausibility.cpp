#include <mkba/analysis/plausibility.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/work.hpp>
#include <mkba/models/assumption.hpp>
#include <mkba/models/effect_scope.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace mkba::analysis {
namespace {

double present_at(const engine::Trace& tr, int t) {
  double n = 0;
  for (int st = 0; st < tr.n_states; ++st) n += tr.state_total(t, st);
  return n;
}

// Moves into a trajectory state from another state, cumulative over cycles [0, t).
double starts_until(const Scenario& s, const engine::Trace& tr, int t) {
  const int n = tr.n_states;
  const std::size_t cells = static_cast<std::size_t>(tr.n_gemeenten) * tr.n_segments;
  double sum = 0;
  for (int c = 0; c < t && c < tr.n_cycles; ++c)
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (int from = 0; from < n; ++from)
        for (int to = 0; to < n; ++to)
          if (from != to && s.states[static_cast<std::size_t>(to)].kind == StateKind::trajectory &&
              s.states[static_cast<std::size_t>(from)].kind != StateKind::trajectory)
            sum += tr.transitions[((static_cast<std::size_t>(c) * cells + cell) * n + from) * n + to];
  return sum;
}

double state_months(const engine::Trace& tr, const std::vector<bool>& which) {
  double m = 0;
  for (int t = 0; t < tr.n_cycles; ++t)
    for (int st = 0; st < tr.n_states; ++st)
      if (which[static_cast<std::size_t>(st)]) m += tr.state_total(t, st);
  return m;
}

// Person-cycles per state in the cells (gemeente x segment) marked in `unvalued` [cell][state].
std::vector<double> unvalued_months(const engine::Trace& tr, const std::vector<bool>& unvalued) {
  const std::size_t n = static_cast<std::size_t>(tr.n_states);
  const std::size_t cells = static_cast<std::size_t>(tr.n_gemeenten) * static_cast<std::size_t>(tr.n_segments);
  std::vector<double> m(n, 0.0);
  for (int t = 0; t < tr.n_cycles; ++t)
    for (std::size_t cell = 0; cell < cells; ++cell)
      for (std::size_t st = 0; st < n; ++st)
        if (unvalued[cell * n + st]) m[st] += tr.occupancy[(static_cast<std::size_t>(t) * cells + cell) * n + st];
  return m;
}

// [cell][state]: true where no priced money item values a person-month (an item limited to some
// segments or gemeenten values only those: an exit valued for the kwadranten far from work only is
// unvalued for the others).
std::vector<bool> unvalued_cells(const Scenario& s, const engine::Trace& tr) {
  const std::size_t n = static_cast<std::size_t>(tr.n_states);
  const int g_n = tr.n_gemeenten, seg_n = tr.n_segments;
  std::vector<bool> unvalued(static_cast<std::size_t>(g_n) * static_cast<std::size_t>(seg_n) * n, true);
  for (const auto& e : s.effects) {
    const auto& it = e.item;
    if (it.outcome >= 0 || e.unpriced || it.basis != engine::Basis::per_cycle_in_state) continue;
    for (int g = 0; g < g_n; ++g) {
      if (it.gemeente >= 0 && it.gemeente != g) continue;
      if (!it.gemeenten.empty() && !it.gemeenten[static_cast<std::size_t>(g)]) continue;
      for (int seg = 0; seg < seg_n; ++seg) {
        if (!it.segments.empty() && !it.segments[static_cast<std::size_t>(seg)]) continue;
        const std::size_t cell = static_cast<std::size_t>(g) * static_cast<std::size_t>(seg_n) + static_cast<std::size_t>(seg);
        for (std::size_t st = 0; st < n; ++st)
          if (it.states[st]) unvalued[cell * n + st] = false;
      }
    }
  }
  return unvalued;
}

}  // namespace

RangeVerdict against(const std::optional<PlausibilityRange>& range, double value) {
  if (!range || std::isnan(value)) return RangeVerdict::no_range;
  if (value < range->min) return RangeVerdict::below;
  if (value > range->max) return RangeVerdict::above;
  return RangeVerdict::inside;
}

bool Plausibility::outside_range() const {
  auto out = [](RangeVerdict v) { return v == RangeVerdict::below || v == RangeVerdict::above; };
  return out(bc_verdict) || std::any_of(net_effect_verdict.begin(), net_effect_verdict.end(), out);
}

std::vector<Plausibility> plausibility(const Scenario& s, const RunResult& r) {
  std::vector<Plausibility> out;
  if (r.alternatives.empty()) return out;
  const auto& nul = r.alternatives[0];
  const int n_states = static_cast<int>(s.states.size());
  const int m = s.time.months_per_cycle;
  // States (per gemeente and segment) that no money item values while a person is in them.
  const std::vector<bool> unvalued = unvalued_cells(s, nul.trace);
  std::vector<bool> work(static_cast<std::size_t>(n_states), false);
  for (int st = 0; st < n_states; ++st) work[static_cast<std::size_t>(st)] = in_work(s, st);
  const std::vector<double> nul_unvalued = unvalued_months(nul.trace, unvalued);
  // Effects whose amount reads an assumption parameter.
  std::vector<std::vector<int>> effect_params(s.effects.size());
  for (const auto& u : s.parameter_uses)
    if (u.target == ParameterUse::Target::effect_amount)
      for (int p : u.expression.parameters()) effect_params[static_cast<std::size_t>(u.index)].push_back(p);

  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const auto& alt = r.alternatives[a];
    Plausibility p;
    p.alternative = alt.id;
    for (int y : p.years) {
      const int t = std::min(alt.trace.n_cycles, y * 12 / m);
      const double dw = work_at(s, alt.trace, t) - work_at(s, nul.trace, t);
      const double ds = starts_until(s, alt.trace, t) - starts_until(s, nul.trace, t);
      p.extra_starts.push_back(ds);
      p.pp_per_extra_start.push_back(ds > 0.5 ? 100.0 * dw / ds : std::numeric_limits<double>::quiet_NaN());
      const double present = present_at(nul.trace, t);
      p.pp_of_caseload.push_back(present > 0 ? 100.0 * dw / present : 0.0);
    }
    // Benefits, costs and their ratio as the indicator table and the PSA define them (one rule:
    // difference_indicators, per category of society's balance); the shares per category from
    // the same balances.
    const AlternativeSummary xa = summarise(s, alt.valued), xn = summarise(s, nul.valued);
    const DifferenceIndicators d = difference_indicators(s, xa, xn);
    p.society_ncw = d.society;
    p.benefits = d.benefits;
    p.costs = d.costs;
    p.bc_ratio = d.benefit_cost_ratio.value_or(std::numeric_limits<double>::quiet_NaN());
    p.benefit_share.assign(s.categories.size(), 0.0);
    const std::size_t n_cat = s.categories.size();
    for (std::size_t c = 0; c < n_cat; ++c) {
      double balance = 0;
      for (std::size_t k = 0; k < s.stakeholders.size(); ++k) balance += xa.ncw[k * n_cat + c] - xn.ncw[k * n_cat + c];
      if (balance > 0 && p.benefits > 0) p.benefit_share[c] = balance / p.benefits;
    }
    for (std::size_t k = 0; k < s.parameters.size(); ++k) {
      if (!source_is_assumption(s.parameters[k].source)) continue;
      AssumptionShare as{s.parameters[k].id, 0.0};
      bool used = false;
      for (std::size_t i = 0; i < s.effects.size(); ++i) {
        const auto& ps = effect_params[i];
        if (std::find(ps.begin(), ps.end(), static_cast<int>(k)) == ps.end()) continue;
        used = true;
        if (s.effects[i].item.transfer || s.effects[i].item.outcome >= 0) continue;
        as.ncw += alt.valued.item_total[i] - nul.valued.item_total[i];
      }
      if (used) p.assumptions.push_back(as);
    }
    std::stable_sort(p.assumptions.begin(), p.assumptions.end(),
                     [](const auto& x, const auto& y) { return std::abs(x.ncw) > std::abs(y.ncw); });
    const std::vector<double> alt_unvalued = unvalued_months(alt.trace, unvalued);
    p.unvalued_months = 0;
    std::string fewer;  // the unvalued states whose months fell, largest first
    std::vector<std::pair<double, int>> by_state;
    for (int st = 0; st < n_states; ++st) {
      const double change = alt_unvalued[static_cast<std::size_t>(st)] - nul_unvalued[static_cast<std::size_t>(st)];
      p.unvalued_months += change;
      if (change < 0) by_state.emplace_back(change, st);
    }
    std::sort(by_state.begin(), by_state.end());
    for (const auto& [change, st] : by_state) fewer += (fewer.empty() ? "" : ", ") + s.states[static_cast<std::size_t>(st)].id;
    p.work_months = state_months(alt.trace, work) - state_months(nul.trace, work);
    if (p.work_months > 0 && -p.unvalued_months > 0.5 * p.work_months)
      p.warning = fmt::format(
          "{:.0f} % of the extra months in work replace months in a state no amount values ({}): the "
          "gains come mainly from fewer unvalued exits; value the exit or split it (docs/accounting.md)",
          100.0 * -p.unvalued_months / p.work_months, fewer);
    for (const auto& e : s.effects)
      if (e.unpriced && effect_applies(s, e, static_cast<int>(a))) p.pm_items.push_back(e.name + ": " + e.source);
    const auto& ref = s.plausibility_reference;
    for (double x : p.pp_per_extra_start)
      p.net_effect_verdict.push_back(against(ref ? ref->net_effect_pp : std::nullopt, x));
    p.bc_verdict = against(ref ? ref->benefit_cost : std::nullopt, p.bc_ratio);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace mkba::analysis
