#pragma once
// Statistical disclosure control for published tables. Every published number is a cell of one
// problem; additive relations (total = sum of members) tie cells together within a table and across
// tables (a region cell is the sum of its gemeente cells). Primary suppression hides a cell based on
// fewer than `threshold` persons; secondary suppression then hides more cells until no suppressed
// cell can be recovered exactly from the published cells through the relations.
#include <string>
#include <vector>

namespace mkba::report {

struct DisclosureProblem {
  std::vector<double> value;  // [cell]
  // [cell] persons the cell is derived from: a count is its own basis; money carries a lower bound
  // on the distinct persons behind it. Basis 0 means no person data at all (a structural zero).
  std::vector<double> basis;
  // [cell] known to anyone without the table: a structural zero (basis 0, value 0) or a total that
  // follows from the accounting (a category of transfers only nets to zero across stakeholders).
  // A known cell is never hidden and never counts as protection for another cell.
  std::vector<bool> known;
  // [cell] hidden whatever its basis: a cell another output publishes with its pattern decided
  // already (the bestandsanalyse's cells in the report; its published cells enter as known). The
  // problem can then only hide more of its own cells around it, never publish it.
  std::vector<bool> forced;
  struct Relation {
    int total = -1;
    std::vector<int> members;  // value[total] == sum of value[members]
  };
  std::vector<Relation> relations;

  int add_cell(double v, double persons, bool is_known = false, bool is_forced = false);
  void add_relation(int total, std::vector<int> members);
  int size() const { return static_cast<int>(value.size()); }
};

struct Disclosure {
  std::vector<bool> suppressed;  // [cell]: shown as "<threshold" (counts) or hidden (money)
  std::vector<bool> primary;     // [cell]: suppressed for its own basis (the rest is secondary)
};

// A cell is primarily suppressed when 0 < basis < threshold and it is not known; a forced cell is
// suppressed from the start. Deterministic: the same problem gives the same pattern.
Disclosure protect(const DisclosureProblem& p, double threshold);

// True when the relations and the published (unsuppressed) cells pin down cell `c` exactly. Used by
// protect() as its audit and by the tests.
bool recoverable(const DisclosureProblem& p, const std::vector<bool>& suppressed, int c);

}  // namespace mkba::report
