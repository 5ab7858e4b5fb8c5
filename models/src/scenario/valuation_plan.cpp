// The valuation plan of an alternative: the weights of the state values per cycle from
// time.counting and discounting.timing (docs/timing.md), and the compiled effects.
#include <mkba/models/compile.hpp>
#include <mkba/models/effect_scope.hpp>

#include <stdexcept>

namespace mkba {

engine::Counting state_weights(const Scenario& s, double rate, std::vector<double>& w0, std::vector<double>& w1) {
  const int T = s.time.n_cycles(), m = s.time.months_per_cycle;
  w1.clear();
  engine::DiscountTiming timing = engine::DiscountTiming::start;
  switch (s.discount_timing) {
    case DiscountTiming::start: timing = engine::DiscountTiming::start; break;
    case DiscountTiming::middle: timing = engine::DiscountTiming::middle; break;
    case DiscountTiming::end: timing = engine::DiscountTiming::end; break;
    case DiscountTiming::continuous: timing = engine::DiscountTiming::continuous; break;
    case DiscountTiming::counted: {
      // Each occupancy discounted at the moment it is counted: x_t at t, x_{t+1} at t + 1.
      const std::vector<double> point = engine::discount_factors(rate, T + 1, m, 0.0);
      switch (s.time.counting) {
        case Counting::start: w0.assign(point.begin(), point.end() - 1); return engine::Counting::start;
        case Counting::end: w0.assign(point.begin() + 1, point.end()); return engine::Counting::end;
        case Counting::half_cycle:  // the trapezoid of the discounted trace, cycle by cycle
          w0.resize(static_cast<std::size_t>(T));
          w1.resize(static_cast<std::size_t>(T));
          for (std::size_t t = 0; t < static_cast<std::size_t>(T); ++t) {
            w0[t] = 0.5 * point[t];
            w1[t] = 0.5 * point[t + 1];
          }
          return engine::Counting::weighted;
        case Counting::simpson:
        case Counting::darthtools_simpson: {
          // Point j's weight goes to cycle j; the last point (the end of the horizon) to the last cycle.
          const auto w = engine::within_cycle_weights(s.time.counting == Counting::simpson
                                                          ? engine::PointRule::simpson
                                                          : engine::PointRule::darthtools_simpson, T);
          w0.resize(static_cast<std::size_t>(T));
          w1.assign(static_cast<std::size_t>(T), 0.0);
          for (std::size_t t = 0; t < static_cast<std::size_t>(T); ++t) w0[t] = w[t] * point[t];
          w1.back() = w.back() * point.back();
          return engine::Counting::weighted;
        }
      }
      break;
    }
  }
  w0 = engine::cycle_discount(rate, T, m, timing);
  switch (s.time.counting) {
    case Counting::start: return engine::Counting::start;
    case Counting::end: return engine::Counting::end;
    case Counting::half_cycle: return engine::Counting::half_cycle;
    case Counting::simpson:
    case Counting::darthtools_simpson: break;  // refused by load_scenario (Simpson is always counted)
  }
  throw std::invalid_argument("Simpson's rule needs discounting.timing: counted");
}

engine::ValuationPlan valuation_plan(const Scenario& s, int alternative, double rate) {
  engine::ValuationPlan plan;
  const int T = s.time.n_cycles(), m = s.time.months_per_cycle;
  plan.n_stakeholders = static_cast<int>(s.stakeholders.size());
  plan.n_categories = static_cast<int>(s.categories.size());
  plan.n_outcomes = static_cast<int>(s.outcomes.size());
  plan.counting = state_weights(s, rate, plan.money_discount, plan.money_discount_next);
  plan.money_discount_end = engine::discount_factors(rate, T, m, 1.0);
  for (double r : s.outcome_discount_rates) {
    plan.outcome_discount.emplace_back();
    plan.outcome_discount_next.emplace_back();
    state_weights(s, r, plan.outcome_discount.back(), plan.outcome_discount_next.back());
    plan.outcome_discount_end.push_back(engine::discount_factors(r, T, m, 1.0));
  }
  for (const auto& e : s.effects) plan.items.push_back(compiled_effect(s, e, alternative));
  return plan;
}

}  // namespace mkba
