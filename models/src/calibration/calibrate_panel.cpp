// Maximum likelihood of a continuous-time Markov generator from panel data (states seen only at
// screenings), as R's msm does: P(t) = exp(Q t), log-parametrised rates on the declared moves,
// BFGS with central-difference gradients and a backtracking (Armijo) line search, standard errors
// from the inverse observed information (numerical Hessian of the log-likelihood).
#include <mkba/models/calibrate.hpp>
#include <mkba/models/errors.hpp>

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

#include <algorithm>
#include <cmath>
#include <map>
#include <limits>
#include <tuple>
#include <vector>

namespace mkba {

namespace {

using Index = Eigen::Index;

struct PairCounts {
  // (months between the observations) -> counts [from][to]
  std::map<int, Eigen::MatrixXd> by_gap;
};

class Likelihood {
 public:
  Likelihood(const PairCounts& pc, Index n_states, const std::vector<std::pair<int, int>>& allowed)
      : pc_(pc), ns_(n_states), allowed_(allowed) {}

  Eigen::MatrixXd generator(const Eigen::VectorXd& theta) const {
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(ns_, ns_);
    for (std::size_t k = 0; k < allowed_.size(); ++k)
      q(allowed_[k].first, allowed_[k].second) = std::exp(theta(static_cast<Index>(k)));
    for (Index i = 0; i < ns_; ++i) q(i, i) = -q.row(i).sum();
    return q;
  }

  // The log-likelihood (Q in annual rates; gaps in months).
  double operator()(const Eigen::VectorXd& theta) const {
    const Eigen::MatrixXd q = generator(theta);
    double ll = 0;
    for (const auto& [gap, n] : pc_.by_gap) {
      const Eigen::MatrixXd p = (q * (gap / 12.0)).exp();
      for (Index a = 0; a < ns_; ++a)
        for (Index b = 0; b < ns_; ++b)
          if (n(a, b) > 0) ll += n(a, b) * std::log(std::max(p(a, b), 1e-300));
    }
    return ll;
  }

 private:
  const PairCounts& pc_;
  Index ns_;
  const std::vector<std::pair<int, int>>& allowed_;
};

Eigen::VectorXd gradient(const Likelihood& f, const Eigen::VectorXd& x, double h) {
  Eigen::VectorXd g(x.size());
  for (Index k = 0; k < x.size(); ++k) {
    Eigen::VectorXd a = x, b = x;
    a(k) += h;
    b(k) -= h;
    g(k) = (f(a) - f(b)) / (2 * h);
  }
  return g;
}

Eigen::MatrixXd hessian(const Likelihood& f, const Eigen::VectorXd& x, double h) {
  const Index n = x.size();
  Eigen::MatrixXd hm(n, n);
  const double f0 = f(x);
  for (Index i = 0; i < n; ++i) {
    Eigen::VectorXd a = x, b = x;
    a(i) += h;
    b(i) -= h;
    hm(i, i) = (f(a) - 2 * f0 + f(b)) / (h * h);
    for (Index j = 0; j < i; ++j) {
      Eigen::VectorXd pp = x, pm = x, mp = x, mm = x;
      pp(i) += h, pp(j) += h;
      pm(i) += h, pm(j) -= h;
      mp(i) -= h, mp(j) += h;
      mm(i) -= h, mm(j) -= h;
      hm(i, j) = hm(j, i) = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * h * h);
    }
  }
  return hm;
}

}  // namespace

PanelFit fit_panel(const PanelData& panel, const PanelFitOptions& opt) {
  const auto ns = static_cast<Index>(panel.states.size());
  PanelFit fit;
  fit.states = panel.states;
  fit.allowed = opt.allowed;
  if (opt.allowed.empty()) throw UsageError("panel fit: no allowed transitions declared (--allowed from:to,...)");
  for (const auto& [a, b] : opt.allowed)
    if (a < 0 || b < 0 || a >= ns || b >= ns || a == b)
      throw UsageError("panel fit: an allowed transition must name two different known states");

  PairCounts pc;
  fit.observed = Eigen::MatrixXd::Zero(ns, ns);
  Eigen::VectorXd years_at_risk = Eigen::VectorXd::Zero(ns);
  const auto& obs = panel.observations;
  for (std::size_t k = 1; k < obs.size(); ++k) {
    if (obs[k].person != obs[k - 1].person) continue;
    const int gap = obs[k].month.months_since(obs[k - 1].month);
    if (gap <= 0) continue;
    auto [it, fresh] = pc.by_gap.try_emplace(gap, Eigen::MatrixXd::Zero(ns, ns));
    it->second(obs[k - 1].state, obs[k].state) += 1;
    fit.observed(obs[k - 1].state, obs[k].state) += 1;
    years_at_risk(obs[k - 1].state) += gap / 12.0;
    ++fit.pairs;
  }
  if (fit.pairs == 0) throw DataError(fmt::format("{}: no person has two observations; nothing to estimate", panel.file));

  // Every observed move must be reachable through the allowed moves.
  Eigen::MatrixXi reach = Eigen::MatrixXi::Identity(ns, ns);
  for (const auto& [a, b] : opt.allowed) reach(a, b) = 1;
  for (Index m = 0; m < ns; ++m)
    for (Index i = 0; i < ns; ++i)
      for (Index j = 0; j < ns; ++j)
        if (reach(i, m) && reach(m, j)) reach(i, j) = 1;
  for (Index i = 0; i < ns; ++i)
    for (Index j = 0; j < ns; ++j)
      if (fit.observed(i, j) > 0 && !reach(i, j))
        throw DataError(fmt::format("{}: {} move(s) from '{}' to '{}' between screenings, which the allowed transitions "
                                    "cannot produce; declare a path (--allowed)", panel.file, fit.observed(i, j),
                                    panel.states[static_cast<std::size_t>(i)], panel.states[static_cast<std::size_t>(j)]));

  const Likelihood ll(pc, ns, opt.allowed);
  const auto n = static_cast<Index>(opt.allowed.size());
  // Crude start (as msm's crudeinits): observed changes per year at risk, as if seen directly.
  Eigen::VectorXd x(n);
  for (Index k = 0; k < n; ++k) {
    const auto [a, b] = opt.allowed[static_cast<std::size_t>(k)];
    x(k) = std::log((fit.observed(a, b) + 0.5) / std::max(years_at_risk(a), 1.0));
  }

  // BFGS on f = -loglik.
  auto f = [&](const Eigen::VectorXd& v) { return -ll(v); };
  const double h = 1e-5;
  double fx = f(x);
  Eigen::VectorXd g = -gradient(ll, x, h);
  Eigen::MatrixXd hinv = Eigen::MatrixXd::Identity(n, n) / std::max(1.0, g.cwiseAbs().maxCoeff());
  fit.message = "the maximum number of iterations was reached";
  int it = 0;
  for (; it < opt.max_iterations; ++it) {
    if (g.cwiseAbs().maxCoeff() < opt.gradient_tolerance) {
      fit.converged = true;
      fit.message = fmt::format("converged: largest |gradient| {:.2e} < {:.0e}", g.cwiseAbs().maxCoeff(), opt.gradient_tolerance);
      break;
    }
    Eigen::VectorXd d = -hinv * g;
    if (d.dot(g) >= 0) {  // not a descent direction: restart from steepest descent
      hinv = Eigen::MatrixXd::Identity(n, n) / std::max(1.0, g.cwiseAbs().maxCoeff());
      d = -hinv * g;
    }
    const double dmax = d.cwiseAbs().maxCoeff();
    if (dmax > 2.0) d *= 2.0 / dmax;  // at most a factor e^2 per step in any rate
    double step = 1;
    Eigen::VectorXd xn;
    double fn = 0;
    bool accepted = false;
    for (int ls = 0; ls < 40; ++ls) {
      xn = x + step * d;
      fn = f(xn);
      if (std::isfinite(fn) && fn <= fx + 1e-4 * step * g.dot(d)) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      fit.message = fmt::format("stopped: the line search found no decrease (largest |gradient| {:.2e})", g.cwiseAbs().maxCoeff());
      fit.converged = g.cwiseAbs().maxCoeff() < 100 * opt.gradient_tolerance;
      break;
    }
    const Eigen::VectorXd gn = -gradient(ll, xn, h);
    const Eigen::VectorXd s = xn - x, y = gn - g;
    const double sy = s.dot(y);
    if (sy > 1e-12 * s.norm() * y.norm()) {
      const double rho = 1 / sy;
      const Eigen::MatrixXd id = Eigen::MatrixXd::Identity(n, n);
      hinv = (id - rho * s * y.transpose()) * hinv * (id - rho * y * s.transpose()) + rho * s * s.transpose();
    }
    x = xn;
    fx = fn;
    g = gn;
  }
  fit.iterations = it;
  fit.gradient_norm = g.cwiseAbs().maxCoeff();
  fit.log_rates = x;
  fit.rates = x.array().exp();
  fit.log_likelihood = -fx;
  fit.q = ll.generator(x);
  fit.monthly = (fit.q / 12.0).exp();
  for (Index i = 0; i < ns; ++i) {  // clean round-off so rows are exactly stochastic
    for (Index j = 0; j < ns; ++j) fit.monthly(i, j) = std::max(0.0, fit.monthly(i, j));
    fit.monthly.row(i) /= fit.monthly.row(i).sum();
  }

  // Observed information: minus the Hessian of the log-likelihood in the log rates.
  const Eigen::MatrixXd info = -hessian(ll, x, 1e-3);
  // A rate at the boundary (estimated as practically 0) carries no information; its log is not
  // identified. Standard errors come from the information of the other rates; such rates get none.
  fit.se_log = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::quiet_NaN());
  fit.monthly_sd = Eigen::MatrixXd::Constant(ns, ns, std::numeric_limits<double>::quiet_NaN());
  std::vector<Index> keep;
  for (Index k = 0; k < n; ++k)
    if (info(k, k) > 1e-3) keep.push_back(k);
  const auto nk = static_cast<Index>(keep.size());
  Eigen::MatrixXd sub(nk, nk);
  for (Index a = 0; a < nk; ++a)
    for (Index b = 0; b < nk; ++b) sub(a, b) = info(keep[static_cast<std::size_t>(a)], keep[static_cast<std::size_t>(b)]);
  Eigen::LLT<Eigen::MatrixXd> llt(sub);
  if (nk > 0 && llt.info() == Eigen::Success) {
    fit.hessian_ok = true;
    const Eigen::MatrixXd cov = llt.solve(Eigen::MatrixXd::Identity(nk, nk));
    for (Index a = 0; a < nk; ++a) fit.se_log(keep[static_cast<std::size_t>(a)]) = std::sqrt(std::max(0.0, cov(a, a)));
    // Delta method for the monthly matrix: J = d exp(Q/12) / d log q (central differences).
    std::vector<Eigen::MatrixXd> jac;
    for (Index a = 0; a < nk; ++a) {
      Eigen::VectorXd up = x, dn = x;
      const Index k = keep[static_cast<std::size_t>(a)];
      up(k) += 1e-5;
      dn(k) -= 1e-5;
      jac.push_back(((ll.generator(up) / 12.0).exp() - (ll.generator(dn) / 12.0).exp()) / 2e-5);
    }
    fit.monthly_sd = Eigen::MatrixXd::Zero(ns, ns);
    for (Index i = 0; i < ns; ++i)
      for (Index j = 0; j < ns; ++j) {
        double v = 0;
        for (Index a = 0; a < nk; ++a)
          for (Index b = 0; b < nk; ++b)
            v += jac[static_cast<std::size_t>(a)](i, j) * cov(a, b) * jac[static_cast<std::size_t>(b)](i, j);
        fit.monthly_sd(i, j) = std::sqrt(std::max(0.0, v));
      }
    if (nk < n)
      fit.message += fmt::format("; {} rate(s) at the boundary (practically 0, no information): no standard error", n - nk);
  } else {
    fit.message += "; the observed information is not positive definite (a rate is not identified): no standard errors";
  }
  boost::math::normal_distribution<double> nd;
  const double z = boost::math::quantile(nd, 0.5 + opt.level / 2);
  fit.lo = (x.array() - z * fit.se_log.array()).exp();
  fit.hi = (x.array() + z * fit.se_log.array()).exp();

  fit.expected = Eigen::MatrixXd::Zero(ns, ns);
  for (const auto& [gap, cnt] : pc.by_gap) {
    const Eigen::MatrixXd p = (fit.q * (gap / 12.0)).exp();
    for (Index a = 0; a < ns; ++a) fit.expected.row(a) += cnt.row(a).sum() * p.row(a);
  }
  return fit;
}

}  // namespace mkba
