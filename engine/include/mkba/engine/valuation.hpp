#pragma once
// Money (and non-monetary outcomes) as a linear map applied to a trace after the simulation:
//   value[t][g][stakeholder][category] = sum over items of amount x persons(t, g) x discount(t).
// The kernel never sees a euro. See docs/accounting.md for the rules.
#include <mkba/engine/trace.hpp>

#include <cstdint>
#include <limits>
#include <vector>

namespace mkba::engine {

// Which occupancy stands for the time in cycle t: x_t (start), x_{t+1} (end), their mean (half_cycle),
// each times the cycle's discount factor; or `weighted`: x_t w0[t] + x_{t+1} w1[t] with the weights
// (discount and within-cycle correction together) given per cycle (Simpson's rule, the trapezoid of
// the discounted trace; models/ builds them, docs/timing.md).
enum class Counting { start, end, half_cycle, weighted };

enum class Basis {
  per_cycle_in_state,  // amount per person per cycle spent in one of `states`
  per_transition,      // one-off amount per move from a `from` state to a `to` state (not staying)
  per_entry,           // one-off amount per new arrival entering in one of `states`
};

struct ValueItem {
  int category = 0;
  int payer = -1;     // stakeholder index, -1 = none
  int receiver = -1;  // stakeholder index, -1 = none
  bool transfer = false;
  int outcome = -1;   // >= 0: a non-monetary outcome (quantity, no payer/receiver)
  Basis basis = Basis::per_cycle_in_state;
  std::vector<std::uint8_t> states;  // mask [n_states] (per_cycle_in_state, per_entry)
  std::vector<std::uint8_t> from;    // mask [n_states] (per_transition)
  std::vector<std::uint8_t> to;      // mask [n_states] (per_transition)
  double amount = 0;                 // euros (or outcome units) per person per cycle / per event
  int first_cycle = 0;               // active in cycles [first_cycle, last_cycle)
  int last_cycle = std::numeric_limits<int>::max();
  int gemeente = -1;                 // -1: every gemeente
  // Optional refinements of the linear map (empty: none):
  std::vector<double> segment_amount;  // [segment]: the amount per segment (a person attribute such as
                                       // the loonwaarde band); replaces `amount` when given
  std::vector<double> state_factor;    // [n_states]: persons in (or moving into, arriving in) a state
                                       // count with this weight, e.g. the part-time factor for per-fte amounts
  // Optional masks: the item applies only to persons in these segments [n_segments] and gemeenten
  // [n_gemeenten] (a kwadrant's own amounts, a gemeente's own tariffs); empty: all.
  std::vector<std::uint8_t> segments;
  std::vector<std::uint8_t> gemeenten;

  bool operator==(const ValueItem&) const = default;
};

struct ValuationPlan {
  int n_stakeholders = 0;
  int n_categories = 0;
  int n_outcomes = 0;
  Counting counting = Counting::start;
  std::vector<double> money_discount;               // [t]: flows during cycle t (weighted: w0, on x_t)
  std::vector<double> money_discount_next;          // [t]: weighted only: w1, on x_{t+1}
  std::vector<double> money_discount_end;           // [t]: events at the end of cycle t
  std::vector<std::vector<double>> outcome_discount;      // [outcome][t]
  std::vector<std::vector<double>> outcome_discount_next; // [outcome][t] (weighted only)
  std::vector<std::vector<double>> outcome_discount_end;  // [outcome][t]
  std::vector<ValueItem> items;

  // Every field equal: the same plan values the same trace to the same bits (the tornado's sides
  // reuse the base case's value where neither changed, analysis/sensitivity.cpp).
  bool operator==(const ValuationPlan&) const = default;
};

struct Valued {
  int n_cycles = 0, n_gemeenten = 0, n_stakeholders = 0, n_categories = 0, n_outcomes = 0;
  std::vector<double> money;      // [t][g][stakeholder][category], discounted euros
  std::vector<double> transfers;  // [t]: the sum over stakeholders of transfer items (must be ~0)
  std::vector<double> outcomes;   // [t][g][outcome], discounted quantities
  std::vector<double> item_total; // [item]: discounted value (receiver side) of each item
  // Per segment (kwadrant), summed over cycles and gemeenten: an effect counts in the segment the
  // person is in during the cycle it happens (with rescreening a person's segment can change).
  int n_segments = 0;
  std::vector<double> segment_money;     // [segment][stakeholder][category], discounted euros
  std::vector<double> segment_outcomes;  // [segment][outcome], discounted quantities

  std::size_t money_index(int t, int g, int sh, int cat) const {
    return ((static_cast<std::size_t>(t) * n_gemeenten + g) * n_stakeholders + sh) * n_categories + cat;
  }
  std::size_t segment_index(int seg, int sh, int cat) const {
    return (static_cast<std::size_t>(seg) * n_stakeholders + sh) * n_categories + cat;
  }
};

Valued value(const ValuationPlan& plan, const Trace& trace);

}  // namespace mkba::engine
