// `nulalternatief` and `alternatives`: ids, labels (distinct from each other), `extends`, the
// changes to transitions and the capacity limits each alternative holds.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace mkba::detail {

void Loader::alternatives(const YAML::Node& base, const YAML::Node& alts) {
  AlternativeSpec null_alt{"nulalternatief", "Nulalternatief", "", {}, {}, -1};
  if (base.IsDefined()) {
    if (r_.expect_map(base, "nulalternatief")) {
      r_.check_keys(base, "nulalternatief", {"label", "description", "capacity"});
      if (base["capacity"].IsDefined() && r_.expect_sequence(base["capacity"], "nulalternatief.capacity"))
        for (std::size_t i = 0; i < base["capacity"].size(); ++i) {
          own_capacities_from_ = 0;
          capacity(base["capacity"][i], fmt::format("nulalternatief.capacity[{}]", i), null_alt);
        }
      if (base["label"].IsDefined()) null_alt.label = r_.string(base["label"], "nulalternatief.label").value_or("");
      if (base["description"].IsDefined())
        null_alt.description = r_.string(base["description"], "nulalternatief.description").value_or("");
    }
  }
  s_.alternatives.push_back(null_alt);
  if (!alts.IsDefined()) return;
  if (!r_.expect_map(alts, "alternatives")) return;
  r_.check_unique(alts, "alternatives");
  for (const auto& kv : alts) {
    const std::string path = join_path("alternatives", kv.first.Scalar());
    auto id = r_.identifier(kv.first, path);
    if (!id) continue;
    if (*id == "nulalternatief") {
      r_.error(kv.first, path, "the nulalternatief is the baseline; describe it under the top-level key 'nulalternatief'");
      continue;
    }
    AlternativeSpec alt{*id, *id, "", {}, {}, -1};
    const YAML::Node a = kv.second;
    if (!r_.expect_map(a, path)) continue;
    r_.check_keys(a, path, {"label", "description", "extends", "transitions", "capacity"});
    if (a["extends"].IsDefined()) {
      // Start from an alternative declared before this one: its changes and limits come first.
      std::vector<std::string> ids;
      for (const auto& x : s_.alternatives) ids.push_back(x.id);
      if (auto base_id = name_ref(a["extends"], join_path(path, "extends"), ids, "alternative (declared above)")) {
        const auto& parent = s_.alternatives[static_cast<std::size_t>(*base_id)];
        alt.extends = *base_id;
        alt.overlays = parent.overlays;
        alt.capacities = parent.capacities;
        const int me = static_cast<int>(s_.alternatives.size());
        const auto n_uses = s_.parameter_uses.size();
        for (std::size_t u = 0; u < n_uses; ++u)
          if (s_.parameter_uses[u].target == ParameterUse::Target::overlay_value && s_.parameter_uses[u].index == *base_id) {
            ParameterUse copy = s_.parameter_uses[u];
            copy.index = me;
            s_.parameter_uses.push_back(copy);
          }
      }
    }
    if (a["label"].IsDefined()) alt.label = r_.string(a["label"], join_path(path, "label")).value_or(*id);
    // Reports name alternatives by label: two alike (ignoring case and spaces), or one read as the
    // baseline, would put the wrong numbers under a heading.
    auto folded = [](const std::string& t) {
      std::string out;
      for (char c : t)
        if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return out;
    };
    for (const auto& other : s_.alternatives)
      if (folded(alt.label) == folded(other.label) || folded(alt.label) == folded(other.id)) {
        r_.error(a["label"].IsDefined() ? a["label"] : kv.first, join_path(path, "label"),
                 fmt::format("the label '{}' is the same as that of {} '{}' (ignoring case and spaces); give each "
                             "alternative its own label", alt.label, &other == &s_.alternatives.front() ? "the nulalternatief" : "alternative",
                             other.id));
        break;
      }
    if (a["description"].IsDefined()) alt.description = r_.string(a["description"], join_path(path, "description")).value_or("");
    if (a["transitions"].IsDefined()) {
      const std::string tp = join_path(path, "transitions");
      if (r_.expect_sequence(a["transitions"], tp))
        for (std::size_t i = 0; i < a["transitions"].size(); ++i)
          overlay(a["transitions"][i], fmt::format("{}[{}]", tp, i), alt.overlays,
                  static_cast<int>(s_.alternatives.size()));
    }
    own_capacities_from_ = alt.capacities.size();
    if (a["capacity"].IsDefined()) {
      const std::string cp = join_path(path, "capacity");
      if (r_.expect_sequence(a["capacity"], cp))
        for (std::size_t i = 0; i < a["capacity"].size(); ++i)
          capacity(a["capacity"][i], fmt::format("{}[{}]", cp, i), alt);
    }
    // The nulalternatief's limits hold in every alternative unless it sets its own for that state
    // and gemeente.
    for (const auto& c : s_.alternatives[0].capacities) {
      const bool replaced = std::any_of(alt.capacities.begin(), alt.capacities.end(), [&](const CapacitySpec& x) {
        return x.state == c.state && x.gemeente == c.gemeente;
      });
      if (!replaced) alt.capacities.push_back(c);
    }
    s_.alternatives.push_back(alt);
  }
}

}  // namespace mkba::detail
