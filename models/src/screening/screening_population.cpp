#include <mkba/models/screening_population.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

namespace mkba {

std::vector<engine::PersonGroup> screening_groups(const ScreeningData& data, const SegmentRule& rule, YearMonth start) {
  if (data.states.size() > static_cast<std::size_t>(engine::kMaxStates))
    throw std::invalid_argument("screening_groups: more states than the engine allows");
  std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t, std::int32_t>, std::int64_t> groups;
  for (const ScreeningRecord& r : data.records) {
    const std::int32_t seg = screened_segment(r.scores, rule);
    const std::int32_t months = std::max(0, start.months_since(r.state_since));
    ++groups[{r.gemeente, seg, r.state, months}];
  }
  std::vector<engine::PersonGroup> out;
  out.reserve(groups.size());
  for (const auto& [key, n] : groups) {
    engine::PersonGroup g;
    g.gemeente = std::get<0>(key);
    g.segment = std::get<1>(key);
    g.state = static_cast<engine::StateId>(std::get<2>(key));
    g.months_in_state = std::get<3>(key);
    g.entry_cycle = 0;
    g.persons = n;
    out.push_back(g);
  }
  return out;
}

}  // namespace mkba
