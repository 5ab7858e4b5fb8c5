// A synthetic realisatie from a scenario's nulalternatief (no real persons; docs/data-formats.md).
#include <mkba/engine/rng.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/models/screening_population.hpp>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace mkba {

namespace {

// n persons split over probabilities p (summing to 1 up to rounding) by successive binomials.
std::vector<std::int64_t> multinomial(std::int64_t n, const std::vector<double>& p, engine::PhiloxEngine& eng) {
  std::vector<std::int64_t> out(p.size(), 0);
  double left = 1.0;
  for (std::size_t i = 0; i < p.size() && n > 0; ++i) {
    if (i + 1 == p.size() || left <= 0) {
      out[i] = n;
      break;
    }
    const double q = std::clamp(p[i] / left, 0.0, 1.0);
    const std::int64_t k = q <= 0 ? 0 : q >= 1 ? n : boost::random::binomial_distribution<std::int64_t, double>(n, q)(eng);
    out[i] = k;
    n -= k;
    left -= p[i];
  }
  return out;
}

}  // namespace

Realisatie synth_realisatie(const Scenario& s, YearMonth first, YearMonth last, std::uint64_t seed) {
  if (s.time.months_per_cycle != 1)
    throw std::invalid_argument("a synthetic realisatie needs a scenario with monthly cycles");
  const int n_seg = static_cast<int>(s.declared_segments.size());
  const bool kwadranten = n_seg == kKwadrantSegments;
  if (!kwadranten && n_seg != 1)
    throw std::invalid_argument("a synthetic realisatie needs segments 'alle' or the kwadrant segments");
  if (first.months_since(s.time.start) < 0 || last.months_since(first) < 0)
    throw std::invalid_argument(fmt::format("the months must run from time.start ({}) on, the first not after the last",
                                            s.time.start.str()));
  const int n_g = static_cast<int>(s.gemeenten.size());
  const int n_s = static_cast<int>(s.states.size());
  auto cell = [&](int g, int seg, int st) { return static_cast<std::size_t>((g * n_seg + seg) * n_s + st); };
  std::vector<std::int64_t> stand(static_cast<std::size_t>(n_g * n_seg * n_s), 0);
  for (const auto& g : s.start) stand[cell(g.gemeente, g.segment, g.state)] += std::llround(g.persons);
  // kwadrant of a declared segment in the file (segments k1..k4, onbekend).
  auto kwadrant = [&](int seg) { return kwadranten ? (seg < 4 ? seg + 1 : 0) : 0; };

  Realisatie r;
  r.file = "synthetisch";
  r.gemeenten = s.gemeenten;
  for (const auto& st : s.states) r.states.push_back(st.id);
  r.has_kwadrant = kwadranten;
  r.first_month = first;
  r.last_month = last;
  r.period = semester_of(last);
  const int months = last.months_since(s.time.start) + 1;
  for (int k = 0; k < months; ++k) {
    const YearMonth m{s.time.start.year + (s.time.start.month - 1 + k) / 12, (s.time.start.month - 1 + k) % 12 + 1};
    std::vector<RealisatieRow> rows(stand.size());
    std::vector<std::int64_t> next(stand.size(), 0);
    for (int g = 0; g < n_g; ++g)
      for (int seg = 0; seg < n_seg; ++seg)
        for (int from = 0; from < n_s; ++from) {
          const std::size_t c = cell(g, seg, from);
          RealisatieRow& row = rows[c];
          row.gemeente = g;
          row.state = from;
          row.kwadrant = kwadrant(seg);
          row.month = m;
          row.naar.assign(static_cast<std::size_t>(n_s), 0);
          if (stand[c] == 0) continue;
          std::vector<double> p(static_cast<std::size_t>(n_s));
          for (int to = 0; to < n_s; ++to) p[static_cast<std::size_t>(to)] = s.monthly(from, to);
          engine::PhiloxEngine eng(seed, static_cast<std::uint32_t>(k), engine::DrawKind::population,
                                   static_cast<std::uint32_t>(c));
          const auto moved = multinomial(stand[c], p, eng);
          for (int to = 0; to < n_s; ++to) {
            next[cell(g, seg, to)] += moved[static_cast<std::size_t>(to)];
            if (to != from) row.naar[static_cast<std::size_t>(to)] = moved[static_cast<std::size_t>(to)];
          }
        }
    for (std::size_t i = 0; i < s.inflow.size(); ++i) {
      const InflowSpec& in = s.inflow[i];
      if (k < in.first_month || (in.last_month >= 0 && k >= in.last_month) || in.per_month <= 0) continue;
      engine::PhiloxEngine eng(seed, static_cast<std::uint32_t>(k), engine::DrawKind::population,
                               0x80000000u + static_cast<std::uint32_t>(i));
      const auto n = boost::random::poisson_distribution<std::int64_t, double>(in.per_month)(eng);
      std::vector<double> p;
      for (int seg = 0; seg < n_seg; ++seg)
        for (int st = 0; st < n_s; ++st)
          p.push_back(s.segment_mix[static_cast<std::size_t>(seg)] * in.state_mix[static_cast<std::size_t>(st)]);
      const auto split = multinomial(n, p, eng);
      for (int seg = 0; seg < n_seg; ++seg)
        for (int st = 0; st < n_s; ++st) {
          const auto x = split[static_cast<std::size_t>(seg * n_s + st)];
          rows[cell(in.gemeente, seg, st)].instroom += x;
          next[cell(in.gemeente, seg, st)] += x;
        }
    }
    stand = next;
    if (m.months_since(first) < 0) continue;
    for (std::size_t c = 0; c < rows.size(); ++c) {
      RealisatieRow& row = rows[c];
      row.stand = stand[c];
      std::int64_t flows = row.instroom;
      for (auto x : row.naar) flows += x;
      if (row.stand == 0 && flows == 0) continue;
      r.rows.push_back(std::move(row));
    }
  }
  std::sort(r.rows.begin(), r.rows.end(), [](const RealisatieRow& a, const RealisatieRow& b) {
    return std::make_tuple(a.month.year, a.month.month, a.gemeente, a.state, a.kwadrant) <
           std::make_tuple(b.month.year, b.month.month, b.gemeente, b.state, b.kwadrant);
  });
  return r;
}

}  // namespace mkba
