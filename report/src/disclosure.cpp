#include <mkba/report/disclosure.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mkba::report {

int DisclosureProblem::add_cell(double v, double persons, bool is_known, bool is_forced) {
  value.push_back(v);
  basis.push_back(persons);
  known.push_back(!is_forced && (is_known || (persons <= 0 && v == 0)));
  forced.push_back(is_forced);
  return static_cast<int>(value.size()) - 1;
}

void DisclosureProblem::add_relation(int total, std::vector<int> members) {
  relations.push_back({total, std::move(members)});
}

namespace {

// Suppressing a structural zero protects nothing (its value is known from the scenario), so such
// cells are taken only when nothing else is left.
bool is_known(const DisclosureProblem& p, int c) { return static_cast<std::size_t>(c) < p.known.size() && p.known[c]; }

bool informative(const DisclosureProblem& p, int c) { return p.basis[c] > 0 || p.value[c] != 0; }

// Which relations each cell takes part in.
std::vector<std::vector<int>> relations_of(const DisclosureProblem& p) {
  std::vector<std::vector<int>> out(p.value.size());
  for (std::size_t r = 0; r < p.relations.size(); ++r) {
    out[p.relations[r].total].push_back(static_cast<int>(r));
    for (int m : p.relations[r].members) out[m].push_back(static_cast<int>(r));
  }
  return out;
}

// The cheapest published cell to hide next among `candidates`: first the one that leaves the fewest
// relations with a single hidden cell (hiding a cell that closes another open relation as well
// gives the small rectangles a statistician would choose), then informative over structural zeros,
// the fewest persons, the smallest amount and the lowest index (a deterministic pattern).
int cheapest(const DisclosureProblem& p, const std::vector<bool>& sup, const std::vector<std::vector<int>>& rels,
             const std::vector<int>& candidates) {
  auto hidden_in = [&](int r) {
    const auto& rel = p.relations[r];
    int n = sup[rel.total] ? 1 : 0;
    for (int m : rel.members) n += sup[m] ? 1 : 0;
    return n;
  };
  auto key = [&](int c) {
    int open = 0;
    for (int r : rels[c]) {
      const int h = hidden_in(r);
      open += h == 0 ? 1 : h == 1 ? -1 : 0;
    }
    return std::tuple(open, !informative(p, c), p.basis[c], std::abs(p.value[c]), c);
  };
  int best = -1;
  for (int c : candidates)
    if (!sup[c] && !is_known(p, c) && (best < 0 || key(c) < key(best))) best = c;
  return best;
}

std::vector<int> members_and_total(const DisclosureProblem::Relation& r) {
  std::vector<int> all = r.members;
  all.push_back(r.total);
  return all;
}

// The unknowns are the suppressed cells; each relation is one linear equation in them. A cell is
// pinned down exactly when every solution of the homogeneous system has a zero in its position,
// i.e. its coordinate vanishes on the null space.
std::vector<bool> determined(const DisclosureProblem& p, const std::vector<bool>& sup) {
  std::vector<int> unknown_index(p.value.size(), -1);
  int n = 0;
  for (std::size_t c = 0; c < sup.size(); ++c)
    if (sup[c]) unknown_index[c] = n++;
  std::vector<bool> out(p.value.size(), false);
  if (n == 0) return out;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(std::max<std::size_t>(p.relations.size(), 1)), n);
  for (std::size_t r = 0; r < p.relations.size(); ++r) {
    const auto& rel = p.relations[r];
    if (unknown_index[rel.total] >= 0) a(static_cast<Eigen::Index>(r), unknown_index[rel.total]) -= 1;
    for (int m : rel.members)
      if (unknown_index[m] >= 0) a(static_cast<Eigen::Index>(r), unknown_index[m]) += 1;
  }
  Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
  lu.setThreshold(1e-9);
  const Eigen::MatrixXd kernel = lu.kernel();
  const bool trivial = lu.rank() == n;  // kernel() returns one zero column when the kernel is {0}
  for (std::size_t c = 0; c < sup.size(); ++c) {
    if (!sup[c]) continue;
    if (trivial) {
      out[c] = true;
      continue;
    }
    out[c] = kernel.row(unknown_index[c]).cwiseAbs().maxCoeff() < 1e-9;
  }
  return out;
}

}  // namespace

bool recoverable(const DisclosureProblem& p, const std::vector<bool>& suppressed, int c) {
  if (!suppressed[c]) return true;
  return determined(p, suppressed)[c];
}

Disclosure protect(const DisclosureProblem& p, double threshold) {
  const int n = p.size();
  Disclosure d;
  d.primary.assign(static_cast<std::size_t>(n), false);
  for (int c = 0; c < n; ++c) d.primary[c] = !is_known(p, c) && p.basis[c] > 0 && p.basis[c] < threshold;
  d.suppressed = d.primary;
  for (int c = 0; c < n && static_cast<std::size_t>(c) < p.forced.size(); ++c)
    if (p.forced[c]) d.suppressed[c] = true;
  auto& sup = d.suppressed;
  const auto rels = relations_of(p);
  for (;;) {
    // Line rule: no relation may have exactly one hidden cell (it would be its difference).
    bool changed = true;
    while (changed) {
      changed = false;
      for (const auto& rel : p.relations) {
        const auto all = members_and_total(rel);
        const auto hidden = std::count_if(all.begin(), all.end(), [&](int c) { return sup[c]; });
        if (hidden != 1) continue;
        const int c = cheapest(p, sup, rels, rel.members);
        const int pick = c >= 0 ? c : cheapest(p, sup, rels, all);
        if (pick < 0) continue;
        sup[pick] = true;
        changed = true;
      }
    }
    // Audit: combinations of relations can still pin a cell down (a bridge between two blocks of
    // hidden cells); hide one more cell next to it and repeat.
    // A determined cell none of whose neighbours can be hidden any more (they are hidden, known or
    // another output's) is passed over, so it does not stop the audit of the cells after it.
    const auto det = determined(p, sup);
    int pick = -1;
    for (int c = 0; c < n && pick < 0; ++c) {
      if (!det[c]) continue;
      std::vector<int> neighbours;
      for (int r : rels[c]) {
        const auto all = members_and_total(p.relations[r]);
        neighbours.insert(neighbours.end(), all.begin(), all.end());
      }
      pick = cheapest(p, sup, rels, neighbours);
    }
    if (pick < 0) break;  // nothing more can be done
    sup[pick] = true;
  }
  return d;
}

}  // namespace mkba::report
