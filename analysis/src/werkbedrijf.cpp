#include <mkba/analysis/werkbedrijf.hpp>

#include <algorithm>
#include <cmath>

namespace mkba::analysis {

int fte_outcome(const Scenario& s) {
  for (int o = 0; o < static_cast<int>(s.outcomes.size()); ++o) {
    bool fed = false, all_fte = true;
    for (const auto& e : s.effects)
      if (e.item.outcome == o) {
        fed = true;
        all_fte = all_fte && !e.item.state_factor.empty();
      }
    if (fed && all_fte) return o;
  }
  return -1;
}

std::optional<WerkbedrijfPerFte> werkbedrijf_per_fte(const Scenario& s, const RunResult& r) {
  const auto it = std::find(s.stakeholders.begin(), s.stakeholders.end(), "werkbedrijf");
  const int o = fte_outcome(s);
  if (it == s.stakeholders.end() || o < 0 || r.alternatives.empty()) return std::nullopt;
  WerkbedrijfPerFte out;
  out.stakeholder = static_cast<int>(it - s.stakeholders.begin());
  out.outcome = o;
  auto ratio = [](double x, double fte) { return std::abs(fte) > 1e-9 ? std::optional<double>(x / fte) : std::nullopt; };
  for (const auto& alt : r.alternatives) {
    WerkbedrijfLevel l;
    l.ncw = ncw_per_stakeholder(alt.valued)[static_cast<std::size_t>(out.stakeholder)];
    l.fte_years = summarise(s, alt.valued).outcomes[static_cast<std::size_t>(o)];
    l.per_fte = ratio(l.ncw, l.fte_years);
    out.alternatives.push_back(l);
  }
  const WerkbedrijfLevel& nul = out.alternatives[0];
  for (std::size_t a = 1; a < out.alternatives.size(); ++a) {
    const WerkbedrijfLevel& x = out.alternatives[a];
    WerkbedrijfChange c;
    c.ncw = x.ncw - nul.ncw;
    c.fte_years = x.fte_years - nul.fte_years;
    if (x.per_fte && nul.per_fte) c.per_fte_change = *x.per_fte - *nul.per_fte;
    c.per_extra_fte = ratio(c.ncw, c.fte_years);
    out.against_nul.push_back(c);
  }
  return out;
}

}  // namespace mkba::analysis
