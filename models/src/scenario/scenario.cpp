#include <mkba/models/scenario.hpp>

#include <fmt/format.h>

#include <cmath>

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

SourcePos Scenario::row_pos(int from) const {
  if (from >= 0 && static_cast<std::size_t>(from) < row_where.size()) return row_where[static_cast<std::size_t>(from)];
  return {file, 0, 0, "transitions.matrix." + states[static_cast<std::size_t>(from)].id};
}

std::string row_problem(const Scenario& s, const Eigen::MatrixXd& p, int from, int rest) {
  const auto f = static_cast<Eigen::Index>(from);
  const std::string& id = s.states[static_cast<std::size_t>(from)].id;
  double sum = 0;
  for (Eigen::Index j = 0; j < p.cols(); ++j) sum += p(f, j);
  for (Eigen::Index j = 0; j < p.cols(); ++j) {
    const double v = p(f, j);
    const std::string& to = s.states[static_cast<std::size_t>(j)].id;
    if (v < -1e-12 && (j == f || j == rest))
      return fmt::format("the probability of {} would be {:.6g}: the other moves out of '{}' sum to {:.10g} > 1",
                         j == f ? fmt::format("staying in '{}'", id) : fmt::format("moving to '{}' (the 'rest')", to),
                         v, id, sum - v);
    if (!(v >= -1e-12 && v <= 1 + 1e-12))
      return fmt::format("the move from '{}' to '{}' would have probability {:.6g}, outside [0, 1]", id, to, v);
  }
  if (std::abs(sum - 1.0) > 1e-9)
    return fmt::format("the probabilities of the row of '{}' sum to {:.10g}, expected 1 (staying included){}", id, sum,
                       rest < 0 ? "; mark one cell 'rest' to take up the complement" : "");
  return "";
}

}  // namespace mkba
