#include <mkba/report/psa_summary.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

// Console numbers in the language's display style (Dutch: 1.234,56).
std::string mln(double x, Style st) { return fixed(x / 1e6, 2, st); }

std::string interval(const analysis::Distribution1& d, Style st) {
  return fmt::format("{:>9} [{:>9}, {:>9}]", mln(d.mean, st), mln(d.p5, st), mln(d.p95, st));
}

// A parameter value with four significant digits, in the display style (no exponent).
std::string significant(double x, Style st) {
  const int digits = x == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::abs(x))));
  return fixed(x, std::clamp(3 - digits, 0, 8), st);
}

void csv_row(std::string& out, const std::string& comparison, const std::string& indicator,
             const analysis::Distribution1& d, bool hidden = false) {
  if (hidden) {
    out += fmt::format("{},{},x,x,x,x,x,{}\n", comparison, indicator, d.n);
    return;
  }
  out += fmt::format("{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.4f},{}\n", comparison, indicator, d.mean, d.median, d.p5,
                     d.p95, d.p_positive, d.n);
}

// What the report hides of projectalternatief a minus the nul: society (k == SH), a stakeholder, the
// benefit/cost ratio (any category of society: its benefits and costs sum those), an outcome (the
// indicator table's cell).
struct Hidden {
  const Scenario& s;
  const ReportTables& t;
  bool diff(int a, std::size_t k) const { return difference_hidden(t, a, k); }
  bool society(int a) const { return diff(a, s.stakeholders.size()); }
  bool ratio(int a) const {
    const auto& v = t.verdeling.at(static_cast<std::size_t>(a - 1)).cells;
    for (std::size_t c = 0; c + 1 < v.size(); ++c)
      if (v[c].back().suppressed) return true;
    return false;
  }
  bool outcome(int a, std::size_t o) const {
    const auto& ic = t.indicators.cells;
    const std::size_t row = ic.size() - s.outcomes.size() + o;
    return row < ic.size() && ic[row].at(static_cast<std::size_t>(a - 1)).suppressed;
  }
};

}  // namespace

std::string psa_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& t, Lang lang) {
  const Style st = display_style(lang);
  const analysis::PsaIndicators& ind = t.psa_indicators.value();
  const Hidden hide{s, t};
  std::string out = fmt::format("\nOnzekerheid (PSA, {} iteraties): verschil met het nulalternatief, mln euro, "
                                "gemiddelde [P5, P95]\n", r.psa.size());
  for (const auto& a : ind.alternatives) {
    const auto& alt = s.alternatives[static_cast<std::size_t>(a.alternative)];
    out += fmt::format("{} - nulalternatief\n", alt.id);
    if (hide.society(a.alternative)) {
      out += "  x (niet gepubliceerd: het verschil voor de maatschappij is verborgen, zoals in het rapport)\n";
      continue;
    }
    out += fmt::format("  {:<22}{}   P(NCW > 0) = {}\n", "maatschappij", interval(a.society, st),
                       fixed(a.society.p_positive, 2, st));
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
      out += fmt::format("  {:<22}{}\n", s.stakeholders[k], hide.diff(a.alternative, k) ? std::string("x") : interval(a.stakeholders[k], st));
    if (hide.ratio(a.alternative))
      out += fmt::format("  {:<22}x\n", "baten/kosten");
    else
      out += fmt::format("  {:<22}{:>9} [{:>9}, {:>9}]\n", "baten/kosten", fixed(a.benefit_cost_ratio.mean, 2, st),
                         fixed(a.benefit_cost_ratio.p5, 2, st), fixed(a.benefit_cost_ratio.p95, 2, st));
    out += fmt::format("  {:<22}{:>9} (mediaan {}; {} = niet binnen de horizon)\n", "terugverdienjaar",
                       fixed(a.break_even_year.mean, 1, st), fixed(a.break_even_year.median, 0, st),
                       s.time.horizon_years + 1);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o)
      if (hide.outcome(a.alternative, o))
        out += fmt::format("  {:<22}x\n", s.outcomes[o]);
      else
        out += fmt::format("  {:<22}{:>9} [{:>9}, {:>9}] (verdisconteerd)\n", s.outcomes[o], fixed(a.outcomes[o].mean, 1, st),
                           fixed(a.outcomes[o].p5, 1, st), fixed(a.outcomes[o].p95, 1, st));
  }
  for (const auto& p : ind.pairs) {
    if (p.a == 0) continue;  // differences from the nul are above
    if (hide.society(p.a) || hide.society(p.b)) {
      out += fmt::format("{} vs {}: x\n", s.alternatives[static_cast<std::size_t>(p.a)].id,
                         s.alternatives[static_cast<std::size_t>(p.b)].id);
      continue;
    }
    out += fmt::format("{} vs {}:\n  {}   P({} beter) = {}\n", s.alternatives[static_cast<std::size_t>(p.a)].id,
                       s.alternatives[static_cast<std::size_t>(p.b)].id, interval(p.incremental, st),
                       s.alternatives[static_cast<std::size_t>(p.a)].id, fixed(p.p_a_better, 2, st));
    // Per stakeholder: a minus b, and the share of iterations in which a is better for that stakeholder.
    // A stakeholder whose difference is below a euro in every iteration (e.g. one whose items net
    // to zero by construction) gets no probability: its sign would be rounding noise.
    for (std::size_t k = 0; k < s.stakeholders.size() && k < p.stakeholders.size(); ++k) {
      const auto& d = p.stakeholders[k];
      const bool none = std::max({std::abs(d.mean), std::abs(d.p5), std::abs(d.p95)}) < 1.0;
      if (hide.diff(p.a, k) || hide.diff(p.b, k)) {
        out += fmt::format("  {:<22}x\n", s.stakeholders[k]);
        continue;
      }
      out += fmt::format("  {:<22}{}   {}\n", s.stakeholders[k], interval(d, st),
                         none ? "geen verschil"
                              : fmt::format("P({} beter) = {}", s.alternatives[static_cast<std::size_t>(p.a)].id,
                                            fixed(d.p_positive, 2, st)));
    }
  }
  out += fmt::format("Verwachte waarde van perfecte informatie (EVPI): {} mln euro\n", mln(ind.evpi, st));
  return out;
}

std::string psa_csv(const Scenario& s, const analysis::RunResult&, const ReportTables& t) {
  const analysis::PsaIndicators& ind = t.psa_indicators.value();
  const Hidden hide{s, t};
  std::string out = "comparison,indicator,mean,median,p5,p95,p_positive,iterations\n";
  for (const auto& a : ind.alternatives) {
    const int x = a.alternative;
    const std::string cmp = s.alternatives[static_cast<std::size_t>(x)].id + " - nulalternatief";
    csv_row(out, cmp, "maatschappij", a.society, hide.society(x));
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k) csv_row(out, cmp, s.stakeholders[k], a.stakeholders[k], hide.diff(x, k));
    csv_row(out, cmp, "baten_kosten_verhouding", a.benefit_cost_ratio, hide.ratio(x));
    csv_row(out, cmp, "terugverdienjaar", a.break_even_year, hide.society(x));
    for (std::size_t o = 0; o < s.outcomes.size(); ++o) csv_row(out, cmp, s.outcomes[o], a.outcomes[o], hide.outcome(x, o));
    // Per candidate of the starting caseload (docs/accounting.md): the same distributions divided by N.
    const double n = s.start_population();
    if (n > 0) {
      auto per = [n](analysis::Distribution1 d) {
        d.mean /= n;
        d.median /= n;
        d.p5 /= n;
        d.p95 /= n;
        return d;
      };
      csv_row(out, cmp, "maatschappij per kandidaat", per(a.society), hide.society(x));
      for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
        csv_row(out, cmp, s.stakeholders[k] + " per kandidaat", per(a.stakeholders[k]), hide.diff(x, k));
    }
  }
  for (const auto& p : ind.pairs) {
    const std::string cmp = s.alternatives[static_cast<std::size_t>(p.a)].id + " - " +
                            s.alternatives[static_cast<std::size_t>(p.b)].id;
    const std::size_t SH = s.stakeholders.size();
    csv_row(out, cmp, "maatschappij", p.incremental, hide.diff(p.a, SH) || hide.diff(p.b, SH));
    for (std::size_t k = 0; k < SH; ++k) csv_row(out, cmp, s.stakeholders[k], p.stakeholders[k], hide.diff(p.a, k) || hide.diff(p.b, k));
  }
  out += fmt::format("evpi,maatschappij,{:.6g},,,,,\n", ind.evpi);
  return out;
}

std::string sensitivity_table(const Scenario& s, const ReportTables& t, const std::vector<analysis::TornadoBar>& tornado,
                              Lang lang) {
  const Style st = display_style(lang);
  const auto& rates = t.rate_variants;
  const Hidden hide{s, t};
  std::string out;
  if (!rates.empty()) {
    out += "\nGevoeligheid voor de discontovoet: NCW maatschappij, verschil met het nulalternatief, mln euro\n";
    out += fmt::format("  {:<10}", "voet");
    for (std::size_t a = 1; a < s.alternatives.size(); ++a) out += fmt::format("{:>20}", s.alternatives[a].id);
    out += '\n';
    for (const auto& v : rates) {
      out += fmt::format("  {:<10}", percent_text(v.rate, lang));
      for (std::size_t a = 0; a < v.society.size(); ++a)
        out += fmt::format("{:>20}", hide.society(static_cast<int>(a + 1)) ? std::string("x") : mln(v.society[a], st));
      out += '\n';
    }
  }
  if (!tornado.empty() && s.alternatives.size() > 1 && !hide.society(1)) {
    out += fmt::format("\nEenzijdige gevoeligheid (tornado, {} - nulalternatief): parameter op P5 en P95, mln euro\n",
                       s.alternatives[1].id);
    for (const auto& b : tornado) {
      if (b.low.empty()) continue;
      out += fmt::format("  {:<28} P5 {:>12}: {:>9}   P95 {:>12}: {:>9}\n",
                         s.parameters[static_cast<std::size_t>(b.parameter)].id, significant(b.low_value, st),
                         mln(b.low[0], st), significant(b.high_value, st), mln(b.high[0], st));
    }
  }
  return out;
}

std::string sensitivity_csv(const Scenario& s, const ReportTables& t, const std::vector<analysis::TornadoBar>& tornado) {
  const Hidden hide{s, t};
  std::string out = "analyse,alternatief,parameter,waarde,ncw_maatschappij_verschil\n";
  for (const auto& v : t.rate_variants)
    for (std::size_t a = 0; a < v.society.size(); ++a)
      out += hide.society(static_cast<int>(a + 1))
                 ? fmt::format("discontovoet,{},rate,{:.6g},x\n", s.alternatives[a + 1].id, v.rate)
                 : fmt::format("discontovoet,{},rate,{:.6g},{:.2f}\n", s.alternatives[a + 1].id, v.rate, v.society[a]);
  for (const auto& b : tornado)
    for (std::size_t a = 0; a < b.low.size(); ++a) {
      if (hide.society(static_cast<int>(a + 1))) continue;  // as the report's tornado table: hidden with the difference
      const auto& id = s.parameters[static_cast<std::size_t>(b.parameter)].id;
      out += fmt::format("tornado_p5,{},{},{:.6g},{:.2f}\n", s.alternatives[a + 1].id, id, b.low_value, b.low[a]);
      out += fmt::format("tornado_p95,{},{},{:.6g},{:.2f}\n", s.alternatives[a + 1].id, id, b.high_value, b.high[a]);
    }
  return out;
}

}  // namespace mkba::report
