// `plausibility:` the ranges the scenario's sources support for the net effect on work and the
// benefit/cost ratio (docs/scenario-format.md, docs/accounting.md "Plausibility").
#include "load_parts.hpp"

#include <fmt/format.h>

namespace mkba::detail {
namespace {

std::optional<PlausibilityRange> range(YamlReader& r, const YAML::Node& n, const std::string& path, double lo,
                                       double hi, const char* what) {
  if (!r.expect_map(n, path)) return std::nullopt;
  r.check_keys(n, path, {"min", "max", "source"});
  auto mn = r.required(n, "min", path);
  auto mx = r.required(n, "max", path);
  auto src = r.required(n, "source", path);  // a range without a source defends nothing
  if (!mn || !mx || !src) return std::nullopt;
  auto a = r.number_in(*mn, join_path(path, "min"), lo, hi, what);
  auto b = r.number_in(*mx, join_path(path, "max"), lo, hi, what);
  auto text = r.string(*src, join_path(path, "source"));
  if (!a || !b || !text) return std::nullopt;
  if (*a > *b) {
    r.error(*mx, join_path(path, "max"), fmt::format("expected max >= min ({}), found {}", *a, *b));
    return std::nullopt;
  }
  if (text->empty()) {
    r.error(*src, join_path(path, "source"), "expected the reference that supports the range, found an empty text");
    return std::nullopt;
  }
  return PlausibilityRange{*a, *b, *text};
}

}  // namespace

void load_plausibility(YamlReader& r, const YAML::Node& n, Scenario& s) {
  if (!r.expect_map(n, "plausibility")) return;
  r.check_keys(n, "plausibility", {"net_effect_pp", "benefit_cost", "toelichting"});
  PlausibilityReference ref;
  if (n["net_effect_pp"].IsDefined())
    ref.net_effect_pp = range(r, n["net_effect_pp"], "plausibility.net_effect_pp", -100, 100,
                              "percentage points in work per extra trajectory start");
  if (n["benefit_cost"].IsDefined())
    ref.benefit_cost = range(r, n["benefit_cost"], "plausibility.benefit_cost", 0, 1000, "a benefit/cost ratio");
  if (n["toelichting"].IsDefined())
    ref.toelichting = r.string(n["toelichting"], "plausibility.toelichting").value_or("");
  s.plausibility_reference = std::move(ref);
}

}  // namespace mkba::detail
