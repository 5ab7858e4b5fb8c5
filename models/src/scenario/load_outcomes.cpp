// `outcomes` (non-monetary effects and their discount rate) and `cost_effectiveness` (which outcome,
// whose costs, which thresholds).
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::detail {

void Loader::outcomes(const YAML::Node& n) {
  if (!r_.expect_sequence(n, "outcomes")) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = fmt::format("outcomes[{}]", i);
    if (!r_.expect_map(n[i], path)) continue;
    r_.check_keys(n[i], path, {"id", "label", "discount_rate"});
    auto idn = r_.required(n[i], "id", path);
    auto id = idn ? r_.identifier(*idn, join_path(path, "id")) : std::nullopt;
    if (!id) continue;
    double rate = std::nan("");  // NaN: use the money rate (resolved in discounting())
    if (n[i]["discount_rate"].IsDefined())
      rate = r_.number_in(n[i]["discount_rate"], join_path(path, "discount_rate"), -0.05, 0.2,
                          "an annual discount rate").value_or(0.0);
    if (std::find(s_.outcomes.begin(), s_.outcomes.end(), *id) != s_.outcomes.end()) {
      r_.error(*idn, join_path(path, "id"), fmt::format("outcome '{}' is declared twice", *id));
      continue;
    }
    s_.outcomes.push_back(*id);
    s_.outcome_discount_rates.push_back(rate);
  }
}

void Loader::cost_effectiveness(const YAML::Node& n) {
  const std::string path = "cost_effectiveness";
  if (!r_.expect_map(n, path)) return;
  r_.check_keys(n, path, {"effect", "costs_of", "thresholds"});
  CostEffectivenessSpec ce;
  auto e = r_.required(n, "effect", path);
  auto o = e ? name_ref(*e, join_path(path, "effect"), s_.outcomes, "outcome") : std::nullopt;
  if (!o) return;
  ce.effect = *o;
  if (n["costs_of"].IsDefined() && r_.expect_sequence(n["costs_of"], join_path(path, "costs_of")))
    for (std::size_t i = 0; i < n["costs_of"].size(); ++i)
      if (auto k = name_ref(n["costs_of"][i], fmt::format("{}.costs_of[{}]", path, i), s_.stakeholders, "stakeholder"))
        ce.costs_of.push_back(*k);
  if (n["thresholds"].IsDefined() && r_.expect_sequence(n["thresholds"], join_path(path, "thresholds")))
    for (std::size_t i = 0; i < n["thresholds"].size(); ++i)
      if (auto v = r_.number_in(n["thresholds"][i], fmt::format("{}.thresholds[{}]", path, i), 0, 1e12,
                                "a willingness to pay per unit of effect (>= 0)"))
        ce.thresholds.push_back(*v);
  s_.cost_effectiveness = ce;
}

}  // namespace mkba::detail
