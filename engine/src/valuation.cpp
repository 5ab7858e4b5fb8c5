#include <mkba/engine/valuation.hpp>

#include <algorithm>
#include <stdexcept>

namespace mkba::engine {
namespace {

// The occupancy weights of cycle t under Counting::weighted (discount included).
struct PointWeights {
  double w0 = 0, w1 = 0;
};

// The cells of one item's exposure, in the order they are added: per_cycle_in_state and per_entry
// read the state `at` of a cell's occupancy (entries); per_transition the move `at` = from x n + to
// of a cell's transitions. `w` is the state factor (1 without). Built once per item and value()
// call, so the loops over cycles, gemeenten and segments touch only the cells the item reads.
struct Term {
  std::size_t at;
  double w;
};

std::vector<Term> terms_of(const ValueItem& item, int n) {
  const bool weighted = !item.state_factor.empty();
  auto w = [&](int s) { return weighted ? item.state_factor[static_cast<std::size_t>(s)] : 1.0; };
  std::vector<Term> out;
  const auto un = static_cast<std::size_t>(n);
  switch (item.basis) {
    case Basis::per_cycle_in_state:
    case Basis::per_entry:
      for (int s = 0; s < n; ++s)
        if (item.states[s]) out.push_back({static_cast<std::size_t>(s), w(s)});
      break;
    case Basis::per_transition:
      for (int s = 0; s < n; ++s) {
        if (!item.from[s]) continue;
        for (int to = 0; to < n; ++to)
          if (to != s && item.to[to]) out.push_back({static_cast<std::size_t>(s) * un + static_cast<std::size_t>(to), w(to)});
      }
      break;
  }
  return out;
}

// The persons (or events) the item applies to in cycle t of gemeente g: per segment into xs[seg]
// (0 for a segment outside the item's mask), and summed over segments as the return value; with
// amounts per segment, that sum is persons x (segment amount / item amount), so that
// amount x exposure is the item's value either way (Counting::weighted: already weighted and
// discounted). One pass over the cells: each cell's term is added to its segment's sum and to the
// total, in the order of the cells, so both sums are those of adding the terms one by one.
// B and C are the item's basis and the plan's counting, fixed per item (exposure_fn), so that the
// loops over segments and terms carry no switch.
template <Basis B, Counting C>
double exposure(const ValueItem& item, const std::vector<Term>& terms, const Trace& tr, PointWeights pw, int t, int g,
                double* xs) {
  const std::size_t n = static_cast<std::size_t>(tr.n_states);
  const std::size_t cells = static_cast<std::size_t>(tr.n_gemeenten) * tr.n_segments;
  const bool per_segment_amount = !item.segment_amount.empty();
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg) {
    double x = 0;
    if (!item.segments.empty() && !item.segments[static_cast<std::size_t>(seg)]) {
      xs[seg] = 0;
      continue;
    }
    const std::size_t cell = static_cast<std::size_t>(g) * tr.n_segments + static_cast<std::size_t>(seg);
    if constexpr (B == Basis::per_cycle_in_state) {
      const double* start = &tr.occupancy[(static_cast<std::size_t>(t) * cells + cell) * n];
      const double* end = &tr.occupancy[((static_cast<std::size_t>(t) + 1) * cells + cell) * n];
      for (const Term& k : terms) {
        const double v = k.w * (C == Counting::start      ? start[k.at]
                                : C == Counting::end      ? end[k.at]
                                : C == Counting::weighted ? start[k.at] * pw.w0 + end[k.at] * pw.w1
                                                          : 0.5 * (start[k.at] + end[k.at]));
        x += v;
        if (!per_segment_amount) sum += v;
      }
    } else {
      const double* at = B == Basis::per_transition ? &tr.transitions[(static_cast<std::size_t>(t) * cells + cell) * n * n]
                                                    : &tr.entries[(static_cast<std::size_t>(t) * cells + cell) * n];
      for (const Term& k : terms) {
        const double v = k.w * at[k.at];
        x += v;
        if (!per_segment_amount) sum += v;
      }
    }
    xs[seg] = x;
    if (per_segment_amount) sum += x * item.segment_amount[static_cast<std::size_t>(seg)];
  }
  return sum;
}

using ExposureFn = double (*)(const ValueItem&, const std::vector<Term>&, const Trace&, PointWeights, int, int, double*);

template <Basis B>
ExposureFn exposure_fn(Counting c) {
  switch (c) {
    case Counting::start: return &exposure<B, Counting::start>;
    case Counting::end: return &exposure<B, Counting::end>;
    case Counting::weighted: return &exposure<B, Counting::weighted>;
    case Counting::half_cycle: break;
  }
  return &exposure<B, Counting::half_cycle>;
}

// The exposure of an item's basis under the plan's counting (events do not depend on counting).
ExposureFn exposure_fn(Basis b, Counting c) {
  switch (b) {
    case Basis::per_cycle_in_state: return exposure_fn<Basis::per_cycle_in_state>(c);
    case Basis::per_transition: return &exposure<Basis::per_transition, Counting::start>;
    case Basis::per_entry: break;
  }
  return &exposure<Basis::per_entry, Counting::start>;
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

  std::vector<double> xs(static_cast<std::size_t>(S));  // [segment]: the exposure of one (item, cycle, gemeente)
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const ValueItem& item = plan.items[i];
    const std::vector<Term> terms = terms_of(item, tr.n_states);
    const ExposureFn exposure_of = exposure_fn(item.basis, plan.counting);
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
        const double x = exposure_of(item, terms, tr, pw, t, g, xs.data());
        if (x == 0.0) continue;
        const double d = weighted && !event ? 1.0
                         : item.outcome >= 0
                             ? (event ? plan.outcome_discount_end[item.outcome] : plan.outcome_discount[item.outcome])[t]
                             : (event ? plan.money_discount_end[t] : plan.money_discount[t]);
        // The same item per segment (the segment a person is in during cycle t).
        for (int seg = 0; seg < S; ++seg) {
          if (!item.segments.empty() && !item.segments[static_cast<std::size_t>(seg)]) continue;
          const double x_seg = xs[static_cast<std::size_t>(seg)];
          if (x_seg == 0.0) continue;
          const double amount = segment_amount(item, seg) * x_seg * d;
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
