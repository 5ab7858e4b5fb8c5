// `mkba dashboard`, the sections beyond the bestand: ZRM domain scores and screening per kwadrant,
// outcomes per instrument x kwadrant from episodes ("wat werkt voor wie"), the caseload per month.
// The aggregation numbers against hand-computed values on tiny extracts; the disclosure property
// on a series with a tiny gemeente (no hidden cell of the page recoverable from its published ones).
#include <mkba/models/bestand.hpp>
#include <mkba/models/bestand_series.hpp>
#include <mkba/models/dashboard_data.hpp>
#include <mkba/models/screening_synth.hpp>
#include <mkba/report/dashboard.hpp>
#include <mkba/report/disclosure.hpp>

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mkba;

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
constexpr int K = kKwadranten;

ScreeningRecord record(int gemeente, ZrmScores scores, CalendarDate screened, int state = 0) {
  ScreeningRecord r;
  r.gemeente = gemeente;
  r.birth_year = 1980;
  r.screened = screened;
  r.scores = scores;
  r.state = state;
  r.state_since = {2019, 1};
  return r;
}

ZrmScores all(std::uint8_t v) {
  ZrmScores s;
  s.fill(v);
  return s;
}

Episode episode(int person, int state, YearMonth begin, YearMonth end, int next, bool censored = false) {
  Episode e;
  e.person = person;
  e.state = state;
  e.begin = begin;
  e.end = end;
  e.next = next;
  e.censored = censored;
  return e;
}

// Wilson score interval of n / m at 95 %, written out (docs/calibration.md).
std::pair<double, double> wilson95(double n, double m) {
  const double zz = 1.959963984540054, p = n / m, z2 = zz * zz;
  const double denom = 1 + z2 / m, centre = (p + z2 / (2 * m)) / denom;
  const double half = zz * std::sqrt(p * (1 - p) / m + z2 / (4 * m * m)) / denom;
  return {centre - half, centre + half};
}

// Cells of a published layout that the relations pin down, given which are hidden: a hidden cell
// is determined when its coordinate vanishes on the null space of the relations restricted to the
// hidden cells (an independent check, not report::protect's code). The system is block diagonal
// over the groups of hidden cells that share a relation, so each group is solved on its own.
std::vector<bool> pinned(const report::DisclosureProblem& p, const std::vector<bool>& hidden) {
  std::vector<int> parent(hidden.size());
  for (std::size_t c = 0; c < parent.size(); ++c) parent[c] = static_cast<int>(c);
  auto find = [&](int c) {
    while (parent[z(c)] != c) c = parent[z(c)] = parent[z(parent[z(c)])];
    return c;
  };
  for (const auto& r : p.relations) {
    int first = hidden[z(r.total)] ? r.total : -1;
    for (int m : r.members)
      if (hidden[z(m)]) {
        if (first < 0) first = m;
        else parent[z(find(m))] = find(first);
      }
  }
  std::vector<bool> out(hidden.size(), false);
  std::vector<std::vector<int>> groups(hidden.size());
  for (std::size_t c = 0; c < hidden.size(); ++c)
    if (hidden[c]) groups[z(find(static_cast<int>(c)))].push_back(static_cast<int>(c));
  std::vector<std::vector<int>> relations_of(hidden.size());  // relations by group
  for (std::size_t r = 0; r < p.relations.size(); ++r) {
    const auto& rel = p.relations[r];
    int any = hidden[z(rel.total)] ? rel.total : -1;
    for (int m : rel.members)
      if (any < 0 && hidden[z(m)]) any = m;
    if (any >= 0) relations_of[z(find(any))].push_back(static_cast<int>(r));
  }
  std::vector<int> col(hidden.size(), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& cells = groups[g];
    if (cells.empty()) continue;
    for (std::size_t i = 0; i < cells.size(); ++i) col[z(cells[i])] = static_cast<int>(i);
    const auto& rels = relations_of[g];
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rels.size() + 1), static_cast<Eigen::Index>(cells.size()));
    for (std::size_t i = 0; i < rels.size(); ++i) {
      const auto& rel = p.relations[z(rels[i])];
      if (hidden[z(rel.total)]) a(static_cast<Eigen::Index>(i), col[z(rel.total)]) -= 1;
      for (int m : rel.members)
        if (hidden[z(m)]) a(static_cast<Eigen::Index>(i), col[z(m)]) += 1;
    }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    lu.setThreshold(1e-9);
    const Eigen::MatrixXd kernel = lu.kernel();
    const bool trivial = lu.rank() == static_cast<Eigen::Index>(cells.size());
    for (int c : cells) out[z(c)] = trivial || kernel.row(col[z(c)]).cwiseAbs().maxCoeff() < 1e-9;
  }
  return out;
}

}  // namespace

TEST_CASE("dashboard data: ZRM bins and screening per kwadrant on a tiny extract", "[dashboard]") {
  ScreeningData d;
  d.gemeenten = {"A", "B"};
  d.states = {"uitkering"};
  ZrmScores mixed = all(3);
  mixed[0] = 1;          // financien 1
  mixed[12] = kNotScored;  // justitie not scored
  d.records = {record(0, all(5), {2020, 6, 30}), record(0, mixed, {2019, 7, 1}), record(1, all(5), {2019, 7, 2}),
               record(0, all(5), {2020, 7, 1})};
  d.ids = {"p0", "p1", "p2", "p3"};
  const SegmentRule rule;
  const int k5 = segment(all(5), rule).kwadrant, km = segment(mixed, rule).kwadrant;
  const ExtractDetail e = extract_detail(d, rule, {2020, 6, 30});
  // Gemeente A: two persons with all fives (one of them screened after the peildatum still counts
  // in the extract), one mixed.
  CHECK(e.zrm_count(0, k5, 3, 5) == 2);
  CHECK(e.zrm_count(0, km, 0, 1) == 1);
  CHECK(e.zrm_count(0, km, 12, 0) == 1);
  CHECK(e.zrm_count(0, km, 5, 3) == 1);
  CHECK(e.zrm_count(1, k5, 7, 5) == 1);
  std::int64_t total = 0;
  for (int g = 0; g < 2; ++g)
    for (int k = 0; k < K; ++k)
      for (int s = 0; s < kZrmBins; ++s) total += e.zrm_count(g, k, 4, s);
  CHECK(total == 4);  // every person once per domain
  // Screened within the twelve months up to 2020-06-30: after 2019-06-30, not after 2020-06-30.
  // p0 (2020-06-30) and p1 (2019-07-01) yes, p2 (2019-07-02, gemeente B) yes, p3 (2020-07-01) no.
  CHECK(screened_within_year({2019, 7, 1}, {2020, 6, 30}));
  CHECK_FALSE(screened_within_year({2019, 6, 30}, {2020, 6, 30}));
  CHECK_FALSE(screened_within_year({2020, 7, 1}, {2020, 6, 30}));
  std::int64_t a_screened = 0;
  for (int k = 0; k < K; ++k) a_screened += e.screened_count(0, k);
  CHECK(a_screened == 2);
  CHECK(e.screened_count(1, k5) == 1);
  // The bestand counts the same persons as screened (one rule).
  const Bestand b = bestandsanalyse(d, BestandOptions{rule, {2020, 6, 30}});
  CHECK(b.screened_recent[0] == 2);
  CHECK(b.screened_recent[1] == 1);
}

TEST_CASE("dashboard data: outcomes per instrument and monthly stocks against hand counts", "[dashboard]") {
  // Two extracts; p0 only in the older (gemeente B), p1 and p2 in the newer (gemeente A; p1 was in B
  // before: the latest screening decides), p9 in neither.
  ScreeningData older, newer;
  older.gemeenten = newer.gemeenten = {"A", "B"};
  older.states = newer.states = {"uitkering", "traject", "regulier"};
  older.records = {record(1, all(5), {2020, 1, 1}), record(1, all(5), {2020, 1, 1})};
  older.ids = {"p0", "p1"};
  newer.records = {record(0, all(5), {2020, 12, 1}), record(0, all(5), {2020, 12, 1})};
  newer.ids = {"p1", "p2"};
  EpisodeData ep;
  ep.states = {"uitkering", "traject", "regulier"};
  ep.extraction = {2020, 12};
  ep.ids = {"p0", "p1", "p2", "p9"};
  const int U = 0, T = 1, R = 2;
  ep.episodes = {episode(0, U, {2020, 1}, {2020, 6}, T), episode(0, T, {2020, 7}, {2020, 9}, R),
                 episode(0, R, {2020, 10}, {2020, 12}, -1, true), episode(1, U, {2020, 3}, {2020, 12}, -1, true),
                 episode(2, T, {2020, 5}, {2020, 8}, U), episode(2, U, {2020, 9}, {2020, 12}, -1, true),
                 episode(3, T, {2020, 1}, {2020, 2}, R)};
  const SegmentRule rule;
  const EpisodePersons who = episode_persons(ep, {&older, &newer}, rule);
  CHECK(who.gemeente == std::vector<int>{1, 0, 0, -1});
  CHECK(who.without_screening == 1);
  const int k = segment(all(5), rule).kwadrant;
  const EpisodeOutcomes o = episode_outcomes(ep, who, 2);
  // Months at risk (docs/calibration.md): uitkering p0 6 (Jan-Jun, ends in a move), p1 9 (Mar-Nov;
  // December, the extraction month, is censored), p2 3 (Sep-Nov): 18, one move to traject.
  // Traject: p0 3 (Jul-Sep) -> regulier, p2 4 (May-Aug) -> uitkering: 7. p9 has no screening.
  const int G = 2;
  CHECK(o.exposure[o.row(G, K, U)] == 18);
  CHECK(o.exposure[o.row(G, K, T)] == 7);
  CHECK(o.moves[o.cell(G, K, U, T)] == 1);
  CHECK(o.moves[o.cell(G, K, T, R)] == 1);
  CHECK(o.moves[o.cell(G, K, T, U)] == 1);
  CHECK(o.moves[o.cell(G, K, U, R)] == 0);
  CHECK(o.rate[o.cell(G, K, T, R)] == Approx(1.0 / 7));
  const auto [lo, hi] = wilson95(1, 7);
  CHECK(o.lo[o.cell(G, K, T, R)] == Approx(lo).epsilon(1e-9));
  CHECK(o.hi[o.cell(G, K, T, R)] == Approx(hi).epsilon(1e-9));
  CHECK(o.persons[o.row(G, K, U)] == 3);
  CHECK(o.persons[o.row(G, K, T)] == 2);
  CHECK(o.persons[o.row(G, K, R)] == 1);
  // Per gemeente and kwadrant: B holds p0 only (uitkering 6 months -> traject), A p1 and p2.
  CHECK(o.persons[o.row(1, k, U)] == 1);
  CHECK(o.exposure[o.row(1, k, U)] == 6);
  CHECK(o.rate[o.cell(1, k, U, T)] == Approx(1.0 / 6));
  CHECK(o.persons[o.row(0, K, U)] == 2);
  CHECK(o.exposure[o.row(0, k, U)] == 12);
  CHECK(o.moves[o.cell(0, k, U, T)] == 0);
  CHECK(o.movers[o.cell(0, K, T, U)] == 1);
  CHECK(o.persons[o.row(0, (k + 1) % K, U)] == 0);
  // Stocks in October-December 2020: p0 regulier (B), p1 and p2 uitkering (A).
  const MonthlyStocks m = monthly_stocks(ep, who, 2, {2020, 10}, {2020, 12});
  REQUIRE(m.months.size() == 3);
  CHECK(m.months[2].str() == "2020-12");
  for (int i = 0; i < 3; ++i) {
    CHECK(m.at(i, 0, U) == 2);
    CHECK(m.at(i, 1, R) == 1);
    CHECK(m.at(i, 0, T) + m.at(i, 1, T) + m.at(i, 1, U) + m.at(i, 0, R) == 0);
  }
  CHECK(m.at(0, 0, k, U) == 2);  // everybody in kwadrant k (all fives)
  CHECK(m.at(0, 0, (k + 1) % K, U) == 0);
  const MonthlyStocks aug = monthly_stocks(ep, who, 2, {2020, 8}, {2020, 8});
  CHECK(aug.at(0, 0, T) == 1);  // p2
  CHECK(aug.at(0, 1, T) == 1);  // p0
  CHECK(aug.at(0, 0, U) == 1);  // p1
}

namespace {

// A caseload in three gemeenten, one of a handful of persons, in two extracts, with episodes made
// up per person (deterministic, no real pattern).
struct Fixture {
  report::DashboardInput in;
  std::vector<ScreeningData> data;
};

Fixture fixture() {
  SynthOptions o;
  o.persons = 300;
  o.seed = 5;
  o.gemeenten = {"Groot", "Middel", "Klein"};
  o.gemeente_shares = {0.7, 0.28, 0.02};
  Fixture f;
  f.data.push_back(synth_screening(o));
  ScreeningData later = f.data.back();
  later.records.resize(later.records.size() - 20);
  later.ids.resize(later.records.size());
  for (std::size_t i = 0; i < later.records.size(); i += 3) later.records[i].scores = all(4);
  for (auto& r : later.records) r.screened = CalendarDate::from_days(r.screened.days() + 180);
  f.data.push_back(later);
  const CalendarDate peil[2] = {latest_screening(f.data[0], {}), latest_screening(f.data[1], {})};
  for (std::size_t e = 0; e < 2; ++e) {
    BestandOptions bo;
    bo.peildatum = peil[e];
    f.in.extracts.push_back(bestandsanalyse(f.data[e], bo));
    f.in.details.push_back(extract_detail(f.data[e], bo.rule, peil[e]));
  }
  f.in.transitions.push_back(kwadrant_transitions(f.data[0], f.data[1], SegmentRule{}, peil[0], peil[1]));
  EpisodeData ep;
  ep.states = {"uitkering", "traject", "regulier"};
  ep.extraction = peil[1].year_month();
  ep.ids = f.data[0].ids;
  const YearMonth start{ep.extraction.year - 1, ep.extraction.month};
  auto plus = [](YearMonth m, int n) {
    const int t = m.year * 12 + m.month - 1 + n;
    return YearMonth{t / 12, t % 12 + 1};
  };
  for (int p = 0; p < static_cast<int>(ep.ids.size()); ++p) {
    const int first = p % 7, next = p % 3 == 0 ? 2 : 1;
    ep.episodes.push_back(episode(p, 0, start, plus(start, first), next));
    ep.episodes.push_back(episode(p, next, plus(start, first + 1), ep.extraction, -1, true));
  }
  std::vector<const ScreeningData*> datas{&f.data[0], &f.data[1]};
  const EpisodePersons who = episode_persons(ep, datas, SegmentRule{});
  f.in.outcomes = episode_outcomes(ep, who, 3);
  f.in.stocks = monthly_stocks(ep, who, 3, peil[0].year_month(), ep.extraction);
  return f;
}

// The JSON numbers of the page as a flat list in document order: value, or NaN for null. The page's
// layout is known, so the test walks the arrays by position.
struct Reader {
  const std::string& s;
  std::size_t i;
  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\n')) ++i;
  }
  double number() {
    skip();
    if (s.compare(i, 4, "null") == 0) {
      i += 4;
      return std::nan("");
    }
    char* end = nullptr;
    const double v = std::strtod(s.c_str() + i, &end);
    i = static_cast<std::size_t>(end - s.c_str());
    return v;
  }
  void open() {
    skip();
    REQUIRE(s[i] == '[');
    ++i;
  }
  void close() {
    skip();
    REQUIRE(s[i] == ']');
    ++i;
  }
};

std::size_t after(const std::string& s, const std::string& key, std::size_t from = 0) {
  const auto a = s.find("\"" + key + "\":", from);
  REQUIRE(a != std::string::npos);
  return a + key.size() + 3;
}

}  // namespace

TEST_CASE("dashboard sections: a tiny gemeente's cells are not recoverable by subtraction", "[disclosure][dashboard]") {
  const Fixture f = fixture();
  const std::string html = report::dashboard_html(f.in, "");
  for (const auto& id : f.data[0].ids) REQUIRE(html.find("\"" + id + "\"") == std::string::npos);
  const auto a = html.find("id=\"dashboard-data\">");
  const std::string json = html.substr(a, html.find("</script>", a) - a);
  const int G = 3;
  int nulls = 0, klein_hidden = 0;
  auto check_published = [&](double v, std::int64_t truth) {
    if (std::isnan(v)) {
      ++nulls;
      return true;
    }
    CHECK(v == static_cast<double>(truth));
    CHECK_FALSE((v > 0 && v < 10));
    return false;
  };

  // ZRM and screening per kwadrant, per extract: the reader's problem with every relation the page
  // shows (bins to the kwadrant count, kwadranten to the total, gemeenten to the region, screened
  // plus overdue to the kwadrant count), all domains together.
  const auto zrm_at = after(json, "zrm"), screening_at = after(json, "screening"), extracts_at = after(json, "extracts");
  Reader zr{json, zrm_at}, sr{json, screening_at};
  zr.open();
  std::size_t ex_pos = extracts_at;
  for (int e = 0; e < 2; ++e) {
    const auto& det = f.in.details[z(e)];
    const auto& b = f.in.extracts[z(e)];
    report::DisclosureProblem p;
    std::vector<bool> hidden;
    auto cell = [&](double shown, std::int64_t truth) {
      hidden.push_back(check_published(shown, truth));
      return p.add_cell(static_cast<double>(truth), static_cast<double>(truth));
    };
    auto truth_gk = [&](int g, int k, auto count) {
      std::int64_t n = 0;
      for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
        for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk) n += count(h, kk);
      return n;
    };
    auto tables = [&](auto count_of, Reader& r, auto per_cell) {  // a [g][k] block with its relations
      std::vector<int> id(z(G + 1) * (K + 1));
      for (int g = 0; g <= G; ++g) {
        r.open();
        for (int k = 0; k <= K; ++k) id[z(g * (K + 1) + k)] = per_cell(g, k, truth_gk(g, k, count_of));
        r.close();
      }
      for (int g = 0; g <= G; ++g) {
        std::vector<int> m;
        for (int k = 0; k < K; ++k) m.push_back(id[z(g * (K + 1) + k)]);
        p.add_relation(id[z(g * (K + 1) + K)], m);
      }
      for (int k = 0; k <= K; ++k) {
        std::vector<int> m;
        for (int g = 0; g < G; ++g) m.push_back(id[z(g * (K + 1) + k)]);
        p.add_relation(id[z(G * (K + 1) + k)], m);
      }
      return id;
    };
    // The kwadrant counts, as embedded in the extract's own entry.
    ex_pos = after(json, "kwadrant", ex_pos);
    Reader kr{json, ex_pos};
    kr.open();
    const auto kw = tables([&](int g, int k) {
      std::int64_t n = 0;
      for (int s = 0; s < static_cast<int>(b.states.size()); ++s) n += b.cell(g, k, s);
      return n;
    }, kr, [&](int, int, std::int64_t t) { return cell(kr.number(), t); });
    // Screened and overdue.
    sr.skip();
    sr.i = after(json, "recent", sr.i);
    sr.open();
    const auto scr = tables([&](int g, int k) { return det.screened_count(g, k); }, sr,
                            [&](int, int, std::int64_t t) { return cell(sr.number(), t); });
    sr.close();
    sr.i = after(json, "achterstallig", sr.i);
    sr.open();
    const auto over = tables([&](int g, int k) {
      std::int64_t n = 0;
      for (int s = 0; s < static_cast<int>(b.states.size()); ++s) n += b.cell(g, k, s);
      return n - det.screened_count(g, k);
    }, sr, [&](int, int, std::int64_t t) { return cell(sr.number(), t); });
    sr.close();
    for (std::size_t i = 0; i < kw.size(); ++i) p.add_relation(kw[i], {scr[i], over[i]});
    // ZRM bins [g][k][d][score].
    std::vector<int> bins(z(G + 1) * (K + 1) * kZrmDomains * kZrmBins);
    zr.open();
    for (int g = 0; g <= G; ++g) {
      zr.open();
      for (int k = 0; k <= K; ++k) {
        zr.open();
        for (int d = 0; d < kZrmDomains; ++d) {
          zr.open();
          for (int s = 0; s < kZrmBins; ++s) {
            const double v = zr.number();
            const int id = cell(v, truth_gk(g, k, [&](int h, int kk) { return det.zrm_count(h, kk, d, s); }));
            bins[((z(g) * (K + 1) + z(k)) * kZrmDomains + z(d)) * kZrmBins + z(s)] = id;
            if (g == 2 && std::isnan(v)) ++klein_hidden;
          }
          zr.close();
        }
        zr.close();
      }
      zr.close();
    }
    zr.close();
    auto bin = [&](int g, int k, int d, int s) { return bins[((z(g) * (K + 1) + z(k)) * kZrmDomains + z(d)) * kZrmBins + z(s)]; };
    for (int d = 0; d < kZrmDomains; ++d) {
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) {
          std::vector<int> m;
          for (int s = 0; s < kZrmBins; ++s) m.push_back(bin(g, k, d, s));
          p.add_relation(kw[z(g * (K + 1) + k)], m);
        }
      for (int s = 0; s < kZrmBins; ++s) {
        for (int g = 0; g <= G; ++g) {
          std::vector<int> m;
          for (int k = 0; k < K; ++k) m.push_back(bin(g, k, d, s));
          p.add_relation(bin(g, K, d, s), m);
        }
        for (int k = 0; k <= K; ++k) {
          std::vector<int> m;
          for (int g = 0; g < G; ++g) m.push_back(bin(g, k, d, s));
          p.add_relation(bin(G, k, d, s), m);
        }
      }
    }
    for (const auto& r : p.relations) {
      double sum = 0;
      for (int m : r.members) sum += p.value[z(m)];
      REQUIRE(sum == p.value[z(r.total)]);  // the layout is read right
    }
    const auto det_cells = pinned(p, hidden);
    for (int c = 0; c < p.size(); ++c)
      if (hidden[z(c)]) CHECK_FALSE(det_cells[z(c)]);
    ex_pos = after(json, "gescreend", ex_pos);  // past this extract's entry
  }
  CHECK(klein_hidden > 0);

  // Outcomes: persons per instrument, moves per instrument x next state, each a gemeente x kwadrant
  // table with totals and region; a probability only next to a published count.
  const auto& o = *f.in.outcomes;
  const int S = static_cast<int>(o.states.size());
  {
    Reader r{json, after(json, "personen")};
    std::vector<double> shown(o.persons.size());
    r.open();
    for (int g = 0; g <= G; ++g) {
      r.open();
      for (int k = 0; k <= K; ++k) {
        r.open();
        for (int s = 0; s < S; ++s) shown[o.row(g, k, s)] = r.number();
        r.close();
      }
      r.close();
    }
    std::vector<double> moves(o.moves.size());
    Reader m{json, after(json, "overgangen")};
    m.open();
    for (int g = 0; g <= G; ++g) {
      m.open();
      for (int k = 0; k <= K; ++k) {
        m.open();
        for (int s = 0; s < S; ++s) {
          m.open();
          for (int to = 0; to < S; ++to) {
            m.skip();
            if (json[m.i] == '[') {
              m.open();
              moves[o.cell(g, k, s, to)] = m.number();
              const double rate = m.number(), lo = m.number(), hi = m.number();
              m.close();
              CHECK_FALSE(std::isnan(shown[o.row(g, k, s)]));
              CHECK(rate == Approx(o.rate[o.cell(g, k, s, to)]).margin(1e-5));
              CHECK(lo <= rate);
              CHECK(rate <= hi);
            } else {
              moves[o.cell(g, k, s, to)] = m.number();
            }
          }
          m.close();
        }
        m.close();
      }
      m.close();
    }
    auto check_table = [&](auto value_of, auto shown_of) {
      report::DisclosureProblem p;
      std::vector<bool> hidden;
      std::vector<int> id;
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) {
          const std::int64_t t = value_of(g, k);
          hidden.push_back(check_published(shown_of(g, k), t));
          id.push_back(p.add_cell(static_cast<double>(t), static_cast<double>(t)));
          if (g == 2 && std::isnan(shown_of(g, k))) ++klein_hidden;
        }
      for (int g = 0; g <= G; ++g) {
        std::vector<int> mm;
        for (int k = 0; k < K; ++k) mm.push_back(id[z(g * (K + 1) + k)]);
        p.add_relation(id[z(g * (K + 1) + K)], mm);
      }
      for (int k = 0; k <= K; ++k) {
        std::vector<int> mm;
        for (int g = 0; g < G; ++g) mm.push_back(id[z(g * (K + 1) + k)]);
        p.add_relation(id[z(G * (K + 1) + k)], mm);
      }
      const auto det = pinned(p, hidden);
      for (std::size_t c = 0; c < hidden.size(); ++c)
        if (hidden[c]) CHECK_FALSE(det[c]);
    };
    for (int s = 0; s < S; ++s) {
      check_table([&](int g, int k) { return o.persons[o.row(g, k, s)]; }, [&](int g, int k) { return shown[o.row(g, k, s)]; });
      for (int to = 0; to < S; ++to)
        if (to != s)
          check_table([&](int g, int k) { return o.moves[o.cell(g, k, s, to)]; },
                      [&](int g, int k) { return moves[o.cell(g, k, s, to)]; });
    }
  }
  // Stocks per month: states to the total, kwadranten to the total, gemeenten to the region.
  {
    const auto& ms = *f.in.stocks;
    Reader r{json, after(json, "stand")};
    auto index = [&](int g, int k, int s) { return z((g * (K + 1) + k) * (S + 1) + s); };
    r.open();
    for (std::size_t mi = 0; mi < ms.months.size(); ++mi) {
      report::DisclosureProblem p;
      std::vector<bool> hidden;
      std::vector<int> id;
      r.open();
      for (int g = 0; g <= G; ++g) {
        r.open();
        for (int k = 0; k <= K; ++k) {
          r.open();
          for (int s = 0; s <= S; ++s) {
            std::int64_t t = 0;
            for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
              for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk)
                for (int ss = (s < S ? s : 0); ss < (s < S ? s + 1 : S); ++ss) t += ms.at(static_cast<int>(mi), h, kk, ss);
            hidden.push_back(check_published(r.number(), t));
            id.push_back(p.add_cell(static_cast<double>(t), static_cast<double>(t)));
          }
          r.close();
        }
        r.close();
      }
      r.close();
      for (int g = 0; g <= G; ++g)
        for (int k = 0; k <= K; ++k) {
          std::vector<int> mm;
          for (int s = 0; s < S; ++s) mm.push_back(id[index(g, k, s)]);
          p.add_relation(id[index(g, k, S)], mm);
        }
      for (int g = 0; g <= G; ++g)
        for (int s = 0; s <= S; ++s) {
          std::vector<int> mm;
          for (int k = 0; k < K; ++k) mm.push_back(id[index(g, k, s)]);
          p.add_relation(id[index(g, K, s)], mm);
        }
      for (int k = 0; k <= K; ++k)
        for (int s = 0; s <= S; ++s) {
          std::vector<int> mm;
          for (int g = 0; g < G; ++g) mm.push_back(id[index(g, k, s)]);
          p.add_relation(id[index(G, k, s)], mm);
        }
      for (const auto& rel : p.relations) {
        double sum = 0;
        for (int m : rel.members) sum += p.value[z(m)];
        REQUIRE(sum == p.value[z(rel.total)]);
      }
      const auto det = pinned(p, hidden);
      for (std::size_t c = 0; c < hidden.size(); ++c)
        if (hidden[c]) CHECK_FALSE(det[c]);
    }
  }
  CHECK(nulls > 0);
}
