#pragma once
// The PSA result: differences from the nulalternatief with intervals, and pairwise comparisons.
#include <mkba/analysis/indicators.hpp>
#include <mkba/models/scenario.hpp>

#include <string>

namespace mkba::report {

std::string psa_table(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind);
std::string psa_csv(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind);

}  // namespace mkba::report
