#include <mkba/models/scenario.hpp>

#include <fmt/format.h>

namespace mkba {

std::string YearMonth::str() const { return fmt::format("{:04d}-{:02d}", year, month); }

double TransitionOverlay::fade_at(int months_in_state) const {
  double f = 1.0;
  for (std::size_t k = 0; k < fade_starts.size() && fade_starts[k] <= months_in_state; ++k) f = fade_factors[k];
  return f;
}

int Scenario::state_index(const std::string& id) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<TransitionOverlay>& Scenario::overlay_list(int id) {
  if (id >= kYearList) return year_changes[static_cast<std::size_t>(id - kYearList)].changes;
  if (id >= kBandList) return band_changes[static_cast<std::size_t>(id - kBandList)];
  if (id >= kSegmentList) return segment_changes[static_cast<std::size_t>(id - kSegmentList)];
  return alternatives[static_cast<std::size_t>(id)].overlays;
}

double Scenario::start_population() const {
  double n = 0;
  for (const auto& g : start) n += g.persons;
  return n;
}

}  // namespace mkba
