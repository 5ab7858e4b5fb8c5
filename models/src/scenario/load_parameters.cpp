// `parameters` (distributions, derived formulas), `tables` (step functions), and every value in the
// scenario that may be a parameter or an expression of them (recorded as a use, recomputed for each
// PSA draw). Also the price indexing of amounts given in another year than the prijspeil.
#include "loader.hpp"

#include <mkba/models/parameters.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace mkba::detail {

void Loader::parameters(const YAML::Node& n) {
  if (!r_.expect_map(n, "parameters")) return;
  r_.check_unique(n, "parameters");
  for (const auto& kv : n) {
    const std::string path = join_path("parameters", kv.first.Scalar());
    auto id = r_.identifier(kv.first, path);
    if (!id || !r_.expect_map(kv.second, path)) continue;
    const YAML::Node p = kv.second;
    r_.check_keys(p, path, {"value", "distribution", "mean", "sd", "min", "max", "mode", "unit", "year", "source"});
    ParameterSpec spec;
    spec.id = *id;
    std::string dist = "fixed";
    if (p["distribution"].IsDefined())
      dist = r_.choice(p["distribution"], join_path(path, "distribution"),
                       {"fixed", "normal", "lognormal", "gamma", "beta", "uniform", "triangular"}).value_or("");
    if (dist.empty()) continue;
    auto num = [&](const char* key) -> std::optional<double> {
      if (!p[key].IsDefined()) {
        r_.error(p, join_path(path, key), fmt::format("required key '{}' is missing for a {} distribution", key, dist));
        return std::nullopt;
      }
      return r_.number(p[key], join_path(path, key));
    };
    bool ok = true;
    auto need = [&](const char* key, double& out) {
      auto v = num(key);
      if (!v) ok = false;
      else out = *v;
    };
    std::optional<double> mean_value;
    if (dist == "fixed") {
      spec.distribution = Distribution::fixed;
      if (auto v = r_.required(p, "value", path)) {
        if (is_formula(*v)) ok = derived(*v, join_path(path, "value"), spec, n);
        else if (auto x = r_.number(*v, join_path(path, "value"))) spec.value = *x;
        else ok = false;
      } else ok = false;
    } else if (dist == "uniform") {
      spec.distribution = Distribution::uniform;
      need("min", spec.a);
      need("max", spec.b);
      if (ok && !(spec.a < spec.b)) { r_.error(p, path, fmt::format("expected min < max, found min {} and max {}", spec.a, spec.b)); ok = false; }
      mean_value = (spec.a + spec.b) / 2;
    } else if (dist == "triangular") {
      spec.distribution = Distribution::triangular;
      need("min", spec.a);
      need("mode", spec.b);
      need("max", spec.c);
      if (ok && !(spec.a <= spec.b && spec.b <= spec.c && spec.a < spec.c)) {
        r_.error(p, path, "expected min <= mode <= max and min < max");
        ok = false;
      }
      mean_value = (spec.a + spec.b + spec.c) / 3;
    } else {
      spec.distribution = dist == "normal" ? Distribution::normal : dist == "lognormal" ? Distribution::lognormal
                          : dist == "gamma" ? Distribution::gamma : Distribution::beta;
      need("mean", spec.a);
      need("sd", spec.b);
      if (ok && !(spec.b > 0)) { r_.error(p[ "sd"], join_path(path, "sd"), fmt::format("expected sd > 0, found {}", spec.b)); ok = false; }
      if (ok && dist != "normal" && !(spec.a > 0)) {
        r_.error(p["mean"], join_path(path, "mean"), fmt::format("expected mean > 0 for a {} distribution, found {}", dist, spec.a));
        ok = false;
      }
      if (ok && dist == "beta" && !(spec.a < 1 && spec.b * spec.b < spec.a * (1 - spec.a))) {
        r_.error(p, path, fmt::format("a beta distribution needs 0 < mean < 1 and sd^2 < mean (1 - mean); found mean {} and sd {}",
                                      spec.a, spec.b));
        ok = false;
      }
      mean_value = spec.a;
    }
    if (!ok) continue;
    if (spec.distribution != Distribution::fixed) {
      spec.value = *mean_value;
      if (p["value"].IsDefined())
        if (auto x = r_.number(p["value"], join_path(path, "value"))) spec.value = *x;
    }
    if (p["unit"].IsDefined()) spec.unit = r_.string(p["unit"], join_path(path, "unit")).value_or("");
    if (p["source"].IsDefined()) spec.source = r_.string(p["source"], join_path(path, "source")).value_or("");
    if (p["year"].IsDefined()) spec.year = static_cast<int>(r_.integer_in(p["year"], join_path(path, "year"), 1990, 2100).value_or(0));
    if (spec.derived && spec.year != 0) {
      r_.error(p["year"], join_path(path, "year"), "a derived parameter (a formula) takes the price year of the "
                                                   "parameters it is computed from; give 'year' there");
      continue;
    }
    const YAML::Node at = p["year"].IsDefined() ? p["year"] : p;
    spec.file = r_.file();
    spec.line = at.Mark().line + 1;
    spec.column = at.Mark().column + 1;
    auto same = std::find_if(s_.parameters.begin(), s_.parameters.end(), [&](const auto& q) { return q.id == spec.id; });
    if (same != s_.parameters.end()) {
      *same = spec;  // the including file overrides a reference value
      continue;
    }
    const auto clash = std::find_if(s_.parameters.begin(), s_.parameters.end(), [&](const auto& q) {
      return parameter_stream(q.id) == parameter_stream(spec.id);
    });
    if (clash != s_.parameters.end())
      r_.error(kv.first, path, fmt::format("parameters '{}' and '{}' would share a random stream (their ids hash alike, "
                                           "a 1 in 4 billion coincidence); rename one of them", clash->id, spec.id));
    s_.parameters.push_back(spec);
  }
}

// A scalar that is neither a number nor a number with a decimal comma: an expression.
bool Loader::is_formula(const YAML::Node& n) {
  static const std::regex numeric(R"(^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$)");
  static const std::regex decimal_comma(R"(^\s*[-+]?\d+,\d+\s*$)");  // refused by number() with the fix
  return n.IsScalar() && !std::regex_match(n.Scalar(), numeric) && !std::regex_match(n.Scalar(), decimal_comma);
}

// A derived parameter: its formula may use the parameters declared before it (so every draw can
// compute the parameters in order).
bool Loader::derived(const YAML::Node& n, const std::string& path, ParameterSpec& spec, const YAML::Node& declared) {
  std::size_t slot = s_.parameters.size();  // the index it will have (a redeclaration keeps its place)
  for (std::size_t i = 0; i < s_.parameters.size(); ++i)
    if (s_.parameters[i].id == spec.id) slot = i;
  std::string error, later;
  auto lookup = [&](const std::string& name) {
    for (std::size_t i = 0; i < slot; ++i)
      if (s_.parameters[i].id == name) return static_cast<int>(i);
    for (std::size_t i = slot; i < s_.parameters.size(); ++i)
      if (s_.parameters[i].id == name && later.empty()) later = name;
    if (later.empty() && declared.IsMap() && declared[name].IsDefined()) later = name;  // declared further down
    return -1;
  };
  auto expr = Expression::parse(n.Scalar(), lookup, error, context(false));
  if (!expr) {
    r_.error(n, path, later.empty()
                          ? fmt::format("expected a number or a formula of parameters declared above, such as "
                                        "'rate_to_prob(r_death)'; found '{}' ({})", n.Scalar(), error)
                          : fmt::format("a derived parameter may use only parameters declared before it; '{}' "
                                        "comes after (or is itself): move this declaration below it", later));
    return false;
  }
  std::vector<double> base;
  for (const auto& q : s_.parameters) base.push_back(q.value);  // derived ones: computed when declared
  spec.derived = true;
  spec.formula = *expr;
  spec.value = expr->evaluate(base);
  if (!std::isfinite(spec.value)) {
    r_.error(n, path, fmt::format("the formula '{}' gives {} at the base values", n.Scalar(), spec.value));
    return false;
  }
  return true;
}

// A number, a parameter or arithmetic on parameters (recorded as a use, so that every PSA draw
// recomputes it).
std::optional<double> Loader::value(const YAML::Node& n, const std::string& path, double lo, double hi, const char* what,
                                    ParameterUse use, bool time_ok) {
  last_varying_ = -1;
  if (!is_formula(n)) return r_.number_in(n, path, lo, hi, what);
  std::string error;
  std::string unknown;
  auto lookup = [&](const std::string& name) {
    for (std::size_t i = 0; i < s_.parameters.size(); ++i)
      if (s_.parameters[i].id == name) return static_cast<int>(i);
    if (unknown.empty()) unknown = name;
    return -1;
  };
  auto expr = Expression::parse(n.Scalar(), lookup, error, context(time_ok));
  if (!expr) {
    if (!unknown.empty()) {
      std::vector<std::string> ids;
      for (const auto& p : s_.parameters) ids.push_back(p.id);
      r_.error(n, path, fmt::format("expected {}, a parameter or an expression; '{}' is not a declared parameter{}",
                                    what, unknown, detail::did_you_mean(unknown, ids)));
    } else {
      r_.error(n, path, fmt::format("expected {}, a parameter or an expression such as "
                                    "'(1 - loonwaarde) * wml'; found '{}' ({})", what, n.Scalar(), error));
    }
    return std::nullopt;
  }
  if (expr->uses(Expression::TimeVariable::age) && !s_.start_age) {
    r_.error(n, path, "'age' needs the cohort's age at the start: give population.age");
    return std::nullopt;
  }
  std::vector<double> base;
  for (const auto& p : s_.parameters) base.push_back(p.value);
  Expression::Time t0;
  t0.age = s_.start_age.value_or(0);
  const double v = expr->evaluate(base, t0);
  if (!(v >= lo && v <= hi)) {
    r_.error(n, path, fmt::format("expected {} in [{}, {}], found '{}' = {:.6g}{}", what, lo, hi, n.Scalar(), v,
                                  expr->varies() ? " in the first cycle" : ""));
    return std::nullopt;
  }
  use.expression = *expr;
  use.lo = lo;
  use.hi = hi;
  use.path = path;
  use.file = r_.file();
  use.line = n.Mark().line + 1;
  use.column = n.Mark().column + 1;
  if (expr->varies()) {
    last_varying_ = static_cast<int>(s_.varying_uses.size());
    s_.varying_uses.push_back(use);
  } else {
    s_.parameter_uses.push_back(use);
  }
  return v;
}

// What expressions may use besides parameters: the declared tables and, where values may change
// over time, the time variables.
Expression::Context Loader::context(bool time_ok) const {
  Expression::Context c;
  c.time = time_ok;
  c.table = [this](const std::string& name) -> const Expression::StepTable* {
    const auto it = s_.tables.find(name);
    return it == s_.tables.end() ? nullptr : &it->second;
  };
  return c;
}

// `tables`: named step functions, e.g. a life table: {from: [0, 1, 5, ...], value: [...]}: the
// value for x in [from[i], from[i + 1]); the last holds from its `from` on.
void Loader::tables(const YAML::Node& n) {
  if (!r_.expect_map(n, "tables")) return;
  for (const auto& kv : n) {
    const std::string path = join_path("tables", kv.first.Scalar());
    auto id = r_.identifier(kv.first, path);
    if (!id || !r_.expect_map(kv.second, path)) continue;
    r_.check_keys(kv.second, path, {"from", "value", "unit", "source"});
    auto from = r_.required(kv.second, "from", path);
    auto value = r_.required(kv.second, "value", path);
    if (!from || !value || !r_.expect_sequence(*from, join_path(path, "from")) ||
        !r_.expect_sequence(*value, join_path(path, "value")))
      continue;
    Expression::StepTable t;
    bool ok = true;
    for (std::size_t i = 0; i < from->size(); ++i) {
      auto x = r_.number((*from)[i], fmt::format("{}.from[{}]", path, i));
      if (!x) { ok = false; continue; }
      if (!t.x.empty() && !(*x > t.x.back())) {
        r_.error((*from)[i], fmt::format("{}.from[{}]", path, i),
                 fmt::format("expected increasing values, found {} after {}", *x, t.x.back()));
        ok = false;
      }
      t.x.push_back(*x);
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      auto y = r_.number((*value)[i], fmt::format("{}.value[{}]", path, i));
      if (!y) ok = false;
      else t.y.push_back(*y);
    }
    if (ok && (t.x.empty() || t.x.size() != t.y.size())) {
      r_.error(*value, join_path(path, "value"),
               fmt::format("expected as many values as 'from' entries ({}), found {}", t.x.size(), value->size()));
      ok = false;
    }
    if (ok) s_.tables[*id] = std::move(t);
  }
}

void index_prices(Scenario& s, std::vector<Diagnostic>& diags) {
  for (auto& p : s.parameters) {
    if (p.year == 0 || p.year == s.prijspeil) continue;
    const auto from = s.price_index.find(p.year), to = s.price_index.find(s.prijspeil);
    if (from == s.price_index.end() || to == s.price_index.end()) {
      diags.push_back({p.file, p.line, p.column, "parameters." + p.id,
                      fmt::format("the amount is in {} prices but meta.price_index has no value for {}; give the "
                                  "index for both {} and the prijspeil {}", p.year,
                                  from == s.price_index.end() ? p.year : s.prijspeil, p.year, s.prijspeil)});
      continue;
    }
    const double f = to->second / from->second;
    p.value *= f;
    if (p.distribution != Distribution::beta) {
      p.a *= f;
      p.b *= f;
      p.c *= f;
    }
    p.indexed_by = f;
  }
}

}  // namespace mkba::detail
