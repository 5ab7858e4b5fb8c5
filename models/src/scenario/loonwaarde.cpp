#include <mkba/models/errors.hpp>
#include <mkba/models/loonwaarde.hpp>

#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba {
namespace {

[[noreturn]] void fail(const Scenario& s, const std::string& path, const std::string& msg) {
  throw ScenarioError({{s.file, 0, 0, path, msg}});
}

}  // namespace

LoonwaardeBands loonwaarde_bands(const Scenario& s) {
  LoonwaardeBands out;
  const std::size_t n = s.segments.size();
  out.probability.assign(n, 1.0);
  out.mean.assign(n, 0.0);
  if (!s.loonwaarde) return out;
  const LoonwaardeSpec& lw = *s.loonwaarde;
  for (std::size_t seg = 0; seg < n; ++seg) {
    const auto d = static_cast<std::size_t>(s.segment_declared[seg]);
    const auto b = static_cast<std::size_t>(s.segment_band[seg]);
    const double m = lw.mean[d], sd = lw.sd[d];
    if (!(m > 0 && m < 1 && sd > 0 && sd * sd < m * (1 - m)))
      fail(s, "loonwaarde." + s.declared_segments[d],
           fmt::format("a Beta distribution needs 0 < mean < 1 and 0 < sd^2 < mean (1 - mean); found mean {:.6g}, sd {:.6g}", m, sd));
    // Method of moments, as for beta parameters (models/parameters.cpp).
    const double k = m * (1 - m) / (sd * sd) - 1, alpha = m * k, beta = (1 - m) * k;
    const double lo = lw.edges[b], hi = lw.edges[b + 1];
    auto cdf = [](double a, double bb, double x) { return x <= 0 ? 0.0 : x >= 1 ? 1.0 : boost::math::ibeta(a, bb, x); };
    const double p = cdf(alpha, beta, hi) - cdf(alpha, beta, lo);
    out.probability[seg] = p;
    // x f(x; a, b) = a / (a + b) f(x; a + 1, b): the partial mean over the band.
    const double partial = m * (cdf(alpha + 1, beta, hi) - cdf(alpha + 1, beta, lo));
    out.mean[seg] = p > 1e-12 ? std::clamp(partial / p, lo, hi) : 0.5 * (lo + hi);
  }
  return out;
}

void apply_loonwaarde(Scenario& s, const std::vector<double>& values) {
  if (!s.loonwaarde) return;
  const int lw = s.loonwaarde->parameter;
  const LoonwaardeBands bands = loonwaarde_bands(s);
  std::vector<double> v = values;
  for (const auto& u : s.parameter_uses) {
    if (u.target != ParameterUse::Target::effect_amount) continue;
    const auto reads = u.expression.parameters();
    if (std::find(reads.begin(), reads.end(), lw) == reads.end()) continue;
    auto& item = s.effects[static_cast<std::size_t>(u.index)].item;
    item.segment_amount.assign(s.segments.size(), 0.0);
    for (std::size_t seg = 0; seg < s.segments.size(); ++seg) {
      v[static_cast<std::size_t>(lw)] = bands.mean[seg];
      const double a = u.expression.evaluate(v);
      if (!(a >= u.lo && a <= u.hi))
        throw ScenarioError({{u.file, u.line, u.column, u.path,
                              fmt::format("at loonwaarde {:.4g} (segment {}) the amount is {:.6g}, outside [{}, {}] "
                                          "allowed here", bands.mean[seg], s.segments[seg], a, u.lo, u.hi)}});
      item.segment_amount[seg] = a;
    }
  }
}

bool loonwaarde_eligible(const Scenario& s, int segment, int state) {
  if (!s.loonwaarde) return true;
  const LoonwaardeSpec& lw = *s.loonwaarde;
  const auto b = static_cast<std::size_t>(s.segment_band[static_cast<std::size_t>(segment)]);
  const auto st = static_cast<std::size_t>(state);
  return lw.edges[b] >= lw.min[st] - 1e-12 && lw.edges[b + 1] <= lw.max[st] + 1e-12;
}

}  // namespace mkba
