// time.counting x discounting.timing against the published definitions, written out here from
// their sources: darthtools gen_wcc() (the within-cycle weights of the trace points 0 .. n, each
// point discounted at its own time) and heemod (correct_counts() "life-table", "beginning", "end"
// and discount(x, r, first = FALSE) = x / (1 + r)^(model_time - 1)). The trace is computed here by
// plain matrix-vector products, independently of the engine.
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/discount.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/conventions.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

const std::string kFile = std::string(MKBA_TEST_DATA) + "/healthecon/three_state.yaml";
constexpr int kT = 10;
using Row = std::array<double, 3>;

// x_0 .. x_T of the nulalternatief: 1000 healthy, x_{t+1} = x_t P.
std::vector<Row> trace() {
  const double P[3][3] = {{0.85, 0.1, 0.05}, {0.2, 0.6, 0.2}, {0, 0, 1}};
  std::vector<Row> x(kT + 1, Row{0, 0, 0});
  x[0] = {1000, 0, 0};
  for (int t = 0; t < kT; ++t)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) x[t + 1][j] += x[t][i] * P[i][j];
  return x;
}

// gen_wcc(n, method) as darthtools codes it (R's 1-based v_cycles = 1 .. n + 1).
std::vector<double> gen_wcc(int n, const std::string& method) {
  std::vector<double> w(static_cast<std::size_t>(n) + 1, 1.0);
  if (method == "Simpson1/3") {
    for (int i = 1; i <= n + 1; ++i) w[static_cast<std::size_t>(i - 1)] = (i % 2 == 0) ? 2.0 / 3 : 4.0 / 3;
    w[0] = w[static_cast<std::size_t>(n)] = 1.0 / 3;
  } else if (method == "half-cycle") {
    w[0] = w[static_cast<std::size_t>(n)] = 0.5;
  }
  return w;
}

struct Totals {
  double sick_cost = 0, ly = 0, qaly = 0, death_cost = 0;
};

Totals run(const std::vector<Override>& o) {
  const Scenario s = load_scenario(kFile, o);
  const auto model = compile_model(s);
  const auto tr = engine::cohort_trace(model, 0);
  const auto v = engine::value(valuation_plan(s, 0, s.discount_rate), tr);
  return {-v.item_total[0], v.item_total[3], v.item_total[4], -v.item_total[5]};
}

// sum_j w_j f(x_j) / (1 + r)^j over the trace points (DARTH: v_dwe * v_wcc).
template <class F>
double darth(const std::vector<double>& w, double r, F f) {
  const auto x = trace();
  double sum = 0;
  for (int j = 0; j <= kT; ++j) sum += w[static_cast<std::size_t>(j)] * f(x[static_cast<std::size_t>(j)]) / std::pow(1 + r, j);
  return sum;
}

// heemod: cycles k = 1 .. n, counts corrected by `method`, discounted by (1 + r)^(k - 1) (first = FALSE).
template <class F>
double heemod(const std::string& method, double r, F f) {
  const auto x = trace();
  double sum = 0;
  for (int k = 1; k <= kT; ++k) {
    const Row& n0 = x[static_cast<std::size_t>(k - 1)];
    const Row& n1 = x[static_cast<std::size_t>(k)];
    const double c = method == "beginning" ? f(n0) : method == "end" ? f(n1) : (f(n0) + f(n1)) / 2;
    sum += c / std::pow(1 + r, k - 1);
  }
  return sum;
}

const auto sick = [](const Row& x) { return x[1]; };
const auto alive = [](const Row& x) { return x[0] + x[1]; };

}  // namespace

TEST_CASE("within-cycle weights: the trapezoid, Simpson's 1/3 rule and darthtools gen_wcc", "[healthecon][wcc]") {
  for (int n : {1, 2, 5, 10, 75}) {
    INFO("n = " << n);
    const auto trap = engine::within_cycle_weights(engine::PointRule::trapezoid, n);
    const auto darth = engine::within_cycle_weights(engine::PointRule::darthtools_simpson, n);
    const auto ref_trap = gen_wcc(n, "half-cycle"), ref_darth = gen_wcc(n, "Simpson1/3");
    REQUIRE(trap.size() == static_cast<std::size_t>(n) + 1);
    for (std::size_t j = 0; j < trap.size(); ++j) {
      REQUIRE(trap[j] == ref_trap[j]);
      REQUIRE(darth[j] == ref_darth[j]);
    }
  }
  // Textbook Simpson: 1, 4, 2, 4, ..., 4, 1 over 3; integrates cubics exactly.
  const auto simpson = engine::within_cycle_weights(engine::PointRule::simpson, 10);
  REQUIRE(simpson[0] == 1.0 / 3);
  REQUIRE(simpson[1] == 4.0 / 3);
  REQUIRE(simpson[2] == 2.0 / 3);
  REQUIRE(simpson[9] == 4.0 / 3);
  REQUIRE(simpson[10] == 1.0 / 3);
  double integral = 0;
  for (int j = 0; j <= 10; ++j) integral += simpson[static_cast<std::size_t>(j)] * std::pow(j, 3);
  REQUIRE(integral == Approx(std::pow(10.0, 4) / 4).epsilon(1e-14));
  REQUIRE_THROWS(engine::within_cycle_weights(engine::PointRule::simpson, 75));
  // darthtools' Simpson weights do not sum to n (n = 10: 28/3), so a constant is not integrated exactly.
  const auto d10 = engine::within_cycle_weights(engine::PointRule::darthtools_simpson, 10);
  double sum = 0;
  for (double w : d10) sum += w;
  REQUIRE(sum == Approx(28.0 / 3).epsilon(1e-14));
}

TEST_CASE("discount timing: start, middle, end and continuous factors of a cycle", "[healthecon][discount]") {
  const double r = 0.035;
  const auto start = engine::cycle_discount(r, 5, 12, engine::DiscountTiming::start);
  const auto middle = engine::cycle_discount(r, 5, 12, engine::DiscountTiming::middle);
  const auto end = engine::cycle_discount(r, 5, 12, engine::DiscountTiming::end);
  const auto cont = engine::cycle_discount(r, 5, 12, engine::DiscountTiming::continuous);
  for (int t = 0; t < 5; ++t) {
    REQUIRE(start[static_cast<std::size_t>(t)] == Approx(std::pow(1 + r, -t)).epsilon(1e-14));
    REQUIRE(middle[static_cast<std::size_t>(t)] == Approx(std::pow(1 + r, -(t + 0.5))).epsilon(1e-14));
    REQUIRE(end[static_cast<std::size_t>(t)] == Approx(std::pow(1 + r, -(t + 1))).epsilon(1e-14));
    // The integral of (1 + r)^-s over [t, t + 1].
    const double delta = std::log(1 + r);
    REQUIRE(cont[static_cast<std::size_t>(t)] ==
            Approx((std::pow(1 + r, -t) - std::pow(1 + r, -(t + 1))) / delta).epsilon(1e-14));
  }
  // Monthly cycles, continuous: twelve months add up to the annual continuous factor.
  const auto monthly = engine::cycle_discount(r, 12, 1, engine::DiscountTiming::continuous);
  double year = 0;
  for (double f : monthly) year += f;
  REQUIRE(year / 12 == Approx(cont[0]).epsilon(1e-13));
  REQUIRE(engine::cycle_discount(0.0, 3, 12, engine::DiscountTiming::continuous)[2] == 1.0);
}

TEST_CASE("heemod's conventions: counts at the beginning, end or life-table, discounted at the cycle start",
          "[healthecon][heemod]") {
  const double r = 0.03;
  // heemod method = "life-table" (its default) = time.counting: half_cycle (timing start, mkba's default).
  auto t = run({{"time.counting", "half_cycle"}});
  REQUIRE(t.sick_cost == Approx(5000 * heemod("life-table", r, sick)).epsilon(1e-12));
  REQUIRE(t.ly == Approx(heemod("life-table", r, alive)).epsilon(1e-12));
  t = run({{"time.counting", "start"}});
  REQUIRE(t.sick_cost == Approx(5000 * heemod("beginning", r, sick)).epsilon(1e-12));
  t = run({{"time.counting", "end"}});
  REQUIRE(t.sick_cost == Approx(5000 * heemod("end", r, sick)).epsilon(1e-12));
  // The QALY outcome has its own rate (1.5%).
  t = run({{"time.counting", "half_cycle"}});
  REQUIRE(t.qaly == Approx(0.9 * heemod("life-table", 0.015, alive)).epsilon(1e-12));
}

TEST_CASE("DARTH's conventions: each trace point discounted at its own time, times gen_wcc", "[healthecon][darth]") {
  const double r = 0.03;
  auto t = run({{"time.counting", "half_cycle"}, {"discounting.timing", "counted"}});
  REQUIRE(t.sick_cost == Approx(5000 * darth(gen_wcc(kT, "half-cycle"), r, sick)).epsilon(1e-12));
  REQUIRE(t.ly == Approx(darth(gen_wcc(kT, "half-cycle"), r, alive)).epsilon(1e-12));
  t = run({{"time.counting", "darthtools_simpson"}});  // timing counted is implied
  REQUIRE(t.sick_cost == Approx(5000 * darth(gen_wcc(kT, "Simpson1/3"), r, sick)).epsilon(1e-12));
  REQUIRE(t.qaly == Approx(0.9 * darth(gen_wcc(kT, "Simpson1/3"), 0.015, alive)).epsilon(1e-12));
  t = run({{"time.counting", "simpson"}});
  REQUIRE(t.ly == Approx(darth(engine::within_cycle_weights(engine::PointRule::simpson, kT), r, alive)).epsilon(1e-12));
  // gen_wcc "none" is the sum over all n + 1 points: not a counting of mkba's (n cycles), but the
  // difference is the last point alone.
  t = run({{"time.counting", "start"}, {"discounting.timing", "counted"}});
  const auto x = trace();
  REQUIRE(t.ly + alive(x[kT]) / std::pow(1 + r, kT) == Approx(darth(gen_wcc(kT, "none"), r, alive)).epsilon(1e-12));
}

TEST_CASE("an annual model counting at the end and discounting 1/(1+r)^t for cycle t = 1 .. n", "[healthecon][discount]") {
  // The convention of the first published model in issue 21 (costs were (1 + r) too high before).
  const double r = 0.03;
  const auto x = trace();
  double expected = 0, middle = 0, continuous = 0;
  for (int t = 1; t <= kT; ++t) expected += 5000 * x[static_cast<std::size_t>(t)][1] / std::pow(1 + r, t);
  for (int t = 0; t < kT; ++t) {
    middle += 5000 * x[static_cast<std::size_t>(t)][1] / std::pow(1 + r, t + 0.5);
    continuous += 5000 * x[static_cast<std::size_t>(t)][1] * (std::pow(1 + r, -t) - std::pow(1 + r, -(t + 1))) / std::log(1 + r);
  }
  REQUIRE(run({{"time.counting", "end"}, {"discounting.timing", "end"}}).sick_cost == Approx(expected).epsilon(1e-12));
  REQUIRE(run({{"time.counting", "end"}, {"discounting.timing", "counted"}}).sick_cost == Approx(expected).epsilon(1e-12));
  REQUIRE(run({{"discounting.timing", "middle"}}).sick_cost == Approx(middle).epsilon(1e-12));
  REQUIRE(run({{"discounting.timing", "continuous"}}).sick_cost == Approx(continuous).epsilon(1e-12));
  // One-off amounts (per transition) are discounted at the end of the cycle of the move, whatever the timing.
  double deaths = 0;
  for (int t = 0; t < kT; ++t)
    deaths += 2000 * (x[static_cast<std::size_t>(t)][0] * 0.05 + x[static_cast<std::size_t>(t)][1] * 0.2) / std::pow(1 + r, t + 1);
  for (const char* timing : {"start", "middle", "end", "continuous", "counted"})
    REQUIRE(run({{"discounting.timing", timing}}).death_cost == Approx(deaths).epsilon(1e-12));
}

TEST_CASE("amounts per year, per cycle or per month, and windows in cycles", "[healthecon][amounts]") {
  // Monthly cycles: the yearly 5000 is 5000/12 a month; the per-cycle 120 is 120 a month.
  const Scenario s = load_scenario(kFile);
  const auto plan = valuation_plan(s, 0, s.discount_rate);
  REQUIRE(plan.items[0].amount == 5000);  // annual cycles: per year = per cycle
  REQUIRE(plan.items[1].amount == 120);
  REQUIRE(plan.items[2].amount == 120);   // 10 per month x 12
  REQUIRE(plan.items[2].first_cycle == 1);
  REQUIRE(plan.items[2].last_cycle == 3);
  const Scenario q = load_scenario(kFile, {{"time.cycle", "quarter"}, {"transitions.unit", "monthly_probability"},
                                           {"transitions.matrix.healthy", "{healthy: 0.985, sick: 0.01, dead: 0.005}"},
                                           {"transitions.matrix.sick", "{healthy: 0.02, sick: 0.96, dead: 0.02}"}});
  const auto pq = valuation_plan(q, 0, q.discount_rate);
  REQUIRE(pq.items[0].amount == Approx(1250).epsilon(1e-15));  // 5000 a year, a quarter
  REQUIRE(pq.items[1].amount == 120);                          // per cycle
  REQUIRE(pq.items[2].amount == 30);                           // 10 a month
  REQUIRE(pq.items[2].first_cycle == 1);                       // windows in cycles stay in cycles
  REQUIRE(pq.items[2].last_cycle == 3);
}

TEST_CASE("a relative risk on all exits of a state in one line", "[healthecon][overlay]") {
  const Scenario s = load_scenario(kFile);
  REQUIRE(s.alternatives[1].overlays.size() == 2);  // sick -> healthy, sick -> dead
  const auto before = cycle_matrix(s, 1, 1), in = cycle_matrix(s, 1, 2), after = cycle_matrix(s, 1, 6);
  REQUIRE(before(1, 0) == Approx(0.2));
  REQUIRE(in(1, 0) == Approx(0.25).epsilon(1e-14));
  REQUIRE(in(1, 2) == Approx(0.25).epsilon(1e-14));
  REQUIRE(in(1, 1) == Approx(0.5).epsilon(1e-14));
  REQUIRE(in(0, 1) == Approx(0.1));  // other rows untouched
  REQUIRE(after(1, 1) == Approx(0.6));
}

TEST_CASE("conventions that have no meaning are refused with the fix", "[healthecon][errors]") {
  auto message = [](const std::vector<Override>& o) {
    try {
      load_scenario(kFile, o);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  REQUIRE_THAT(message({{"time.counting", "simpson"}, {"time.horizon_years", "9"}}),
               Catch::Contains("Simpson's 1/3 rule needs an even number of cycles, found 9"));
  REQUIRE_THAT(message({{"time.counting", "simpson"}, {"discounting.timing", "start"}}),
               Catch::Contains("discounting.timing: Simpson's rule weights the trace points"));
  REQUIRE_THAT(message({{"alternatives.behandeling.transitions.0.probability", "0.5"}}),
               Catch::Contains("'to: all_exits' takes a relative_risk"));
  REQUIRE_THAT(message({{"effects.0.per", "week"}}), Catch::Contains("effects[0].per"));
  REQUIRE_THAT(message({{"effects.5.per", "year"}}), Catch::Contains("a one-off amount (per_transition, per_entry) is per event"));
  REQUIRE_THAT(message({{"effects.2.window.from", "2026-02"}}), Catch::Contains("expected 'from' (a month) or 'from_cycle', not both"));
  REQUIRE_THAT(message({{"effects.2.window.until_cycle", "11"}}), Catch::Contains("effects[2].window.until_cycle"));
}

TEST_CASE("mkba validate explains unusual combinations of conventions", "[healthecon][validate]") {
  auto notes = [](const std::vector<Override>& o) { return convention_notes(load_scenario(kFile, o)); };
  REQUIRE(notes({}).empty());
  REQUIRE(notes({{"time.counting", "half_cycle"}, {"discounting.timing", "counted"}}).empty());
  REQUIRE(notes({{"time.counting", "end"}, {"discounting.timing", "end"}}).empty());
  const auto end_start = notes({{"time.counting", "end"}});
  REQUIRE(end_start.size() == 1);
  REQUIRE_THAT(end_start[0], Catch::Contains("discounting.timing: end"));
  REQUIRE(notes({{"discounting.timing", "end"}}).size() == 1);
  REQUIRE(notes({{"time.counting", "half_cycle"}, {"discounting.timing", "end"}}).size() == 1);
  REQUIRE_THAT(notes({{"time.counting", "darthtools_simpson"}})[0], Catch::Contains("swap the 4/3 and 2/3"));
}
