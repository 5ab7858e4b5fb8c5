#pragma once
// The PSA result: differences from the nulalternatief with intervals, and pairwise comparisons.
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/sensitivity.hpp>
#include <mkba/models/scenario.hpp>

#include <mkba/report/lang.hpp>

#include <string>

namespace mkba::report {

std::string psa_table(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind,
                      Lang lang = Lang::nl);
std::string psa_csv(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind);

// Discount-rate variants and (when computed) the one-way tornado: console text and CSV.
std::string sensitivity_table(const Scenario& s, const std::vector<analysis::RateVariant>& rates,
                              const std::vector<analysis::TornadoBar>& tornado, Lang lang = Lang::nl);
std::string sensitivity_csv(const Scenario& s, const std::vector<analysis::RateVariant>& rates,
                            const std::vector<analysis::TornadoBar>& tornado);

}  // namespace mkba::report
