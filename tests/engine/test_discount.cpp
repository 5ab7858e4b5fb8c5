// Discounting against hand-computed annuities.
#include "helpers.hpp"

#include <mkba/engine/cohort.hpp>
#include <mkba/engine/discount.hpp>
#include <mkba/engine/valuation.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace mkba;

TEST_CASE("twelve monthly factors discount exactly one year", "[engine][discount]") {
  const auto f = engine::discount_factors(0.0225, 25, 1);
  REQUIRE(f[0] == 1.0);
  REQUIRE(f[12] == Approx(1 / 1.0225).epsilon(1e-15));
  REQUIRE(f[24] == Approx(1 / (1.0225 * 1.0225)).epsilon(1e-15));
  REQUIRE(engine::per_cycle_rate(0.0225, 12) == Approx(0.0225).epsilon(1e-13));
  REQUIRE(std::pow(1 + engine::per_cycle_rate(0.0225, 1), 12) == Approx(1.0225).epsilon(1e-15));
}

TEST_CASE("a person paid 1 euro at the start of every month: NCW equals the annuity-due", "[engine][discount]") {
  const int T = 120;
  const double r = 0.0225;
  const auto m = test::constant_model(1, {1.0}, T, {{0, 0, 0, 0, 0, 3}});
  const auto tr = engine::cohort_trace(m, 0);
  engine::ValuationPlan plan;
  plan.n_stakeholders = 2;
  plan.n_categories = 1;
  plan.money_discount = engine::discount_factors(r, T, 1, 0.0);
  plan.money_discount_end = engine::discount_factors(r, T, 1, 1.0);
  engine::ValueItem benefit;
  benefit.transfer = true;
  benefit.payer = 0;
  benefit.receiver = 1;
  benefit.states = {1};
  benefit.amount = 1.0;
  plan.items.push_back(benefit);
  const auto v = engine::value(plan, tr);
  const double vm = std::pow(1 + r, -1.0 / 12);
  const double annuity_due = (1 - std::pow(vm, T)) / (1 - vm);  // sum_{t=0}^{T-1} v^t
  double receiver = 0, payer = 0;
  for (int t = 0; t < T; ++t) {
    payer += v.money[v.money_index(t, 0, 0, 0)];
    receiver += v.money[v.money_index(t, 0, 1, 0)];
    REQUIRE(v.transfers[static_cast<std::size_t>(t)] == 0.0);
  }
  REQUIRE(receiver == Approx(3 * annuity_due).epsilon(1e-12));
  REQUIRE(payer == Approx(-3 * annuity_due).epsilon(1e-12));
}
