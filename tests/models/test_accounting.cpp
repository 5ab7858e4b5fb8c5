// Accounting oracles (docs/accounting.md): prices scale every money result linearly and nothing
// else; results per kwadrant add up to the total; per candidate is the total over N; pairwise
// differences per stakeholder are differences of the differences from the nul.
#include "temp_path.hpp"

#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/report/accounting_report.hpp>
#include <mkba/report/summary.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace mkba;

namespace {

std::string scenario_path(const std::string& name) { return std::string(MKBA_SCENARIO_DIR) + "/" + name; }

// |y - x| within `rel` of |x|, with a floor far below a cent for cells that are (nearly) zero.
bool close(double y, double x, double rel = 1e-9) { return std::abs(y - x) <= rel * std::abs(x) + 1e-6; }

bool all_scaled(const std::vector<double>& y, const std::vector<double>& x, double c) {
  if (y.size() != x.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!close(y[i], c * x[i])) return false;
  return true;
}

// Every euro amount times c: the effects' base values and the formulas drawn in the PSA.
Scenario at_prices(Scenario s, double c) {
  for (auto& e : s.effects)
    if (e.item.outcome < 0) {
      e.item.amount *= c;
      for (double& a : e.item.segment_amount) a *= c;  // amounts per loonwaarde band
    }
  for (auto& u : s.parameter_uses)
    if (u.target == ParameterUse::Target::effect_amount && s.effects[static_cast<std::size_t>(u.index)].item.outcome < 0) {
      u.expression = u.expression.scaled(c);
      u.hi *= c;
    }
  return s;
}

// The size of the money flows of a run (the sum of |euros| over every cell of every alternative):
// sums taken in another order agree to a tiny fraction of it, whatever cancels in them.
double flow_scale(const analysis::RunResult& r) {
  double scale = 1;
  for (const auto& a : r.alternatives)
    for (double x : a.valued.money) scale += std::abs(x);
  return scale;
}

double sum_stakeholders(const std::vector<double>& per_stakeholder) {
  double sum = 0;
  for (double x : per_stakeholder) sum += x;
  return sum;
}

}  // namespace

TEST_CASE("prices scale every money result by c and leave counts and outcomes alone", "[accounting][linear]") {
  for (const char* name : {"default.yaml", "beschut-vs-lks.yaml"}) {
    INFO(name);
    const Scenario s = load_scenario(scenario_path(name), {{"simulation.persons", "3000"}});
    const double c = 1.37;
    const Scenario sc = at_prices(s, c);
    analysis::RunOptions opt;
    opt.iterations = 4;
    opt.threads = 2;
    const auto r = analysis::run(s, opt), rc = analysis::run(sc, opt);
    REQUIRE(r.alternatives.size() == rc.alternatives.size());
    for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
      const auto &x = r.alternatives[a], &y = rc.alternatives[a];
      REQUIRE(x.trace.occupancy == y.trace.occupancy);
      REQUIRE(x.trace.transitions == y.trace.transitions);
      REQUIRE(x.valued.outcomes == y.valued.outcomes);
      REQUIRE(x.valued.segment_outcomes == y.valued.segment_outcomes);
      REQUIRE(all_scaled(y.valued.money, x.valued.money, c));
      REQUIRE(all_scaled(y.valued.segment_money, x.valued.segment_money, c));
      for (std::size_t i = 0; i < s.effects.size(); ++i)
        REQUIRE(close(y.valued.item_total[i], (s.effects[i].item.outcome < 0 ? c : 1.0) * x.valued.item_total[i]));
      REQUIRE(all_scaled(analysis::ncw_per_stakeholder(y.valued), analysis::ncw_per_stakeholder(x.valued), c));
    }
    REQUIRE(r.psa.size() == rc.psa.size());
    for (std::size_t k = 0; k < r.psa.size(); ++k)
      for (std::size_t a = 0; a < r.psa[k].alternatives.size(); ++a) {
        const auto &x = r.psa[k].alternatives[a], &y = rc.psa[k].alternatives[a];
        REQUIRE(all_scaled(y.ncw, x.ncw, c));
        REQUIRE(all_scaled(y.real_items, x.real_items, c));
        REQUIRE(all_scaled(y.society_by_year, x.society_by_year, c));
        REQUIRE(all_scaled(y.segment_ncw, x.segment_ncw, c));
        REQUIRE(x.outcomes == y.outcomes);
        REQUIRE(x.segment_outcomes == y.segment_outcomes);
      }
    // Indicators: money scales, ratios, years and probabilities do not.
    const auto i = analysis::psa_indicators(s, r), ic = analysis::psa_indicators(sc, rc);
    for (std::size_t a = 0; a < i.alternatives.size(); ++a) {
      const auto &x = i.alternatives[a], &y = ic.alternatives[a];
      REQUIRE(close(y.society.mean, c * x.society.mean));
      REQUIRE(close(y.society.p5, c * x.society.p5));
      REQUIRE(close(y.society.p95, c * x.society.p95));
      REQUIRE(y.society.p_positive == x.society.p_positive);
      for (std::size_t k = 0; k < x.stakeholders.size(); ++k) REQUIRE(close(y.stakeholders[k].mean, c * x.stakeholders[k].mean));
      REQUIRE(close(y.benefit_cost_ratio.mean, x.benefit_cost_ratio.mean));
      REQUIRE(y.break_even_year.mean == x.break_even_year.mean);
      for (std::size_t o = 0; o < x.outcomes.size(); ++o) REQUIRE(y.outcomes[o].mean == x.outcomes[o].mean);
    }
    REQUIRE(close(ic.evpi, c * i.evpi));
    // The accounting views are linear too.
    const auto pc = analysis::per_candidate(s, r), pcc = analysis::per_candidate(sc, rc);
    REQUIRE(pcc.start_caseload == pc.start_caseload);
    REQUIRE(pcc.arrivals == pc.arrivals);
    for (std::size_t a = 0; a < pc.base.size(); ++a) REQUIRE(all_scaled(pcc.base[a], pc.base[a], c));
    const auto seg = analysis::per_segment(s, r), segc = analysis::per_segment(sc, rc);
    const std::size_t n_money = s.stakeholders.size() + 1;
    for (std::size_t t = 0; t < seg.size(); ++t)
      for (std::size_t g = 0; g < seg[t].base.size(); ++g)
        for (std::size_t k = 0; k < seg[t].base[g].size(); ++k)
          REQUIRE(close(segc[t].base[g][k], (k < n_money ? c : 1.0) * seg[t].base[g][k]));
  }
}

TEST_CASE("per-kwadrant results add up to the total for every stakeholder, also with rescreening", "[accounting][kwadrant]") {
  // default.yaml: five segments and yearly rescreening (people change kwadrant); beschut-vs-lks:
  // two segments and capacity limits.
  for (const char* name : {"default.yaml", "beschut-vs-lks.yaml"}) {
    INFO(name);
    const Scenario s = load_scenario(scenario_path(name), {{"simulation.persons", "3000"}});
    REQUIRE(s.segments.size() >= 2);
    analysis::RunOptions opt;
    opt.iterations = 3;
    opt.threads = 2;
    const auto r = analysis::run(s, opt);
    const std::size_t S = s.segments.size(), n_sh = s.stakeholders.size();
    // Valued results: per segment and category against the totals over cycles and gemeenten.
    for (const auto& a : r.alternatives) {
      const auto& v = a.valued;
      REQUIRE(v.n_segments == static_cast<int>(S));
      const auto total = analysis::ncw_per_stakeholder(v);
      double scale = 1;
      for (double x : total) scale = std::max(scale, std::abs(x));
      for (int sh = 0; sh < v.n_stakeholders; ++sh) {
        double sum = 0;
        for (int g = 0; g < v.n_segments; ++g)
          for (int c = 0; c < v.n_categories; ++c) sum += v.segment_money[v.segment_index(g, sh, c)];
        REQUIRE(std::abs(sum - total[static_cast<std::size_t>(sh)]) <= 1e-9 * scale);
      }
    }
    // The table of per_segment: every alternative and every difference, base case and each PSA
    // iteration's summary; money rows and outcomes.
    const auto seg = analysis::per_segment(s, r);
    const double scale = flow_scale(r);
    REQUIRE(seg.size() == 2 * r.alternatives.size() - 1);
    for (const auto& res : seg) {
      REQUIRE(res.base.size() == S + 1);
      REQUIRE(res.psa.size() == S + 1);
      for (std::size_t k = 0; k < res.base[S].size(); ++k) {
        double sum = 0, levels = 1;
        for (std::size_t g = 0; g < S; ++g) sum += res.base[g][k];
        for (const auto& lv : seg)
          if (!lv.difference) levels = std::max(levels, std::abs(lv.base[S][k]));
        REQUIRE(std::abs(sum - res.base[S][k]) <= (k <= n_sh ? 1e-12 * scale : 1e-9 * levels));
      }
      // Society is the sum of the stakeholders in every segment.
      for (std::size_t g = 0; g <= S; ++g) {
        double sum = 0;
        for (std::size_t k = 0; k < n_sh; ++k) sum += res.base[g][k];
        REQUIRE(std::abs(sum - res.base[g][n_sh]) <= 1e-12 * scale);
      }
    }
    // The totals are the summary table's NCW.
    const auto nul = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
    for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
      const auto& res = seg[r.alternatives.size() + a - 1];
      REQUIRE(res.difference);
      REQUIRE(res.alternative == static_cast<int>(a));
      const auto x = analysis::ncw_per_stakeholder(r.alternatives[a].valued);
      for (std::size_t k = 0; k < n_sh; ++k) REQUIRE(std::abs(res.base[S][k] - (x[k] - nul[k])) <= 1e-12 * scale);
    }
    for (const auto& it : r.psa)
      for (const auto& a : it.alternatives)
        for (std::size_t k = 0; k < n_sh; ++k) {
          double sum = 0, total = 0;
          for (std::size_t g = 0; g < S; ++g) sum += a.segment_ncw[g * n_sh + k];
          for (std::size_t c = 0; c < s.categories.size(); ++c) total += a.ncw[k * s.categories.size() + c];
          REQUIRE(std::abs(sum - total) <= 1e-12 * scale);
        }
  }
}

TEST_CASE("per-kwadrant results of a known split: each segment its share of the total", "[accounting][kwadrant][oracle]") {
  // Everyone stays on a benefit; segments a and b hold 30 % and 70 % of the caseload, cohort mode.
  const std::string text = R"(meta: {name: kwadrant-oracle}
time: {start: 2026-01, horizon_years: 2}
states:
  - {id: uitkering, kind: benefit}
  - {id: werk, kind: work}
segments: [a, b]
population: {counts: {uitkering: 100}, segment_mix: {a: 0.3, b: 0.7}}
transitions:
  unit: monthly_probability
  matrix:
    uitkering: {uitkering: 1.0}
    werk: {werk: 1.0}
effects:
  - {name: bijstand, category: uitkeringen, type: transfer, payer: gemeente, receiver: kandidaat, per_month_in: [uitkering], amount: 1000}
  - {name: uitvoering, category: uitvoering, type: real, payer: gemeente, per_month_in: [uitkering], amount: 100}
simulation: {seed: 3}
)";
  const auto path = mkba::test::process_temp_path("mkba-test-kwadrant-" + std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  const Scenario s = load_scenario(path.string());
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const auto r = analysis::run(s, opt);
  const auto seg = analysis::per_segment(s, r);
  REQUIRE(seg.size() == 1);
  const double vm = std::pow(1.0225, -1.0 / 12);
  const double annuity = (1 - std::pow(vm, 24)) / (1 - vm);
  const std::size_t kandidaat = 0, gemeente = 1, society = s.stakeholders.size();
  for (auto [g, share] : {std::pair{0, 0.3}, std::pair{1, 0.7}, std::pair{2, 1.0}}) {
    const auto& row = seg[0].base[static_cast<std::size_t>(g)];
    REQUIRE(row[kandidaat] == Approx(100 * share * 1000 * annuity).epsilon(1e-12));
    REQUIRE(row[gemeente] == Approx(-100 * share * 1100 * annuity).epsilon(1e-12));
    REQUIRE(row[society] == Approx(-100 * share * 100 * annuity).epsilon(1e-12));
  }
  const std::string csv = report::per_kwadrant_csv(s, report::build_tables(s, r, 10.0));
  REQUIRE(csv.find("nulalternatief,a,maatschappij,euro,") != std::string::npos);
  REQUIRE(csv.find("nulalternatief,totaal,kandidaat,euro,") != std::string::npos);
}

TEST_CASE("per candidate is the difference from the nul divided by the starting caseload", "[accounting][candidate]") {
  const Scenario s = load_scenario(scenario_path("beschut-vs-lks.yaml"));
  analysis::RunOptions opt;
  opt.iterations = 5;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  const auto pc = analysis::per_candidate(s, r);
  const double n = s.start_population();
  REQUIRE(pc.start_caseload == n);
  REQUIRE(n == Approx(610 + 10 + 43 + 40 + 20));
  // Inflow of 8 a month over 120 months, arriving from month 1 (the caseload at month 0 is not an arrival).
  REQUIRE(pc.arrivals > 0);
  REQUIRE(pc.arrivals == Approx(8.0 * 119).margin(8.0 * 2));
  const auto nul = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  const auto ind = analysis::psa_indicators(s, r);
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    const auto x = analysis::ncw_per_stakeholder(r.alternatives[a].valued);
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k) {
      REQUIRE(close(pc.base[a - 1][k], (x[k] - nul[k]) / n));
      REQUIRE(close(pc.psa[a - 1][k].mean, ind.alternatives[a - 1].stakeholders[k].mean / n));
      REQUIRE(close(pc.psa[a - 1][k].p5, ind.alternatives[a - 1].stakeholders[k].p5 / n));
    }
    REQUIRE(close(pc.base[a - 1][s.stakeholders.size()], (sum_stakeholders(x) - sum_stakeholders(nul)) / n));
    REQUIRE(close(pc.psa[a - 1][s.stakeholders.size()].mean, ind.alternatives[a - 1].society.mean / n));
  }
  // The summary CSV carries the same numbers in its per-kandidaat columns.
  const std::string csv = report::summary_csv(s, r, report::build_tables(s, r, 10.0));
  REQUIRE(csv.find("nieuw_beschut - nul per kandidaat") != std::string::npos);
}

TEST_CASE("pairwise differences per stakeholder are the differences of the differences from the nul", "[accounting][pairwise]") {
  const Scenario s = load_scenario(scenario_path("beschut-vs-lks.yaml"));
  REQUIRE(s.alternatives.size() == 4);  // nul, nieuw beschut, LKS, garantiebanen
  analysis::RunOptions opt;
  opt.iterations = 8;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  const auto ind = analysis::psa_indicators(s, r);
  const std::size_t n_sh = s.stakeholders.size();
  const double scale = flow_scale(r);
  const auto pair = std::find_if(ind.pairs.begin(), ind.pairs.end(), [](const auto& p) { return p.a == 1 && p.b == 2; });
  REQUIRE(pair != ind.pairs.end());
  const auto c = analysis::compare(s, r, 1, 2), back = analysis::compare(s, r, 2, 1);
  const auto nul = analysis::ncw_per_stakeholder(r.alternatives[0].valued);
  const auto x1 = analysis::ncw_per_stakeholder(r.alternatives[1].valued);
  const auto x2 = analysis::ncw_per_stakeholder(r.alternatives[2].valued);
  for (std::size_t k = 0; k < n_sh; ++k) {
    INFO(s.stakeholders[k]);
    // Base case: (A - nul) - (B - nul) = A - B.
    REQUIRE(std::abs(c.base[k] - ((x1[k] - nul[k]) - (x2[k] - nul[k]))) <= 1e-12 * scale);
    REQUIRE(c.base[k] == -back.base[k]);
    // PSA: the mean of A - B is the difference of the means of the differences from the nul.
    const double mean_diff = ind.alternatives[0].stakeholders[k].mean - ind.alternatives[1].stakeholders[k].mean;
    REQUIRE(std::abs(pair->stakeholders[k].mean - mean_diff) <= 1e-12 * scale);
    REQUIRE(std::abs(c.psa[k].mean - mean_diff) <= 1e-12 * scale);
    REQUIRE(c.psa[k].p5 == pair->stakeholders[k].p5);
    REQUIRE(c.psa[k].p95 == pair->stakeholders[k].p95);
    REQUIRE(std::abs(back.psa[k].p5 + c.psa[k].p95) <= 1e-12 * scale);
  }
  // Society and its P(A better) agree with the pairwise indicator.
  REQUIRE(std::abs(c.psa[n_sh].mean - pair->incremental.mean) <= 1e-12 * scale);
  REQUIRE(c.psa[n_sh].p_positive == pair->p_a_better);
  // By category the rows add up to the stakeholder totals.
  for (std::size_t k = 0; k <= n_sh; ++k) {
    double sum = 0;
    for (double v : c.base_by_category[k]) sum += v;
    REQUIRE(std::abs(sum - c.base[k]) <= 1e-12 * scale);
  }
  // Identical alternatives compare to exactly zero.
  const auto same = analysis::compare(s, r, 1, 1);
  for (double v : same.base) REQUIRE(v == 0.0);
}
