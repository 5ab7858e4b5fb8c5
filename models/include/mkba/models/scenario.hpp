#pragma once
// A scenario as plain, validated, immutable data: names already resolved to indices, numbers
// already checked. Produced by load_scenario(); consumed by compile() and the reports. No YAML
// type appears here.
#include <mkba/engine/valuation.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mkba {

enum class StateKind { benefit, trajectory, work, sheltered, absorbing, other };

struct StateSpec {
  std::string id;
  std::string label;     // Dutch label, shown in reports
  std::string label_en;  // optional
  StateKind kind = StateKind::other;
};

struct YearMonth {
  int year = 2026;
  int month = 1;  // 1..12
  int months_since(YearMonth origin) const { return (year - origin.year) * 12 + (month - origin.month); }
  std::string str() const;
};

struct TimeSpec {
  YearMonth start;
  int horizon_years = 10;
  int months_per_cycle = 1;  // 1, 3 or 12
  engine::Counting counting = engine::Counting::start;
  int n_cycles() const { return horizon_years * 12 / months_per_cycle; }
};

// Persons present at the start, by gemeente and state.
struct StartGroup {
  int gemeente = 0;
  int segment = 0;
  int state = 0;
  double persons = 0;
  int months_in_state = 0;
};

// New candidates per month in one gemeente, with their state mix, within a window of months.
struct InflowSpec {
  int gemeente = 0;
  double per_month = 0;
  std::vector<double> state_mix;  // [state], sums to 1
  int first_month = 0;            // months from the start, inclusive
  int last_month = -1;            // exclusive; -1 = until the horizon
};

// A change a projectalternatief makes to one transition of the nulalternatief.
struct TransitionOverlay {
  int from = 0, to = 0;
  enum class Kind { relative_risk, probability } kind = Kind::relative_risk;
  double value = 1;
  int first_month = 0;   // months from the start, inclusive
  int last_month = -1;   // exclusive; -1 = until the horizon
};

struct AlternativeSpec {
  std::string id;
  std::string label;
  std::string description;
  std::vector<TransitionOverlay> overlays;
};

struct EffectSpec {
  std::string name;
  std::string source;
  engine::ValueItem item;  // resolved indices; amount per MONTH (per_cycle) or per event
  std::vector<int> alternatives;  // empty: all alternatives; else only these (0 = nulalternatief)
};

struct Scenario {
  std::string file;  // the scenario's path, for messages and the manifest
  std::string name;
  std::string description;
  int prijspeil = 2025;
  std::string period;  // report period, e.g. "2026-H1"
  std::vector<std::string> gemeenten;
  std::vector<std::string> segments{"alle"};
  TimeSpec time;
  std::vector<StateSpec> states;
  std::vector<StartGroup> start;
  std::vector<InflowSpec> inflow;
  Eigen::MatrixXd monthly;  // the nulalternatief's monthly transition matrix [from][to]
  bool cycle_matrix_given = false;  // `monthly` is per cycle (unit: cycle_probability)
  std::vector<AlternativeSpec> alternatives;  // [0] is the nulalternatief
  std::vector<std::string> stakeholders;
  std::vector<std::string> categories;
  std::vector<std::string> outcomes;
  std::vector<EffectSpec> effects;
  double discount_rate = 0.0225;
  std::vector<double> outcome_discount_rates;  // [outcome]
  std::vector<double> sensitivity_rates;
  std::uint64_t seed = 20260101;
  std::optional<std::int64_t> persons;  // simulated persons; default: the real caseload
  int iterations = 1;

  int state_index(const std::string& id) const;  // -1 if unknown
  double start_population() const;
};

}  // namespace mkba
