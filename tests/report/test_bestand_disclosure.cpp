// Secondary suppression of `mkba bestand`: a caseload with a known small cell; the cell is hidden,
// no hidden cell can be recovered from the printed cells through the relations, and no hidden count
// appears in clear in the console overview or in any CSV (both parsed back).
#include <mkba/models/bestand.hpp>
#include <mkba/models/screening_synth.hpp>
#include <mkba/models/segments.hpp>
#include <mkba/report/bestand_disclosure.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace mkba;

namespace {

std::vector<std::string> split(const std::string& line, const std::regex& sep) {
  return {std::sregex_token_iterator(line.begin(), line.end(), sep, -1), std::sregex_token_iterator()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

struct Checker {
  const report::BestandDisclosure& d;
  int small;
  int checked = 0;
  // A printed count: hidden cells print "<10" (primary, and zeros) or "x" (secondary), others in clear.
  void count(const std::string& text, int id) {
    const auto v = static_cast<long long>(std::llround(d.problem.value[static_cast<std::size_t>(id)]));
    INFO("cell " << id << " value " << v << " printed '" << text << "'");
    ++checked;
    if (d.disclosure.suppressed[static_cast<std::size_t>(id)]) {
      CHECK((text == "<" + std::to_string(small) || text == "x"));
      if (v >= small) CHECK(text == "x");
    } else if (v < small) {
      CHECK(text == "<" + std::to_string(small));  // a zero
    } else {
      CHECK(text == std::to_string(v));
    }
  }
  // A share is printed only when its part and its whole are.
  void share(const std::string& text, int part, int whole) {
    if (d.disclosure.suppressed[static_cast<std::size_t>(part)] || d.disclosure.suppressed[static_cast<std::size_t>(whole)])
      CHECK(text == "-");
  }
};

}  // namespace

TEST_CASE("bestand: secondary suppression over every printed number, console and CSV", "[disclosure][bestand]") {
  // A synthetic caseload, thinned so that gemeente 0 has exactly 3 persons in kwadrant 4 and state 0.
  ScreeningData data = synth_screening(3150, 20200701);
  const SegmentRule rule;
  int kept = 0;
  std::vector<ScreeningRecord> records;
  for (const auto& r : data.records) {
    if (r.gemeente == 0 && r.state == 0 && segment(r.scores, rule).kwadrant == 4 && kept++ >= 3) continue;
    records.push_back(r);
  }
  data.records = records;
  BestandOptions bo;
  bo.peildatum = {2020, 7, 1};
  const Bestand b = bestandsanalyse(data, bo);
  REQUIRE(b.cell(0, 4, 0) == 3);
  const auto d = report::bestand_disclosure(b);
  const auto& p = d.problem;
  const auto& sup = d.disclosure.suppressed;
  const std::size_t G = b.gemeenten.size(), S = b.states.size();
  const int K = kKwadranten;
  auto kw = [&](std::size_t g, int k, int s) { return d.kwadrant[BestandHidden::kw_index(S, static_cast<int>(g), k, s)]; };

  // Every relation holds in the data (so the problem describes the printed tables).
  for (const auto& rel : p.relations) {
    double sum = 0;
    for (int m : rel.members) sum += p.value[static_cast<std::size_t>(m)];
    CHECK(p.value[static_cast<std::size_t>(rel.total)] == sum);
  }
  // (a) the known small cell is hidden, and since its row total is printed, so is a partner.
  CHECK(d.disclosure.primary[static_cast<std::size_t>(kw(0, 4, 0))]);
  int secondary = 0;
  for (std::size_t c = 0; c < sup.size(); ++c) secondary += sup[c] && !d.disclosure.primary[c] ? 1 : 0;
  CHECK(secondary > 0);
  // (b) no hidden cell follows from the published ones.
  for (int c = 0; c < p.size(); ++c)
    if (sup[static_cast<std::size_t>(c)]) {
      INFO("cell " << c);
      CHECK_FALSE(report::recoverable(p, sup, c));
    }

  // (c) parse the CSVs back.
  Checker chk{d, b.small_cell};
  std::map<std::string, std::size_t> gem, state;
  for (std::size_t g = 0; g < G; ++g) gem[b.gemeenten[g]] = g;
  gem["regio (totaal)"] = G;
  for (std::size_t s = 0; s < S; ++s) state[b.states[s]] = s;
  const std::regex comma(","), spaces(" {2,}");
  for (const auto& [name, csv] : bestand_csv(b, d.hidden)) {
    INFO(name);
    auto ls = lines(csv);
    REQUIRE(ls.size() > 1);
    std::map<std::size_t, int> bin;  // next bin per gemeente
    for (std::size_t i = 1; i < ls.size(); ++i) {
      const auto f = split(ls[i], comma);
      const std::size_t g = gem.at(f[0]);
      if (name == "bestand_kwadranten.csv") {
        chk.count(f[3], kw(g, f[1] == "onbekend" ? 0 : std::stoi(f[1]), static_cast<int>(state.at(f[2]))));
      } else if (name == "bestand_afstand.csv") {
        chk.count(f[2], d.distance[g * kDistanceBins + static_cast<std::size_t>(bin[g]++)]);
      } else if (name == "bestand_escalatie.csv") {
        chk.count(f[2], d.risk[g * kRiskBins + static_cast<std::size_t>(bin[g]++)]);
      } else {
        const int n = kw(g, K, static_cast<int>(S));
        chk.count(f[2], n);
        chk.count(f[3], d.recent[g]);
        chk.share(f[4], d.recent[g], n);
        chk.count(f[5], d.ontheffing[g]);
        chk.share(f[6], d.ontheffing[g], n);
      }
    }
  }
  // ... and the console overview: kwadrant tables, the two histograms, the screening table.
  const auto ls = lines(bestand_table(b, d.hidden));
  std::vector<int> present;
  std::size_t i = 0;
  for (; i < ls.size(); ++i) {
    if (ls[i].rfind("Kwadrant x status: ", 0) == 0) {
      const std::size_t g = gem.at(ls[i].substr(19));
      const auto head = split(ls[++i], spaces);
      std::vector<int> cols;
      for (std::size_t c = 1; c + 1 < head.size(); ++c) cols.push_back(static_cast<int>(state.at(head[c])));
      cols.push_back(static_cast<int>(S));
      for (int k : {1, 2, 3, 4, 0, K}) {
        const auto f = split(ls[++i], spaces);
        REQUIRE(f.size() == cols.size() + 1);
        for (std::size_t c = 0; c < cols.size(); ++c) chk.count(f[c + 1], kw(g, k, cols[c]));
      }
    } else if (ls[i].rfind("Afstand tot werk", 0) == 0 || ls[i].rfind("Escalatierisico", 0) == 0) {
      const bool distance = ls[i][0] == 'A';
      const std::size_t bins = distance ? kDistanceBins : kRiskBins;
      ++i;  // header
      for (std::size_t g = 0; g <= G; ++g) {
        const auto f = split(ls[++i], spaces);
        REQUIRE(gem.at(f[0]) == g);
        REQUIRE(f.size() == bins + 1);
        for (std::size_t j = 0; j < bins; ++j) chk.count(f[j + 1], (distance ? d.distance : d.risk)[g * bins + j]);
      }
    } else if (ls[i].rfind("Gescreend in de twaalf", 0) == 0) {
      ++i;
      for (std::size_t g = 0; g <= G; ++g) {
        const auto f = split(ls[++i], spaces);
        REQUIRE(gem.at(f[0]) == g);
        const int n = kw(g, K, static_cast<int>(S));
        chk.count(f[1], n);
        chk.count(f[2], d.recent[g]);
        chk.share(f[3], d.recent[g], n);
        chk.count(f[4], d.ontheffing[g]);
        chk.share(f[5], d.ontheffing[g], n);
      }
    }
  }
  // Every printed count was checked: 4 states present, 7 rows (6 gemeenten and the region). CSV:
  // 7 x 5 x 4 kwadrant cells, 7 x (9 + 7) bins, 7 x 3 screening counts; console: 7 tables of
  // 6 x 5 (with totals), the same bins and screening counts.
  const int bins = 7 * (kDistanceBins + kRiskBins);
  CHECK(chk.checked == (7 * 5 * 4 + bins + 7 * 3) + (7 * 6 * 5 + bins + 7 * 3));
  // The small cell prints as "<10" in the CSV, never as 3.
  const auto kwcsv = bestand_csv(b, d.hidden)[0].second;
  CHECK(kwcsv.find(b.gemeenten[0] + ",4," + b.states[0] + ",<10\n") != std::string::npos);
}
