#include <mkba/engine/rng.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/loonwaarde.hpp>
#include <mkba/models/parameters.hpp>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <fmt/format.h>

#include <cmath>

namespace mkba {
namespace {


// Method-of-moments shapes: beta (alpha, beta), gamma (shape, scale), lognormal (mu, sigma of log).
std::pair<double, double> beta_shapes(double mean, double sd) {
  const double k = mean * (1 - mean) / (sd * sd) - 1;
  return {mean * k, (1 - mean) * k};
}
std::pair<double, double> gamma_shape_scale(double mean, double sd) { return {mean * mean / (sd * sd), sd * sd / mean}; }
std::pair<double, double> lognormal_mu_sigma(double mean, double sd) {
  const double s2 = std::log1p(sd * sd / (mean * mean));
  return {std::log(mean) - s2 / 2, std::sqrt(s2)};
}

double draw_one(const ParameterSpec& p, engine::PhiloxEngine& rng) {
  switch (p.distribution) {
    case Distribution::fixed: return p.value;
    case Distribution::normal: return boost::random::normal_distribution<double>(p.a, p.b)(rng);
    case Distribution::lognormal: {
      auto [mu, sigma] = lognormal_mu_sigma(p.a, p.b);
      return boost::random::lognormal_distribution<double>(mu, sigma)(rng);
    }
    case Distribution::gamma: {
      auto [k, theta] = gamma_shape_scale(p.a, p.b);
      return boost::random::gamma_distribution<double>(k, theta)(rng);
    }
    case Distribution::beta: {
      auto [a, b] = beta_shapes(p.a, p.b);
      return boost::random::beta_distribution<double>(a, b)(rng);
    }
    case Distribution::uniform: return boost::random::uniform_real_distribution<double>(p.a, p.b)(rng);
    case Distribution::triangular: return boost::random::triangle_distribution<double>(p.a, p.b, p.c)(rng);
  }
  return p.value;
}

}  // namespace

double parameter_mean(const ParameterSpec& p) {
  switch (p.distribution) {
    case Distribution::fixed: return p.value;
    case Distribution::uniform: return (p.a + p.b) / 2;
    case Distribution::triangular: return (p.a + p.b + p.c) / 3;
    default: return p.a;
  }
}

double parameter_quantile(const ParameterSpec& p, double q) {
  namespace bm = boost::math;
  switch (p.distribution) {
    case Distribution::fixed: return p.value;
    case Distribution::normal: return bm::quantile(bm::normal_distribution<double>(p.a, p.b), q);
    case Distribution::lognormal: {
      auto [mu, sigma] = lognormal_mu_sigma(p.a, p.b);
      return bm::quantile(bm::lognormal_distribution<double>(mu, sigma), q);
    }
    case Distribution::gamma: {
      auto [k, theta] = gamma_shape_scale(p.a, p.b);
      return bm::quantile(bm::gamma_distribution<double>(k, theta), q);
    }
    case Distribution::beta: {
      auto [a, b] = beta_shapes(p.a, p.b);
      return bm::quantile(bm::beta_distribution<double>(a, b), q);
    }
    case Distribution::uniform: return bm::quantile(bm::uniform_distribution<double>(p.a, p.b), q);
    case Distribution::triangular: return bm::quantile(bm::triangular_distribution<double>(p.a, p.b, p.c), q);
  }
  return p.value;
}

ParameterDraw base_draw(const Scenario& s) {
  ParameterDraw d;
  for (const auto& p : s.parameters) d.values.push_back(p.value);
  for (const auto& r : s.row_uncertainty) {
    std::vector<double> row(static_cast<std::size_t>(s.monthly.cols()));
    for (Eigen::Index j = 0; j < s.monthly.cols(); ++j) row[static_cast<std::size_t>(j)] = s.monthly(r.from, j);
    d.rows.push_back(row);
  }
  return d;
}

std::uint32_t parameter_stream(std::string_view id) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : id) h = (h ^ c) * 16777619u;
  return h;
}

ParameterDraw draw_parameters(const Scenario& s, std::uint64_t seed, std::uint32_t iteration) {
  ParameterDraw d = base_draw(s);
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    engine::PhiloxEngine rng(seed, iteration, engine::DrawKind::parameter, parameter_stream(s.parameters[i].id));
    d.values[i] = draw_one(s.parameters[i], rng);
  }
  // Dirichlet(c x row) through independent gammas; zero probabilities stay zero.
  for (std::size_t k = 0; k < s.row_uncertainty.size(); ++k) {
    engine::PhiloxEngine rng(seed, iteration, engine::DrawKind::transition_row,
                             parameter_stream(s.states[static_cast<std::size_t>(s.row_uncertainty[k].from)].id));
    auto& row = d.rows[k];
    double sum = 0;
    for (double& x : row) {
      if (x > 0) x = boost::random::gamma_distribution<double>(s.row_uncertainty[k].concentration * x, 1.0)(rng);
      sum += x;
    }
    for (double& x : row) x /= sum;
  }
  return d;
}

Scenario instantiate(const Scenario& base, const ParameterDraw& d) {
  Scenario s = base;
  for (std::size_t k = 0; k < s.row_uncertainty.size(); ++k)
    for (Eigen::Index j = 0; j < s.monthly.cols(); ++j)
      s.monthly(s.row_uncertainty[k].from, j) = d.rows[k][static_cast<std::size_t>(j)];
  // Derived parameters follow the drawn values of the parameters they are computed from.
  std::vector<double> values = d.values;
  for (std::size_t i = 0; i < s.parameters.size() && i < values.size(); ++i)
    if (s.parameters[i].derived) values[i] = s.parameters[i].formula.evaluate(values);
  s.parameter_values = values;
  std::vector<bool> touched(s.states.size(), false);
  for (const auto& u : s.parameter_uses) {
    const double v = u.expression.evaluate(values);
    if (!(v >= u.lo && v <= u.hi)) {
      std::string names;
      for (int p : u.expression.parameters())
        names += fmt::format("{}{} = {:.6g}", names.empty() ? "" : ", ", s.parameters[static_cast<std::size_t>(p)].id,
                             values[static_cast<std::size_t>(p)]);
      throw ScenarioError({{u.file, u.line, u.column, u.path,
                            fmt::format("with the drawn parameters ({}) the value is {:.6g}, outside [{}, {}] allowed "
                                        "here; choose distributions bounded to that range", names, v, u.lo, u.hi)}});
    }
    switch (u.target) {
      case ParameterUse::Target::effect_amount: s.effects[static_cast<std::size_t>(u.index)].item.amount = v; break;
      case ParameterUse::Target::overlay_value:
        s.overlay_list(u.index)[static_cast<std::size_t>(u.to)].value = v;
        break;
      case ParameterUse::Target::matrix_cell:
        s.monthly(u.from, u.to) = v;
        touched[static_cast<std::size_t>(u.from)] = true;
        break;
      case ParameterUse::Target::loonwaarde_mean: s.loonwaarde->mean[static_cast<std::size_t>(u.index)] = v; break;
      case ParameterUse::Target::loonwaarde_sd: s.loonwaarde->sd[static_cast<std::size_t>(u.index)] = v; break;
      case ParameterUse::Target::check: break;
    }
  }
  apply_loonwaarde(s, d.values);  // amounts that read a person's loonwaarde, per band
  for (std::size_t from = 0; from < touched.size(); ++from) {
    if (!touched[from]) continue;
    const auto f = static_cast<Eigen::Index>(from);
    const int rest = s.rest_column[from];
    if (rest >= 0) {
      s.monthly(f, rest) = 0;
      s.monthly(f, rest) = 1.0 - s.monthly.row(f).sum();
    }
    if (const std::string problem = row_problem(s, s.monthly, static_cast<int>(from), rest); !problem.empty())
      throw ScenarioError({s.row_pos(static_cast<int>(from)).diagnostic("with the drawn parameters " + problem)});
  }
  return s;
}

}  // namespace mkba
