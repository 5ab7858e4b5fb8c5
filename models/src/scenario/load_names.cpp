// Lists of names (`stakeholders`, `categories`, `segments`) and every reference to a declared name
// (a gemeente, segment, stakeholder, outcome or alternative), alone or as a mask.
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mkba::detail {

void Loader::names(const YAML::Node& n, const char* key, const std::vector<std::string>& defaults,
                   std::vector<std::string>& out) {
  out = defaults;
  if (!n.IsDefined()) return;
  if (!r_.expect_sequence(n, key)) return;
  out.clear();
  for (std::size_t i = 0; i < n.size(); ++i) {
    auto id = r_.identifier(n[i], fmt::format("{}[{}]", key, i));
    if (!id) continue;
    if (*id == "maatschappij") {
      r_.error(n[i], fmt::format("{}[{}]", key, i),
               "'maatschappij' is reserved for the society total (the sum over stakeholders)");
      continue;
    }
    if (std::find(out.begin(), out.end(), *id) != out.end())
      r_.error(n[i], fmt::format("{}[{}]", key, i), fmt::format("'{}' is listed twice", *id));
    else
      out.push_back(*id);
  }
}

std::optional<int> Loader::name_ref(const YAML::Node& n, const std::string& path,
                                    const std::vector<std::string>& names, const char* what) {
  auto id = r_.string(n, path);
  if (!id) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == *id) return static_cast<int>(i);
  r_.error(n, path, fmt::format("unknown {} '{}'{}", what, *id, detail::did_you_mean(*id, names)));
  return std::nullopt;
}

// A name or a list of names (segments, gemeenten) as a mask over `names`.
std::vector<std::uint8_t> Loader::name_mask(const YAML::Node& n, const std::string& path, const std::vector<std::string>& names,
                                            const char* what) {
  std::vector<std::uint8_t> mask(names.size(), 0);
  if (n.IsScalar()) {
    if (auto k = name_ref(n, path, names, what)) mask[static_cast<std::size_t>(*k)] = 1;
    return mask;
  }
  if (!r_.expect_sequence(n, path)) return mask;
  for (std::size_t i = 0; i < n.size(); ++i)
    if (auto k = name_ref(n[i], fmt::format("{}[{}]", path, i), names, what)) mask[static_cast<std::size_t>(*k)] = 1;
  return mask;
}

}  // namespace mkba::detail
