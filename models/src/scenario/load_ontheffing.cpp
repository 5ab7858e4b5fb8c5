// `ontheffing: ja` / `nee` on a change or a capacity limit (models/ontheffing.hpp), and the starting
// caseload split by the extract's ontheffing flag when a change or limit tells the two sides apart.
#include "loader.hpp"

#include <mkba/models/ontheffing.hpp>
#include <mkba/models/screening_population.hpp>

#include <fmt/format.h>

namespace mkba::detail {

std::optional<int> Loader::ontheffing_side(const YAML::Node& n, const std::string& path) {
  auto v = r_.choice(n, path, {kOntheffingNames[1], kOntheffingNames[0]});
  if (!v) return std::nullopt;
  return *v == kOntheffingNames[1] ? 1 : 0;
}

// After the whole document: with a change or limit by ontheffing, the screened caseload's groups
// carry each person's flag, and every declared segment gets its share with ontheffing (for persons
// without a flag: the inflow, a realisatie's caseload). Without one nothing changes.
void Loader::ontheffing_population() {
  const SourcePos* use = first_ontheffing_use(s_);
  if (use == nullptr) return;
  if (!screening_data_) {
    if (!screening_given_)  // (a screening file that failed to read is reported already)
      r_.error_at_file(use->diagnostic(
          "'ontheffing' needs a screening population (population.screening): ontheffing is a person attribute of "
          "the extract; with population counts, declare it as a segment instead (segments: [ontheffing, "
          "geen_ontheffing])"));
    return;
  }
  const ScreeningData& data = *screening_data_;
  std::vector<double> with(s_.segments.size(), 0.0), all(s_.segments.size(), 0.0);
  for (const auto& r : data.records) {
    const auto seg = static_cast<std::size_t>(screened_segment(r.scores, s_.segment_rule));
    all[seg] += 1;
    with[seg] += r.ontheffing ? 1 : 0;
  }
  s_.ontheffing_share.assign(s_.segments.size(), 0.0);
  for (std::size_t k = 0; k < all.size(); ++k) s_.ontheffing_share[k] = all[k] > 0 ? with[k] / all[k] : 0.0;
  if (s_.rescreening) return;  // one group per person, flags set by screening()
  s_.start.clear();
  if (s_.age_groups && s_.age_groups->from_screening) {
    screening_age_groups(data, s_, true);
    return;
  }
  // The same groups as screening() makes, once per side.
  for (int side = 0; side < 2; ++side) {
    ScreeningData part;
    part.states = data.states;
    for (const auto& r : data.records)
      if (static_cast<int>(r.ontheffing) == side) part.records.push_back(r);
    for (const auto& g : screening_groups(part, s_.segment_rule, s_.time.start))
      s_.start.push_back({g.gemeente, g.segment, g.state, static_cast<double>(g.persons), g.months_in_state, {}, -1, -1, side});
  }
}

}  // namespace mkba::detail
