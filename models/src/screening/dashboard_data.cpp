// Aggregates for `mkba dashboard` beyond the bestand (dashboard_data.hpp).
#include <mkba/models/dashboard_data.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace mkba {

namespace {
std::size_t z(int i) { return static_cast<std::size_t>(i); }
constexpr int K = kKwadranten;
}  // namespace

std::int64_t ExtractDetail::zrm_count(int g, int k, int d, int score) const {
  return zrm[((z(g) * K + z(k)) * kZrmDomains + z(d)) * kZrmBins + z(score)];
}

std::int64_t ExtractDetail::screened_count(int g, int k) const { return screened[z(g) * K + z(k)]; }

ExtractDetail extract_detail(const ScreeningData& data, const SegmentRule& rule, CalendarDate peildatum) {
  ExtractDetail d;
  d.gemeenten = static_cast<int>(data.gemeenten.size());
  d.zrm.assign(z(d.gemeenten) * K * kZrmDomains * kZrmBins, 0);
  d.screened.assign(z(d.gemeenten) * K, 0);
  for (const ScreeningRecord& r : data.records) {
    const int k = segment(r.scores, rule).kwadrant;
    const std::size_t gk = z(r.gemeente) * K + z(k);
    for (int dom = 0; dom < kZrmDomains; ++dom) {
      const int score = r.scores[z(dom)] <= 5 ? r.scores[z(dom)] : 0;
      ++d.zrm[(gk * kZrmDomains + z(dom)) * kZrmBins + z(score)];
    }
    if (screened_within_year(r.screened, peildatum)) ++d.screened[gk];
  }
  return d;
}

EpisodePersons episode_persons(const EpisodeData& episodes, const std::vector<const ScreeningData*>& extracts,
                               const SegmentRule& rule) {
  EpisodePersons out;
  out.gemeente.assign(episodes.ids.size(), -1);
  out.kwadrant.assign(episodes.ids.size(), -1);
  std::unordered_map<std::string_view, std::size_t> person_of;
  person_of.reserve(episodes.ids.size());
  for (std::size_t p = 0; p < episodes.ids.size(); ++p) person_of.emplace(episodes.ids[p], p);
  // Newest first: a person's latest screening decides.
  for (auto it = extracts.rbegin(); it != extracts.rend(); ++it) {
    const ScreeningData& d = **it;
    for (std::size_t i = 0; i < d.records.size() && i < d.ids.size(); ++i) {
      const auto f = person_of.find(d.ids[i]);
      if (f == person_of.end() || out.gemeente[f->second] >= 0) continue;
      out.gemeente[f->second] = d.records[i].gemeente;
      out.kwadrant[f->second] = segment(d.records[i].scores, rule).kwadrant;
    }
  }
  out.without_screening = std::count(out.gemeente.begin(), out.gemeente.end(), -1);
  return out;
}

std::size_t EpisodeOutcomes::row(int g, int k, int s) const {
  return (z(g) * (K + 1) + z(k)) * states.size() + z(s);
}

EpisodeOutcomes episode_outcomes(const EpisodeData& ep, const EpisodePersons& who, int G, double level) {
  if (who.gemeente.size() != ep.ids.size()) throw std::invalid_argument("episode_outcomes: persons and episodes differ");
  EpisodeOutcomes o;
  o.gemeenten = G;
  o.states = ep.states;
  o.extraction = ep.extraction;
  o.level = level;
  const int S = static_cast<int>(o.states.size());
  const std::size_t rows = z(G + 1) * (K + 1) * z(S);
  o.persons.assign(rows, 0);
  o.exposure.assign(rows, 0);
  o.moves.assign(rows * z(S), 0);
  o.movers.assign(rows * z(S), 0);
  o.rate.assign(rows * z(S), 0);
  o.lo.assign(rows * z(S), 0);
  o.hi.assign(rows * z(S), 0);

  // The calibration's estimator (calibrate_episodes: months at risk with censoring, n / M, Wilson
  // interval) over four segmentations: gemeente x kwadrant, gemeente, kwadrant; its pooled rows
  // are the region over all kwadranten.
  CalibrationOptions co;
  co.level = level;
  co.band_starts = {0};
  auto run = [&](int segments, auto segment_of, auto target) {
    std::vector<std::string> labels;
    for (int i = 0; i < segments; ++i) labels.push_back(fmt::format("s{}", i));
    std::vector<int> seg(ep.ids.size(), -1);
    for (std::size_t p = 0; p < ep.ids.size(); ++p)
      if (who.gemeente[p] >= 0) seg[p] = segment_of(who.gemeente[p], who.kwadrant[p]);
    const Calibration c = calibrate_episodes(ep, seg, labels, co);
    auto copy = [&](const RateRow& r, int g, int k) {
      o.exposure[o.row(g, k, r.from)] = r.exposure;
      for (int to = 0; to < S; ++to) {
        if (to == r.from) continue;
        const std::size_t i = o.cell(g, k, r.from, to);
        o.moves[i] = std::llround(r.moves[z(to)]);
        o.rate[i] = r.mle[z(to)];
        o.lo[i] = r.lo[z(to)];
        o.hi[i] = r.hi[z(to)];
      }
    };
    for (int sgm = 0; sgm < segments; ++sgm)
      for (int from = 0; from < S; ++from) {
        const auto [g, k] = target(sgm);
        copy(c.row(sgm, 0, from), g, k);
      }
    return c;
  };
  run(G * K, [](int g, int k) { return g * K + k; }, [](int sgm) { return std::pair{sgm / K, sgm % K}; });
  run(G, [](int g, int) { return g; }, [](int sgm) { return std::pair{sgm, K}; });
  const Calibration c = run(K, [](int, int k) { return k; }, [G](int sgm) { return std::pair{G, sgm}; });
  for (int from = 0; from < S; ++from) {
    const RateRow& r = c.row(-1, 0, from);
    o.exposure[o.row(G, K, from)] = r.exposure;
    for (int to = 0; to < S; ++to) {
      if (to == from) continue;
      const std::size_t i = o.cell(G, K, from, to);
      o.moves[i] = std::llround(r.moves[z(to)]);
      o.rate[i] = r.mle[z(to)];
      o.lo[i] = r.lo[z(to)];
      o.hi[i] = r.hi[z(to)];
    }
  }

  // Distinct persons per instrument and per move (episodes are sorted by person).
  std::vector<char> in(z(S)), moved(z(S) * z(S));
  auto flush = [&](int person) {
    if (person < 0 || who.gemeente[z(person)] < 0) return;
    const int g = who.gemeente[z(person)], k = who.kwadrant[z(person)];
    for (const auto& [gg, kk] : {std::pair{g, k}, std::pair{g, K}, std::pair{G, k}, std::pair{G, K}})
      for (int s = 0; s < S; ++s) {
        o.persons[o.row(gg, kk, s)] += in[z(s)];
        for (int to = 0; to < S; ++to) o.movers[o.cell(gg, kk, s, to)] += moved[z(s) * z(S) + z(to)];
      }
  };
  int current = -1;
  for (const Episode& e : ep.episodes) {
    if (e.person != current) {
      flush(current);
      std::fill(in.begin(), in.end(), 0);
      std::fill(moved.begin(), moved.end(), 0);
      current = e.person;
    }
    in[z(e.state)] = 1;
    if (!e.censored && e.next >= 0) moved[z(e.state) * z(S) + z(e.next)] = 1;
  }
  flush(current);
  return o;
}

std::int64_t MonthlyStocks::at(int m, int g, int k, int s) const {
  return count[((z(m) * z(gemeenten) + z(g)) * K + z(k)) * states.size() + z(s)];
}

std::int64_t MonthlyStocks::at(int m, int g, int s) const {
  std::int64_t n = 0;
  for (int k = 0; k < K; ++k) n += at(m, g, k, s);
  return n;
}

MonthlyStocks monthly_stocks(const EpisodeData& ep, const EpisodePersons& who, int G, YearMonth first, YearMonth last) {
  MonthlyStocks out;
  out.gemeenten = G;
  out.states = ep.states;
  const int M = last.months_since(first) + 1;
  if (M <= 0) return out;
  for (int m = 0; m < M; ++m) {
    const int t = first.year * 12 + (first.month - 1) + m;
    out.months.push_back({t / 12, t % 12 + 1});
  }
  const std::size_t S = out.states.size();
  out.count.assign(z(M) * z(G) * K * S, 0);
  for (const Episode& e : ep.episodes) {
    const int g = who.gemeente[z(e.person)], k = who.kwadrant[z(e.person)];
    if (g < 0) continue;
    const int a = std::max(0, e.begin.months_since(first)), b = std::min(M - 1, e.end.months_since(first));
    for (int m = a; m <= b; ++m) ++out.count[((z(m) * z(G) + z(g)) * K + z(k)) * S + z(e.state)];
  }
  return out;
}

}  // namespace mkba
