// The conclusion in words: templated sentences (Dutch source text, English through lang.cpp) filled
// from the published numbers. See conclusions.hpp.
#include <mkba/report/conclusions.hpp>

#include "number_format.hpp"

#include <mkba/analysis/indicators.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

std::string F(Lang lang, const std::string& nl, auto&&... args) {
  return fmt::format(fmt::runtime(tr(lang, nl)), std::forward<decltype(args)>(args)...);
}

std::string pct(double share, Lang lang) {
  return fixed(100.0 * share, 0, display_style(lang)) + (lang == Lang::en ? "%" : " %");
}

bool rounds_to_zero(double x, Lang lang) { return money_words(std::abs(x), lang) == money_words(0, lang); }

// "X levert de maatschappij € 1,2 mln meer op dan Y" (or costs more, or the same).
std::string against(const std::string& a, double diff, const std::string& b, Lang lang) {
  if (rounds_to_zero(diff, lang)) return F(lang, "{} levert de maatschappij per saldo evenveel op als {}", a, b);
  if (diff > 0) return F(lang, "{} levert de maatschappij {} meer op dan {}", a, money_words(diff, lang), b);
  return F(lang, "{} kost de maatschappij {} meer dan {}", a, money_words(-diff, lang), b);
}

std::string for_whom(const ConclusionInput::Alternative& a, Lang lang) {
  const ConclusionInput::Stakeholder* gain = nullptr;
  const ConclusionInput::Stakeholder* loss = nullptr;
  for (const auto& k : a.stakeholders) {
    if (!k.published || rounds_to_zero(k.diff, lang)) continue;
    if (k.diff > 0 && (!gain || k.diff > gain->diff)) gain = &k;
    if (k.diff < 0 && (!loss || k.diff < loss->diff)) loss = &k;
  }
  if (gain && loss)
    return F(lang, "De grootste winnaar is {} ({}); de grootste kosten liggen bij {} ({}).", gain->label,
             money_words(gain->diff, lang), loss->label, money_words(-loss->diff, lang));
  if (gain) return F(lang, "De grootste winnaar is {} ({}); geen stakeholder gaat erop achteruit.", gain->label, money_words(gain->diff, lang));
  if (loss) return F(lang, "Geen stakeholder gaat erop vooruit; de grootste kosten liggen bij {} ({}).", loss->label, money_words(-loss->diff, lang));
  return "";
}

std::string how_certain(const ConclusionInput::Alternative& a, Lang lang) {
  if (a.draws.empty())
    return tr(lang, "De onzekerheid is niet doorgerekend: een probabilistische gevoeligheidsanalyse (--iterations) geeft de "
                    "kans op een positief saldo.");
  // The same distribution summary as the tables (analysis::describe); the tables' own interval
  // when given, so sentence and table cannot differ.
  const analysis::Distribution1 d = analysis::describe(a.draws);
  const double p5 = a.interval ? a.interval->p5 : d.p5;
  const double p95 = a.interval ? a.interval->p95 : d.p95;
  auto signed_money = [&](double x) { return (x < 0 && !rounds_to_zero(x, lang) ? "-" : "") + money_words(std::abs(x), lang); };
  // The mean over the draws next to the base case of the headline: with skewed parameters they differ.
  return F(lang, "Over {} trekkingen van de onzekere parameters is het saldo gemiddeld {} en in {} van de gevallen positief; "
                 "90 % van de uitkomsten ligt tussen {} en {}.",
           a.draws.size(), signed_money(d.mean), pct(d.p_positive, lang), signed_money(p5), signed_money(p95));
}

}  // namespace

std::string money_words(double euro, Lang lang) {
  const Style st = display_style(lang);
  const double m = std::round(euro / 1e5) / 10.0;  // millions, one decimal
  if (std::abs(m) >= 1.0) return lang == Lang::en ? "€" + fixed(m, 1, st) + " million" : "€ " + fixed(m, 1, st) + " mln";
  // Below a million: to the hundred euros (the model is not more precise than that).
  const double h = std::round(euro / 100.0) * 100.0;
  return lang == Lang::en ? "€" + fixed(h, 0, st) : "€ " + fixed(h, 0, st);
}

Conclusion conclude(const ConclusionInput& in, Lang lang) {
  Conclusion out;
  const std::string nul = F(lang, "het nulalternatief ({})", in.nul_label);
  std::vector<const ConclusionInput::Alternative*> shown;
  for (const auto& a : in.alternatives)
    if (a.published) shown.push_back(&a);
  const bool several = in.alternatives.size() > 1;
  for (const auto& a : in.alternatives) {
    if (!a.published) {
      out.paragraphs.push_back(F(lang, "{}: het verschil met het nulalternatief is niet gepubliceerd (onthullingsbeheersing).", a.label));
      continue;
    }
    std::string p = several ? against(a.label, a.society_diff, nul, lang) + "." : "";
    if (const std::string w = for_whom(a, lang); !w.empty()) p += (p.empty() ? "" : " ") + w;
    p += (p.empty() ? "" : " ") + how_certain(a, lang);
    out.paragraphs.push_back(p);
  }
  if (shown.empty()) {
    out.headline = tr(lang, "Het maatschappelijke saldo van de projectalternatieven is niet gepubliceerd.");
  } else if (shown.size() == 1) {
    out.headline = against(shown[0]->label, shown[0]->society_diff, nul, lang) + ".";
  } else {
    std::vector<const ConclusionInput::Alternative*> ranked = shown;
    std::stable_sort(ranked.begin(), ranked.end(), [](auto* x, auto* y) { return x->society_diff > y->society_diff; });
    const auto& best = *ranked[0];
    const auto& next = *ranked[1];
    out.headline = against(best.label, best.society_diff - next.society_diff, next.label, lang);
    if (!best.draws.empty() && best.draws.size() == next.draws.size()) {
      std::size_t wins = 0;
      for (std::size_t i = 0; i < best.draws.size(); ++i) wins += best.draws[i] > next.draws[i] ? 1 : 0;
      out.headline += F(lang, " (in {} van de trekkingen is {} de betere van de twee)",
                        pct(static_cast<double>(wins) / static_cast<double>(best.draws.size()), lang), best.label);
    }
    // The winner against every other alternative too (beschut-vs-lks: LKS against nieuw beschut).
    for (std::size_t i = 2; i < ranked.size(); ++i) {
      const double d = best.society_diff - ranked[i]->society_diff;
      out.headline += rounds_to_zero(d, lang) ? F(lang, ", en evenveel als {}", ranked[i]->label)
                                              : F(lang, ", en {} meer dan {}", money_words(d, lang), ranked[i]->label);
    }
    out.headline += ". ";
    out.headline += best.society_diff > 0 && !rounds_to_zero(best.society_diff, lang)
                        ? F(lang, "Van de onderzochte alternatieven heeft {} het hoogste maatschappelijke saldo: {} meer dan {}.",
                            best.label, money_words(best.society_diff, lang), nul)
                        : F(lang, "Geen van de projectalternatieven levert de maatschappij per saldo meer op dan {}; {} kost het minst.",
                            nul, best.label);
  }
  return out;
}

ConclusionInput conclusion_input(const ReportTables& t, const std::string& nul_label,
                                 const std::vector<std::string>& alternative_labels) {
  ConclusionInput in;
  in.nul_label = nul_label;
  const std::size_t A = alternative_labels.size() + 1;
  for (std::size_t a = 1; a < A; ++a) {
    ConclusionInput::Alternative alt;
    alt.label = alternative_labels[a - 1];
    const Cell& d = t.summary.cells[a][1];
    alt.published = !d.suppressed;
    alt.society_diff = d.value;
    // The comparison's rows: the stakeholders, then society (the last row); its columns: every
    // alternative, then every projectalternatief minus the nulalternatief.
    for (std::size_t k = 0; k + 1 < t.comparison.rows.size(); ++k) {
      const Cell& c = t.comparison.cells[k][A + a - 1];
      alt.stakeholders.push_back({t.comparison.rows[k], c.value, !c.suppressed});
    }
    if (alt.published && a - 1 < t.ncw_draws.size()) alt.draws = t.ncw_draws[a - 1];
    if (alt.published) alt.interval = d.interval;
    in.alternatives.push_back(std::move(alt));
  }
  return in;
}

}  // namespace mkba::report
