#include <mkba/models/bestand_series.hpp>

#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace mkba {

std::int64_t KwadrantTransitions::count(int g, int k, int to_k) const {
  return counts[(static_cast<std::size_t>(g) * kKwadranten + static_cast<std::size_t>(k)) * kTo + static_cast<std::size_t>(to_k)];
}

KwadrantTransitions kwadrant_transitions(const ScreeningData& earlier, const ScreeningData& later,
                                         const SegmentRule& rule, CalendarDate from, CalendarDate to) {
  if (earlier.gemeenten != later.gemeenten)
    throw std::invalid_argument("kwadrant_transitions: the extracts have different lists of gemeenten");
  KwadrantTransitions t;
  t.gemeenten = earlier.gemeenten;
  t.from = from;
  t.to = to;
  t.counts.assign(earlier.gemeenten.size() * kKwadranten * KwadrantTransitions::kTo, 0);
  // The later extract's kwadrant per pseudonymous id; the map lives only in this function.
  std::unordered_map<std::string_view, int> later_kwadrant;
  later_kwadrant.reserve(later.records.size());
  for (std::size_t i = 0; i < later.records.size() && i < later.ids.size(); ++i)
    later_kwadrant.emplace(later.ids[i], segment(later.records[i].scores, rule).kwadrant);
  for (std::size_t i = 0; i < earlier.records.size(); ++i) {
    const ScreeningRecord& r = earlier.records[i];
    const int k = segment(r.scores, rule).kwadrant;
    int to_k = kKwadranten;  // not in the later extract
    if (i < earlier.ids.size())
      if (auto it = later_kwadrant.find(earlier.ids[i]); it != later_kwadrant.end()) to_k = it->second;
    ++t.counts[(static_cast<std::size_t>(r.gemeente) * kKwadranten + static_cast<std::size_t>(k)) * KwadrantTransitions::kTo +
               static_cast<std::size_t>(to_k)];
  }
  return t;
}

}  // namespace mkba
