// Properties every run must have, whatever the scenario (issue 10, item 3): people are conserved,
// transition rows stay stochastic after every overlay and every PSA draw, transfers net to zero,
// results do not depend on the names of states or on the order of lists that carry no meaning,
// present values fall as the discount rate rises, a relative risk of 1 changes nothing, and the
// number of threads changes nothing.
#include "temp_path.hpp"

#include <mkba/analysis/run.hpp>
#include <mkba/engine/model.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace mkba;

namespace {
const std::string kScenarios = MKBA_SCENARIO_DIR;

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kScenarios))
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Writes a scenario text to a temp file named by its content (ctest runs test cases in parallel
// processes; the same content gives the same file).
std::string write_temp(const std::string& text, const std::string& tag) {
  const auto path = mkba::test::process_temp_path("mkba-test-properties-" + tag + "-" + std::to_string(std::hash<std::string>{}(text)) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

// A self-contained scenario using most features: two gemeenten, inflow with a mix, five states
// (one absorbing), two projectalternatieven (relative risk, probability, window), transfers,
// real costs and benefits, per-transition and per-entry items and an outcome.
struct Parts {
  std::string head = R"(meta: {name: properties, gemeenten: [Noord, Zuid]}
time: {start: 2026-01, horizon_years: 3}
states:
  - {id: uitkering, kind: benefit}
  - {id: traject, kind: trajectory}
  - {id: lks, kind: work}
  - {id: regulier, kind: work}
  - {id: uitstroom, kind: absorbing}
population:
  counts: {Noord: {uitkering: 300, traject: 20}, Zuid: {uitkering: 150}}
  inflow:
    - {gemeente: Noord, per_month: 5, mix: {uitkering: 0.8, traject: 0.2}}
    - {gemeente: Zuid, per_month: 2.5, mix: {uitkering: 1.0}}
outcomes:
  - {id: persoonsjaren_werk}
simulation: {seed: 11}
)";
  std::vector<std::string> rows = {
      "    uitkering: {uitkering: rest, traject: 0.02, lks: 0.004, regulier: 0.01, uitstroom: 0.01}\n",
      "    traject: {uitkering: 0.08, traject: rest, lks: 0.02, regulier: 0.03, uitstroom: 0.005}\n",
      "    lks: {uitkering: 0.01, lks: rest, regulier: 0.005}\n",
      "    regulier: {uitkering: 0.005, regulier: rest}\n"};
  std::vector<std::string> alternatives = {
      "  intensivering:\n    transitions:\n"
      "      - {from: uitkering, to: traject, relative_risk: 2.0}\n"
      "      - {from: traject, to: lks, probability: 0.04, window: {from: 2026-07, until: 2028-01}}\n",
      "  lks_extra:\n    transitions:\n      - {from: uitkering, to: lks, relative_risk: 1.5}\n"};
  std::vector<std::string> effects = {
      "  - {name: bijstand, category: uitkeringen, type: transfer, payer: gemeente, receiver: kandidaat, "
      "per_month_in: [uitkering, traject], amount: 1345.45}\n",
      "  - {name: begeleiding, category: begeleiding, type: real, payer: gemeente, per_month_in: [traject], amount: 600}\n",
      "  - {name: loon, category: loonkosten_productie, type: real, receiver: werkgever, per_month_in: [lks, regulier], "
      "amount: 2500}\n",
      "  - {name: lks_subsidie, category: loonkosten_productie, type: transfer, payer: gemeente, receiver: werkgever, "
      "per_month_in: [lks], amount: 1100}\n",
      "  - {name: plaatsing, category: uitvoering, type: real, payer: uwv, per_transition: {from: [traject], to: [lks, "
      "regulier]}, amount: 1500}\n",
      "  - {name: intake, category: uitvoering, type: real, payer: gemeente, per_entry: [traject], amount: 300}\n",
      "  - {name: jaren, outcome: persoonsjaren_werk, per_month_in: [lks, regulier], amount: 0.0833333}\n"};
  std::string stakeholders;  // empty: the defaults
  std::string categories;

  std::string text() const {
    std::string t = head + stakeholders + categories;
    t += "transitions:\n  unit: monthly_probability\n  matrix:\n";
    for (const auto& r : rows) t += r;
    t += "alternatives:\n";
    for (const auto& a : alternatives) t += a;
    t += "effects:\n";
    for (const auto& e : effects) t += e;
    return t;
  }
};

// NCW per alternative id and stakeholder name (society under "maatschappij"), for comparisons
// between scenarios whose lists are in another order.
using Table = std::map<std::string, std::map<std::string, double>>;
Table ncw_table(const std::string& file, analysis::Mode mode) {
  const auto s = load_scenario(file);
  analysis::RunOptions opt;
  opt.mode = mode;
  const auto r = analysis::run(s, opt);
  Table t;
  for (const auto& a : r.alternatives) {
    const auto per = analysis::ncw_per_stakeholder(a.valued);
    REQUIRE(per.size() == s.stakeholders.size());
    for (std::size_t i = 0; i < per.size(); ++i) t[a.id][s.stakeholders[i]] = per[i];
    t[a.id]["maatschappij"] = analysis::ncw_society(a.valued);
  }
  return t;
}

void require_same(const Table& a, const Table& b, double rel) {
  REQUIRE(a.size() == b.size());
  for (const auto& [alt, row] : a) {
    REQUIRE(b.count(alt) == 1);
    REQUIRE(row.size() == b.at(alt).size());
    for (const auto& [who, v] : row) {
      INFO(alt << " / " << who);
      REQUIRE(b.at(alt).count(who) == 1);
      const double w = b.at(alt).at(who);
      if (rel == 0) REQUIRE(v == w);
      else REQUIRE(std::abs(v - w) <= rel * std::max(1.0, std::max(std::abs(v), std::abs(w))));
    }
  }
}

void require_stochastic(const engine::CompiledModel& m, const std::string& what) {
  REQUIRE_NOTHROW(engine::check_model(m));
  const auto n = static_cast<std::size_t>(m.n_states);
  for (const auto& alt : m.alternatives) {
    const auto& ts = alt.transitions;
    REQUIRE(ts.probabilities.size() == static_cast<std::size_t>(ts.n_matrices) * n * n);
    for (int k = 0; k < ts.n_matrices; ++k)
      for (std::size_t from = 0; from < n; ++from) {
        double sum = 0;
        for (std::size_t to = 0; to < n; ++to) {
          const double p = ts.probabilities[(static_cast<std::size_t>(k) * n + from) * n + to];
          INFO(what << ": alternative " << alt.name << ", matrix " << k << ", row " << from << ", column " << to);
          REQUIRE(p >= 0.0);
          REQUIRE(p <= 1.0);
          sum += p;
        }
        INFO(what << ": alternative " << alt.name << ", matrix " << k << ", row " << from);
        REQUIRE(std::abs(sum - 1.0) < 1e-12);
      }
  }
}
}  // namespace

TEST_CASE("people are conserved in every alternative of every shipped scenario", "[properties][conservation]") {
  for (const auto& file : shipped_scenarios()) {
    INFO(file);
    const auto s = load_scenario(file, {{"simulation.persons", "2000"}});
    analysis::RunOptions opt;
    opt.iterations = 1;
    const auto r = analysis::run(s, opt);
    REQUIRE(r.alternatives.size() == s.alternatives.size());
    for (const auto& a : r.alternatives) {
      INFO(a.id);
      const auto& tr = a.trace;
      const int ng = tr.n_gemeenten, nseg = tr.n_segments, ns = tr.n_states;
      auto occ = [&](int t, int g, int seg, int st) {
        return tr.occupancy[((static_cast<std::size_t>(t) * ng + g) * nseg + seg) * ns + st];
      };
      auto ent = [&](int t, int g, int seg, int st) {  // new arrivals are recorded for t < n_cycles
        if (t >= tr.n_cycles) return 0.0;
        return tr.entries[((static_cast<std::size_t>(t) * ng + g) * nseg + seg) * ns + st];
      };
      auto trans = [&](int t, int g, int seg, int from, int to) {
        return tr.transitions[(((static_cast<std::size_t>(t) * ng + g) * nseg + seg) * ns + from) * ns + to];
      };
      // The starting caseload, in real persons (not an arrival: entries of cycle 0 are zero; the
      // shipped scenarios' inflow starts in month 1).
      double start = 0, entered0 = 0;
      for (int g = 0; g < ng; ++g)
        for (int seg = 0; seg < nseg; ++seg)
          for (int st = 0; st < ns; ++st) {
            start += occ(0, g, seg, st);
            entered0 += ent(0, g, seg, st);
          }
      // Simulated persons are whole per group of the caseload, so the caseload they stand for is
      // the real one up to rounding.
      REQUIRE(start == Approx(s.start_population()).epsilon(1e-3));
      REQUIRE(entered0 == 0.0);
      double arrived = 0;
      for (int t = 0; t < tr.n_cycles; ++t) {
        for (int g = 0; g < ng; ++g) {
          std::vector<double> moved_out(static_cast<std::size_t>(ns), 0.0), moved_in(static_cast<std::size_t>(ns), 0.0),
              here(static_cast<std::size_t>(ns), 0.0), next(static_cast<std::size_t>(ns), 0.0);
          for (int seg = 0; seg < nseg; ++seg)
            for (int from = 0; from < ns; ++from) {
              here[static_cast<std::size_t>(from)] += occ(t, g, seg, from);
              next[static_cast<std::size_t>(from)] += occ(t + 1, g, seg, from) - ent(t + 1, g, seg, from);
              for (int to = 0; to < ns; ++to) {
                const double x = trans(t, g, seg, from, to);
                REQUIRE(x >= 0.0);
                moved_out[static_cast<std::size_t>(from)] += x;
                moved_in[static_cast<std::size_t>(to)] += x;
              }
            }
          for (int st = 0; st < ns; ++st) {
            INFO("cycle " << t << ", gemeente " << g << ", state " << st);
            const auto i = static_cast<std::size_t>(st);
            // Everyone in a state at the start of a cycle moves or stays at its end ...
            REQUIRE(moved_out[i] == Approx(here[i]).epsilon(1e-12).margin(1e-9));
            // ... and is found in the state moved to at the start of the next (plus new arrivals).
            REQUIRE(next[i] == Approx(moved_in[i]).epsilon(1e-12).margin(1e-9));
          }
        }
      }
      for (int t = 1; t < tr.n_cycles; ++t)
        for (int g = 0; g < ng; ++g)
          for (int seg = 0; seg < nseg; ++seg)
            for (int st = 0; st < ns; ++st) arrived += ent(t, g, seg, st);
      double end = 0;
      for (int st = 0; st < ns; ++st) end += tr.state_total(tr.n_cycles, st);
      REQUIRE(end == Approx(start + arrived).epsilon(1e-12));
    }
  }
}

TEST_CASE("transition rows are stochastic after every overlay and every PSA draw", "[properties][stochastic]") {
  std::vector<std::string> files = shipped_scenarios();
  files.push_back(std::string(MKBA_TEST_DATA) + "/bands.yaml");
  files.push_back(write_temp(Parts{}.text(), "rows"));
  for (const auto& file : files) {
    INFO(file);
    const auto s = load_scenario(file, {{"simulation.persons", "500"}});
    require_stochastic(compile_model(s), "base case");
    for (std::uint32_t it = 1; it <= 10; ++it) {
      const auto drawn = instantiate(s, draw_parameters(s, s.seed, it));
      require_stochastic(compile_model(drawn), "PSA iteration " + std::to_string(it));
    }
  }
}

TEST_CASE("transfers net to zero in every PSA iteration", "[properties][transfers]") {
  const auto s = load_scenario(kScenarios + "/default.yaml", {{"simulation.persons", "1000"}});
  analysis::RunOptions opt;
  opt.iterations = 4;
  opt.threads = 2;
  const auto r = analysis::run(s, opt);
  REQUIRE(r.psa.size() == 4);
  auto check = [](const analysis::AlternativeSummary& a) {
    double all = 0, real = 0, scale = 0;
    for (double x : a.ncw) {
      all += x;
      scale += std::abs(x);
    }
    for (double x : a.real_items) real += x;
    // Society's total is the real items only: every transfer's loss is another's gain.
    REQUIRE(std::abs(all - real) <= 1e-9 * std::max(1.0, scale));
  };
  for (std::size_t i = 0; i < r.psa.size(); ++i) {
    INFO("iteration " << i);
    REQUIRE(r.psa[i].alternatives.size() == r.alternatives.size());
    for (const auto& a : r.psa[i].alternatives) check(a);
  }
  for (const auto& a : r.alternatives) {
    INFO(a.id);
    check(analysis::summarise(s, a.valued));
    double scale = 0;
    for (double x : a.valued.money) scale += std::abs(x);
    REQUIRE(analysis::transfer_imbalance(a.valued) <= 1e-9 * std::max(1.0, scale));
  }
}

TEST_CASE("renaming every state gives the same results", "[properties][invariance]") {
  const std::string text = Parts{}.text();
  std::string renamed = text;
  int k = 0;
  for (const char* id : {"uitkering", "traject", "lks", "regulier", "uitstroom"})
    renamed = std::regex_replace(renamed, std::regex(std::string("\\b") + id + "\\b"), "toestand_" + std::to_string(k++));
  REQUIRE(renamed.find("uitkering,") == std::string::npos);
  REQUIRE(renamed.find("uitkeringen") != std::string::npos);  // the category keeps its name
  const auto a = write_temp(text, "names"), b = write_temp(renamed, "renamed");
  // Same state order, so the same persons see the same random numbers: identical in both modes.
  require_same(ncw_table(a, analysis::Mode::cohort), ncw_table(b, analysis::Mode::cohort), 0);
  require_same(ncw_table(a, analysis::Mode::microsim), ncw_table(b, analysis::Mode::microsim), 0);
}

TEST_CASE("reordering lists that carry no meaning gives the same results", "[properties][invariance]") {
  const Parts base;
  const auto a = write_temp(base.text(), "order");
  const Table cohort = ncw_table(a, analysis::Mode::cohort), micro = ncw_table(a, analysis::Mode::microsim);
  std::vector<std::pair<std::string, Parts>> variants;
  {
    Parts p = base;
    std::reverse(p.effects.begin(), p.effects.end());
    variants.push_back({"effects reversed", p});
  }
  {
    Parts p = base;
    std::reverse(p.alternatives.begin(), p.alternatives.end());
    variants.push_back({"alternatives reversed", p});
  }
  {
    Parts p = base;
    std::reverse(p.rows.begin(), p.rows.end());
    variants.push_back({"matrix rows reversed", p});
  }
  {
    Parts p = base;
    p.stakeholders = "stakeholders: [overig, zorgverzekeraar, werkgever, uwv, rijk, gemeente, kandidaat]\n";
    p.categories =
        "categories: [overig, belastingen_premies, uitvoering, veiligheid, kwaliteit_van_leven, zorg, begeleiding, "
        "loonkosten_productie, uitkeringen]\n";
    variants.push_back({"stakeholders and categories reversed", p});
  }
  for (const auto& [what, p] : variants) {
    INFO(what);
    const auto b = write_temp(p.text(), "reordered");
    require_same(cohort, ncw_table(b, analysis::Mode::cohort), 1e-9);
    // The persons and their random numbers are unchanged; only sums are taken in another order.
    require_same(micro, ncw_table(b, analysis::Mode::microsim), 1e-9);
  }
}

TEST_CASE("present values fall as the discount rate rises when every flow is a benefit", "[properties][discount]") {
  Parts p;
  p.effects = {
      "  - {name: loon, category: loonkosten_productie, type: real, receiver: werkgever, per_month_in: [lks, regulier], "
      "amount: 2500}\n",
      "  - {name: welzijn, category: kwaliteit_van_leven, type: real, receiver: kandidaat, per_month_in: [traject, lks, "
      "regulier], amount: 400}\n",
      "  - {name: plaatsing, category: overig, type: real, receiver: gemeente, per_transition: {from: [traject], to: [lks]}, "
      "amount: 900}\n"};
  const auto s = load_scenario(write_temp(p.text(), "benefits"));
  for (const auto mode : {analysis::Mode::cohort, analysis::Mode::microsim}) {
    std::vector<std::vector<double>> ncw;  // [rate][alternative]
    for (const double rate : {-0.01, 0.0, 0.015, 0.0225, 0.03, 0.055, 0.1}) {
      analysis::RunOptions opt;
      opt.mode = mode;
      opt.discount_rate = rate;
      const auto r = analysis::run(s, opt);
      std::vector<double> row;
      for (const auto& a : r.alternatives) row.push_back(analysis::ncw_society(a.valued));
      ncw.push_back(row);
    }
    for (std::size_t i = 1; i < ncw.size(); ++i)
      for (std::size_t k = 0; k < ncw[i].size(); ++k) {
        INFO("rate step " << i << ", alternative " << k);
        REQUIRE(ncw[i][k] > 0.0);
        REQUIRE(ncw[i][k] < ncw[i - 1][k]);
      }
  }
}

TEST_CASE("a relative risk of 1 changes nothing (common random numbers)", "[properties][crn]") {
  Parts p;
  p.alternatives = {"  neutraal:\n    transitions:\n"
                    "      - {from: uitkering, to: traject, relative_risk: 1}\n"
                    "      - {from: traject, to: lks, relative_risk: 1.0, window: {from: 2026-07, until: 2027-07}}\n"
                    "      - {from: lks, to: regulier, relative_risk: 1}\n"};
  const auto s = load_scenario(write_temp(p.text(), "rr1"));
  REQUIRE(s.alternatives.size() == 2);
  for (const auto mode : {analysis::Mode::microsim, analysis::Mode::cohort}) {
    analysis::RunOptions opt;
    opt.mode = mode;
    const auto r = analysis::run(s, opt);
    const auto &nul = r.alternatives[0], &alt = r.alternatives[1];
    REQUIRE(alt.trace.occupancy == nul.trace.occupancy);
    REQUIRE(alt.trace.transitions == nul.trace.transitions);
    REQUIRE(alt.trace.entries == nul.trace.entries);
    REQUIRE(alt.valued.money == nul.valued.money);
    REQUIRE(alt.valued.outcomes == nul.valued.outcomes);
  }
}

TEST_CASE("one or two threads give exactly the same microsimulation", "[properties][threads]") {
  const auto s = load_scenario(kScenarios + "/default.yaml", {{"simulation.persons", "2000"}});
  analysis::RunOptions one;
  one.iterations = 3;
  one.threads = 1;
  analysis::RunOptions two = one;
  two.threads = 2;
  const auto a = analysis::run(s, one), b = analysis::run(s, two);
  REQUIRE(a.alternatives.size() == b.alternatives.size());
  for (std::size_t i = 0; i < a.alternatives.size(); ++i) {
    INFO(a.alternatives[i].id);
    REQUIRE(a.alternatives[i].trace.occupancy == b.alternatives[i].trace.occupancy);
    REQUIRE(a.alternatives[i].trace.transitions == b.alternatives[i].trace.transitions);
    REQUIRE(a.alternatives[i].valued.money == b.alternatives[i].valued.money);
  }
  REQUIRE(a.psa.size() == 3);
  REQUIRE(b.psa.size() == 3);
  for (std::size_t it = 0; it < a.psa.size(); ++it)
    for (std::size_t k = 0; k < a.psa[it].alternatives.size(); ++k) {
      REQUIRE(a.psa[it].alternatives[k].ncw == b.psa[it].alternatives[k].ncw);
      REQUIRE(a.psa[it].alternatives[k].outcomes == b.psa[it].alternatives[k].outcomes);
    }
}
