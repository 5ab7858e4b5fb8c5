#include <mkba/models/scenario.hpp>

#include <fmt/format.h>

namespace mkba {

std::string YearMonth::str() const { return fmt::format("{:04d}-{:02d}", year, month); }

int Scenario::state_index(const std::string& id) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].id == id) return static_cast<int>(i);
  return -1;
}

double Scenario::start_population() const {
  double n = 0;
  for (const auto& g : start) n += g.persons;
  return n;
}

}  // namespace mkba
