// Issue 14 mechanisms on a small model (tests/data/net-effects.yaml), against closed forms of the
// cohort trace: displacement as its own line, fading changes, amounts per segment and gemeente,
// changes targeted at segments, and the warning for a fixed unsourced effect size.
#include <mkba/analysis/accounting.hpp>
#include <mkba/analysis/plausibility.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/engine/cohort.hpp>
#include <mkba/engine/valuation.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/parameters.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace mkba;

namespace {
Scenario net(const std::vector<Override>& o = {}) {
  return load_scenario(std::string(MKBA_TEST_DATA) + "/net-effects.yaml", o);
}
int category(const Scenario& s, const std::string& id) {
  return static_cast<int>(std::find(s.categories.begin(), s.categories.end(), id) - s.categories.begin());
}
int stakeholder(const Scenario& s, const std::string& id) {
  return static_cast<int>(std::find(s.stakeholders.begin(), s.stakeholders.end(), id) - s.stakeholders.begin());
}
double total(const engine::Valued& v, int sh, int cat) {
  double sum = 0;
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g) sum += v.money[v.money_index(t, g, sh, cat)];
  return sum;
}
// Persons in uitkering at the start of month t when everybody's monthly chance of werk is p(months in state).
template <class P>
double in_uitkering(int t, P p) {
  double u = 1000;
  for (int k = 0; k < t; ++k) u *= 1 - p(k);
  return u;
}
}  // namespace

TEST_CASE("displacement: its own line, the share of the gross production, borne by 'overig'", "[models][net][oracle]") {
  const auto s = net();
  REQUIRE(s.effects.size() == 5);
  REQUIRE(s.effects[1].name == "productie (verdringing)");
  REQUIRE(s.effects[1].displaces == 0);
  REQUIRE(s.categories.back() == "verdringing");
  const auto model = compile_model(s);
  const auto tr = engine::cohort_trace(model, 0);
  const auto v = engine::value(valuation_plan(s, 0, 0.0), tr);
  // Base case share 0.25 (uniform 0-0.5); werk at the start of month t is 1000 (1 - 0.9^t).
  double werk_months = 0;
  for (int t = 0; t < 12; ++t) werk_months += 1000 * (1 - std::pow(0.9, t));
  REQUIRE(v.item_total[0] == Approx(100 * werk_months).epsilon(1e-12));
  REQUIRE(v.item_total[1] == Approx(-0.25 * 100 * werk_months).epsilon(1e-12));
  REQUIRE(total(v, stakeholder(s, "overig"), category(s, "verdringing")) == Approx(-25 * werk_months).epsilon(1e-12));
  REQUIRE(total(v, stakeholder(s, "werkgever"), category(s, "loonkosten_productie")) ==
          Approx(100 * werk_months).epsilon(1e-12));
  // In every PSA draw the line is the drawn share of the drawn production.
  for (std::uint32_t it = 1; it <= 5; ++it) {
    const auto d = draw_parameters(s, 7, it);
    const auto si = instantiate(s, d);
    const double share = d.values[1];
    REQUIRE(share >= 0.0);
    REQUIRE(share <= 0.5);
    REQUIRE(si.effects[1].item.amount == Approx(100 * share).epsilon(1e-12));
  }
}

TEST_CASE("displacement: only on a real benefit, share from 0 to 1", "[models][net][errors]") {
  REQUIRE_THROWS_WITH(net({{"effects.2.displacement", "0.3"}}),
                      Catch::Contains("displacement applies to a real benefit"));
  REQUIRE_THROWS_WITH(net({{"effects.0.displacement", "1.5"}}), Catch::Contains("a displacement share"));
  const auto s = net({{"effects.0.displacement", "{share: 0.1, payer: kandidaat}"}});
  REQUIRE(s.effects[1].item.payer == stakeholder(s, "kandidaat"));
  REQUIRE(s.effects[1].item.amount == Approx(10.0));
}

TEST_CASE("fading: the change shrinks with months in state, step by step", "[models][net][fade][oracle]") {
  const auto s = net();
  // Fading steps become duration bands: 0, 3, 6 months in state.
  REQUIRE(s.duration_band_starts == std::vector<int>{0, 3, 6});
  const auto model = compile_model(s);
  const auto tr = engine::cohort_trace(model, 1);
  // rr 2.0 in full for months 0-2, half of the extra (rr 1.5) for months 3-5, none from month 6.
  auto p = [](int k) { return k < 3 ? 0.2 : k < 6 ? 0.15 : 0.1; };
  for (int t = 0; t <= 12; ++t) {
    INFO("month " << t);
    REQUIRE(tr.state_total(t, 0) == Approx(in_uitkering(t, p)).epsilon(1e-12));
  }
  // The nulalternatief is untouched by the extra bands.
  const auto base = engine::cohort_trace(model, 0);
  for (int t = 0; t <= 12; ++t) REQUIRE(base.state_total(t, 0) == Approx(1000 * std::pow(0.9, t)).epsilon(1e-12));
}

TEST_CASE("fading: a half-life is steps of half a half-life at the factor of their middle", "[models][net][fade]") {
  const auto s = net({{"alternatives.vervagend.transitions.0.fade", "{half_life_months: 6}"}});
  const auto& o = s.alternatives[1].overlays[0];
  REQUIRE(o.fade_starts == std::vector<int>{0, 3, 6, 9, 12, 15, 18, 21, 24});
  REQUIRE(o.fade_at(0) == Approx(std::pow(0.5, 1.5 / 6)));
  REQUIRE(o.fade_at(7) == Approx(std::pow(0.5, 7.5 / 6)));
  REQUIRE(o.fade_at(30) == 0.0);
  REQUIRE(cycle_matrix(s, 1, 0, 0, 2)(0, 1) == Approx(0.1 * (1 + std::pow(0.5, 7.5 / 6))));
  REQUIRE_THROWS_WITH(net({{"alternatives.vervagend.transitions.0.fade", "{after_months: {2: 1.0}}"}}),
                      Catch::Contains("start at 0 months"));
}

TEST_CASE("fading splits calibrated duration bands and keeps their changes", "[models][net][fade]") {
  const auto s = load_scenario(std::string(MKBA_TEST_DATA) + "/bands.yaml",
                               {{"alternatives", "{v: {transitions: [{from: uitkering, to: werk, relative_risk: 2.0,"
                                                 " fade: {after_months: {0: 1.0, 3: 0.0}}}]}}"}});
  REQUIRE(s.duration_band_starts == std::vector<int>{0, 3, 6});
  REQUIRE(cycle_matrix(s, 0, 0, 0, 0)(0, 1) == Approx(0.1));
  REQUIRE(cycle_matrix(s, 0, 0, 0, 1)(0, 1) == Approx(0.1));  // 3-5 months: the old first band
  REQUIRE(cycle_matrix(s, 0, 0, 0, 2)(0, 1) == 0.0);          // 6+: the old second band
  REQUIRE(cycle_matrix(s, 1, 0, 0, 0)(0, 1) == Approx(0.2));
  REQUIRE(cycle_matrix(s, 1, 0, 0, 1)(0, 1) == Approx(0.1));
}

TEST_CASE("amounts per segment and per gemeente count only there", "[models][net][oracle]") {
  const auto s = net();
  const auto model = compile_model(s);
  const auto tr = engine::cohort_trace(model, 0);
  const auto v = engine::value(valuation_plan(s, 0, 0.0), tr);
  double u_months = 0;
  for (int t = 0; t < 12; ++t) u_months += 1000 * std::pow(0.9, t);
  // 75 % of the caseload is veraf, 40 % lives in Zuid (the same rates everywhere in the nulalternatief).
  REQUIRE(v.item_total[2] == Approx(-10 * 0.75 * u_months).epsilon(1e-12));
  REQUIRE(v.item_total[3] == Approx(-7 * 0.4 * u_months).epsilon(1e-12));
  REQUIRE(v.segment_money[v.segment_index(0, stakeholder(s, "zorgverzekeraar"), category(s, "zorg"))] == 0.0);
  double noord = 0;
  for (int t = 0; t < 12; ++t) noord += v.money[v.money_index(t, 0, stakeholder(s, "gemeente"), category(s, "uitvoering"))];
  REQUIRE(noord == 0.0);
}

TEST_CASE("a change targeted at a segment leaves the other segments as in the nulalternatief", "[models][net][oracle]") {
  const auto s = net();
  REQUIRE(cycle_matrix(s, 2, 0, 0, 0)(0, 1) == Approx(0.1));
  REQUIRE(cycle_matrix(s, 2, 0, 1, 0)(0, 1) == Approx(0.2));
  const auto model = compile_model(s);
  const auto base = engine::cohort_trace(model, 0), alt = engine::cohort_trace(model, 2);
  // Segment 0 (dichtbij, 250 persons) as the nulalternatief; segment 1 (veraf, 750) at 0.2 a month.
  auto occ = [&](const engine::CohortTrace& tr, int t, int seg) {
    double sum = 0;
    for (int g = 0; g < tr.n_gemeenten; ++g)
      sum += tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states];
    return sum;
  };
  for (int t = 0; t <= 12; ++t) {
    REQUIRE(occ(alt, t, 0) == Approx(occ(base, t, 0)).epsilon(1e-12));
    REQUIRE(occ(alt, t, 1) == Approx(750 * std::pow(0.8, t)).epsilon(1e-12));
  }
}

TEST_CASE("a fixed effect size without a source is a warning, not an error", "[models][net][warnings]") {
  REQUIRE(net().warnings.empty());
  const auto s = net({{"alternatives.gericht.transitions.0.relative_risk", "1.7"}});
  REQUIRE(s.warnings.size() == 1);
  REQUIRE_THAT(s.warnings[0].str(), Catch::Contains("alternatives.gericht.transitions[0].relative_risk") &&
                                  Catch::Contains("fixed and has no source"));
  const auto sourced = net({{"parameters.rr_vast", "{value: 1.7, source: \"CPB 2022\"}"},
                            {"alternatives.gericht.transitions.0.relative_risk", "rr_vast"}});
  REQUIRE(sourced.warnings.empty());
}

// --- Direction tests on the shipped default scenario (cohort mode, rescreening off) ---

namespace {
struct DefaultRun {
  Scenario s;
  analysis::RunResult r;
};
DefaultRun default_cohort(std::vector<Override> o = {}) {
  o.push_back({"rescreening", "null"});
  DefaultRun d{load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", o), {}};
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 1;  // the base case only
  d.r = analysis::run(d.s, opt);
  return d;
}
double society_difference(const DefaultRun& d) {
  return analysis::ncw_society(d.r.alternatives[1].valued) - analysis::ncw_society(d.r.alternatives[0].valued);
}
double stakeholder_difference(const DefaultRun& d, const std::string& id) {
  const int k = stakeholder(d.s, id);
  return analysis::ncw_per_stakeholder(d.r.alternatives[1].valued)[static_cast<std::size_t>(k)] -
         analysis::ncw_per_stakeholder(d.r.alternatives[0].valued)[static_cast<std::size_t>(k)];
}
}  // namespace

TEST_CASE("default scenario: directions of displacement, fading, the payers and the plausibility", "[models][net][default]") {
  const auto base = default_cohort();
  REQUIRE(base.s.warnings.empty());  // every effect size of the default is sourced or uncertain
  // Intensivering costs the gemeente (trajectories, jobcoaches, LKS) and gains the Rijk (taxes).
  REQUIRE(stakeholder_difference(base, "gemeente") < 0);
  REQUIRE(stakeholder_difference(base, "rijk") > 0);
  // Without displacement society gains exactly the displacement lines more.
  const auto none = default_cohort({{"parameters.verdringing_regulier.value", "0"}, {"parameters.verdringing_lks.value", "0"}});
  const int cat = category(base.s, "verdringing");
  double lines = 0;
  for (std::size_t i = 0; i < base.s.effects.size(); ++i)
    if (base.s.effects[i].displaces >= 0) {
      REQUIRE(base.s.effects[i].item.category == cat);
      lines += base.r.alternatives[1].valued.item_total[i] - base.r.alternatives[0].valued.item_total[i];
    }
  REQUIRE(lines < 0);
  REQUIRE(society_difference(none) - society_difference(base) == Approx(-lines).epsilon(1e-9));
  // A more durable effect (a longer half-life on the move to regular work) gives more work and a
  // larger society NCW. Changes 0-3 are the entries, 4-35 the counterfactual rates, 36-37 the effect.
  const auto lasting = default_cohort({{"alternatives.intensivering.transitions.36.fade", "{half_life_months: 24}"}});
  REQUIRE(society_difference(lasting) > society_difference(base));
  // The plausibility section on the expected values (cohort): the net effect per extra start lies
  // in the range the sources support (1-5 pp, docs/sources.md "Effectgroottes en netto-effecten")
  // after 1, 2 and 5 years; the B/C lies below 1.5 and the scenario says why in words (toelichting).
  const auto pc = analysis::plausibility(base.s, base.r);
  REQUIRE(pc.size() == 1);
  for (std::size_t y = 0; y < pc[0].pp_per_extra_start.size(); ++y) {
    INFO("after " << pc[0].years[y] << " years");
    REQUIRE(pc[0].net_effect_verdict[y] == analysis::RangeVerdict::inside);
  }
  REQUIRE(pc[0].bc_verdict == analysis::RangeVerdict::below);
  REQUIRE(base.s.plausibility_reference);
  REQUIRE_THAT(base.s.plausibility_reference->toelichting, Catch::Contains("baten/kosten"));
  REQUIRE(pc[0].warning.empty());
  // The shipped run (microsimulation with rescreening, base case), at the caseload's own size of
  // 3,150 simulated persons to keep the test fast: a few tenths of a percentage point of the
  // caseload, no exit warning, the section's society NCW the run's. At this size its B/C is mostly
  // Monte Carlo noise (0.5-1.1 by seed), so it is not pinned; the shipped 100,800 persons are
  // measured in benchmarks/README.md.
  const Scenario shipped = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", {{"simulation.persons", "3150"}});
  analysis::RunOptions opt;
  opt.iterations = 1;
  const auto run = analysis::run(shipped, opt);
  const auto p = analysis::plausibility(shipped, run);
  REQUIRE(p.size() == 1);
  for (double x : p[0].pp_of_caseload) {
    REQUIRE(x > -1.0);
    REQUIRE(x < 1.0);
  }
  REQUIRE(p[0].warning.empty());
  REQUIRE(p[0].society_ncw == Approx(analysis::ncw_society(run.alternatives[1].valued) -
                                     analysis::ncw_society(run.alternatives[0].valued)).epsilon(1e-9));
  // Broad benefits (zorg, veiligheid) count only in k3 and k4.
  const auto& v = base.r.alternatives[0].valued;
  for (int seg = 0; seg < v.n_segments; ++seg) {
    const double zorg = v.segment_money[v.segment_index(seg, stakeholder(base.s, "zorgverzekeraar"), category(base.s, "zorg"))];
    INFO("segment " << base.s.segments[static_cast<std::size_t>(seg)]);
    if (seg == 2 || seg == 3) REQUIRE(zorg < 0);
    else REQUIRE(zorg == 0.0);
  }
}

// The extra participants of the default move, without the effect, exactly as they would on the
// bijstand: their state is declared right after uitkering and its rates are the bijstand's 36+
// months rates of their kwadrant, so with a relative risk of 1 the alternative changes nobody's
// path (also in the microsimulation with rescreening: common random numbers) and costs society
// exactly its extra trajectories.
TEST_CASE("default scenario: without its effect the alternative only adds the cost of the extra starts", "[models][net][default]") {
  for (const auto mode : {analysis::Mode::cohort, analysis::Mode::microsim}) {
    std::vector<Override> o{{"parameters.rr_extra_begeleiding_werk.value", "1"}, {"simulation.persons", "1000"}};
    if (mode == analysis::Mode::cohort) o.push_back({"rescreening", "null"});
    const Scenario s = load_scenario(std::string(MKBA_SCENARIO_DIR) + "/default.yaml", o);
    analysis::RunOptions opt;
    opt.mode = mode;
    opt.iterations = 1;
    const auto r = analysis::run(s, opt);
    const auto p = analysis::plausibility(s, r);
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].extra_starts[0] > 0);
    REQUIRE(p[0].work_months == Approx(0.0).margin(1e-9));
    for (double x : p[0].pp_per_extra_start) REQUIRE(x == Approx(0.0).margin(1e-9));
    double extra_cost = 0;
    for (std::size_t i = 0; i < s.effects.size(); ++i) {
      const double d = r.alternatives[1].valued.item_total[i] - r.alternatives[0].valued.item_total[i];
      INFO(s.effects[i].name);
      if (s.effects[i].name == "trajectkosten") extra_cost = d;
      else REQUIRE(d == Approx(0.0).margin(1e-6));
    }
    REQUIRE(extra_cost < 0);
    REQUIRE(analysis::ncw_society(r.alternatives[1].valued) - analysis::ncw_society(r.alternatives[0].valued) ==
            Approx(extra_cost).epsilon(1e-9));
  }
}

TEST_CASE("plausibility: gains that replace an unvalued exit get a warning", "[models][net][exits]") {
  // From uitkering people leave to werk or to an exit no amount values; the alternative halves the
  // exit and doubles work: most extra work-months then replace exit-months.
  const auto s = net({{"states", "[{id: uitkering, kind: benefit}, {id: werk, kind: work}, {id: weg, kind: absorbing}]"},
                      {"transitions.matrix", "{uitkering: {uitkering: rest, werk: 0.02, weg: 0.2}, werk: {werk: 1.0}}"},
                      {"alternatives", "{minder_weg: {transitions: [{from: uitkering, to: weg, relative_risk: 0.5}]}}"}});
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 1;
  const auto r = analysis::run(s, opt);
  const auto p = analysis::plausibility(s, r);
  REQUIRE(p.size() == 1);
  REQUIRE(p[0].work_months > 0);
  REQUIRE(-p[0].unvalued_months > 0.5 * p[0].work_months);
  REQUIRE_THAT(p[0].warning, Catch::Contains("unvalued exits"));
  // No extra trajectory starts: the net effect per start is not defined, per caseload it is.
  REQUIRE(std::isnan(p[0].pp_per_extra_start[0]));
  REQUIRE(p[0].pp_of_caseload[0] > 0);
}

TEST_CASE("plausibility: an exit valued in some segments only is unvalued in the others", "[models][net][exits]") {
  // The exit `weg` carries an amount for the kwadrant far from work only (as the default's exits
  // without work carry the broad costs of not working for k3/k4 only). An alternative that halves
  // the exit of the segment close to work replaces unvalued months there: warned, and the state
  // named; the same change in the far segment replaces valued months: no warning.
  const std::string states = "[{id: uitkering, kind: benefit}, {id: werk, kind: work}, {id: weg, kind: absorbing}]";
  const std::string matrix = "{uitkering: {uitkering: rest, werk: 0.02, weg: 0.2}, werk: {werk: 1.0}}";
  const std::string effects = "[{name: productie, category: loonkosten_productie, type: real, receiver: werkgever,"
                              " per_month_in: [werk], amount: 100},"
                              " {name: uitvoering, category: uitvoering, type: real, payer: gemeente, per_month_in: [uitkering], amount: 7},"
                              " {name: kosten_weg, category: zorg, type: real, payer: zorgverzekeraar, per_month_in: [weg],"
                              " amount: 5, segments: [veraf]}]";
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 1;
  for (const char* seg : {"dichtbij", "veraf"}) {
    const auto s = net({{"states", states}, {"transitions.matrix", matrix}, {"effects", effects},
                        {"alternatives", std::string("{minder_weg: {transitions: [{from: uitkering, to: weg, relative_risk: 0.5, segments: [") +
                                             seg + "]}]}}"}});
    const auto r = analysis::run(s, opt);
    const auto p = analysis::plausibility(s, r);
    REQUIRE(p.size() == 1);
    INFO("segment " << seg);
    if (std::string(seg) == "dichtbij") {
      // Closed form: 250 persons (a quarter of 1,000) leave uitkering at 22 % a month (20 % to weg)
      // in the nulalternatief and 12 % (10 % to weg) in the alternative; person-months in weg over
      // the 12 months counted (start of each month).
      double weg_nul = 0, weg_alt = 0, u_nul = 250, u_alt = 250, in_nul = 0, in_alt = 0;
      for (int t = 0; t < 12; ++t) {
        weg_nul += in_nul;
        weg_alt += in_alt;
        in_nul += 0.2 * u_nul;
        in_alt += 0.1 * u_alt;
        u_nul *= 0.78;
        u_alt *= 0.88;
      }
      REQUIRE(p[0].unvalued_months == Approx(weg_alt - weg_nul).epsilon(1e-9));
      REQUIRE(-p[0].unvalued_months > 0.5 * p[0].work_months);
      REQUIRE_THAT(p[0].warning, Catch::Contains("(weg)"));
    } else {
      REQUIRE(p[0].unvalued_months == Approx(0.0).margin(1e-9));
      REQUIRE(p[0].warning.empty());
    }
  }
}

TEST_CASE("a PM item is valued at 0, needs a source, and the plausibility section names it", "[models][net][pm]") {
  const auto s = net();
  REQUIRE(s.effects.back().unpriced);
  REQUIRE(s.effects.back().item.amount == 0.0);
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  opt.iterations = 1;
  const auto r = analysis::run(s, opt);
  const auto p = analysis::plausibility(s, r);
  REQUIRE(p.size() == 2);
  REQUIRE(p[0].pm_items == std::vector<std::string>{"leefbaarheid: geen prijs"});
  REQUIRE(r.alternatives[1].valued.item_total.back() == 0.0);
  REQUIRE_THROWS_WITH(net({{"effects.3.source", "''"}}),
                      Catch::Contains("a PM item needs a 'source'"));
}

TEST_CASE("plausibility: the run against the ranges the scenario's sources support", "[models][net][plausibility]") {
  // Work is reached only through a trajectory; the alternative doubles the starts. Of the persons
  // who start, about two in three reach work (0.2 against 0.1 back per month), so the net effect
  // per extra start is tens of percentage points: above a range of 0-5 pp, inside 0-100.
  const std::vector<Override> base{
      {"states", "[{id: uitkering, kind: benefit}, {id: traject, kind: trajectory}, {id: werk, kind: work}]"},
      {"transitions.matrix", "{uitkering: {uitkering: rest, traject: 0.05}, traject: {traject: rest, werk: 0.2, "
                             "uitkering: 0.1}, werk: {werk: 1.0}}"},
      {"alternatives", "{meer: {transitions: [{from: uitkering, to: traject, relative_risk: 2.0}]}}"}};
  auto with = [&](const std::string& pp, const std::string& toelichting) {
    auto o = base;
    o.push_back({"plausibility", "{net_effect_pp: " + pp + ", benefit_cost: {min: 0, max: 1000, source: 'test'}" +
                                     toelichting + "}"});
    const auto s = net(o);
    analysis::RunOptions opt;
    opt.mode = analysis::Mode::cohort;
    opt.iterations = 1;
    return std::make_pair(s, analysis::plausibility(s, analysis::run(s, opt)));
  };
  const auto [narrow, p] = with("{min: 0, max: 5, source: 'a few pp'}", "");
  REQUIRE(p.size() == 1);
  REQUIRE(narrow.plausibility_reference->net_effect_pp->source == "a few pp");
  for (std::size_t k = 0; k < p[0].years.size(); ++k) {
    REQUIRE(p[0].pp_per_extra_start[k] > 5);
    REQUIRE(p[0].net_effect_verdict[k] == analysis::RangeVerdict::above);
  }
  REQUIRE(p[0].outside_range());
  const auto [wide, q] = with("{min: 0, max: 100, source: 'anything'}", ", toelichting: 'why'");
  for (auto v : q[0].net_effect_verdict) REQUIRE(v == analysis::RangeVerdict::inside);
  REQUIRE_FALSE(q[0].outside_range());
  REQUIRE(wide.plausibility_reference->toelichting == "why");
  // The one rule: bounds count as inside, NaN has no verdict.
  const PlausibilityRange r{1.5, 2.6, "s"};
  REQUIRE(analysis::against(r, 1.5) == analysis::RangeVerdict::inside);
  REQUIRE(analysis::against(r, 2.61) == analysis::RangeVerdict::above);
  REQUIRE(analysis::against(r, 1.49) == analysis::RangeVerdict::below);
  REQUIRE(analysis::against(r, std::nan("")) == analysis::RangeVerdict::no_range);
  REQUIRE(analysis::against(std::nullopt, 2.0) == analysis::RangeVerdict::no_range);
}

TEST_CASE("plausibility: a range needs a source and min at most max", "[models][net][plausibility]") {
  auto message = [](const std::string& value) {
    try {
      net({{"plausibility", value}});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  REQUIRE_THAT(message("{benefit_cost: {min: 3, max: 2, source: x}}"),
               Catch::Contains("plausibility.benefit_cost.max") && Catch::Contains("expected max >= min"));
  REQUIRE_THAT(message("{net_effect_pp: {min: 0, max: 5}}"), Catch::Contains("source"));
  REQUIRE_THAT(message("{net_efect_pp: {min: 0, max: 5, source: x}}"), Catch::Contains("net_effect_pp"));
}
