#pragma once
// psa-iteraties.csv and the workbook's "PSA-iteraties" sheet: one row per PSA iteration with the
// drawn value of every uncertain parameter (and every cell of an uncertain transition row) and each
// alternative's NCW per stakeholder and for society, for analysts who make their own plots.
//
// Columns (docs/report.md): iteratie; parameter.<id> for each uncertain parameter;
// overgang.<from>.<to> for each cell of an uncertain transition row that is not zero in the base
// case; ncw.<alternative>.<stakeholder> and ncw.<alternative>.maatschappij, discounted euros at the
// prijspeil. The draws are recomputed from (seed, iteration) by the one definition the run uses
// (draw_parameters), so nothing per iteration is kept beyond the run's summaries.
//
// Disclosure: the file holds no counts and nothing per gemeente, only parameter draws (inputs) and
// region-wide NCWs. An NCW column is published only when the report publishes the same region-wide
// NCW (the comparison table's cell); otherwise every value in it is hidden ("x"), as elsewhere.
#include <mkba/analysis/run.hpp>
#include <mkba/models/scenario.hpp>
#include <mkba/report/tables.hpp>

namespace mkba::report {

// Empty (no rows) without PSA. `comparison`: the report's comparison table (its disclosure).
Table psa_iterations_table(const Scenario& s, const analysis::RunResult& r, const Table& comparison);

}  // namespace mkba::report
