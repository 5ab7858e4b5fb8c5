#include <mkba/models/ontheffing.hpp>

namespace mkba {

const SourcePos* first_ontheffing_use(const Scenario& s) {
  auto in = [](const std::vector<TransitionOverlay>& list) -> const SourcePos* {
    for (const auto& o : list)
      if (o.ontheffing >= 0) return &o.where;
    return nullptr;
  };
  for (const auto& l : s.segment_changes)
    if (const auto* w = in(l)) return w;
  for (const auto& l : s.band_changes)
    if (const auto* w = in(l)) return w;
  for (const auto& y : s.year_changes)
    if (const auto* w = in(y.changes)) return w;
  for (const auto& a : s.alternatives) {
    if (const auto* w = in(a.overlays)) return w;
    for (const auto& c : a.capacities)
      if (c.ontheffing >= 0) return &c.where;
  }
  return nullptr;
}

bool ontheffing_used(const Scenario& s) { return first_ontheffing_use(s) != nullptr; }

int ontheffing_count(const Scenario& s) { return ontheffing_used(s) ? 2 : 1; }

}  // namespace mkba
