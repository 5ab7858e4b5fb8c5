// The werkbedrijf's operational result per fte-year (analysis/werkbedrijf.hpp) as a table of the
// verdelingstabel section. Every cell follows the protected cells it is derived from: the
// werkbedrijf's NCW level in the comparison table and the fte outcome's total (outcome_hidden).
#include <mkba/report/werkbedrijf_table.hpp>

#include <mkba/analysis/werkbedrijf.hpp>
#include <mkba/report/cost_effectiveness_csv.hpp>

#include <fmt/format.h>

namespace mkba::report {

std::optional<Table> werkbedrijf_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t) {
  const auto w = analysis::werkbedrijf_per_fte(s, r);
  if (!w) return std::nullopt;
  const Lang lang = t.lang;
  const auto k = static_cast<std::size_t>(w->stakeholder);
  Table out;
  out.id = "werkbedrijf-per-fte";
  out.lang = lang;
  out.title = tr(lang, "Werkbedrijf: operationeel resultaat per fte-jaar");
  out.note = fmt::format(fmt::runtime(tr(lang, "Resultaat: de kolom werkbedrijf (netto toegevoegde waarde min eigen kosten, met "
                                               "subsidies en lonen), contante waarde in euro, prijspeil {}; fte-jaren: de "
                                               "uitkomst {} (verdisconteerd). Verandering: het resultaat per fte-jaar min dat "
                                               "van het nulalternatief.")),
                         s.prijspeil, s.outcomes[static_cast<std::size_t>(w->outcome)]);
  out.corner = tr(lang, "Alternatief");
  out.columns = {tr(lang, "Resultaat werkbedrijf"), tr(lang, "Fte-jaren"), tr(lang, "Resultaat per fte-jaar"),
                 tr(lang, "Verandering per fte-jaar")};
  auto hidden = [&](std::size_t a) {
    return t.comparison.cells.at(k).at(a).suppressed || outcome_hidden(s, t, static_cast<int>(a), w->outcome);
  };
  auto money = [&](std::optional<double> x, bool h) {
    Cell c = x ? Cell::of(Unit::euro, *x) : Cell::of_text(tr(lang, "n.v.t."));
    c.suppressed = h;
    return c;
  };
  for (std::size_t a = 0; a < w->alternatives.size(); ++a) {
    const auto& l = w->alternatives[a];
    out.rows.push_back(r.alternatives[a].label);
    Cell ncw = Cell::of(Unit::euro, l.ncw);
    ncw.suppressed = t.comparison.cells.at(k).at(a).suppressed;
    Cell fte = Cell::of(Unit::person_years, l.fte_years);
    fte.suppressed = outcome_hidden(s, t, static_cast<int>(a), w->outcome);
    Cell change = a == 0 ? Cell::of_text("-") : money(w->against_nul[a - 1].per_fte_change, hidden(a) || hidden(0));
    out.cells.push_back({ncw, fte, money(l.per_fte, hidden(a)), change});
  }
  return out;
}

}  // namespace mkba::report
