#include <mkba/analysis/accounting.hpp>

#include <numeric>

namespace mkba::analysis {
namespace {

// [segment][row] of one alternative from its summary; the last segment is the ordinary total.
std::vector<std::vector<double>> segment_rows(const Scenario& s, const AlternativeSummary& x) {
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size(), n_out = s.outcomes.size();
  const std::size_t S = s.segments.size();
  std::vector<std::vector<double>> out(S + 1, std::vector<double>(n_sh + 1 + n_out, 0.0));
  for (std::size_t seg = 0; seg <= S; ++seg) {
    auto& row = out[seg];
    for (std::size_t k = 0; k < n_sh; ++k) {
      if (seg < S) {
        row[k] = x.segment_ncw[seg * n_sh + k];
      } else {
        for (std::size_t c = 0; c < n_cat; ++c) row[k] += x.ncw[k * n_cat + c];
      }
      row[n_sh] += row[k];
    }
    for (std::size_t o = 0; o < n_out; ++o) row[n_sh + 1 + o] = seg < S ? x.segment_outcomes[seg * n_out + o] : x.outcomes[o];
  }
  return out;
}

// Stakeholders then society of one alternative's summary.
std::vector<double> money(const Scenario& s, const AlternativeSummary& x) {
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  std::vector<double> out(n_sh + 1, 0.0);
  for (std::size_t k = 0; k < n_sh; ++k) {
    for (std::size_t c = 0; c < n_cat; ++c) out[k] += x.ncw[k * n_cat + c];
    out[n_sh] += out[k];
  }
  return out;
}

using Matrix = std::vector<std::vector<double>>;

Matrix minus(Matrix x, const Matrix& y) {
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x[i].size(); ++j) x[i][j] -= y[i][j];
  return x;
}

std::vector<double> minus(std::vector<double> x, const std::vector<double>& y) {
  for (std::size_t i = 0; i < x.size(); ++i) x[i] -= y[i];
  return x;
}

// Distributions cell by cell over the PSA iterations of a matrix-valued result.
template <class F>
std::vector<std::vector<Distribution1>> describe_cells(const RunResult& r, F&& of_iteration) {
  std::vector<Matrix> all;
  for (const auto& it : r.psa) all.push_back(of_iteration(it));
  std::vector<std::vector<Distribution1>> out;
  if (all.empty()) return out;
  out.resize(all[0].size());
  for (std::size_t i = 0; i < all[0].size(); ++i)
    for (std::size_t j = 0; j < all[0][i].size(); ++j) {
      std::vector<double> v;
      v.reserve(all.size());
      for (const auto& m : all) v.push_back(m[i][j]);
      out[i].push_back(describe(std::move(v)));
    }
  return out;
}

}  // namespace

std::vector<std::string> money_rows(const Scenario& s) {
  std::vector<std::string> rows = s.stakeholders;
  rows.emplace_back("maatschappij");
  return rows;
}

std::vector<SegmentResult> per_segment(const Scenario& s, const RunResult& r) {
  std::vector<SegmentResult> out;
  if (r.alternatives.empty()) return out;
  std::vector<Matrix> base;
  for (const auto& a : r.alternatives) base.push_back(segment_rows(s, summarise(s, a.valued)));
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t a = pass; a < r.alternatives.size(); ++a) {
      SegmentResult res;
      res.alternative = static_cast<int>(a);
      res.difference = pass == 1;
      res.base = res.difference ? minus(base[a], base[0]) : base[a];
      res.psa = describe_cells(r, [&](const IterationSummary& it) {
        const Matrix x = segment_rows(s, it.alternatives[a]);
        return res.difference ? minus(x, segment_rows(s, it.alternatives[0])) : x;
      });
      out.push_back(std::move(res));
    }
  return out;
}

PerCandidate per_candidate(const Scenario& s, const RunResult& r) {
  PerCandidate out;
  out.start_caseload = s.start_population();
  if (r.alternatives.empty()) return out;
  const auto& entries = r.alternatives[0].trace.entries;
  out.arrivals = std::accumulate(entries.begin(), entries.end(), 0.0);
  const double n = out.start_caseload;
  auto per = [n](std::vector<double> v) {
    for (double& x : v) x = n > 0 ? x / n : 0.0;
    return v;
  };
  const auto nul = money(s, summarise(s, r.alternatives[0].valued));
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    out.base.push_back(per(minus(money(s, summarise(s, r.alternatives[a].valued)), nul)));
    auto d = describe_cells(r, [&](const IterationSummary& it) {
      return Matrix{per(minus(money(s, it.alternatives[a]), money(s, it.alternatives[0])))};
    });
    if (!d.empty()) out.psa.push_back(std::move(d[0]));
  }
  return out;
}

Comparison compare(const Scenario& s, const RunResult& r, int a, int b) {
  Comparison c;
  c.a = a;
  c.b = b;
  const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
  const auto xa = summarise(s, r.alternatives[ua].valued), xb = summarise(s, r.alternatives[ub].valued);
  c.base = minus(money(s, xa), money(s, xb));
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  c.base_by_category.assign(n_sh + 1, std::vector<double>(n_cat, 0.0));
  for (std::size_t k = 0; k < n_sh; ++k)
    for (std::size_t cat = 0; cat < n_cat; ++cat) {
      const double d = xa.ncw[k * n_cat + cat] - xb.ncw[k * n_cat + cat];
      c.base_by_category[k][cat] = d;
      c.base_by_category[n_sh][cat] += d;
    }
  auto d = describe_cells(r, [&](const IterationSummary& it) {
    return Matrix{minus(money(s, it.alternatives[ua]), money(s, it.alternatives[ub]))};
  });
  if (!d.empty()) c.psa = std::move(d[0]);
  return c;
}

int alternative_index(const Scenario& s, const std::string& id) {
  for (std::size_t a = 0; a < s.alternatives.size(); ++a)
    if (s.alternatives[a].id == id) return static_cast<int>(a);
  if (id == "nul" || id == "nulalternatief") return 0;
  return -1;
}

}  // namespace mkba::analysis
