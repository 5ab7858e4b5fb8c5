#include <mkba/analysis/work.hpp>

#include <algorithm>

namespace mkba::analysis {

bool in_work(const Scenario& s, int st) {
  const auto k = s.states[static_cast<std::size_t>(st)].kind;
  return k == StateKind::work || k == StateKind::sheltered;
}

double work_at(const Scenario& s, const engine::Trace& tr, int t) {
  double w = 0;
  for (int st = 0; st < tr.n_states; ++st)
    if (in_work(s, st)) w += tr.state_total(t, st);
  return w;
}

WorkYears work_years(const Scenario& s, const engine::Trace& tr) {
  WorkYears out;
  for (int t = 0; t < tr.n_cycles; ++t) {
    const double here = work_at(s, tr, t);
    out.years += here * s.time.months_per_cycle / 12.0;
    out.peak = std::max(out.peak, here);
  }
  return out;
}

}  // namespace mkba::analysis
