#pragma once
// CSV of the health-economic outputs (docs/accounting.md, "Kosteneffectiviteit"), numbers to full
// precision (17 significant digits, '.' decimal point): the outcomes per alternative, the
// incremental table with NMB per threshold, and the CEAC.
#include <mkba/analysis/cost_effectiveness.hpp>
#include <mkba/analysis/run.hpp>
#include <mkba/report/tables.hpp>

#include <string>

namespace mkba::report {

// uitkomsten.csv: alternative,outcome,base_case[,psa_mean] (discounted quantities); "x" where the
// protected tables hide that alternative's outcome total (t.per_kwadrant's "totaal" row).
std::string outcomes_csv(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);
// kosteneffectiviteit.csv: the incremental table (non-dominated by cost, then extendedly dominated,
// then dominated), with nmb_<threshold> per threshold.
std::string cost_effectiveness_csv(const Scenario& s, const analysis::CostEffectiveness& ce);
// ceac.csv: threshold,alternative,probability (the share of PSA iterations in which it has the highest NMB).
std::string ceac_csv(const Scenario& s, const analysis::CostEffectiveness& ce);

}  // namespace mkba::report
