#include "number_format.hpp"

#include <mkba/report/plausibility_report.hpp>

#include <fmt/format.h>

#include <cmath>

namespace mkba::report {
namespace {

std::string pp(double x, Style st) { return std::isnan(x) ? std::string("n.v.t.") : fixed(x, 1, st) + " pp"; }

std::string quoted(const std::string& text) {
  std::string q = "\"";
  for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string share(double x, Style st) { return fixed(100.0 * x, 0, st) + " %"; }

using analysis::RangeVerdict;

std::string verdict_word(RangeVerdict v) {
  switch (v) {
    case RangeVerdict::inside: return "binnen";
    case RangeVerdict::below: return "onder";
    case RangeVerdict::above: return "boven";
    case RangeVerdict::no_range: break;
  }
  return "";
}

// " [boven het bereik]" after a value, nothing without a range.
std::string verdict_suffix(RangeVerdict v) {
  return v == RangeVerdict::no_range ? std::string() : " [" + verdict_text(v, Lang::nl) + "]";
}

std::string range_line(const char* what, const std::optional<PlausibilityRange>& r, int decimals, const char* unit,
                       Style st) {
  if (!r) return "";
  return fmt::format("    bereik {} volgens de bronnen: {} tot {}{} ({})\n", what, fixed(r->min, decimals, st),
                     fixed(r->max, decimals, st), unit, r->source);
}

}  // namespace

std::string verdict_text(RangeVerdict v, Lang lang) {
  return v == RangeVerdict::no_range ? std::string() : tr(lang, verdict_word(v) + " het bereik");
}

std::string range_text(const PlausibilityRange& r, int decimals, Lang lang) {
  const Style st = display_style(lang);
  return fmt::format("{} {} {} ({})", fixed(r.min, decimals, st), tr(lang, "tot"), fixed(r.max, decimals, st), r.source);
}

std::string plausibility_table(const Scenario& s, const std::vector<analysis::Plausibility>& all, Lang lang) {
  const Style st = display_style(lang);
  auto euro = [st](double x) { return fixed(x, 0, st); };
  std::string out = "\nPlausibiliteit (basis; wat drijft het resultaat, docs/accounting.md)\n";
  for (const auto& p : all) {
    out += fmt::format("  {} - nul\n", p.alternative);
    out += "    netto-effect op werk (werk, LKS, beschut) t.o.v. het nulalternatief:\n";
    for (std::size_t k = 0; k < p.years.size(); ++k)
      out += fmt::format("      na {} jaar: {} per extra trajectstart{} ({} extra starts), {} van het bestand\n",
                         p.years[k], pp(p.pp_per_extra_start[k], st), verdict_suffix(p.net_effect_verdict[k]),
                         fixed(p.extra_starts[k], 0, st), pp(p.pp_of_caseload[k], st));
    out += fmt::format("    baten {}, kosten {}, baten/kosten {}{}; maatschappij {}\n", euro(p.benefits),
                       euro(p.costs), std::isnan(p.bc_ratio) ? std::string("n.v.t.") : fixed(p.bc_ratio, 2, st),
                       verdict_suffix(p.bc_verdict), euro(p.society_ncw));
    if (const auto& ref = s.plausibility_reference) {
      out += range_line("netto-effect", ref->net_effect_pp, 1, " pp per extra trajectstart", st);
      out += range_line("baten/kosten", ref->benefit_cost, 2, "", st);
      if (p.outside_range())
        out += ref->toelichting.empty()
                   ? std::string("    LET OP: buiten het bereik van de bronnen, en het scenario geeft geen toelichting "
                                 "(plausibility.toelichting)\n")
                   : "    toelichting (buiten het bereik): " + ref->toelichting + "\n";
    }
    out += "    aandeel in de baten:";
    bool any = false;
    for (std::size_t c = 0; c < p.benefit_share.size(); ++c)
      if (p.benefit_share[c] >= 0.005) {
        out += fmt::format("{} {} {}", any ? "," : "", s.categories[c], share(p.benefit_share[c], st));
        any = true;
      }
    out += any ? "\n" : " geen\n";
    if (p.assumptions.empty()) {
      out += "    aannames zonder bron: geen in de gewaardeerde posten\n";
    } else {
      out += "    aannames zonder bron ([U] of geen bron) en het deel van de NCW dat erop rust:\n";
      for (const auto& a : p.assumptions)
        out += fmt::format("      {:<32} {:>14}  ({} van de maatschappelijke NCW)\n", a.parameter, euro(a.ncw),
                           p.society_ncw != 0 ? share(a.ncw / p.society_ncw, st) : std::string("n.v.t."));
    }
    out += fmt::format("    persoonsmaanden: werk {:+.0f}, in ongewaardeerde toestanden (uitstroom e.d.) {:+.0f}\n",
                       p.work_months, p.unvalued_months);
    if (!p.warning.empty()) out += "    WAARSCHUWING: " + p.warning + "\n";
    if (!p.pm_items.empty()) {
      out += "    PM-posten (effecten zonder prijs, niet in de NCW):\n";
      for (const auto& pm : p.pm_items) out += "      " + pm + "\n";
    }
  }
  return out;
}

std::string plausibility_csv(const Scenario& s, const std::vector<analysis::Plausibility>& all) {
  std::string out = "vergelijking,indicator,sleutel,waarde\n";
  auto num = [](double x) { return std::isnan(x) ? std::string() : fmt::format("{:.10g}", x); };
  for (const auto& p : all) {
    const std::string v = p.alternative + " - nul";
    for (std::size_t k = 0; k < p.years.size(); ++k) {
      out += fmt::format("{},pp_werk_per_extra_start,jaar {},{}\n", v, p.years[k], num(p.pp_per_extra_start[k]));
      out += fmt::format("{},pp_werk_van_bestand,jaar {},{}\n", v, p.years[k], num(p.pp_of_caseload[k]));
      out += fmt::format("{},extra_trajectstarts,jaar {},{}\n", v, p.years[k], num(p.extra_starts[k]));
      if (p.net_effect_verdict[k] != RangeVerdict::no_range)
        out += fmt::format("{},oordeel_pp_werk_per_extra_start,jaar {},{}\n", v, p.years[k],
                           verdict_word(p.net_effect_verdict[k]));
    }
    out += fmt::format("{},baten,,{}\n{},kosten,,{}\n{},baten_kosten,,{}\n{},maatschappij,,{}\n", v, num(p.benefits), v,
                       num(p.costs), v, num(p.bc_ratio), v, num(p.society_ncw));
    if (p.bc_verdict != RangeVerdict::no_range)
      out += fmt::format("{},oordeel_baten_kosten,,{}\n", v, verdict_word(p.bc_verdict));
    for (std::size_t c = 0; c < p.benefit_share.size(); ++c)
      out += fmt::format("{},aandeel_baten,{},{}\n", v, s.categories[c], num(p.benefit_share[c]));
    for (const auto& a : p.assumptions) out += fmt::format("{},ncw_op_aanname,{},{}\n", v, a.parameter, num(a.ncw));
    out += fmt::format("{},persoonsmaanden_werk,,{}\n{},persoonsmaanden_ongewaardeerd,,{}\n", v, num(p.work_months), v,
                       num(p.unvalued_months));
    out += fmt::format("{},waarschuwing,,{}\n", v, quoted(p.warning));
    for (const auto& pm : p.pm_items) out += fmt::format("{},pm_post,,{}\n", v, quoted(pm));
  }
  return out;
}

}  // namespace mkba::report
