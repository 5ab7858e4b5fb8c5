// `transitions`: the base matrix (monthly or per-cycle probabilities, or annual rates), its 'rest'
// cells and Dirichlet uncertainty, and its variations by segment, duration band and calendar year.
#include "loader.hpp"

#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

#include <functional>
#include <map>

namespace mkba::detail {

void Loader::transitions(const YAML::Node& n) {
  if (!r_.expect_map(n, "transitions")) return;
  r_.check_keys(n, "transitions", {"unit", "matrix", "dirichlet", "by_segment", "duration_bands", "by_duration", "by_year"});
  std::string unit = "monthly_probability";
  if (auto u = r_.required(n, "unit", "transitions"))
    unit = r_.choice(*u, "transitions.unit", {"monthly_probability", "cycle_probability", "annual_rate"})
               .value_or(unit);
  auto m = r_.required(n, "matrix", "transitions");
  if (!m || !r_.expect_map(*m, "transitions.matrix")) return;
  const auto ns = static_cast<Eigen::Index>(s_.states.size());
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(ns, ns);
  s_.rest_column.assign(s_.states.size(), -1);
  s_.row_where.assign(s_.states.size(), {r_.file(), m->Mark().line + 1, m->Mark().column + 1, "transitions.matrix"});
  std::vector<bool> has_row(s_.states.size(), false);
  std::map<int, YAML::Node> row_nodes;  // rows whose every cell was valid
  for (const auto& kv : *m) {
    const std::string rp = join_path("transitions.matrix", kv.first.Scalar());
    auto from = state_ref(kv.first, rp);
    if (!from || !r_.expect_map(kv.second, rp)) continue;
    if (has_row[*from]) r_.error(kv.first, rp, "this row is given twice");
    has_row[*from] = true;
    s_.row_where[static_cast<std::size_t>(*from)] = {r_.file(), kv.second.Mark().line + 1, kv.second.Mark().column + 1, rp};
    bool row_ok = true;
    for (const auto& cell : kv.second) {
      const std::string cp = join_path(rp, cell.first.Scalar());
      auto to = state_ref(cell.first, cp);
      if (to && unit != "annual_rate" && cell.second.IsScalar() && cell.second.Scalar() == "rest") {
        if (s_.rest_column[*from] >= 0) {
          r_.error(cell.second, cp, "only one cell of a row can be 'rest'");
          row_ok = false;
        }
        s_.rest_column[*from] = *to;
        continue;
      }
      ParameterUse use;
      use.target = ParameterUse::Target::matrix_cell;
      use.from = *from;
      use.to = to.value_or(0);
      auto v = unit == "annual_rate"
                   ? value(cell.second, cp, 0, 1e3, "an annual rate (>= 0)", use)
                   : value(cell.second, cp, 0, 1, "a probability", use, true);
      if (!to || !v) {
        row_ok = false;
        continue;
      }
      if (unit == "annual_rate" && *to == *from) {
        r_.error(cell.first, cp, "an annual-rate row lists only moves to other states; staying is the complement");
        continue;
      }
      x(*from, *to) = *v;
    }
    if (row_ok) row_nodes[*from] = kv.second;
  }
  for (std::size_t i = 0; i < s_.states.size(); ++i) {
    if (has_row[i]) continue;
    if (s_.states[i].kind == StateKind::absorbing) {
      if (unit != "annual_rate") x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = 1.0;
    } else {
      r_.error(*m, "transitions.matrix", fmt::format("no row for state '{}' (only absorbing states may be left out)", s_.states[i].id));
    }
  }
  // An absorbing state is never left: a row with a move out is a contradiction, not a choice.
  for (const auto& [from, node] : row_nodes) {
    if (s_.states[static_cast<std::size_t>(from)].kind != StateKind::absorbing) continue;
    const int rest = s_.rest_column[static_cast<std::size_t>(from)];
    for (Eigen::Index j = 0; j < ns; ++j)
      if (j != from && (x(from, j) > 0 || (rest == j && unit != "annual_rate"))) {
        r_.error(node, join_path("transitions.matrix", s_.states[static_cast<std::size_t>(from)].id),
                 fmt::format("state '{}' is absorbing (kind: absorbing) but its row moves persons to '{}'; leave "
                             "the row out, or give the state another kind",
                             s_.states[static_cast<std::size_t>(from)].id, s_.states[static_cast<std::size_t>(j)].id));
        break;
      }
  }
  variations(n);
  if (n["dirichlet"].IsDefined() && r_.expect_map(n["dirichlet"], "transitions.dirichlet")) {
    for (const auto& kv : n["dirichlet"]) {
      const std::string p = join_path("transitions.dirichlet", kv.first.Scalar());
      auto from = state_ref(kv.first, p);
      auto c = r_.number_in(kv.second, p, 1, 1e9, "a Dirichlet concentration (the row's effective count)");
      if (from && c) s_.row_uncertainty.push_back({*from, *c});
    }
  }
  if (unit == "annual_rate") {
    // Generator Q: off-diagonal annual rates, diagonal minus the row sum; P(1 month) = exp(Q/12).
    Eigen::MatrixXd q = x;
    for (Eigen::Index i = 0; i < ns; ++i) q(i, i) = -x.row(i).sum();
    s_.monthly = (q / 12.0).exp();
    for (Eigen::Index i = 0; i < ns; ++i) {  // clean round-off so rows are exactly stochastic
      for (Eigen::Index j = 0; j < ns; ++j) s_.monthly(i, j) = std::max(0.0, s_.monthly(i, j));
      s_.monthly.row(i) /= s_.monthly.row(i).sum();
    }
    return;
  }
  for (const auto& [from, node] : row_nodes) {
    const int rest = s_.rest_column[from];
    if (rest >= 0) x(from, rest) = 1.0 - x.row(from).sum();
    if (const std::string problem = row_problem(s_, x, from, rest); !problem.empty())
      r_.error(node, join_path("transitions.matrix", s_.states[from].id), problem);
  }
  s_.monthly = x;
  s_.cycle_matrix_given = unit == "cycle_probability";
}

// Rates that differ by segment, by months in state (duration bands) and by calendar year, as
// changes to the base matrix (applied in that order, before an alternative's changes).
void Loader::variations(const YAML::Node& n) {
  s_.segment_changes.assign(s_.segments.size(), {});
  if (n["by_segment"].IsDefined() && r_.expect_map(n["by_segment"], "transitions.by_segment")) {
    for (const auto& kv : n["by_segment"]) {
      const std::string p = join_path("transitions.by_segment", kv.first.Scalar());
      auto seg = name_ref(kv.first, p, s_.segments, "segment");
      if (seg) change_list(kv.second, p, s_.segment_changes[*seg], kSegmentList + *seg);
    }
  }
  if (n["duration_bands"].IsDefined()) {
    const YAML::Node b = n["duration_bands"];
    if (r_.expect_sequence(b, "transitions.duration_bands")) {
      s_.duration_band_starts.clear();
      for (std::size_t i = 0; i < b.size(); ++i) {
        auto v = r_.integer_in(b[i], fmt::format("transitions.duration_bands[{}]", i), 0, 600);
        if (!v) continue;
        if (!s_.duration_band_starts.empty() && *v <= s_.duration_band_starts.back())
          r_.error(b[i], fmt::format("transitions.duration_bands[{}]", i),
                   fmt::format("expected increasing band starts (months in state), found {} after {}", *v,
                               s_.duration_band_starts.back()));
        else
          s_.duration_band_starts.push_back(static_cast<int>(*v));
      }
      if (s_.duration_band_starts.empty() || s_.duration_band_starts.front() != 0)
        r_.error(b, "transitions.duration_bands", "expected the first band to start at 0 months in state");
      if (s_.duration_band_starts.size() > 32)
        r_.error(b, "transitions.duration_bands", "at most 32 duration bands are supported");
    }
  }
  s_.band_changes.assign(s_.duration_band_starts.size(), {});
  if (n["by_duration"].IsDefined() && r_.expect_sequence(n["by_duration"], "transitions.by_duration")) {
    const YAML::Node d = n["by_duration"];
    for (std::size_t i = 0; i < d.size(); ++i) {
      const std::string p = fmt::format("transitions.by_duration[{}]", i);
      if (!r_.expect_map(d[i], p)) continue;
      r_.check_keys(d[i], p, {"from_months", "segment", "changes"});
      std::optional<int> seg;  // changes for one segment only (e.g. calibrated segment x band rows)
      if (d[i]["segment"].IsDefined()) {
        seg = name_ref(d[i]["segment"], join_path(p, "segment"), s_.segments, "segment");
        if (!seg) continue;
      }
      auto fm = r_.required(d[i], "from_months", p);
      auto v = fm ? r_.integer_in(*fm, join_path(p, "from_months"), 0, 600) : std::nullopt;
      if (!v) continue;
      const auto it = std::find(s_.duration_band_starts.begin(), s_.duration_band_starts.end(), static_cast<int>(*v));
      if (it == s_.duration_band_starts.end()) {
        r_.error(*fm, join_path(p, "from_months"),
                 fmt::format("expected the start of a band declared in transitions.duration_bands, found {}", *v));
        continue;
      }
      const auto band = static_cast<int>(it - s_.duration_band_starts.begin());
      auto& list = s_.band_changes[static_cast<std::size_t>(band)];
      const std::size_t before = list.size();
      if (auto ch = r_.required(d[i], "changes", p)) change_list(*ch, join_path(p, "changes"), list, kBandList + band);
      for (std::size_t k = before; k < list.size(); ++k) list[k].segment = seg.value_or(-1);
    }
  }
  if (n["by_year"].IsDefined() && r_.expect_sequence(n["by_year"], "transitions.by_year")) {
    const YAML::Node y = n["by_year"];
    for (std::size_t i = 0; i < y.size(); ++i) {
      const std::string p = fmt::format("transitions.by_year[{}]", i);
      if (!r_.expect_map(y[i], p)) continue;
      r_.check_keys(y[i], p, {"year", "changes"});
      auto yr = r_.required(y[i], "year", p);
      auto v = yr ? r_.integer_in(*yr, join_path(p, "year"), 1990, 2100) : std::nullopt;
      if (!v) continue;
      s_.year_changes.push_back({static_cast<int>(*v), {}});
      if (auto ch = r_.required(y[i], "changes", p))
        change_list(*ch, join_path(p, "changes"), s_.year_changes.back().changes,
                    kYearList + static_cast<int>(s_.year_changes.size()) - 1);
    }
  }
}

void Loader::change_list(const YAML::Node& n, const std::string& path, std::vector<TransitionOverlay>& list, int list_id) {
  if (!r_.expect_sequence(n, path)) return;
  for (std::size_t i = 0; i < n.size(); ++i) overlay(n[i], fmt::format("{}[{}]", path, i), list, list_id, false);
}

void check_rest_cells(const Scenario& s, std::vector<Diagnostic>& diags) {
  std::function<bool(const Expression&)> uncertain = [&](const Expression& e) {
    for (int p : e.parameters()) {
      const auto& q = s.parameters[static_cast<std::size_t>(p)];
      if (q.distribution != Distribution::fixed || (q.derived && uncertain(q.formula))) return true;
    }
    return false;
  };
  for (const auto& u : s.parameter_uses)
    if (u.target == ParameterUse::Target::matrix_cell && s.rest_column[static_cast<std::size_t>(u.from)] < 0 &&
        uncertain(u.expression))
      diags.push_back({u.file, u.line, u.column, u.path,
                      "an uncertain parameter in a transition row needs a 'rest' cell (usually staying) to take up "
                      "the complement"});
  for (const auto& u : s.varying_uses)
    if (u.target == ParameterUse::Target::matrix_cell && s.rest_column[static_cast<std::size_t>(u.from)] < 0)
      diags.push_back({u.file, u.line, u.column, u.path,
                      "a cell that changes over time needs a 'rest' cell (usually staying) in its row to take up the "
                      "complement"});
}

}  // namespace mkba::detail
