#include <mkba/report/psa_summary.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

std::string mln(double x) { return fmt::format("{:.2f}", x / 1e6); }

std::string interval(const analysis::Distribution1& d) {
  return fmt::format("{:>9} [{:>9}, {:>9}]", mln(d.mean), mln(d.p5), mln(d.p95));
}

void csv_row(std::string& out, const std::string& comparison, const std::string& indicator,
             const analysis::Distribution1& d) {
  out += fmt::format("{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.4f},{}\n", comparison, indicator, d.mean, d.median, d.p5,
                     d.p95, d.p_positive, d.n);
}

}  // namespace

std::string psa_table(const Scenario& s, const analysis::RunResult& r, const analysis::PsaIndicators& ind) {
  std::string out = fmt::format("\nOnzekerheid (PSA, {} iteraties): verschil met het nulalternatief, mln euro, "
                                "gemiddelde [P5, P95]\n", r.psa.size());
  for (const auto& a : ind.alternatives) {
    const auto& alt = s.alternatives[static_cast<std::size_t>(a.alternative)];
    out += fmt::format("{} - nulalternatief\n", alt.id);
    out += fmt::format("  {:<22}{}   P(NCW > 0) = {:.2f}\n", "maatschappij", interval(a.society), a.society.p_positive);
    for (std::size_t k = 0; k < s.stakeholders.size(); ++k)
      out += fmt::format("  {:<22}{}\n", s.stakeholders[k], interval(a.stakeholders[k]));
    out += fmt::format("  {:<22}{:>9.2f} [{:>9.2f}, {:>9.2f}]\n", "baten/kosten", a.benefit_cost_ratio.mean,
                       a.benefit_cost_ratio.p5, a.benefit_cost_ratio.p95);
    out += fmt::format("  {:<22}{:>9.1f} (mediaan {:.0f}; {} = niet binnen de horizon)\n", "terugverdienjaar",
                       a.break_even_year.mean, a.break_even_year.median, s.time.horizon_years + 1);
    for (std::size_t o = 0; o < s.outcomes.size(); ++o)
      out += fmt::format("  {:<22}{:>9.1f} [{:>9.1f}, {:>9.1f}] (verdisconteerd)\n", s.outcomes[o], a.outcomes[o].mean,
                         a.outcomes[o].p5, a.outcomes[o].p95);
  }
  for (const auto& p : ind.pairs) {
    if (p.a == 0) continue;  // differences from the nul are above
    out += fmt::format("{} vs {}: {}   P({} beter) = {:.2f}\n", s.alternatives[static_cast<std::size_t>(p.a)].id,
                       s.alternatives[static_cast<std::size_t>(p.b)].id, interval(p.incremental),
                       s.alternatives[static_cast<std::size_t>(p.a)].id, p.p_a_better);
    // Per stakeholder: a minus b, and the share of iterations in which a is better for that stakeholder.
    // A stakeholder whose difference is below a euro in every iteration (e.g. one whose items net
    // to zero by construction) gets no probability: its sign would be rounding noise.
    for (std::size_t k = 0; k < s.stakeholders.size() && k < p.stakeholders.size(); ++k) {
      const auto& d = p.stakeholders[k];
      const bool none = std::max({std::abs(d.mean), std::abs(d.p5), std::abs(d.p95)}) < 1.0;
      out += fmt::format("  {:<22}{}   {}\n", s.stakeholders[k], interval(d),
                         none ? "geen verschil"
                              : fmt::format("P({} beter) = {:.2f}", s.alternatives[static_cast<std::size_t>(p.a)].id, d.p_positive));
    }
  }
  out += fmt::format("Verwachte waarde van perfecte informatie (EVPI): {} mln euro\n", mln(ind.evpi));
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
                              const std::vector<analysis::TornadoBar>& tornado) {
  std::string out;
  if (!rates.empty()) {
    out += "\nGevoeligheid voor de discontovoet: NCW maatschappij, verschil met het nulalternatief, mln euro\n";
    out += fmt::format("  {:<10}", "voet");
    for (std::size_t a = 1; a < s.alternatives.size(); ++a) out += fmt::format("{:>20}", s.alternatives[a].id);
    out += '\n';
    for (const auto& v : rates) {
      out += fmt::format("  {:<10}", fmt::format("{:.2f} %", v.rate * 100));
      for (double x : v.society) out += fmt::format("{:>20}", mln(x));
      out += '\n';
    }
  }
  if (!tornado.empty() && s.alternatives.size() > 1) {
    out += fmt::format("\nEenzijdige gevoeligheid (tornado, {} - nulalternatief): parameter op P5 en P95, mln euro\n",
                       s.alternatives[1].id);
    for (const auto& b : tornado) {
      if (b.low.empty()) continue;
      out += fmt::format("  {:<28} P5 {:>12.4g}: {:>9}   P95 {:>12.4g}: {:>9}\n",
                         s.parameters[static_cast<std::size_t>(b.parameter)].id, b.low_value, mln(b.low[0]),
                         b.high_value, mln(b.high[0]));
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
