#pragma once
// Discounting. An annual real rate r is applied to monthly (or quarterly) flows through its exact
// equivalent per cycle, (1 + r)^(months_per_cycle / 12) - 1, so twelve monthly steps discount by
// exactly one year's factor.
#include <vector>

namespace mkba::engine {

double per_cycle_rate(double annual_rate, int months_per_cycle);

// factor[t] = (1 + r)^(-(t + offset) * months_per_cycle / 12), t = 0 .. n_cycles-1. offset 0 puts a
// flow at the start of cycle t, offset 1 at its end.
std::vector<double> discount_factors(double annual_rate, int n_cycles, int months_per_cycle,
                                     double offset = 0.0);

// When in cycle t the values of the time spent in it are discounted (docs/timing.md):
//   start       (1 + r)^(-t m / 12)              (annuity-due; mkba's default, heemod's default)
//   middle      (1 + r)^(-(t + 1/2) m / 12)
//   end         (1 + r)^(-(t + 1) m / 12)        (1 / (1 + r)^t for cycle t = 1 .. n of an annual model)
//   continuous  the mean of (1 + r)^(-s m / 12) over s in [t, t + 1]: (1 + r)^(-t m / 12) (1 - v) / -ln v,
//               v = (1 + r)^(-m / 12) (a flow spread evenly over the cycle, discounted continuously)
enum class DiscountTiming { start, middle, end, continuous };
std::vector<double> cycle_discount(double annual_rate, int n_cycles, int months_per_cycle, DiscountTiming timing);

// Within-cycle correction weights w_j of the trace points j = 0 .. n_cycles (occupancy at the start
// of cycle j; j = n_cycles is the end of the horizon), as the literature defines them:
//   trapezoid           1/2, 1, ..., 1, 1/2                  (the half-cycle correction; darthtools gen_wcc "half-cycle")
//   simpson             1/3, 4/3, 2/3, 4/3, ..., 4/3, 1/3    (Simpson's 1/3 rule; needs an even n_cycles)
//   darthtools_simpson  darthtools gen_wcc(n, "Simpson1/3") exactly as coded: 1/3 at both ends,
//                       2/3 at odd j and 4/3 at even j in between (the 4/3 and 2/3 of the textbook rule
//                       swapped; its weights sum to n_cycles only by chance)
enum class PointRule { trapezoid, simpson, darthtools_simpson };
std::vector<double> within_cycle_weights(PointRule rule, int n_cycles);

}  // namespace mkba::engine
