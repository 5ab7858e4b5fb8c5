#pragma once
// The plausibility check of a run (issue 14, docs/accounting.md "Net effects, displacement,
// durability and exits"): per projectalternatief minus the nulalternatief, what drives the result.
// Read from the base case (counts and valued items), no new simulation.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mkba::analysis {

struct AssumptionShare {
  std::string parameter;  // a parameter without a source, or whose source marks it [U]
  double ncw = 0;         // the society NCW difference of the real items whose amount reads it
};

// Where a result lies against the range the scenario's sources support (`plausibility:`).
enum class RangeVerdict { no_range, inside, below, above };

// The one rule: NaN or no range gives no_range; the bounds count as inside.
RangeVerdict against(const std::optional<PlausibilityRange>& range, double value);

struct Plausibility {
  std::string alternative;
  // Extra persons in a work state (kind work or sheltered) at the start of month 12, 24, 60, per
  // extra trajectory start up to that month, in percentage points (NaN: no extra starts), and as a
  // share of the persons present (percentage points of the caseload).
  std::vector<int> years{1, 2, 5};
  std::vector<double> pp_per_extra_start;
  std::vector<double> pp_of_caseload;
  std::vector<double> extra_starts;  // cumulative extra trajectory starts up to that month
  // The benefits (real items whose difference is positive, as in the B/C ratio) by category:
  // [category] share of the benefit total; and the B/C ratio itself (NaN without costs).
  std::vector<double> benefit_share;
  double benefits = 0, costs = 0, bc_ratio = 0;
  double society_ncw = 0;
  // Parameters whose source marks an assumption (source_is_assumption(), models/assumption.hpp).
  std::vector<AssumptionShare> assumptions;  // sorted by |ncw|, largest first
  // Exits: the change in person-months in states no money item values (e.g. uitstroom) against
  // the change in person-months in work; `warning` when the gains come mainly from fewer exits.
  double unvalued_months = 0, work_months = 0;
  // PM items (effects without a price, `amount: pm`) that hold in this alternative: "name: source".
  std::vector<std::string> pm_items;
  std::string warning;
  // Against the scenario's `plausibility:` ranges: per year of pp_per_extra_start, and the B/C.
  std::vector<RangeVerdict> net_effect_verdict;
  RangeVerdict bc_verdict = RangeVerdict::no_range;
  bool outside_range() const;
};

std::vector<Plausibility> plausibility(const Scenario& s, const RunResult& r);

}  // namespace mkba::analysis
