#include <mkba/report/sources_table.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace mkba::report {
namespace {

// The names citing a reference, each once; after the first 12, how many more.
std::string joined(const std::vector<std::string>& names, Lang lang) {
  std::vector<std::string> seen;
  for (const auto& n : names)
    if (std::find(seen.begin(), seen.end(), n) == seen.end()) seen.push_back(n);
  const std::size_t shown = seen.size() > 12 ? 10 : seen.size();
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) out += (out.empty() ? "" : ", ") + seen[i];
  if (shown < seen.size()) out += fmt::format(fmt::runtime(tr(lang, " en {} meer")), seen.size() - shown);
  return out;
}

// One row per (name, source text).
Table listed(const std::vector<std::pair<std::string, std::string>>& values, Lang lang) {
  Table t;
  t.corner = tr(lang, "Effect of parameter");
  t.columns = {tr(lang, "Bronvermelding in het scenario")};
  t.lang = lang;
  for (const auto& [name, text] : values) {
    t.rows.push_back(name);
    t.cells.push_back({Cell::of_text(text.empty() ? "-" : text)});
  }
  return t;
}

}  // namespace

Table sources_table(const Bibliography& b, Lang lang) {
  Table t;
  t.id = "bronnen";
  t.title = tr(lang, "Bronnen");
  t.note = tr(lang, "De volledige verwijzingen bij de bronvermeldingen van de effecten en parameters (docs/sources.md).");
  t.corner = tr(lang, "Bron");
  t.columns = {tr(lang, "Verwijzing"), tr(lang, "Gebruikt voor")};
  t.lang = lang;
  for (const auto& r : b.references) {
    t.rows.push_back(r.key);
    t.cells.push_back({Cell::of_text(r.reference), Cell::of_text(joined(r.cited_by, lang))});
  }
  return t;
}

Table assumptions_table(const Bibliography& b, Lang lang) {
  Table t = listed(b.assumptions, lang);
  t.id = "aannames-zonder-bron";
  t.title = tr(lang, "Waarden zonder bron: aannames");
  t.note = tr(lang, "Effecten en parameters zonder bronvermelding of gemarkeerd als aanname [U].");
  return t;
}

Table other_sources_table(const Bibliography& b, Lang lang) {
  Table t = listed(b.other, lang);
  t.id = "overige-bronvermeldingen";
  t.title = tr(lang, "Overige bronvermeldingen");
  t.note = tr(lang, "Bronvermeldingen die naar geen bron in deze lijst verwijzen, zoals een toelichting op de berekening.");
  return t;
}

}  // namespace mkba::report
