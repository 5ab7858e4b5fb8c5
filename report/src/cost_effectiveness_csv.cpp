#include <mkba/report/cost_effectiveness_csv.hpp>

#include <fmt/format.h>

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

}  // namespace

std::string outcomes_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  std::string out = r.psa.empty() ? "alternative,outcome,base_case\n" : "alternative,outcome,base_case,psa_mean\n";
  for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
    const auto base = analysis::summarise(s, r.alternatives[a].valued);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o) {
      // The alternative's own per-kwadrant table (levels come first in t.segments) holds the cell.
      const std::size_t col = s.stakeholders.size() + 1 + o;
      if (a < t.per_kwadrant.size() && !t.segments[a].difference && t.per_kwadrant[a].cells.back().at(col).suppressed) {
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

std::string cost_effectiveness_csv(const Scenario& s, const analysis::CostEffectiveness& ce) {
  std::string out = "alternative,cost,effect,incremental_cost,incremental_effect,icer,status";
  for (double k : ce.thresholds) out += fmt::format(",nmb_{}", num(k));
  out += "\n";
  for (const auto& row : ce.table) {
    const auto a = static_cast<std::size_t>(row.alternative);
    out += fmt::format("{},{},{},{},{},{},{}", s.alternatives[a].id, num(row.cost), num(row.effect), num(row.inc_cost),
                       num(row.inc_effect), num(row.icer), status_text(row.status));
    for (double v : ce.nmb[a]) out += "," + num(v);
    out += "\n";
  }
  return out;
}

std::string ceac_csv(const Scenario& s, const analysis::CostEffectiveness& ce) {
  std::string out = "threshold,alternative,probability\n";
  for (std::size_t k = 0; k < ce.ceac.size(); ++k)
    for (std::size_t a = 0; a < ce.ceac[k].size(); ++a)
      out += fmt::format("{},{},{}\n", num(ce.thresholds[k]), s.alternatives[a].id, num(ce.ceac[k][a]));
  return out;
}

}  // namespace mkba::report
