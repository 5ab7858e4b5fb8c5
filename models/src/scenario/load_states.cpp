// `states` (id, label, kind, fte) and every reference to a state by name.
#include "loader.hpp"

#include <fmt/format.h>

#include <map>

namespace mkba::detail {

void Loader::states(const YAML::Node& n) {
  if (!r_.expect_sequence(n, "states")) return;
  if (n.size() == 0) r_.error(n, "states", "expected at least one state, found an empty list");
  if (n.size() > static_cast<std::size_t>(engine::kMaxStates))
    r_.error(n, "states", fmt::format("at most {} states are supported, found {}", engine::kMaxStates, n.size()));
  for (std::size_t i = 0; i < n.size() && i < static_cast<std::size_t>(engine::kMaxStates); ++i) {
    const std::string path = fmt::format("states[{}]", i);
    const YAML::Node st = n[i];
    if (!r_.expect_map(st, path)) continue;
    r_.check_keys(st, path, {"id", "label", "label_en", "kind", "fte"});
    StateSpec spec;
    auto id_node = r_.required(st, "id", path);
    if (!id_node) continue;
    auto id = r_.identifier(*id_node, join_path(path, "id"));
    if (!id) continue;
    if (s_.state_index(*id) >= 0) {
      r_.error(*id_node, join_path(path, "id"), fmt::format("state '{}' is declared twice", *id));
      continue;
    }
    spec.id = *id;
    spec.label = st["label"].IsDefined() ? r_.string(st["label"], join_path(path, "label")).value_or(*id) : *id;
    if (st["label_en"].IsDefined()) spec.label_en = r_.string(st["label_en"], join_path(path, "label_en")).value_or("");
    if (auto k = r_.required(st, "kind", path)) {
      auto kind = r_.choice(*k, join_path(path, "kind"),
                            {"benefit", "trajectory", "work", "sheltered", "absorbing", "other"});
      if (kind) {
        static const std::map<std::string, StateKind> kinds = {
            {"benefit", StateKind::benefit}, {"trajectory", StateKind::trajectory},
            {"work", StateKind::work},       {"sheltered", StateKind::sheltered},
            {"absorbing", StateKind::absorbing}, {"other", StateKind::other}};
        spec.kind = kinds.at(*kind);
      }
    }
    if (st["fte"].IsDefined())
      spec.fte = r_.number_in(st["fte"], join_path(path, "fte"), 0.01, 1.0, "a part-time factor (fte per person)").value_or(1.0);
    s_.states.push_back(spec);
  }
}

// A state named by a node; reports unknown names with a suggestion.
std::optional<int> Loader::state_ref(const YAML::Node& n, const std::string& path) {
  auto id = r_.string(n, path);
  if (!id) return std::nullopt;
  const int i = s_.state_index(*id);
  if (i >= 0) return i;
  std::vector<std::string> ids;
  for (const auto& st : s_.states) ids.push_back(st.id);
  r_.error(n, path, fmt::format("unknown state '{}'{}", *id, detail::did_you_mean(*id, ids)));
  return std::nullopt;
}

std::vector<std::uint8_t> Loader::state_mask(const YAML::Node& n, const std::string& path) {
  std::vector<std::uint8_t> mask(s_.states.size(), 0);
  if (n.IsScalar()) {
    if (auto st = state_ref(n, path)) mask[*st] = 1;
    return mask;
  }
  if (!r_.expect_sequence(n, path)) return mask;
  if (n.size() == 0) r_.error(n, path, "expected at least one state, found an empty list (the effect would count nothing)");
  for (std::size_t i = 0; i < n.size(); ++i)
    if (auto st = state_ref(n[i], fmt::format("{}[{}]", path, i))) mask[*st] = 1;
  return mask;
}

}  // namespace mkba::detail
