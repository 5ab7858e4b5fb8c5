#include <mkba/report/calibration_disclosure.hpp>

namespace mkba::report {

namespace {

std::size_t sz(int i) { return static_cast<std::size_t>(i); }

// The cells of one rate row: months at risk, moves per target (staying included) and moves out.
struct RowCells {
  int exposure = -1, out = -1;
  std::vector<int> moves;
};

RowCells add_row(DisclosureProblem& p, const RateRow& r, double persons, bool is_known) {
  RowCells rc;
  // A zero enters with basis 0 (known): no person is behind it.
  auto cell = [&](double v) { return p.add_cell(v, v == 0 ? 0 : persons, is_known); };
  rc.exposure = cell(r.exposure);
  double out = 0;
  for (std::size_t j = 0; j < r.moves.size(); ++j) {
    rc.moves.push_back(cell(r.moves[j]));
    if (static_cast<int>(j) != r.from) out += r.moves[j];
  }
  rc.out = cell(out);
  std::vector<int> outs;
  for (std::size_t j = 0; j < r.moves.size(); ++j)
    if (static_cast<int>(j) != r.from) outs.push_back(rc.moves[j]);
  p.add_relation(rc.out, outs);
  p.add_relation(rc.exposure, {rc.moves[sz(r.from)], rc.out});
  return rc;
}

}  // namespace

CalibrationHidden calibration_disclosure(const Calibration& c, double threshold) {
  CalibrationHidden h;
  h.threshold = threshold;
  const int ng = static_cast<int>(c.segments.size());
  h.pooled_segment.assign(sz(ng), false);
  h.pooled_exposure.assign(c.pooled.size(), false);
  h.row_exposure.assign(c.rows.size(), false);
  h.pooled_out.assign(c.pooled.size(), false);
  h.row_out.assign(c.rows.size(), false);
  h.pooled_moves.assign(c.pooled.size(), std::vector<bool>(c.states.size(), false));
  h.row_moves.assign(c.rows.size(), std::vector<bool>(c.states.size(), false));
  if (threshold <= 0) return h;  // 0: no control (a hypothetical cohort)
  double total = 0;
  for (int g = 0; g < ng; ++g) {
    const double persons = g < static_cast<int>(c.segment_persons.size()) ? static_cast<double>(c.segment_persons[sz(g)]) : 0;
    total += persons;
    // One segment (no --by) is the pooled row itself: its counts are hidden when it is small.
    h.pooled_segment[sz(g)] = ng > 1 && persons < threshold;
  }
  DisclosureProblem p;
  std::vector<RowCells> pooled, rows;
  for (const auto& r : c.pooled) pooled.push_back(add_row(p, r, total, false));
  for (const auto& r : c.rows) {
    const double persons = static_cast<double>(c.segment_persons[sz(r.segment)]);
    rows.push_back(add_row(p, r, persons, ng > 1 && !h.pooled_segment[sz(r.segment)]));
  }
  const int ns = static_cast<int>(c.states.size()), nb = static_cast<int>(c.band_starts.size());
  for (std::size_t k = 0; k < c.pooled.size(); ++k) {
    const int b = static_cast<int>(k) / ns, i = static_cast<int>(k) % ns;
    auto members = [&](auto pick) {
      std::vector<int> m;
      for (int g = 0; g < ng; ++g) m.push_back(pick(rows[sz((g * nb + b) * ns + i)]));
      return m;
    };
    p.add_relation(pooled[k].exposure, members([](const RowCells& rc) { return rc.exposure; }));
    p.add_relation(pooled[k].out, members([](const RowCells& rc) { return rc.out; }));
    for (int j = 0; j < ns; ++j)
      p.add_relation(pooled[k].moves[sz(j)], members([j](const RowCells& rc) { return rc.moves[sz(j)]; }));
  }
  const Disclosure d = protect(p, threshold);
  auto take = [&](const std::vector<RowCells>& cells, std::vector<bool>& exposure, std::vector<bool>& out,
                  std::vector<std::vector<bool>>& moves) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
      exposure[k] = d.suppressed[sz(cells[k].exposure)];
      out[k] = d.suppressed[sz(cells[k].out)];
      for (int j = 0; j < ns; ++j) moves[k][sz(j)] = d.suppressed[sz(cells[k].moves[sz(j)])];
    }
  };
  take(pooled, h.pooled_exposure, h.pooled_out, h.pooled_moves);
  take(rows, h.row_exposure, h.row_out, h.row_moves);
  return h;
}

}  // namespace mkba::report
