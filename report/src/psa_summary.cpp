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
             const analysis::Distribution1& d) {
  out += fmt::format("{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.4f},{}\n", comparison, indicator, d.mean, d.median, d.p5,
                     d.p95, d.p_positive, d.n);
}

}  // namespace

std::string psa_table(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind, Lang lang) {
  const Style st = display_style(lang);
  std::string out = fmt::format("\nOnzekerheid (PSA, {} iteraties): verschil met het nulalternatief, mln euro, "
                                "gemiddelde [P5, P95]\n", r.psa.size());
  for (const auto& a : ind.alternatives) {
    const auto& alt = s.alternatives[static_cast<std::size_t>(a.alternative)];
    out += fmt::format("{} - nulalternatief\n", alt.id);
    out += fmt::format("  {:<22}{}   P(NCW > 0) = {}\n", "maatschappij", interval(a.society, st),
                       fixed(a.society.p_positive, 2, st));
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
      out += fmt::format("  {:<22}{}\n", s.stakeholders[k], interval(a.stakeholders[k], st));
    out += fmt::format("  {:<22}{:>9} [{:>9}, {:>9}]\n", "baten/kosten", fixed(a.benefit_cost_ratio.mean, 2, st),
                       fixed(a.benefit_cost_ratio.p5, 2, st), fixed(a.benefit_cost_ratio.p95, 2, st));
    out += fmt::format("  {:<22}{:>9} (mediaan {}; {} = niet binnen de horizon)\n", "terugverdienjaar",
                       fixed(a.break_even_year.mean, 1, st), fixed(a.break_even_year.median, 0, st),
                       s.time.horizon_years + 1);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o)
      out += fmt::format("  {:<22}{:>9} [{:>9}, {:>9}] (verdisconteerd)\n", s.outcomes[o], fixed(a.outcomes[o].mean, 1, st),
                         fixed(a.outcomes[o].p5, 1, st), fixed(a.outcomes[o].p95, 1, st));
  }
  for (const auto& p : ind.pairs) {
    if (p.a == 0) continue;  // differences from the nul are above
    out += fmt::format("{} vs {}:\n  {}   P({} beter) = {}\n", s.alternatives[static_cast<std::size_t>(p.a)].id,
                       s.alternatives[static_cast<std::size_t>(p.b)].id, interval(p.incremental, st),
                       s.alternatives[static_cast<std::size_t>(p.a)].id, fixed(p.p_a_better, 2, st));
    // Per stakeholder: a minus b, and the share of iterations in which a is better for that stakeholder.
    // A stakeholder whose difference is below a euro in every iteration (e.g. one whose items net
    // to zero by construction) gets no probability: its sign would be rounding noise.
    for (std::size_t k = 0; k < s.stakeholders.size() && k < p.stakeholders.size(); ++k) {
      const auto& d = p.stakeholders[k];
      const bool none = std::max({std::abs(d.mean), std::abs(d.p5), std::abs(d.p95)}) < 1.0;
      out += fmt::format("  {:<22}{}   {}\n", s.stakeholders[k], interval(d, st),
                         none ? "geen verschil"
                              : fmt::format("P({} beter) = {}", s.alternatives[static_cast<std::size_t>(p.a)].id,
                                            fixed(d.p_positive, 2, st)));
    }
  }
  out += fmt::format("Verwachte waarde van perfecte informatie (EVPI): {} mln euro\n", mln(ind.evpi, st));
  return out;
}

std::string psa_csv(const Scenario& s, const analysis::RunResult&, const analysis::PsaIndicators& ind) {
  std::string out = "comparison,indicator,mean,median,p5,p95,p_positive,iterations\n";
  for (const auto& a : ind.alternatives) {
    const std::string cmp = s.alternatives[static_cast<std::size_t>(a.alternative)].id + " - nulalternatief";
    csv_row(out, cmp, "maatschappij", a.society);
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k) csv_row(out, cmp, s.stakeholders[k], a.stakeholders[k]);
    csv_row(out, cmp, "baten_kosten_verhouding", a.benefit_cost_ratio);
    csv_row(out, cmp, "terugverdienjaar", a.break_even_year);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o) csv_row(out, cmp, s.outcomes[o], a.outcomes[o]);
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
      csv_row(out, cmp, "maatschappij per kandidaat", per(a.society));
      for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
        csv_row(out, cmp, s.stakeholders[k] + " per kandidaat", per(a.stakeholders[k]));
    }
  }
  for (const auto& p : ind.pairs) {
    const std::string cmp = s.alternatives[static_cast<std::size_t>(p.a)].id + " - " +
                            s.alternatives[static_cast<std::size_t>(p.b)].id;
    csv_row(out, cmp, "maatschappij", p.incremental);
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k) csv_row(out, cmp, s.stakeholders[k], p.stakeholders[k]);
  }
  out += fmt::format("evpi,maatschappij,{:.6g},,,,,\n", ind.evpi);
  return out;
}

std::string sensitivity_table(const Scenario& s, const std::vector<analysis::RateVariant>& rates,
                              const std::vector<analysis::TornadoBar>& tornado, Lang lang) {
  const Style st = display_style(lang);
  std::string out;
  if (!rates.empty()) {
    out += "\nGevoeligheid voor de discontovoet: NCW maatschappij, verschil met het nulalternatief, mln euro\n";
    out += fmt::format("  {:<10}", "voet");
    for (std::size_t a = 1; a < s.alternatives.size(); ++a) out += fmt::format("{:>20}", s.alternatives[a].id);
    out += '\n';
    for (const auto& v : rates) {
      out += fmt::format("  {:<10}", percent_text(v.rate, lang));
      for (double x : v.society) out += fmt::format("{:>20}", mln(x, st));
      out += '\n';
    }
  }
  if (!tornado.empty() && s.alternatives.size() > 1) {
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

std::string sensitivity_csv(const Scenario& s, const std::vector<analysis::RateVariant>& rates,
                            const std::vector<analysis::TornadoBar>& tornado) {
  std::string out = "analyse,alternatief,parameter,waarde,ncw_maatschappij_verschil\n";
  for (const auto& v : rates)
    for (std::size_t a = 0; a < v.society.size(); ++a)
      out += fmt::format("discontovoet,{},rate,{:.6g},{:.2f}\n", s.alternatives[a + 1].id, v.rate, v.society[a]);
  for (const auto& b : tornado)
    for (std::size_t a = 0; a < b.low.size(); ++a) {
      const auto& id = s.parameters[static_cast<std::size_t>(b.parameter)].id;
      out += fmt::format("tornado_p5,{},{},{:.6g},{:.2f}\n", s.alternatives[a + 1].id, id, b.low_value, b.low[a]);
      out += fmt::format("tornado_p95,{},{},{:.6g},{:.2f}\n", s.alternatives[a + 1].id, id, b.high_value, b.high[a]);
    }
  return out;
}

}  // namespace mkba::report
