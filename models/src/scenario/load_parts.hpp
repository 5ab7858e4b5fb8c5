#pragma once
// Parts of the scenario loader that stand on their own (one top-level key each), read with the
// loader's YamlReader so that every problem is a Diagnostic with file, line and column.
#include "yaml_reader.hpp"

#include <mkba/models/scenario.hpp>

namespace mkba::detail {

// `plausibility:` the ranges the scenario's sources support (docs/scenario-format.md).
void load_plausibility(YamlReader& r, const YAML::Node& n, Scenario& s);

// `aow:` the AOW age and the exit it leads to (after states and population).
void load_aow(YamlReader& r, const YAML::Node& n, Scenario& s);

}  // namespace mkba::detail
