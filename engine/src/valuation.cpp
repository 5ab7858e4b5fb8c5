#include <mkba/engine/valuation.hpp>

#include <algorithm>
#include <stdexcept>

namespace mkba::engine {
namespace {

// Adds the persons (or events) the item applies to in cycle t of one cell (gemeente x segment),
// before discounting, to `sum`.
void add_exposure(const ValueItem& item, const Trace& tr, Counting counting, int t, std::size_t cell, double& sum) {
  const int n = tr.n_states;
  const std::size_t cells = static_cast<std::size_t>(tr.n_gemeenten) * tr.n_segments;
  switch (item.basis) {
    case Basis::per_cycle_in_state:
      for (int s = 0; s < n; ++s) {
        if (!item.states[s]) continue;
        const double start = tr.occupancy[(t * cells + cell) * n + s];
        const double end = tr.occupancy[((t + 1) * cells + cell) * n + s];
        sum += counting == Counting::start ? start
               : counting == Counting::end ? end
                                           : 0.5 * (start + end);
      }
      break;
    case Basis::per_transition:
      for (int s = 0; s < n; ++s) {
        if (!item.from[s]) continue;
        for (int to = 0; to < n; ++to)
          if (to != s && item.to[to]) sum += tr.transitions[((t * cells + cell) * n + s) * n + to];
      }
      break;
    case Basis::per_entry:
      for (int s = 0; s < n; ++s)
        if (item.states[s]) sum += tr.entries[(t * cells + cell) * n + s];
      break;
  }
}

// Persons (or events) the item applies to in cycle t of gemeente g, summed over segments.
double exposure(const ValueItem& item, const Trace& tr, Counting counting, int t, int g) {
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg)
    if (item.segments.empty() || item.segments[static_cast<std::size_t>(seg)])
      add_exposure(item, tr, counting, t, static_cast<std::size_t>(g) * tr.n_segments + seg, sum);
  return sum;
}

}  // namespace

Valued value(const ValuationPlan& plan, const Trace& tr) {
  const int T = tr.n_cycles, G = tr.n_gemeenten;
  if (static_cast<int>(plan.money_discount.size()) < T ||
      static_cast<int>(plan.money_discount_end.size()) < T)
    throw std::invalid_argument("valuation: discount factors shorter than the horizon");
  Valued v;
  v.n_cycles = T;
  v.n_gemeenten = G;
  v.n_stakeholders = plan.n_stakeholders;
  v.n_categories = plan.n_categories;
  v.n_outcomes = plan.n_outcomes;
  v.money.assign(static_cast<std::size_t>(T) * G * plan.n_stakeholders * plan.n_categories, 0.0);
  v.transfers.assign(static_cast<std::size_t>(T), 0.0);
  v.outcomes.assign(static_cast<std::size_t>(T) * G * plan.n_outcomes, 0.0);
  v.item_total.assign(plan.items.size(), 0.0);
  const int S = tr.n_segments;
  v.n_segments = S;
  v.segment_money.assign(static_cast<std::size_t>(S) * plan.n_stakeholders * plan.n_categories, 0.0);
  v.segment_outcomes.assign(static_cast<std::size_t>(S) * plan.n_outcomes, 0.0);

  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const ValueItem& item = plan.items[i];
    const bool event = item.basis != Basis::per_cycle_in_state;
    const int first = std::max(0, item.first_cycle), last = std::min(T, item.last_cycle);
    for (int t = first; t < last; ++t) {
      for (int g = 0; g < G; ++g) {
        if (item.gemeente >= 0 && item.gemeente != g) continue;
        if (!item.gemeenten.empty() && !item.gemeenten[static_cast<std::size_t>(g)]) continue;
        const double x = exposure(item, tr, plan.counting, t, g);
        if (x == 0.0) continue;
        const double d = item.outcome >= 0
                             ? (event ? plan.outcome_discount_end[item.outcome] : plan.outcome_discount[item.outcome])[t]
                             : (event ? plan.money_discount_end[t] : plan.money_discount[t]);
        // The same item per segment (the segment a person is in during cycle t): a second linear
        // pass over the cells, so the totals above keep their summation order.
        for (int seg = 0; seg < S; ++seg) {
          double xs = 0;
          if (!item.segments.empty() && !item.segments[static_cast<std::size_t>(seg)]) continue;
          if (S == 1) xs = x;
          else add_exposure(item, tr, plan.counting, t, static_cast<std::size_t>(g) * S + seg, xs);
          if (xs == 0.0) continue;
          const double amount = item.amount * xs * d;
          if (item.outcome >= 0) {
            v.segment_outcomes[static_cast<std::size_t>(seg) * plan.n_outcomes + item.outcome] += amount;
            continue;
          }
          if (item.payer >= 0) v.segment_money[v.segment_index(seg, item.payer, item.category)] -= amount;
          if (item.receiver >= 0) v.segment_money[v.segment_index(seg, item.receiver, item.category)] += amount;
        }
        if (item.outcome >= 0) {
          const double q = item.amount * x * d;
          v.outcomes[(static_cast<std::size_t>(t) * G + g) * plan.n_outcomes + item.outcome] += q;
          v.item_total[i] += q;
          continue;
        }
        const double euros = item.amount * x * d;
        if (item.payer >= 0) v.money[v.money_index(t, g, item.payer, item.category)] -= euros;
        if (item.receiver >= 0) v.money[v.money_index(t, g, item.receiver, item.category)] += euros;
        if (item.transfer) v.transfers[t] += (item.receiver >= 0 ? euros : 0.0) - (item.payer >= 0 ? euros : 0.0);
        v.item_total[i] += item.receiver >= 0 ? euros : -euros;
      }
    }
  }
  return v;
}

}  // namespace mkba::engine
