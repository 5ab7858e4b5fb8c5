// The bestandsanalyse as a console overview and as CSV. Every count passes through shown_count,
// so no cell below the disclosure threshold is printed anywhere, and no cell that BestandHidden
// marks (secondary suppression, decided in report/ by report::protect) is printed either.
#include "csv.hpp"

#include <mkba/models/bestand.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace mkba {

std::string distance_bin_label(int bin) {
  if (bin == 0) return "onbekend";
  const int lo = (bin - 1) * 5;  // tenths
  return fmt::format("{},{}-{},{}", lo / 10, lo % 10, (lo + 5) / 10, (lo + 5) % 10);
}

std::string risk_bin_label(int bin) {
  return bin == kRiskBins - 1 ? fmt::format("{}+", bin) : std::to_string(bin);
}

std::string kwadrant_label(int k) {
  switch (k) {
    case 1: return "1 dichtbij werk, laag risico";
    case 2: return "2 dichtbij werk, hoog risico";
    case 3: return "3 ver van werk, laag risico";
    case 4: return "4 ver van werk, hoog risico";
    default: return "onbekend";
  }
}

std::string shown_count(std::int64_t n, int small_cell) {
  return n < small_cell ? fmt::format("<{}", small_cell) : std::to_string(n);
}

std::string shown_count(std::int64_t n, int small_cell, bool hidden) {
  return n < small_cell ? fmt::format("<{}", small_cell) : hidden ? "x" : std::to_string(n);
}

namespace {

// A flag of a BestandHidden vector; g = -1 is the region (index G); empty vector: nothing hidden.
bool flag(const std::vector<bool>& v, std::size_t i) { return i < v.size() && v[i]; }

std::string share_text(std::int64_t part, std::int64_t whole, int small_cell, bool comma) {
  if (part < small_cell || whole < small_cell || whole - part < small_cell) return "-";
  std::string s = fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  if (comma) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// Columns: the first left-aligned, the rest right-aligned, widths from the content.
std::string render(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], r[c].size());
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      if (c == 0) line += fmt::format("{:<{}}", r[c], width[c]);
      else line += fmt::format("  {:>{}}", r[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

// The states anyone in the extract is in: the others would only add columns of "<10".
std::vector<int> present_states(const Bestand& b) {
  std::vector<int> out;
  const int ng = static_cast<int>(b.gemeenten.size()), ns = static_cast<int>(b.states.size());
  for (int s = 0; s < ns; ++s) {
    std::int64_t n = 0;
    for (int g = 0; g < ng; ++g)
      for (int k = 0; k < kKwadranten; ++k) n += b.cell(g, k, s);
    if (n > 0) out.push_back(s);
  }
  return out;
}

// g = -1: the whole region.
std::int64_t cell_of(const Bestand& b, int g, int k, int s) {
  if (g >= 0) return b.cell(g, k, s);
  std::int64_t n = 0;
  for (int h = 0; h < static_cast<int>(b.gemeenten.size()); ++h) n += b.cell(h, k, s);
  return n;
}

std::int64_t hist_of(const std::vector<std::int64_t>& hist, int bins, int g, int bin, std::size_t ng) {
  if (g >= 0) return hist[static_cast<std::size_t>(g) * static_cast<std::size_t>(bins) + static_cast<std::size_t>(bin)];
  std::int64_t n = 0;
  for (std::size_t h = 0; h < ng; ++h) n += hist[h * static_cast<std::size_t>(bins) + static_cast<std::size_t>(bin)];
  return n;
}

std::int64_t sum_of(const std::vector<std::int64_t>& v, int g) {
  return g >= 0 ? v[static_cast<std::size_t>(g)] : std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

std::string gemeente_name(const Bestand& b, int g) {
  return g >= 0 ? b.gemeenten[static_cast<std::size_t>(g)] : "regio (totaal)";
}

std::vector<int> gemeente_order(const Bestand& b) {
  std::vector<int> out;
  for (int g = 0; g < static_cast<int>(b.gemeenten.size()); ++g) out.push_back(g);
  out.push_back(-1);
  return out;
}

std::size_t row_of(const Bestand& b, int g) { return g >= 0 ? static_cast<std::size_t>(g) : b.gemeenten.size(); }

// Kwadrant table cell as printed; k == kKwadranten / s == S are the totals.
std::string kw_text(const Bestand& b, const BestandHidden& h, int g, int k, int s, std::int64_t n) {
  const int G = static_cast<int>(row_of(b, g));
  return shown_count(n, b.small_cell, flag(h.kwadrant, BestandHidden::kw_index(b.states.size(), G, k, s)));
}

std::string kwadrant_table(const Bestand& b, const BestandHidden& h, int g, const std::vector<int>& states) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"kwadrant"};
  for (int s : states) head.push_back(b.states[static_cast<std::size_t>(s)]);
  head.push_back("totaal");
  rows.push_back(head);
  std::vector<std::int64_t> col_total(states.size(), 0);
  const int S = static_cast<int>(b.states.size());
  for (int k : {1, 2, 3, 4, 0}) {
    std::vector<std::string> row{kwadrant_label(k)};
    std::int64_t total = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
      const std::int64_t n = cell_of(b, g, k, states[i]);
      row.push_back(kw_text(b, h, g, k, states[i], n));
      total += n;
      col_total[i] += n;
    }
    row.push_back(kw_text(b, h, g, k, S, total));
    rows.push_back(row);
  }
  std::vector<std::string> last{"totaal"};
  for (std::size_t i = 0; i < states.size(); ++i) last.push_back(kw_text(b, h, g, kKwadranten, states[i], col_total[i]));
  last.push_back(kw_text(b, h, g, kKwadranten, S, std::accumulate(col_total.begin(), col_total.end(), std::int64_t{0})));
  rows.push_back(last);
  return render(rows);
}

std::string hist_table(const Bestand& b, const std::vector<std::int64_t>& hist, const std::vector<bool>& hidden, int bins,
                       std::string (*label)(int)) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"gemeente"};
  for (int i = 0; i < bins; ++i) head.push_back(label(i));
  rows.push_back(head);
  for (int g : gemeente_order(b)) {
    std::vector<std::string> row{gemeente_name(b, g)};
    for (int i = 0; i < bins; ++i)
      row.push_back(shown_count(hist_of(hist, bins, g, i, b.gemeenten.size()), b.small_cell,
                                flag(hidden, row_of(b, g) * static_cast<std::size_t>(bins) + static_cast<std::size_t>(i))));
    rows.push_back(row);
  }
  return render(rows);
}

// One row of the screening table: personen, gescreend, share, ontheffing, share. A share is
// printed only when both its counts are (a share next to a printed total would reveal a hidden count).
std::vector<std::string> screening_row(const Bestand& b, const BestandHidden& h, int g, bool comma) {
  const auto n = sum_of(b.per_gemeente, g), recent = sum_of(b.screened_recent, g), exempt = sum_of(b.ontheffing, g);
  const std::size_t G = row_of(b, g);
  const bool hn = flag(h.kwadrant, BestandHidden::kw_index(b.states.size(), static_cast<int>(G), kKwadranten, static_cast<int>(b.states.size())));
  const bool hr = flag(h.recent, G), he = flag(h.ontheffing, G);
  return {shown_count(n, b.small_cell, hn), shown_count(recent, b.small_cell, hr),
          hn || hr ? "-" : share_text(recent, n, b.small_cell, comma), shown_count(exempt, b.small_cell, he),
          hn || he ? "-" : share_text(exempt, n, b.small_cell, comma)};
}

}  // namespace

std::string shown_share(std::int64_t part, std::int64_t whole, int small_cell) {
  return share_text(part, whole, small_cell, true);
}

std::string bestand_table(const Bestand& b, const BestandHidden& h) {
  const auto states = present_states(b);
  const int S = static_cast<int>(b.states.size());
  std::string out = fmt::format(
      "Bestandsanalyse, peildatum {}: {} personen{}. Aantallen onder {} worden getoond als \"<{}\"; \"x\": niet "
      "gepubliceerd (af te leiden uit totalen), \"-\": aandeel niet gepubliceerd.\n",
      b.peildatum.str(), kw_text(b, h, -1, kKwadranten, S, b.persons),
      b.skipped > 0 ? fmt::format(" ({} rijen overgeslagen)", b.skipped) : "", b.small_cell, b.small_cell);
  for (int g : gemeente_order(b)) {
    out += fmt::format("\nKwadrant x status: {}\n", gemeente_name(b, g));
    out += kwadrant_table(b, h, g, states);
  }
  out += fmt::format("\nAfstand tot werk (0 = volledig zelfredzaam op de werkdomeinen, 4 = acuut probleem; "
                     "ver van werk vanaf {:g})\n", b.rule.far_from_work_at);
  out += hist_table(b, b.distance_hist, h.distance, kDistanceBins, distance_bin_label);
  out += fmt::format("\nEscalatierisico (punten; hoog risico vanaf {:g})\n", b.rule.high_risk_at);
  out += hist_table(b, b.risk_hist, h.risk, kRiskBins, risk_bin_label);

  std::vector<std::vector<std::string>> rows{
      {"gemeente", "personen", "gescreend < 12 mnd", "%", "ontheffing", "%"}};
  for (int g : gemeente_order(b)) {
    auto row = screening_row(b, h, g, true);
    row.insert(row.begin(), gemeente_name(b, g));
    rows.push_back(row);
  }
  out += fmt::format("\nGescreend in de twaalf maanden tot {} en ontheffing\n", b.peildatum.str());
  out += render(rows);
  return out;
}

std::vector<std::pair<std::string, std::string>> bestand_csv(const Bestand& b, const BestandHidden& h) {
  using detail::csv_field;
  const auto states = present_states(b);
  std::vector<std::pair<std::string, std::string>> files;

  std::string k = "gemeente,kwadrant,status,personen\n";
  for (int g : gemeente_order(b))
    for (int kw : {1, 2, 3, 4, 0})
      for (int s : states)
        k += fmt::format("{},{},{},{}\n", csv_field(gemeente_name(b, g), ','), kw == 0 ? "onbekend" : std::to_string(kw),
                         csv_field(b.states[static_cast<std::size_t>(s)], ','),
                         kw_text(b, h, g, kw, s, cell_of(b, g, kw, s)));
  files.emplace_back("bestand_kwadranten.csv", k);

  // Machine-readable: decimal points in the CSV labels ("0.5-1.0"), commas only on screen.
  auto point = [](std::string label) {
    std::replace(label.begin(), label.end(), ',', '.');
    return label;
  };
  auto hist_csv = [&](const std::vector<std::int64_t>& hist, const std::vector<bool>& hidden, int bins, std::string (*label)(int),
                      const char* what) {
    std::string t = fmt::format("gemeente,{},personen\n", what);
    for (int g : gemeente_order(b))
      for (int i = 0; i < bins; ++i)
        t += fmt::format("{},{},{}\n", csv_field(gemeente_name(b, g), ','), point(label(i)),
                         shown_count(hist_of(hist, bins, g, i, b.gemeenten.size()), b.small_cell,
                                     flag(hidden, row_of(b, g) * static_cast<std::size_t>(bins) + static_cast<std::size_t>(i))));
    return t;
  };
  files.emplace_back("bestand_afstand.csv", hist_csv(b.distance_hist, h.distance, kDistanceBins, distance_bin_label, "afstand_tot_werk"));
  files.emplace_back("bestand_escalatie.csv", hist_csv(b.risk_hist, h.risk, kRiskBins, risk_bin_label, "escalatierisico"));

  std::string sc = "gemeente,peildatum,personen,gescreend_12_maanden,aandeel_gescreend_pct,ontheffing,aandeel_ontheffing_pct\n";
  for (int g : gemeente_order(b)) {
    const auto r = screening_row(b, h, g, false);
    sc += fmt::format("{},{},{},{},{},{},{}\n", csv_field(gemeente_name(b, g), ','), b.peildatum.str(), r[0], r[1], r[2], r[3], r[4]);
  }
  files.emplace_back("bestand_screening.csv", sc);
  return files;
}

}  // namespace mkba
