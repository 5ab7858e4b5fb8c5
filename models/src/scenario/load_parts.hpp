#pragma once
// Parts of the scenario loader that stand on their own (one top-level key each), read with the
// loader's YamlReader so that every problem is a Diagnostic with file, line and column.
#include "yaml_reader.hpp"

#include <mkba/models/scenario.hpp>
#include <mkba/models/screening.hpp>

namespace mkba::detail {

// `plausibility:` the ranges the scenario's sources support (docs/scenario-format.md).
void load_plausibility(YamlReader& r, const YAML::Node& n, Scenario& s);

// `aow:` the AOW age and the exit it leads to (after states and population).
void load_aow(YamlReader& r, const YAML::Node& n, Scenario& s);

// `population.age` of the `population` map: one age, {groups, by_segment} or 'screening' (load_age.cpp).
void load_age(YamlReader& r, const YAML::Node& population, Scenario& s);

// With `age: screening`: the starting caseload of the extract by start-age group (one per birth
// year), instead of screening_groups(); sets the groups and each kwadrant's shares (for inflow).
void screening_age_groups(const ScreeningData& data, Scenario& s, bool by_ontheffing = false);

// `mortality:` background mortality from a life table (after tables, states and population).
void load_mortality(YamlReader& r, const YAML::Node& n, Scenario& s);

}  // namespace mkba::detail
