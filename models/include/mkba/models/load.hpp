#pragma once
#include <mkba/models/scenario.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mkba {

// A command-line what-if: `path=value`, e.g. `discounting.rate=0.03`.
struct Override {
  std::string path;
  std::string value;
};
Override parse_override(const std::string& text);  // throws UsageError

// Limits checked while loading, before a large input is read.
struct LoadLimits {
  std::uint64_t memory_budget = 0;  // bytes (`mkba run --max-memory`); 0: no limit
};

// What reading a screening extract of `file_bytes` bytes takes at most: the text, the records and
// their ids (about three times the file; docs/hardening.md).
std::uint64_t screening_read_memory(std::uint64_t file_bytes);

// Reads and validates a scenario file. Collects every problem (up to a limit) and throws one
// ScenarioError listing them, each with file:line:column and the path in the document.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {},
                       const LoadLimits& limits = {});

}  // namespace mkba
