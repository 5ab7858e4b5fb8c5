#include <mkba/engine/valuation.hpp>

#include <algorithm>
#include <stdexcept>

namespace mkba::engine {
namespace {

// The occupancy weights of cycle t under Counting::weighted (discount included).
struct PointWeights {
  double w0 = 0, w1 = 0;
};

// Adds the persons (or events) the item applies to in cycle t of one cell (gemeente x segment),
// before discounting (with Counting::weighted: already weighted and discounted), to `sum`.
void add_exposure(const ValueItem& item, const Trace& tr, Counting counting, PointWeights pw, int t, std::size_t cell,
                  double& sum) {
  const int n = tr.n_states;
  const bool weighted = !item.state_factor.empty();
  auto w = [&](int s) { return weighted ? item.state_factor[static_cast<std::size_t>(s)] : 1.0; };
  const std::size_t cells = static_cast<std::size_t>(tr.n_gemeenten) * tr.n_segments;
  switch (item.basis) {
    case Basis::per_cycle_in_state:
      for (int s = 0; s < n; ++s) {
        if (!item.states[s]) continue;
        const double start = tr.occupancy[(t * cells + cell) * n + s];
        const double end = tr.occupancy[((t + 1) * cells + cell) * n + s];
        sum += w(s) * (counting == Counting::start      ? start
                       : counting == Counting::end      ? end
                       : counting == Counting::weighted ? start * pw.w0 + end * pw.w1
                                                        : 0.5 * (start + end));
      }
      break;
    case Basis::per_transition:
      for (int s = 0; s < n; ++s) {
        if (!item.from[s]) continue;
        for (int to = 0; to < n; ++to)
          if (to != s && item.to[to]) sum += w(to) * tr.transitions[((t * cells + cell) * n + s) * n + to];
      }
      break;
    case Basis::per_entry:
      for (int s = 0; s < n; ++s)
        if (item.states[s]) sum += w(s) * tr.entries[(t * cells + cell) * n + s];
      break;
  }
}

// Persons (or events) the item applies to in cycle t of gemeente g, summed over segments; with
// amounts per segment, the sum of persons x (segment amount / item amount), so that
// amount x exposure is the item's value either way.
double exposure(const ValueItem& item, const Trace& tr, Counting counting, PointWeights pw, int t, int g) {
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg) {
    if (!item.segments.empty() && !item.segments[static_cast<std::size_t>(seg)]) continue;
    if (item.segment_amount.empty()) {
      add_exposure(item, tr, counting, pw, t, static_cast<std::size_t>(g) * tr.n_segments + seg, sum);
      continue;
    }
    double xs = 0;
    add_exposure(item, tr, counting, pw, t, static_cast<std::size_t>(g) * tr.n_segments + seg, xs);
    sum += xs * item.segment_amount[static_cast<std::size_t>(seg)];
  }
  return sum;
}

// The amount the exposure above is multiplied by: 1 when the amounts are per segment.
double unit_amount(const ValueItem& item) { return item.segment_amount.empty() ? item.amount : 1.0; }
double segment_amount(const ValueItem& item, int seg) {
  return item.segment_amount.empty() ? item.amount : item.segment_amount[static_cast<std::size_t>(seg)];
}

}  // namespace

Valued value(const ValuationPlan& plan, const Trace& tr) {
  const int T = tr.n_cycles, G = tr.n_gemeenten;
  if (static_cast<int>(plan.money_discount.size()) < T ||
      static_cast<int>(plan.money_discount_end.size()) < T)
    throw std::invalid_argument("valuation: discount factors shorter than the horizon");
  const bool weighted = plan.counting == Counting::weighted;
  if (weighted && (static_cast<int>(plan.money_discount_next.size()) < T ||
                   plan.outcome_discount_next.size() < plan.outcome_discount.size()))
    throw std::invalid_argument("valuation: weighted counting needs the weights of x_{t+1}");
  for (const auto& item : plan.items)
    if ((!item.segment_amount.empty() && static_cast<int>(item.segment_amount.size()) != tr.n_segments) ||
        (!item.state_factor.empty() && static_cast<int>(item.state_factor.size()) != tr.n_states))
      throw std::invalid_argument("valuation: an item's amounts per segment or factors per state do not match the trace");
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
        // Counting::weighted: the exposure carries its discount (d = 1).
        PointWeights pw;
        if (weighted && !event) {
          pw.w0 = (item.outcome >= 0 ? plan.outcome_discount[item.outcome] : plan.money_discount)[t];
          pw.w1 = (item.outcome >= 0 ? plan.outcome_discount_next[item.outcome] : plan.money_discount_next)[t];
        }
        const double x = exposure(item, tr, plan.counting, pw, t, g);
        if (x == 0.0) continue;
        const double d = weighted && !event ? 1.0
                         : item.outcome >= 0
                             ? (event ? plan.outcome_discount_end[item.outcome] : plan.outcome_discount[item.outcome])[t]
                             : (event ? plan.money_discount_end[t] : plan.money_discount[t]);
        // The same item per segment (the segment a person is in during cycle t): a second linear
        // pass over the cells, so the totals above keep their summation order.
        for (int seg = 0; seg < S; ++seg) {
          double xs = 0;
          if (!item.segments.empty() && !item.segments[static_cast<std::size_t>(seg)]) continue;
          if (S == 1 && item.segment_amount.empty()) xs = x;
          else add_exposure(item, tr, plan.counting, pw, t, static_cast<std::size_t>(g) * S + seg, xs);
          if (xs == 0.0) continue;
          const double amount = segment_amount(item, seg) * xs * d;
          if (item.outcome >= 0) {
            v.segment_outcomes[static_cast<std::size_t>(seg) * plan.n_outcomes + item.outcome] += amount;
            continue;
          }
          if (item.payer >= 0) v.segment_money[v.segment_index(seg, item.payer, item.category)] -= amount;
          if (item.receiver >= 0) v.segment_money[v.segment_index(seg, item.receiver, item.category)] += amount;
        }
        if (item.outcome >= 0) {
          const double q = unit_amount(item) * x * d;
          v.outcomes[(static_cast<std::size_t>(t) * G + g) * plan.n_outcomes + item.outcome] += q;
          v.item_total[i] += q;
          continue;
        }
        const double euros = unit_amount(item) * x * d;
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
