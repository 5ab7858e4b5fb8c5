#include <mkba/report/accounting_report.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mkba::report {
namespace {

// Console numbers in the language's display style (Dutch: 1.234.567 and 0,25).
std::string keur(double x, Style st) { return fixed(x / 1000, 0, st); }
std::string keur_interval(const analysis::Distribution1& d, Style st) {
  return fmt::format("{} [{}, {}]", keur(d.mean, st), keur(d.p5, st), keur(d.p95, st));
}
std::string euro_interval(const analysis::Distribution1& d, Style st) {
  return fmt::format("{} [{}, {}]", fixed(d.mean, 0, st), fixed(d.p5, 0, st), fixed(d.p95, 0, st));
}

// Display width of UTF-8 text (code points; the labels hold no wide characters).
std::size_t utf8_width(const std::string& x) {
  std::size_t n = 0;
  for (unsigned char ch : x) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A console table: a row-label column and right-aligned columns whose headers may take two lines
// (an id split at its first '_').
struct Console {
  std::string corner;
  std::vector<std::string> headers;
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> cells;  // [row][column]

  // Within kConsoleWidth columns: when the columns do not fit on one line, they are printed in
  // blocks that do, each block with the row labels again.
  std::string render(const std::string& indent = "  ") const {
    const std::size_t n = headers.size();
    std::vector<std::size_t> w = widths();
    std::size_t w0 = label_width();
    std::string out;
    for (std::size_t first = 0; first < n || (n == 0 && first == 0);) {
      std::size_t last = first, width = indent.size() + w0;
      while (last < n && (last == first || width + w[last] <= kConsoleWidth)) width += w[last++];
      out += render_columns(indent, first, last);
      if (last >= n) break;
      first = last;
    }
    return out;
  }

  std::size_t label_width() const {
    std::size_t w0 = corner.size();
    for (const auto& l : labels) w0 = std::max(w0, utf8_width(l));
    return w0 + 2;
  }
  std::vector<std::size_t> widths() const {
    std::vector<std::size_t> w(headers.size(), 0);
    for (std::size_t c = 0; c < headers.size(); ++c) {
      const auto [top, bottom] = split_header(headers[c]);
      w[c] = std::max(top.size(), bottom.size());
      for (const auto& row : cells) w[c] = std::max(w[c], utf8_width(row[c]));
      w[c] += 2;
    }
    return w;
  }
  static std::pair<std::string, std::string> split_header(const std::string& h) {
    const auto cut = h.find('_');
    if (cut == std::string::npos) return {"", h};
    std::string rest = h.substr(cut + 1);
    std::replace(rest.begin(), rest.end(), '_', ' ');
    return {h.substr(0, cut), rest};
  }

  std::string render_columns(const std::string& indent, std::size_t first, std::size_t last) const {
    std::vector<std::pair<std::string, std::string>> head;
    for (std::size_t c = first; c < last; ++c) head.push_back(split_header(headers[c]));
    const std::size_t w0 = label_width();
    const std::vector<std::size_t> w = widths();
    auto pad_left = [](const std::string& x, std::size_t width) {  // right-aligned, by display width
      const std::size_t n = utf8_width(x);
      return std::string(width > n ? width - n : 0, ' ') + x;
    };
    auto pad_right = [](const std::string& x, std::size_t width) {
      const std::size_t n = utf8_width(x);
      return x + std::string(width > n ? width - n : 0, ' ');
    };
    std::string out;
    const bool two_lines = std::any_of(head.begin(), head.end(), [](const auto& h) { return !h.first.empty(); });
    if (two_lines) {
      out += indent + std::string(w0, ' ');
      for (std::size_t c = first; c < last; ++c) out += pad_left(head[c - first].first, w[c]);
      out += '\n';
    }
    out += indent + pad_right(corner, w0);
    for (std::size_t c = first; c < last; ++c) out += pad_left(head[c - first].second, w[c]);
    out += '\n';
    for (std::size_t r = 0; r < labels.size(); ++r) {
      out += indent + pad_right(labels[r], w0);
      for (std::size_t c = first; c < last; ++c) out += pad_left(cells[r][c], w[c]);
      out += '\n';
    }
    return out;
  }
};

// Two decimals (euros) or four (quantities), without "-0.00".
std::string num(double x, bool euro) {
  if (euro) return fmt::format("{:.2f}", std::abs(x) < 0.005 ? 0.0 : x);
  return fmt::format("{:.4f}", std::abs(x) < 0.00005 ? 0.0 : x);
}

const std::string& alt_id(const Scenario& s, int a) { return s.alternatives[static_cast<std::size_t>(a)].id; }

bool any_suppressed(const Table& t) {
  for (const auto& row : t.cells)
    for (const auto& c : row)
      if (c.suppressed) return true;
  return false;
}

}  // namespace

std::string verdeling_by_category_table(const Scenario& s, const analysis::RunResult& r, const ReportTables& tables,
                                        const analysis::PsaIndicators* ind, Lang lang) {
  const Style st = display_style(lang);
  const std::size_t n_sh = s.stakeholders.size(), n_cat = s.categories.size();
  // Categories without any effect item are left out.
  std::vector<std::size_t> cats;
  for (std::size_t c = 0; c < n_cat; ++c)
    if (std::any_of(s.effects.begin(), s.effects.end(), [&](const EffectSpec& e) {
          return e.item.outcome < 0 && e.item.category == static_cast<int>(c);
        }))
      cats.push_back(c);
  const bool psa = ind && !ind->alternatives.empty() && !r.psa.empty();
  std::string out;
  for (std::size_t a = 1; a < r.alternatives.size(); ++a) {
    // The region's protected verdelingstabel (rows: categories, Totaal; columns: stakeholders, society).
    const Table& cmp = tables.verdeling.at(a - 1);
    auto shown = [&](std::size_t row, std::size_t k) {
      const Cell& c = cmp.cells.at(row).at(k);
      return c.suppressed ? std::string("x") : keur(c.value, st);
    };
    if (a == 1)
      out += fmt::format("\nVerdelingstabel per categorie: verschil met het nulalternatief, x 1.000 euro "
                         "(basisrun{})\n", psa ? fmt::format("; totaal ook als gemiddelde [P5, P95] over {} PSA-iteraties", r.psa.size()) : "");
    out += fmt::format("{} - nulalternatief\n", r.alternatives[a].id);
    Console t;
    t.corner = "stakeholder";
    for (std::size_t c : cats) t.headers.push_back(s.categories[c]);
    t.headers.emplace_back("totaal");
    if (psa) t.headers.emplace_back("PSA_totaal [P5, P95]");
    t.labels = analysis::money_rows(s);
    for (std::size_t k = 0; k <= n_sh; ++k) {
      std::vector<std::string> row;
      for (std::size_t c : cats) row.push_back(shown(c, k));
      row.push_back(shown(n_cat, k));
      if (psa) {
        const auto& ai = ind->alternatives[a - 1];
        row.push_back(cmp.cells[n_cat][k].suppressed ? "x" : keur_interval(k < n_sh ? ai.stakeholders[k] : ai.society, st));
      }
      t.cells.push_back(row);
    }
    out += t.render();
  }
  return out;
}

std::string per_kwadrant_csv(const Scenario& s, const ReportTables& t) {
  std::string out = "vergelijking,kwadrant,indicator,eenheid,basis,gemiddelde,mediaan,p5,p95,p_positief,iteraties\n";
  const std::size_t n_sh = s.stakeholders.size(), S = s.segments.size();
  std::vector<std::string> rows = analysis::money_rows(s);
  for (const auto& o : s.outcomes) rows.push_back(o);
  for (std::size_t i = 0; i < t.segments.size() && i < t.per_kwadrant.size(); ++i) {
    const auto& res = t.segments[i];
    const Table& tab = t.per_kwadrant[i];  // the protected cells (tables.hpp)
    const std::string cmp = alt_id(s, res.alternative) + (res.difference ? " - nulalternatief" : "");
    for (std::size_t seg = 0; seg <= S; ++seg)
      for (std::size_t k = 0; k < rows.size(); ++k) {
        const bool money = k <= n_sh;
        const Cell& cell = tab.cells[seg][k];
        out += fmt::format("{},{},{},{},{}", cmp, seg < S ? s.segments[seg] : "totaal", rows[k],
                           money ? "euro" : "hoeveelheid", cell.suppressed ? "x" : num(cell.value, money));
        if (res.psa.empty()) {
          out += ",,,,,,\n";
        } else if (cell.suppressed) {  // the distribution of a hidden cell is hidden with it
          out += fmt::format(",x,x,x,x,x,{}\n", res.psa[seg][k].n);
        } else {
          const auto& d = res.psa[seg][k];
          out += fmt::format(",{:.6g},{:.6g},{:.6g},{:.6g},{:.4f},{}\n", d.mean, d.median, d.p5, d.p95, d.p_positive, d.n);
        }
      }
  }
  return out;
}

std::string per_kwadrant_table(const Scenario& s, const ReportTables& tables, Lang lang) {
  const Style st = display_style(lang);
  const std::size_t n_sh = s.stakeholders.size(), S = s.segments.size();
  if (S < 2) return "";
  std::string out;
  bool first = true;
  for (std::size_t i = 0; i < tables.segments.size() && i < tables.per_kwadrant.size(); ++i) {
    const auto& res = tables.segments[i];
    const Table& tab = tables.per_kwadrant[i];
    if (!res.difference) continue;
    const bool psa = !res.psa.empty();
    if (first)
      out += fmt::format("\nPer kwadrant: verschil met het nulalternatief, x 1.000 euro (basisrun{}); een effect telt "
                         "in het kwadrant van de persoon in die maand\n",
                         psa ? "; maatschappij ook als gemiddelde [P5, P95] uit de PSA" : "");
    first = false;
    out += fmt::format("{} - nulalternatief\n", alt_id(s, res.alternative));
    Console t;
    t.corner = "kwadrant";
    t.headers = analysis::money_rows(s);
    if (psa) t.headers.emplace_back("PSA_maatschappij [P5, P95]");
    for (const auto& o : s.outcomes) t.headers.push_back(o);
    for (std::size_t seg = 0; seg <= S; ++seg) {
      t.labels.push_back(seg < S ? s.segments[seg] : "totaal");
      const auto& cells = tab.cells[seg];
      auto shown = [&](std::size_t k, const std::string& text) { return cells[k].suppressed ? std::string("x") : text; };
      std::vector<std::string> row;
      for (std::size_t k = 0; k <= n_sh; ++k) row.push_back(shown(k, keur(cells[k].value, st)));
      if (psa) row.push_back(shown(n_sh, keur_interval(res.psa[seg][n_sh], st)));
      for (std::size_t o = 0; o < s.outcomes.size(); ++o) row.push_back(shown(n_sh + 1 + o, fixed(cells[n_sh + 1 + o].value, 1, st)));
      t.cells.push_back(row);
    }
    out += t.render();
  }
  if (!first && !s.outcomes.empty()) out += "  (uitkomsten: extra verdisconteerde hoeveelheden, basisrun)\n";
  return out;
}

std::string per_candidate_table(const Scenario& s, const analysis::PerCandidate& pc, const ReportTables& tables, Lang lang) {
  const Style st = display_style(lang);
  if (pc.base.empty()) return "";
  const bool psa = !pc.psa.empty();
  std::string out = fmt::format(
      "\nPer kandidaat: verschil met het nulalternatief gedeeld door de {} kandidaten in het startbestand, euro{}\n"
      "  (het verschil omvat ook de effecten op de {} personen die binnen de horizon instromen)\n",
      fixed(pc.start_caseload, 0, st), psa ? "; basisrun en gemiddelde [P5, P95] uit de PSA" : " (basisrun)",
      fixed(pc.arrivals, 0, st));
  Console t;
  t.corner = "stakeholder";
  for (std::size_t a = 0; a < pc.base.size(); ++a) {
    t.headers.push_back(alt_id(s, static_cast<int>(a + 1)));
    if (psa) t.headers.emplace_back("PSA [P5, P95]");
  }
  t.labels = analysis::money_rows(s);
  for (std::size_t k = 0; k < t.labels.size(); ++k) {
    std::vector<std::string> row;
    for (std::size_t a = 0; a < pc.base.size(); ++a) {
      // Hidden with the difference it divides (the comparison table's column of a minus the nul).
      const bool hidden = tables.comparison.cells.at(k).at(pc.base.size() + 1 + a).suppressed;
      row.push_back(hidden ? "x" : fixed(pc.base[a][k], 0, st));
      if (psa) row.push_back(hidden ? "x" : euro_interval(pc.psa[a][k], st));
    }
    t.cells.push_back(row);
  }
  return out + t.render();
}

std::string comparison_table(const Scenario& s, const analysis::Comparison& c, const Table& diff, Lang lang) {
  const Style st = display_style(lang);
  const bool psa = !c.psa.empty();
  const std::size_t total = s.categories.size();  // the protected table's "Totaal" row
  std::string out = fmt::format("{} vs {}: NCW van {} min {}, x 1.000 euro (basisrun{})\n", alt_id(s, c.a), alt_id(s, c.b),
                                alt_id(s, c.a), alt_id(s, c.b),
                                psa ? fmt::format("; PSA over {} iteraties; P(beter) = P({} is voor die stakeholder beter)",
                                                  c.psa[0].n, alt_id(s, c.a))
                                    : "");
  Console t;
  t.corner = "stakeholder";
  t.headers = {"basisrun"};
  if (psa) {
    t.headers.emplace_back("PSA_gemiddelde");
    t.headers.emplace_back("PSA_P5");
    t.headers.emplace_back("PSA_P95");
    t.headers.emplace_back("P(beter)");
  }
  t.labels = analysis::money_rows(s);
  for (std::size_t k = 0; k < t.labels.size(); ++k) {
    const Cell& cell = diff.cells[total][k];
    if (cell.suppressed) {  // hidden in every output of the extract, with its distribution
      t.cells.emplace_back(t.headers.size(), "x");
      continue;
    }
    std::vector<std::string> row{keur(cell.value, st)};
    if (psa) {
      row.push_back(keur(c.psa[k].mean, st));
      row.push_back(keur(c.psa[k].p5, st));
      row.push_back(keur(c.psa[k].p95, st));
      // Below a euro in every iteration: no difference, and its sign would be rounding noise.
      const bool none = std::max({std::abs(c.psa[k].mean), std::abs(c.psa[k].p5), std::abs(c.psa[k].p95)}) < 1.0;
      row.push_back(none ? "-" : fixed(c.psa[k].p_positive, 2, st));
    }
    t.cells.push_back(row);
  }
  out += t.render();
  // By category (base case), categories with any effect item only.
  Console bc;
  bc.corner = "stakeholder";
  std::vector<std::size_t> cats;
  for (std::size_t cat = 0; cat < s.categories.size(); ++cat)
    if (std::any_of(s.effects.begin(), s.effects.end(), [&](const EffectSpec& e) {
          return e.item.outcome < 0 && e.item.category == static_cast<int>(cat);
        }))
      cats.push_back(cat);
  for (std::size_t cat : cats) bc.headers.push_back(s.categories[cat]);
  bc.labels = t.labels;
  for (std::size_t k = 0; k < bc.labels.size(); ++k) {
    std::vector<std::string> row;
    for (std::size_t cat : cats) row.push_back(diff.cells[cat][k].suppressed ? "x" : keur(diff.cells[cat][k].value, st));
    bc.cells.push_back(row);
  }
  out += "\nPer categorie (basisrun), x 1.000 euro\n" + bc.render();
  if (any_suppressed(diff))
    out += "  (x: niet gepubliceerd, onthullingsbeheersing zoals in het rapport)\n";
  return out;
}

std::string comparison_csv(const Scenario& s, const analysis::Comparison& c, const Table& diff) {
  std::string out = "vergelijking,stakeholder,categorie,basis,gemiddelde,mediaan,p5,p95,p_a_beter,iteraties\n";
  const std::string cmp = alt_id(s, c.a) + " - " + alt_id(s, c.b);
  const auto rows = analysis::money_rows(s);
  const std::size_t total = s.categories.size();
  auto value = [](const Cell& x) { return x.suppressed ? std::string("x") : num(x.value, true); };
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Cell& cell = diff.cells[total][k];
    out += fmt::format("{},{},totaal,{}", cmp, rows[k], value(cell));
    if (c.psa.empty()) {
      out += ",,,,,,\n";
    } else if (cell.suppressed) {
      out += fmt::format(",x,x,x,x,x,{}\n", c.psa[k].n);
    } else {
      const auto& d = c.psa[k];
      out += fmt::format(",{:.6g},{:.6g},{:.6g},{:.6g},{:.4f},{}\n", d.mean, d.median, d.p5, d.p95, d.p_positive, d.n);
    }
    for (std::size_t cat = 0; cat < s.categories.size(); ++cat)
      out += fmt::format("{},{},{},{},,,,,,\n", cmp, rows[k], s.categories[cat], value(diff.cells[cat][k]));
  }
  return out;
}

}  // namespace mkba::report
