#pragma once
// A synthetic screening extract from a documented generative model (docs/data-formats.md,
// "Synthetic extracts"). No real person is behind any row. Deterministic per seed: person i's row
// depends only on (seed, i) and the options, so a larger extract extends a smaller one.
//
// Per person i:
//   z_i ~ N(0, 1)                                   latent self-reliance (higher = better)
//   y_id = l_d z_i + sqrt(1 - l_d^2) e_id           per domain, e_id ~ N(0, 1)
//   score_id = 1 + #{k : y_id > c_dk}               c_d = normal quantiles of the target marginal
//   so corr(y_id, y_ie) = l_d l_e (a one-factor model of the polychoric correlations).
//   ontheffing_i = (-r z_i + sqrt(1 - r^2) u_i > quantile(1 - share)): exempt people score lower.
//   blank with probability blank_share[d] per domain.
#include <mkba/models/calendar.hpp>
#include <mkba/models/screening.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace mkba {

struct SynthOptions {
  std::int64_t persons = 3150;           // Zoetermeer, July 2020 (business plan)
  std::uint64_t seed = 20200701;
  CalendarDate peildatum{2020, 7, 1};    // extract date: nothing after it
  std::vector<std::string> gemeenten = region_gemeenten();
  // Placeholder shares of the regional caseload [U]: roughly population x bijstand density.
  std::vector<double> gemeente_shares = {0.52, 0.09, 0.08, 0.20, 0.06, 0.05};
  double ontheffing_share = 0.275;       // 865 of 3,150 (business plan)
  double ontheffing_loading = 0.6;       // r above [U]
  // Target marginals P(score = 1..5) per domain [U], shaped after the Amsterdam DWI profiles
  // (mkba-nl.md 2.3): problems concentrate in work and daytime activity; justice and substance use
  // are mostly unproblematic.
  std::array<std::array<double, 5>, kZrmDomains> marginals = {{
      {0.05, 0.20, 0.40, 0.28, 0.07},  // Financiën
      {0.15, 0.35, 0.30, 0.15, 0.05},  // Werk & opleiding
      {0.05, 0.20, 0.35, 0.30, 0.10},  // Tijdsbesteding
      {0.02, 0.06, 0.20, 0.42, 0.30},  // Huisvesting
      {0.02, 0.06, 0.22, 0.45, 0.25},  // Huiselijke relaties
      {0.04, 0.14, 0.30, 0.35, 0.17},  // Geestelijke gezondheid
      {0.03, 0.12, 0.30, 0.37, 0.18},  // Lichamelijke gezondheid
      {0.02, 0.04, 0.10, 0.24, 0.60},  // Middelengebruik
      {0.01, 0.02, 0.05, 0.22, 0.70},  // Basale ADL
      {0.02, 0.05, 0.15, 0.40, 0.38},  // Instrumentele ADL
      {0.03, 0.12, 0.30, 0.38, 0.17},  // Sociaal netwerk
      {0.05, 0.20, 0.35, 0.30, 0.10},  // Maatschappelijke participatie
      {0.01, 0.03, 0.06, 0.20, 0.70},  // Justitie
  }};
  // Loadings l_d [U]; Financiën low because it hardly discriminates between DWI profiles.
  std::array<double, kZrmDomains> loadings = {0.45, 0.70, 0.65, 0.50, 0.50, 0.65, 0.55,
                                              0.40, 0.45, 0.55, 0.55, 0.60, 0.35};
  std::array<double, kZrmDomains> blank_share = {0.02, 0.01, 0.02, 0.02, 0.03, 0.03, 0.03,
                                                 0.04, 0.03, 0.03, 0.03, 0.03, 0.05};
  // States and their shares in the caseload; exempt people are all in benefit_state, the others
  // are drawn so that the overall shares match. Default: the default scenario's start counts
  // (2,950 uitkering, 68 traject, 32 beschut, 100 lks of 3,150).
  std::vector<std::string> states = {"uitkering", "traject", "beschut", "lks"};
  std::vector<double> state_shares = {2950.0 / 3150, 68.0 / 3150, 32.0 / 3150, 100.0 / 3150};
  std::vector<double> mean_months_in_state = {40, 5, 24, 18};  // geometric durations [U]
  std::string benefit_state = "uitkering";
  double mean_months_on_benefit_before = 30;  // before entering a non-benefit state [U]
  int max_months_in_state = 240;
  // Of those on benefit for more than a year: the share rescreened within the twelve months
  // before the peildatum; the rest were last screened 12-36 months before (never before the
  // benefit began). Those on benefit for a year or less were screened at intake. [U]
  double screened_last_year = 0.7;
  double mean_age = 42, sd_age = 11, ontheffing_age_shift = 8;  // [U]; ages clamped to 18..66
};

// Throws std::invalid_argument for inconsistent options (shares not summing to 1, sizes, ...).
ScreeningData synth_screening(const SynthOptions& options);
ScreeningData synth_screening(std::int64_t persons, std::uint64_t seed);

// The thresholds c_d1..c_d4 on the latent scale for one domain's target marginal.
std::array<double, 4> synth_thresholds(const std::array<double, 5>& marginal);

}  // namespace mkba
