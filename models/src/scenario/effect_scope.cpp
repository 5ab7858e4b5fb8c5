#include <mkba/models/effect_scope.hpp>

#include <algorithm>
#include <limits>

namespace mkba {

bool effect_applies(const Scenario& s, const EffectSpec& e, int alternative) {
  if (e.alternatives.empty()) return true;
  for (int a = alternative; a >= 0; a = s.alternatives[static_cast<std::size_t>(a)].extends)
    if (std::find(e.alternatives.begin(), e.alternatives.end(), a) != e.alternatives.end()) return true;
  return false;
}

std::vector<int> effect_alternatives(const Scenario& s, const EffectSpec& e) {
  std::vector<int> out;
  for (int a = 0; a < static_cast<int>(s.alternatives.size()); ++a)
    if (effect_applies(s, e, a)) out.push_back(a);
  return out;
}

engine::ValueItem compiled_effect(const Scenario& s, const EffectSpec& e, int alternative) {
  const int m = s.time.months_per_cycle;
  engine::ValueItem item = e.item;
  if (!effect_applies(s, e, alternative)) item.amount = 0.0;
  // Per month (or year) -> per cycle; an amount given per cycle is used as it is.
  if (item.basis == engine::Basis::per_cycle_in_state && e.per_months != m)
    item.amount *= e.per_months == 1 ? static_cast<double>(m) : static_cast<double>(m) / e.per_months;
  // The scenario gives windows in months from the start.
  item.first_cycle = item.first_cycle <= 0 ? 0 : (item.first_cycle + m - 1) / m;
  if (item.last_cycle != std::numeric_limits<int>::max()) item.last_cycle = (item.last_cycle + m - 1) / m;
  return item;
}

}  // namespace mkba
