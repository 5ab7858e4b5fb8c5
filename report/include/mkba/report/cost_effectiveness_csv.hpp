#pragma once
// CSV of the health-economic outputs (docs/accounting.md, "Kosteneffectiviteit"), numbers to full
// precision (17 significant digits, '.' decimal point): the outcomes per alternative, the
// incremental table with NMB per threshold, and the CEAC.
#include <mkba/analysis/cost_effectiveness.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/report/tables.hpp>

#include <string>
#include <vector>

namespace mkba::report {

// Whether the protected tables hide alternative a's total of outcome o (t.per_kwadrant's "totaal"
// row of that alternative): the one rule for uitkomsten.csv and the cost-effectiveness files.
bool outcome_hidden(const Scenario& s, const ReportTables& t, int a, int o);
// [alternative]: whether its cost (the comparison table's NCW level of a stakeholder in
// cost_effectiveness.costs_of, or of society) or its effect (outcome_hidden) is hidden. Needs
// s.cost_effectiveness.
std::vector<bool> cost_effectiveness_hidden(const Scenario& s, const ReportTables& t);

// uitkomsten.csv: alternative,outcome,base_case[,psa_mean] (discounted quantities); "x" where the
// protected tables hide that alternative's outcome total (outcome_hidden).
std::string outcomes_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);
// kosteneffectiviteit.csv: the incremental table (non-dominated by cost, then extendedly dominated,
// then dominated), with nmb_<threshold> per threshold. Region-level aggregates, but published through
// the same control (docs/report.md): when any alternative's cost or effect is hidden
// (cost_effectiveness_hidden), its cells print "x" and the incremental columns, the status and the
// cost order are withheld for all rows (each depends on every alternative), rows in scenario order.
std::string cost_effectiveness_csv(const Scenario& s, const analysis::CostEffectiveness& ce, const ReportTables& t);
// ceac.csv: threshold,alternative,probability (the share of PSA iterations in which it has the
// highest NMB); every probability "x" when any alternative's cost or effect is hidden.
std::string ceac_csv(const Scenario& s, const analysis::CostEffectiveness& ce, const ReportTables& t);

}  // namespace mkba::report
