#include <mkba/models/zrm.hpp>

namespace mkba {

namespace {
constexpr std::array<std::string_view, kZrmDomains> kColumns = {
    "zrm_financien",           "zrm_werk_opleiding",       "zrm_tijdsbesteding",
    "zrm_huisvesting",         "zrm_huiselijke_relaties",  "zrm_geestelijke_gezondheid",
    "zrm_lichamelijke_gezondheid", "zrm_middelengebruik",  "zrm_basale_adl",
    "zrm_instrumentele_adl",   "zrm_sociaal_netwerk",      "zrm_maatschappelijke_participatie",
    "zrm_justitie"};
constexpr std::array<std::string_view, kZrmDomains> kLabels = {
    "Financiën",          "Werk & opleiding",        "Tijdsbesteding",
    "Huisvesting",        "Huiselijke relaties",     "Geestelijke gezondheid",
    "Lichamelijke gezondheid", "Middelengebruik",    "Basale ADL",
    "Instrumentele ADL",  "Sociaal netwerk",         "Maatschappelijke participatie",
    "Justitie"};
}  // namespace

std::string_view zrm_column(int domain) { return kColumns.at(static_cast<std::size_t>(domain)); }
std::string_view zrm_label(int domain) { return kLabels.at(static_cast<std::size_t>(domain)); }

}  // namespace mkba
