#include <mkba/analysis/per_gemeente.hpp>

namespace mkba::analysis {

std::vector<GemeenteResult> per_gemeente(const Scenario& s, const RunResult& r) {
  std::vector<GemeenteResult> out;
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  for (int g = 0; g < static_cast<int>(s.gemeenten.size()); ++g) {
    GemeenteResult res;
    res.gemeente = g;
    std::vector<AlternativeSummary> sums;
    for (const auto& alt : r.alternatives) sums.push_back(summarise(s, alt.valued, g));
    for (const auto& x : sums) {
      std::vector<double> row(n_sh + 1, 0.0);
      for (std::size_t k = 0; k < n_sh; ++k)
        for (std::size_t c = 0; c < n_cat; ++c) row[k] += x.ncw[k * n_cat + c];
      for (std::size_t k = 0; k < n_sh; ++k) row[n_sh] += row[k];
      res.ncw.push_back(std::move(row));
    }
    for (std::size_t a = 1; a < sums.size(); ++a) res.against_nul.push_back(difference_indicators(s, sums[a], sums[0]));
    out.push_back(std::move(res));
  }
  return out;
}

}  // namespace mkba::analysis
