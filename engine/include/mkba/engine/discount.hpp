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

}  // namespace mkba::engine
