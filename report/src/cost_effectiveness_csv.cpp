#include <mkba/report/cost_effectiveness_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

// Full precision; an absent value (the reference's ICER) as an empty field.
std::string num(double x) { return std::isnan(x) ? std::string() : fmt::format("{:.17g}", x); }

const char* status_text(analysis::CeStatus s) {
  switch (s) {
    case analysis::CeStatus::non_dominated: return "ND";
    case analysis::CeStatus::extended_dominance: return "ED";
    case analysis::CeStatus::dominated: return "D";
  }
  return "";
}

bool any_of(const std::vector<bool>& hidden) { return std::find(hidden.begin(), hidden.end(), true) != hidden.end(); }

}  // namespace

bool outcome_hidden(const Scenario& s, const ReportTables& t, int a, int o) {
  // The alternative's own per-kwadrant table (levels come first in t.segments) holds the cell.
  const auto i = static_cast<std::size_t>(a);
  const std::size_t col = s.stakeholders.size() + 1 + static_cast<std::size_t>(o);
  return i < t.per_kwadrant.size() && !t.segments[i].difference && t.per_kwadrant[i].cells.back().at(col).suppressed;
}

std::vector<bool> cost_effectiveness_hidden(const Scenario& s, const ReportTables& t) {
  const auto& spec = *s.cost_effectiveness;
  const std::size_t SH = s.stakeholders.size(), A = s.alternatives.size();
  std::vector<bool> hidden(A, false);
  for (std::size_t a = 0; a < A; ++a) {
    // Costs: the comparison table's level cells (row k: stakeholder k, row SH: society; column a).
    auto level_hidden = [&](std::size_t k) { return t.comparison.cells.at(k).at(a).suppressed; };
    bool h = spec.costs_of.empty() && level_hidden(SH);
    for (int k : spec.costs_of) h = h || level_hidden(static_cast<std::size_t>(k));
    hidden[a] = h || outcome_hidden(s, t, static_cast<int>(a), spec.effect);
  }
  return hidden;
}

std::string outcomes_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  std::string out = r.psa.empty() ? "alternative,outcome,base_case\n" : "alternative,outcome,base_case,psa_mean\n";
  for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
    const auto base = analysis::summarise(s, r.alternatives[a].valued);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o) {
      if (outcome_hidden(s, t, static_cast<int>(a), static_cast<int>(o))) {
        out += fmt::format("{},{},x{}\n", s.alternatives[a].id, s.outcomes[o], r.psa.empty() ? "" : ",x");
        continue;
      }
      out += fmt::format("{},{},{}", s.alternatives[a].id, s.outcomes[o], num(base.outcomes[o]));
      if (!r.psa.empty()) {
        double mean = 0;
        for (const auto& it : r.psa) mean += it.alternatives[a].outcomes[o] / static_cast<double>(r.psa.size());
        out += "," + num(mean);
      }
      out += "\n";
    }
  }
  return out;
}

std::string cost_effectiveness_csv(const Scenario& s, const analysis::CostEffectiveness& ce, const ReportTables& t) {
  const std::vector<bool> hidden = cost_effectiveness_hidden(s, t);
  const bool any = any_of(hidden);
  std::string out = "alternative,cost,effect,incremental_cost,incremental_effect,icer,status";
  for (double k : ce.thresholds) out += fmt::format(",nmb_{}", num(k));
  out += "\n";
  if (!any) {
    for (const auto& row : ce.table) {
      const auto a = static_cast<std::size_t>(row.alternative);
      out += fmt::format("{},{},{},{},{},{},{}", s.alternatives[a].id, num(row.cost), num(row.effect), num(row.inc_cost),
                         num(row.inc_effect), num(row.icer), status_text(row.status));
      for (double v : ce.nmb[a]) out += "," + num(v);
      out += "\n";
    }
    return out;
  }
  // Some alternative's cost or effect is hidden. The incremental columns, the status and the row
  // order each depend on every alternative's cost and effect, so none of them is published: the rows
  // follow the scenario's order, with cost, effect and NMB of the published alternatives only.
  for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
    if (hidden[a]) {
      out += s.alternatives[a].id + ",x,x,x,x,x,x";
      for (std::size_t k = 0; k < ce.thresholds.size(); ++k) out += ",x";
    } else {
      out += fmt::format("{},{},{},x,x,x,x", s.alternatives[a].id, num(ce.cost[a]), num(ce.effect[a]));
      for (double v : ce.nmb[a]) out += "," + num(v);
    }
    out += "\n";
  }
  return out;
}

std::string ceac_csv(const Scenario& s, const analysis::CostEffectiveness& ce, const ReportTables& t) {
  // Each probability compares every alternative's NMB in every iteration: hidden as a whole when any
  // alternative's cost or effect is.
  const bool any = any_of(cost_effectiveness_hidden(s, t));
  std::string out = "threshold,alternative,probability\n";
  for (std::size_t k = 0; k < ce.ceac.size(); ++k)
    for (std::size_t a = 0; a < ce.ceac[k].size(); ++a)
      out += fmt::format("{},{},{}\n", num(ce.thresholds[k]), s.alternatives[a].id, any ? std::string("x") : num(ce.ceac[k][a]));
  return out;
}

}  // namespace mkba::report
