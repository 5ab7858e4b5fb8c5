#include <mkba/models/gemeente_targeting.hpp>

#include <algorithm>
#include <map>
#include <string>

namespace mkba {

const TransitionOverlay* first_gemeente_change(const Scenario& s) {
  for (const auto& a : s.alternatives)
    for (const auto& o : a.overlays)
      if (!o.gemeenten.empty()) return &o;
  return nullptr;
}

const SourcePos* first_gemeente_use(const Scenario& s) {
  if (const TransitionOverlay* o = first_gemeente_change(s)) return &o->where;
  for (const auto& a : s.alternatives)
    for (const auto& c : a.capacities)
      if (!c.gemeenten.empty()) return &c.where;
  return nullptr;
}

std::vector<int> gemeente_classes(const Scenario& s) {
  std::vector<int> cls(s.gemeenten.size(), 0);
  if (first_gemeente_use(s) == nullptr) return cls;
  std::map<std::string, int> seen;  // (a string key: GCC 12 warns wrongly on vector<uint8_t> compares)
  for (std::size_t g = 0; g < s.gemeenten.size(); ++g) {
    std::string key;  // in or out of each targeted change
    for (const auto& a : s.alternatives) {
      for (const auto& o : a.overlays)
        if (!o.gemeenten.empty()) key.push_back(o.gemeenten[g] ? '1' : '0');
      for (const auto& c : a.capacities)  // ... and of each capacity limit shared by a list of gemeenten
        if (!c.gemeenten.empty()) key.push_back(c.gemeenten[g] ? '1' : '0');
    }
    const auto [it, fresh] = seen.emplace(std::move(key), static_cast<int>(seen.size()));
    cls[g] = it->second;
  }
  return cls;
}

int gemeente_class_count(const Scenario& s) {
  int n = 1;
  for (int c : gemeente_classes(s)) n = std::max(n, c + 1);
  return n;
}

int class_gemeente(const Scenario& s, int c) {
  if (first_gemeente_use(s) == nullptr) return -1;
  const auto cls = gemeente_classes(s);
  for (std::size_t g = 0; g < cls.size(); ++g)
    if (cls[g] == c) return static_cast<int>(g);
  return -1;
}

}  // namespace mkba
