#include <mkba/analysis/over_time.hpp>

namespace mkba::analysis {

std::vector<std::vector<double>> stakeholders_by_cycle(const engine::Valued& v, int gemeente) {
  std::vector<std::vector<double>> out(static_cast<std::size_t>(v.n_cycles),
                                       std::vector<double>(static_cast<std::size_t>(v.n_stakeholders), 0.0));
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < v.n_gemeenten; ++g) {
      if (gemeente >= 0 && g != gemeente) continue;
      for (int sh = 0; sh < v.n_stakeholders; ++sh)
        for (int c = 0; c < v.n_categories; ++c)
          out[static_cast<std::size_t>(t)][static_cast<std::size_t>(sh)] += v.money[v.money_index(t, g, sh, c)];
    }
  return out;
}

std::vector<double> society_by_cycle(const engine::Valued& v, int gemeente) {
  std::vector<double> out;
  for (const auto& row : stakeholders_by_cycle(v, gemeente)) {
    double sum = 0;
    for (double x : row) sum += x;
    out.push_back(sum);
  }
  return out;
}

std::vector<double> cumulative(const std::vector<double>& x) {
  std::vector<double> out(x.size());
  double run = 0;
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = run += x[i];
  return out;
}

CalendarPeriod period_of(const Scenario& s, int cycle) {
  const int m = s.time.start.month - 1 + cycle * s.time.months_per_cycle;
  return {s.time.start.year + m / 12, (m % 12) / 6 + 1};
}

std::map<int, std::vector<double>> difference_by_period(const Scenario& s, const RunResult& r, int a, bool semesters) {
  const auto x = stakeholders_by_cycle(r.alternatives.at(static_cast<std::size_t>(a)).valued);
  const auto n = stakeholders_by_cycle(r.alternatives.at(0).valued);
  std::map<int, std::vector<double>> out;
  for (std::size_t t = 0; t < x.size(); ++t) {
    const CalendarPeriod p = period_of(s, static_cast<int>(t));
    auto& row = out[p.year * 10 + (semesters ? p.half : 0)];
    row.resize(x[t].size(), 0.0);
    for (std::size_t k = 0; k < row.size(); ++k) row[k] += x[t][k] - n[t][k];
  }
  return out;
}

}  // namespace mkba::analysis
