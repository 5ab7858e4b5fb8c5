// The published models rebuilt in scenarios/examples/ (docs/examples.md) against their published
// tables: cohort mode to the published precision (>= 6 significant digits where the publication
// gives them), microsimulation within Monte Carlo error.
#include <mkba/analysis/cost_effectiveness.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

using namespace mkba;

namespace {

Scenario example(const std::string& name, const std::vector<Override>& o = {}) {
  return load_scenario(std::string(MKBA_SCENARIO_DIR) + "/examples/" + name, o);
}

analysis::RunResult cohort(const Scenario& s) {
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  return analysis::run(s, opt);
}

// Outcome o of an alternative in cycle t (summed over gemeenten).
double outcome_in(const engine::Valued& v, int t, int o) {
  double sum = 0;
  for (int g = 0; g < v.n_gemeenten; ++g)
    sum += v.outcomes[(static_cast<std::size_t>(t) * v.n_gemeenten + g) * v.n_outcomes + o];
  return sum;
}

// Net cost (minus the NCW) of all stakeholders in cycle t.
double cost_in(const engine::Valued& v, int t) {
  double sum = 0;
  for (int g = 0; g < v.n_gemeenten; ++g)
    for (int sh = 0; sh < v.n_stakeholders; ++sh)
      for (int c = 0; c < v.n_categories; ++c) sum -= v.money[v.money_index(t, g, sh, c)];
  return sum;
}

}  // namespace

TEST_CASE("Sonnenberg & Beck (1993) PHV, Table 2: the cohort simulation", "[healthecon][examples][phv]") {
  const Scenario s = example("sonnenberg-beck-phv.yaml");
  const auto r = cohort(s);
  const auto& tr = r.alternatives[0].trace;
  const auto& v = r.alternatives[0].valued;
  // Table 2, cycles 0-2 (exact in the paper): Well, Disabled, Dead, cycle sum, cumulative utility.
  struct Row { int cycle; double well, disabled, dead, sum, cumulative; };
  const Row published[] = {{1, 6000, 2000, 2000, 7400, 7400}, {2, 3600, 2400, 4000, 5280, 12680}};
  REQUIRE(tr.state_total(0, 0) == 10000);
  double cumulative = 0;
  for (int t = 0; t < 25; ++t) {
    cumulative += outcome_in(v, t, 0);
    for (const auto& row : published)
      if (row.cycle == t + 1) {  // the table's cycle k ends at the end of mkba's cycle k - 1
        REQUIRE(tr.state_total(t + 1, 0) == Approx(row.well).epsilon(1e-12));
        REQUIRE(tr.state_total(t + 1, 1) == Approx(row.disabled).epsilon(1e-12));
        REQUIRE(tr.state_total(t + 1, 2) == Approx(row.dead).epsilon(1e-12));
        REQUIRE(outcome_in(v, t, 0) == Approx(row.sum).epsilon(1e-12));
        REQUIRE(cumulative == Approx(row.cumulative).epsilon(1e-12));
      }
  }
  // The last rows of Table 2 give the cumulative utility as 23,752, a sum of cycle sums rounded to
  // whole QALYs (the exact value: 25 cycles of W_t = 10000 x 0.6^t and D_t = 2000 t 0.6^(t-1)).
  double exact = 0;
  for (int t = 1; t <= 25; ++t) exact += 10000 * std::pow(0.6, t) + 0.7 * 2000 * t * std::pow(0.6, t - 1);
  REQUIRE(cumulative == Approx(exact).epsilon(1e-12));
  REQUIRE(std::abs(cumulative - 23752) < 5);
}

TEST_CASE("Sonnenberg & Beck (1993) PHV: the microsimulation within Monte Carlo error", "[healthecon][examples][phv][microsim]") {
  const Scenario s = example("sonnenberg-beck-phv.yaml");
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::microsim;
  opt.persons = 4000;
  const auto r = analysis::run(s, opt);
  double qaly = 0;
  for (int t = 0; t < 25; ++t) qaly += outcome_in(r.alternatives[0].valued, t, 0);
  // Per patient: expected 2.375 QALY; the sd of one patient's QALYs is below 2.5, so 4 standard
  // errors of the mean of 4000 patients are below 0.16 per patient (1600 for the cohort of 10,000).
  REQUIRE(std::abs(qaly - 23749.683713) < 1600);
  REQUIRE(r.alternatives[0].trace.state_total(0, 0) == Approx(10000));
}

TEST_CASE("Briggs et al. (2006) THR, Example 3.5: counts, values, totals and ICER", "[healthecon][examples][thr]") {
  const Scenario s = example("briggs-thr.yaml");
  const auto r = cohort(s);
  // The book's Excel model: state occupancy at the start of cycles 2..9 (SuccessP, RevisionTHR,
  // SuccessR, Death), to 8 decimals.
  const std::array<std::array<double, 4>, 8> std_counts{{{0.98000000, 0.0000000, 0.0000000, 0.0200000},
                                                        {0.97265720, 0.0007768, 0.0000000, 0.02656600},
                                                        {0.96516548, 0.00097491, 0.00075606, 0.03310354},
                                                        {0.95757109, 0.00115802, 0.00166964, 0.03960125},
                                                        {0.93783561, 0.00132115, 0.00268314, 0.05816010},
                                                        {0.91838963, 0.00145307, 0.00379326, 0.07636404},
                                                        {0.89924305, 0.00157339, 0.00496429, 0.09421927},
                                                        {0.88040225, 0.00168398, 0.00618146, 0.11173231}}};
  const std::array<std::array<double, 4>, 8> np1_counts{{{0.98000000, 0.00000000, 0.00000000, 0.02000000},
                                                        {0.97323145, 0.00020255, 0.00000000, 0.02656600},
                                                        {0.96645641, 0.00025438, 0.00019715, 0.03309206},
                                                        {0.95968665, 0.00030239, 0.00043553, 0.03957543},
                                                        {0.94083683, 0.00034529, 0.00070021, 0.05811767},
                                                        {0.92232657, 0.00038012, 0.00099040, 0.07630291},
                                                        {0.90415327, 0.00041201, 0.00129686, 0.09413786},
                                                        {0.88631355, 0.00044144, 0.00161577, 0.11162924}}};
  for (int a = 0; a < 2; ++a) {
    const auto& counts = a == 0 ? std_counts : np1_counts;
    for (int k = 0; k < 8; ++k)
      for (int st = 0; st < 4; ++st) {
        INFO("alternative " << a << ", cycle " << k + 2 << ", state " << st + 1);
        // Published to 8 decimals (the 7-decimal entries are exact in the 8th).
        REQUIRE(std::abs(r.alternatives[static_cast<std::size_t>(a)].trace.state_total(k + 1, st + 1) -
                         counts[static_cast<std::size_t>(k)][static_cast<std::size_t>(st)]) <= 5.01e-9);
      }
  }
  // Discounted values of cycles 2..9 (cost at 6%, utility at 1.5%, from the start of each cycle).
  const std::array<std::array<double, 2>, 8> std_values{{{0, 0.82068966}, {3.66001356, 0.80272917},
                                                        {4.33343863, 0.78537550}, {4.85597577, 0.76838428},
                                                        {5.22645232, 0.74220815}, {5.42296428, 0.71692065},
                                                        {5.53962343, 0.69248578}, {5.59337469, 0.66887542}}};
  for (int k = 0; k < 8; ++k) {
    INFO("cycle " << k + 2);
    REQUIRE(std::abs(cost_in(r.alternatives[0].valued, k + 1) - std_values[static_cast<std::size_t>(k)][0]) <= 5.01e-9);
    REQUIRE(std::abs(outcome_in(r.alternatives[0].valued, k + 1, 0) - std_values[static_cast<std::size_t>(k)][1]) <= 5.01e-9);
  }
  // Totals over 61 cycles and the ICER, as published (9-10 significant digits).
  const auto ce = analysis::cost_effectiveness(s, r);
  // Each to the published rounding (half a unit in the last published decimal).
  REQUIRE(std::abs(ce.cost[0] - 512.434658) <= 5e-7);
  REQUIRE(std::abs(ce.effect[0] - 14.6531896) <= 5e-8);
  REQUIRE(std::abs(ce.cost[1] - 610.311818) <= 5e-7);
  REQUIRE(std::abs(ce.effect[1] - 14.69770986) <= 5e-9);
  REQUIRE(ce.table.size() == 2);
  REQUIRE(ce.table[1].alternative == 1);
  REQUIRE(std::abs(ce.table[1].icer - 2198.486665) <= 5e-7);
  REQUIRE(ce.nmb[1][0] == Approx(20000 * 14.69770986 - 610.311818).epsilon(1e-9));
}

TEST_CASE("Briggs et al. (2006) THR: the microsimulation within Monte Carlo error", "[healthecon][examples][thr][microsim]") {
  // 20 cycles keep it small; compared with the cohort trace of the same scenario.
  const Scenario s = example("briggs-thr.yaml", {{"time.horizon_years", "20"}, {"population.counts.primary_thr", "3000"}});
  const auto c = cohort(s);
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::microsim;
  const auto m = analysis::run(s, opt);
  double qc = 0, qm = 0;
  for (int t = 0; t < 20; ++t) {
    qc += outcome_in(c.alternatives[0].valued, t, 0);
    qm += outcome_in(m.alternatives[0].valued, t, 0);
  }
  // Per person about 11.8 discounted QALYs with an sd below 4: 4 standard errors of 3000 persons
  // are below 0.3 per person.
  REQUIRE(std::abs(qm - qc) / 3000 < 0.3);
  // Deaths after 20 cycles: a binomial proportion, 4 standard errors.
  const double p = c.alternatives[0].trace.state_total(20, 4) / 3000;
  REQUIRE(std::abs(m.alternatives[0].trace.state_total(20, 4) / 3000 - p) < 4 * std::sqrt(p * (1 - p) / 3000));
}
