#pragma once
// The Zelfredzaamheids-Matrix 2017 (GGD Amsterdam): 13 domains, each scored 1 (acuut probleem) to
// 5 (volledig zelfredzaam); see ../shared/reference/mkba-nl.md section 2. Scores are ordinal; any
// sum or mean over them is a modelling choice (segments.hpp), not part of the instrument.
#include <array>
#include <cstdint>
#include <string_view>

namespace mkba {

inline constexpr int kZrmDomains = 13;

// In the handbook's order, which is also the column order of a screening extract.
enum class ZrmDomain : int {
  financien = 0,
  werk_opleiding,
  tijdsbesteding,
  huisvesting,
  huiselijke_relaties,
  geestelijke_gezondheid,
  lichamelijke_gezondheid,
  middelengebruik,
  basale_adl,
  instrumentele_adl,
  sociaal_netwerk,
  maatschappelijke_participatie,
  justitie,
};

// Per domain 1..5, or 0 when the domain was not scored (a blank field): one byte each so a
// population of scores stays small and can be copied into the simulation's person arrays.
using ZrmScores = std::array<std::uint8_t, kZrmDomains>;
inline constexpr std::uint8_t kNotScored = 0;

constexpr int index(ZrmDomain d) { return static_cast<int>(d); }

// Column name in a screening extract (ASCII, no diacritics: survives any Excel code page).
std::string_view zrm_column(int domain);
// The handbook's label, for reports.
std::string_view zrm_label(int domain);

}  // namespace mkba
