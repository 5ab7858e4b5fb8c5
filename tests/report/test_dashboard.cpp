// `mkba dashboard`: the data embedded in the page (JSON, parsed back here) over a small synthetic
// series with a tiny gemeente. No published count lies in (0, threshold); every hidden count (null)
// stays unrecoverable through the relations a reader can see on the page (kwadranten sum to the
// total, gemeenten to the region, a transition row to the earlier extract's kwadrant count, columns
// to their total); the published counts are the true ones; no pseudonymous id is in the file.
#include <mkba/models/bestand.hpp>
#include <mkba/models/bestand_series.hpp>
#include <mkba/models/screening_synth.hpp>
#include <mkba/models/screening_synth_series.hpp>
#include <mkba/report/dashboard.hpp>
#include <mkba/report/disclosure.hpp>

#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mkba;

namespace {

// A minimal JSON reader: objects, arrays, strings (no escapes but \uXXXX kept raw), numbers, null.
struct Json {
  enum Kind { null, number, string, array, object } kind = null;
  double num = 0;
  std::string str;
  std::vector<Json> items;
  std::map<std::string, Json> fields;
  const Json& operator[](const std::string& k) const { return fields.at(k); }
  const Json& operator[](std::size_t i) const { return items.at(i); }
};

struct Parser {
  const std::string& s;
  std::size_t i = 0;
  void ws() { while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i; }
  void expect(char c) {
    ws();
    if (i >= s.size() || s[i] != c) throw std::runtime_error("json: expected " + std::string(1, c) + " at " + std::to_string(i));
    ++i;
  }
  std::string text() {
    expect('"');
    std::string out;
    while (s.at(i) != '"') {
      if (s[i] == '\\') out += s[i++];
      out += s[i++];
    }
    ++i;
    return out;
  }
  Json value() {
    ws();
    Json j;
    const char c = s.at(i);
    if (c == '{') {
      j.kind = Json::object;
      ++i;
      ws();
      if (s.at(i) == '}') return ++i, j;
      for (;;) {
        const std::string k = text();
        expect(':');
        j.fields[k] = value();
        ws();
        if (s.at(i++) == '}') return j;
      }
    }
    if (c == '[') {
      j.kind = Json::array;
      ++i;
      ws();
      if (s.at(i) == ']') return ++i, j;
      for (;;) {
        j.items.push_back(value());
        ws();
        if (s.at(i++) == ']') return j;
      }
    }
    if (c == '"') {
      j.kind = Json::string;
      j.str = text();
      return j;
    }
    if (s.compare(i, 4, "null") == 0) {
      i += 4;
      return j;
    }
    std::size_t used = 0;
    j.kind = Json::number;
    j.num = std::stod(s.substr(i, 32), &used);
    i += used;
    return j;
  }
};

std::string embedded_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"dashboard-data\">";
  const auto a = html.find(open);
  REQUIRE(a != std::string::npos);
  const auto b = html.find("</script>", a);
  REQUIRE(b != std::string::npos);
  return html.substr(a + open.size(), b - a - open.size());
}

// Three extracts of one synthetic caseload: the second drops the last persons and moves some to
// other scores, the third moves some more (consistent persons, matched by id).
std::vector<ScreeningData> series() {
  SynthOptions o;
  o.persons = 400;
  o.seed = 7;
  o.gemeenten = {"Groot", "Middel", "Klein"};
  o.gemeente_shares = {0.7, 0.29, 0.01};  // Klein: a handful of persons
  std::vector<ScreeningData> s{synth_screening(o)};
  for (int step = 1; step <= 2; ++step) {
    ScreeningData d = s.back();
    d.records.resize(d.records.size() - 25);
    d.ids.resize(d.records.size());
    for (std::size_t i = 0; i < d.records.size(); i += 3 + static_cast<std::size_t>(step))
      for (auto& sc : d.records[i].scores)
        if (sc != kNotScored) sc = static_cast<std::uint8_t>(sc < 5 ? sc + 1 : sc);  // better on every domain
    for (auto& r : d.records) r.screened = CalendarDate::from_days(r.screened.days() + 180 * step);
    s.push_back(std::move(d));
  }
  return s;
}

}  // namespace

TEST_CASE("dashboard: every embedded count is protected and no hidden count is recoverable", "[disclosure][dashboard]") {
  const auto s = series();
  std::vector<Bestand> b;
  std::vector<KwadrantTransitions> t;
  const CalendarDate peil[3] = {{2020, 7, 1}, {2020, 12, 28}, {2021, 6, 26}};
  for (std::size_t e = 0; e < s.size(); ++e) {
    BestandOptions bo;
    bo.peildatum = peil[e];
    b.push_back(bestandsanalyse(s[e], bo));
    if (e > 0) t.push_back(kwadrant_transitions(s[e - 1], s[e], bo.rule, peil[e - 1], peil[e]));
  }
  const std::string html = report::dashboard_html(b, t, "");
  for (const auto& id : s[0].ids) REQUIRE(html.find(id) == std::string::npos);
  const std::string text = embedded_json(html);
  Parser parser{text};
  const Json j = parser.value();

  const int G = static_cast<int>(b[0].gemeenten.size()), K = kKwadranten, KT = KwadrantTransitions::kTo;
  const double small = j["threshold"].num;
  REQUIRE(small == 10);
  REQUIRE(j["gemeenten"].items.size() == static_cast<std::size_t>(G + 1));
  REQUIRE(j["extracts"].items.size() == 3);
  REQUIRE(j["transitions"].items.size() == 2);

  // The reader's problem, built from the page's layout and the true counts.
  report::DisclosureProblem p;
  std::vector<bool> hidden;
  int nulls = 0, secondary = 0;
  auto cell = [&](const Json& shown, std::int64_t truth) {
    const auto v = static_cast<double>(truth);
    const int id = p.add_cell(v, v);
    hidden.push_back(shown.kind == Json::null);
    if (shown.kind == Json::null) {
      ++nulls;
      secondary += static_cast<double>(truth) >= small ? 1 : 0;
    } else {
      INFO("published " << shown.num << ", true " << truth);
      CHECK(shown.num == v);
      CHECK_FALSE((shown.num > 0 && shown.num < small));
    }
    return id;
  };
  auto truth_kw = [&](int e, int g, int k) {
    std::int64_t n = 0;
    for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
      for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk)
        for (int st = 0; st < static_cast<int>(b[static_cast<std::size_t>(e)].states.size()); ++st) n += b[static_cast<std::size_t>(e)].cell(h, kk, st);
    return n;
  };
  std::vector<std::vector<int>> kw(3, std::vector<int>(static_cast<std::size_t>((G + 1) * (K + 1))));
  for (int e = 0; e < 3; ++e) {
    const Json& ex = j["extracts"][static_cast<std::size_t>(e)];
    CHECK(ex["peildatum"].str == peil[e].str());
    auto id = [&](int g, int k) -> int& { return kw[static_cast<std::size_t>(e)][static_cast<std::size_t>(g * (K + 1) + k)]; };
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k) id(g, k) = cell(ex["kwadrant"][static_cast<std::size_t>(g)][static_cast<std::size_t>(k)], truth_kw(e, g, k));
    for (int g = 0; g <= G; ++g) {
      std::vector<int> m;
      for (int k = 0; k < K; ++k) m.push_back(id(g, k));
      p.add_relation(id(g, K), m);
    }
    for (int k = 0; k <= K; ++k) {
      std::vector<int> m;
      for (int g = 0; g < G; ++g) m.push_back(id(g, k));
      p.add_relation(id(G, k), m);
    }
    // Screening: screened + not screened = persons (the page shows the difference when both are
    // shown, so it is hidden exactly when one of them is); the region sums the gemeenten.
    std::vector<int> screened, rest;
    const auto& be = b[static_cast<std::size_t>(e)];
    for (int g = 0; g <= G; ++g) {
      std::int64_t n = 0, persons = 0;
      for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h) {
        n += be.screened_recent[static_cast<std::size_t>(h)];
        persons += truth_kw(e, h, K);
      }
      screened.push_back(cell(ex["gescreend"][static_cast<std::size_t>(g)], n));
      const bool shown = !hidden[static_cast<std::size_t>(screened.back())] && !hidden[static_cast<std::size_t>(id(g, K))];
      Json diff;
      if (shown) {
        diff.kind = Json::number;
        diff.num = ex["kwadrant"][static_cast<std::size_t>(g)][static_cast<std::size_t>(K)].num - ex["gescreend"][static_cast<std::size_t>(g)].num;
      }
      rest.push_back(cell(diff, persons - n));
      p.add_relation(id(g, K), {screened.back(), rest.back()});
    }
    p.add_relation(screened.back(), std::vector<int>(screened.begin(), screened.end() - 1));
    p.add_relation(rest.back(), std::vector<int>(rest.begin(), rest.end() - 1));
  }
  for (int e = 0; e < 2; ++e) {
    const Json& tr = j["transitions"][static_cast<std::size_t>(e)]["counts"];
    const auto& tt = t[static_cast<std::size_t>(e)];
    std::vector<int> ids(static_cast<std::size_t>((G + 1) * (K + 1) * KT));
    auto id = [&](int g, int k, int to) -> int& { return ids[static_cast<std::size_t>((g * (K + 1) + k) * KT + to)]; };
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k)
        for (int to = 0; to < KT; ++to) {
          std::int64_t n = 0;
          for (int h = (g < G ? g : 0); h < (g < G ? g + 1 : G); ++h)
            for (int kk = (k < K ? k : 0); kk < (k < K ? k + 1 : K); ++kk) n += tt.count(h, kk, to);
          id(g, k, to) = cell(tr[static_cast<std::size_t>(g)][static_cast<std::size_t>(k)][static_cast<std::size_t>(to)], n);
        }
    for (int g = 0; g <= G; ++g) {
      for (int k = 0; k <= K; ++k) {
        std::vector<int> m;
        for (int to = 0; to < KT; ++to) m.push_back(id(g, k, to));
        p.add_relation(kw[static_cast<std::size_t>(e)][static_cast<std::size_t>(g * (K + 1) + k)], m);
      }
      for (int to = 0; to < KT; ++to) {
        std::vector<int> m;
        for (int k = 0; k < K; ++k) m.push_back(id(g, k, to));
        p.add_relation(id(g, K, to), m);
      }
    }
    for (int k = 0; k <= K; ++k)
      for (int to = 0; to < KT; ++to) {
        std::vector<int> m;
        for (int g = 0; g < G; ++g) m.push_back(id(g, k, to));
        p.add_relation(id(G, k, to), m);
      }
  }
  // The series does exercise the protection: the tiny gemeente is hidden, and so is something large.
  CHECK(nulls > 0);
  CHECK(secondary > 0);
  // Every relation holds on the true counts (the layout is read correctly), and no hidden cell follows.
  for (const auto& r : p.relations) {
    double sum = 0;
    for (int m : r.members) sum += p.value[static_cast<std::size_t>(m)];
    REQUIRE(sum == p.value[static_cast<std::size_t>(r.total)]);
  }
  for (int c = 0; c < p.size(); ++c)
    if (hidden[static_cast<std::size_t>(c)]) CHECK_FALSE(report::recoverable(p, hidden, c));
}

TEST_CASE("dashboard: transitions follow persons by id and rows add up to the earlier extract", "[dashboard]") {
  auto s = series();
  SegmentRule rule;
  const auto t = kwadrant_transitions(s[0], s[1], rule, {2020, 7, 1}, {2020, 12, 28});
  std::int64_t gone = 0, total = 0;
  for (int g = 0; g < static_cast<int>(t.gemeenten.size()); ++g)
    for (int k = 0; k < kKwadranten; ++k)
      for (int to = 0; to < KwadrantTransitions::kTo; ++to) {
        total += t.count(g, k, to);
        if (to == kKwadranten) gone += t.count(g, k, to);
      }
  CHECK(total == 400);
  CHECK(gone == 25);  // the persons dropped from the second extract
  // Unchanged extract: everybody stays in their kwadrant.
  const auto same = kwadrant_transitions(s[0], s[0], rule, {2020, 7, 1}, {2020, 7, 1});
  const Bestand b = bestandsanalyse(s[0], BestandOptions{rule, {2020, 7, 1}});
  for (int g = 0; g < static_cast<int>(t.gemeenten.size()); ++g)
    for (int k = 0; k < kKwadranten; ++k)
      for (int to = 0; to < KwadrantTransitions::kTo; ++to) {
        std::int64_t n = 0;
        for (int st = 0; st < static_cast<int>(b.states.size()); ++st) n += b.cell(g, k, st);
        CHECK(same.count(g, k, to) == (to == k ? n : 0));
      }
  // Different gemeente lists are refused.
  s[1].gemeenten.pop_back();
  CHECK_THROWS_AS(kwadrant_transitions(s[0], s[1], rule, {2020, 7, 1}, {2020, 12, 28}), std::invalid_argument);
}

TEST_CASE("synth series: consistent persons, distinct ids, turnover as specified, deterministic", "[dashboard][synth]") {
  SynthOptions o;
  o.persons = 2000;
  o.seed = 11;
  o.peildatum = {2023, 1, 31};
  SynthSeriesOptions so;
  so.extracts = 3;
  so.months_between = 6;
  so.leave_share = 0.1;
  so.rescreen_share = 0.5;
  const auto s = synth_screening_series(o, so);
  REQUIRE(s.size() == 3);
  CHECK(series_peildatum(o.peildatum, 1) == CalendarDate{2023, 2, 28});
  std::set<std::string> seen;
  for (std::size_t e = 0; e < s.size(); ++e) {
    CHECK(s[e].records.size() == 2000);  // newcomers replace leavers
    REQUIRE(s[e].ids.size() == s[e].records.size());
    CHECK(std::set<std::string>(s[e].ids.begin(), s[e].ids.end()).size() == s[e].ids.size());
    const CalendarDate peil = series_peildatum(o.peildatum, static_cast<int>(e) * 6);
    for (const auto& r : s[e].records) CHECK(r.screened <= peil);
    seen.insert(s[e].ids.begin(), s[e].ids.end());
  }
  // Leavers: about 10 % per interval (binomial, sd 6.7 persons of 2000: 5 sd either side).
  SegmentRule rule;
  auto leavers = [&](std::size_t e) {
    const auto t = kwadrant_transitions(s[e], s[e + 1], rule, o.peildatum, o.peildatum);
    std::int64_t n = 0;
    for (int g = 0; g < static_cast<int>(t.gemeenten.size()); ++g)
      for (int k = 0; k < kKwadranten; ++k) n += t.count(g, k, kKwadranten);
    return n;
  };
  const std::int64_t gone = leavers(0), gone2 = leavers(1);
  CHECK(gone > 200 - 34);
  CHECK(gone < 200 + 34);
  // Newcomers (as many as left) get ids never used before in the series.
  CHECK(static_cast<std::int64_t>(seen.size()) == 2000 + gone + gone2);
  // A stayer keeps gemeente, state and birth year; about half of the stayers are rescreened.
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < s[0].ids.size(); ++i) first[s[0].ids[i]] = i;
  int stayers = 0, rescreened = 0;
  for (std::size_t i = 0; i < s[1].ids.size(); ++i) {
    const auto it = first.find(s[1].ids[i]);
    if (it == first.end()) continue;
    const auto& a = s[0].records[it->second];
    const auto& b = s[1].records[i];
    ++stayers;
    CHECK(a.gemeente == b.gemeente);
    CHECK(a.state == b.state);
    CHECK(a.birth_year == b.birth_year);
    if (b.screened > s[0].records[it->second].screened && b.screened.days() > o.peildatum.days()) ++rescreened;
  }
  CHECK(stayers == 2000 - gone);
  CHECK(std::abs(rescreened - stayers / 2) < 5 * 22);  // binomial sd about 21 of 1800
  // Deterministic.
  const auto again = synth_screening_series(o, so);
  CHECK(again[2].ids == s[2].ids);
  CHECK(screening_csv(again[2]) == screening_csv(s[2]));
  so.extracts = 0;
  CHECK_THROWS_AS(synth_screening_series(o, so), std::invalid_argument);
}
