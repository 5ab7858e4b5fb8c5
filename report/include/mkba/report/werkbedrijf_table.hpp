#pragma once
// The werkbedrijf's operational result per fte-year per alternative and its change against the
// nulalternatief (analysis::werkbedrijf_per_fte), for the verdelingstabel section; cells hidden
// with the protected cells they derive from. None without a werkbedrijf stakeholder or fte outcome.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/tables.hpp>

#include <optional>

namespace mkba::report {

std::optional<Table> werkbedrijf_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t);

}  // namespace mkba::report
