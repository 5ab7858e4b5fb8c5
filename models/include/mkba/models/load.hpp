#pragma once
#include <mkba/models/scenario.hpp>

#include <string>
#include <vector>

namespace mkba {

// A command-line what-if: `path=value`, e.g. `discounting.rate=0.03`.
struct Override {
  std::string path;
  std::string value;
};
Override parse_override(const std::string& text);  // throws UsageError

// Reads and validates a scenario file. Collects every problem (up to a limit) and throws one
// ScenarioError listing them, each with file:line:column and the path in the document.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

}  // namespace mkba
