// Builds the report's tables from a run: verdelingstabellen (difference from the nulalternatief)
// per region and gemeente, occupancy per gemeente, indicators, comparison and assumptions, and
// applies disclosure control once over all of them so cells shared between tables agree.
#include <mkba/report/disclosure.hpp>
#include <mkba/report/tables.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mkba::report {

bool Table::column_has_interval(std::size_t c) const {
  return std::any_of(cells.begin(), cells.end(), [&](const auto& row) { return c < row.size() && row[c].interval; });
}

std::string slug(const std::string& name) {
  std::string out;
  for (unsigned char ch : name) {
    if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "gemeente" : out;
}

std::string stakeholder_label(const std::string& id) {
  if (id == "uwv") return "UWV";
  return category_label(id);
}

std::string category_label(const std::string& id) {
  std::string out = id;
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

namespace {

using Grid = std::vector<double>;

struct Shape {
  int T = 0;   // cycles
  int G = 0;   // gemeenten (index G is the region)
  int SH = 0;  // stakeholders
  int C = 0;   // categories
  std::size_t money(int g, int sh, int c) const {
    return (static_cast<std::size_t>(g) * SH + sh) * C + c;
  }
};

double occupancy(const engine::Trace& tr, int t, int g, int s) {
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg)
    sum += tr.occupancy[((static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg) * tr.n_states + s];
  return sum;
}

bool applies(const EffectSpec& e, int alternative) {
  return e.alternatives.empty() ||
         std::find(e.alternatives.begin(), e.alternatives.end(), alternative) != e.alternatives.end();
}

// Persons an item touches in cycle t and gemeente g: those in its states, or making its moves, or
// entering. Used as a lower bound on the distinct persons behind a money cell.
double touched(const engine::ValueItem& it, const engine::Trace& tr, int t, int g) {
  if (t < it.first_cycle || t >= it.last_cycle || t >= tr.n_cycles) return 0;
  if (it.gemeente >= 0 && it.gemeente != g) return 0;
  const int n = tr.n_states;
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg) {
    const std::size_t base = (static_cast<std::size_t>(t) * tr.n_gemeenten + g) * tr.n_segments + seg;
    switch (it.basis) {
      case engine::Basis::per_cycle_in_state:
        for (int s = 0; s < n; ++s)
          if (it.states[s]) sum += tr.occupancy[base * n + s];
        break;
      case engine::Basis::per_entry:
        for (int s = 0; s < n; ++s)
          if (it.states[s]) sum += tr.entries[base * n + s];
        break;
      case engine::Basis::per_transition:
        for (int f = 0; f < n; ++f)
          for (int to = 0; to < n; ++to)
            if (f != to && it.from[f] && it.to[to]) sum += tr.transitions[(base * n + f) * n + to];
        break;
    }
  }
  return sum;
}

// [g][sh][c] (g == G: region) discounted euros of one alternative, summed over cycles.
Grid money_totals(const Shape& sh, const engine::Valued& v) {
  Grid out(static_cast<std::size_t>(sh.G + 1) * sh.SH * sh.C, 0.0);
  for (int t = 0; t < v.n_cycles; ++t)
    for (int g = 0; g < sh.G; ++g)
      for (int k = 0; k < sh.SH; ++k)
        for (int c = 0; c < sh.C; ++c) {
          const double x = v.money[v.money_index(t, g, k, c)];
          out[sh.money(g, k, c)] += x;
          out[sh.money(sh.G, k, c)] += x;
        }
  return out;
}

// [g][sh][c]: the largest number of persons any contributing item touches in one cycle. The persons
// in one cycle are distinct, so this never exceeds the distinct persons behind the cell.
Grid money_basis(const Shape& sh, const Scenario& s, const engine::Trace& tr, int alternative) {
  Grid out(static_cast<std::size_t>(sh.G + 1) * sh.SH * sh.C, 0.0);
  for (const auto& e : s.effects) {
    const auto& it = e.item;
    if (it.outcome >= 0 || !applies(e, alternative)) continue;
    double region = 0;
    std::vector<double> per_g(static_cast<std::size_t>(sh.G), 0.0);
    for (int t = 0; t < tr.n_cycles; ++t) {
      double all = 0;
      for (int g = 0; g < sh.G; ++g) {
        const double x = touched(it, tr, t, g);
        per_g[g] = std::max(per_g[g], x);
        all += x;
      }
      region = std::max(region, all);
    }
    for (int k : {it.payer, it.receiver}) {
      if (k < 0) continue;
      for (int g = 0; g < sh.G; ++g) out[sh.money(g, k, it.category)] = std::max(out[sh.money(g, k, it.category)], per_g[g]);
      out[sh.money(sh.G, k, it.category)] = std::max(out[sh.money(sh.G, k, it.category)], region);
    }
  }
  return out;
}

// A difference reveals something about each side; the smaller non-zero basis is the one at risk.
double diff_basis(double a, double b) {
  if (a <= 0) return b;
  if (b <= 0) return a;
  return std::min(a, b);
}

std::string label_words(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

std::string month_label(YearMonth start, int months) {
  static const char* names[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  const int m0 = start.month - 1 + months;
  return fmt::format("{} {}", names[m0 % 12], start.year + m0 / 12);
}

std::string mask_names(const Scenario& s, const std::vector<std::uint8_t>& mask) {
  std::string out;
  for (std::size_t i = 0; i < mask.size() && i < s.states.size(); ++i)
    if (mask[i]) out += (out.empty() ? "" : ", ") + s.states[i].id;
  return out;
}

std::string basis_text(const Scenario& s, const EffectSpec& e) {
  const auto& it = e.item;
  std::string out;
  switch (it.basis) {
    case engine::Basis::per_cycle_in_state: out = "per maand in " + mask_names(s, it.states); break;
    case engine::Basis::per_entry: out = "per instroom in " + mask_names(s, it.states); break;
    case engine::Basis::per_transition:
      out = "per overgang van " + mask_names(s, it.from) + " naar " + mask_names(s, it.to);
      break;
  }
  if (it.first_cycle > 0 || it.last_cycle < s.time.n_cycles())
    out += fmt::format(" ({} t/m {})", month_label(s.time.start, it.first_cycle * s.time.months_per_cycle),
                       month_label(s.time.start, std::min(it.last_cycle, s.time.n_cycles()) * s.time.months_per_cycle - 1));
  if (it.gemeente >= 0) out += " (alleen " + s.gemeenten[it.gemeente] + ")";
  return out;
}

std::string stakeholder_or_dash(const Scenario& s, int k) {
  return k >= 0 ? stakeholder_label(s.stakeholders[k]) : "-";
}

class Builder {
 public:
  Builder(const Scenario& s, const analysis::RunResult& r, double threshold)
      : s_(s), r_(r), threshold_(threshold) {
    const auto& v0 = r.alternatives.at(0).valued;
    shape_ = {v0.n_cycles, v0.n_gemeenten, v0.n_stakeholders, v0.n_categories};
    for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
      money_.push_back(money_totals(shape_, r.alternatives[a].valued));
      basis_.push_back(money_basis(shape_, s, r.alternatives[a].trace, static_cast<int>(a)));
    }
  }

  ReportTables build() {
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a) verdeling_ids_.push_back(add_verdeling(a));
    for (int a = 0; a < A; ++a) occupancy_ids_.push_back(add_occupancy(a));
    add_comparison();
    d_ = protect(p_, threshold_);

    ReportTables out;
    for (int c = 0; c < p_.size(); ++c) {
      out.suppressed_cells += d_.suppressed[c] ? 1 : 0;
      out.primary_cells += d_.primary[c] ? 1 : 0;
    }
    for (int a = 1; a < A; ++a) out.verdeling.push_back(verdeling_table(a, shape_.G));
    for (int a = 0; a < A; ++a) out.occupancy.push_back(occupancy_table(a, shape_.G));
    for (int g = 0; g < shape_.G; ++g) {
      GemeenteAppendix app;
      app.name = s_.gemeenten[g];
      app.slug = slug(app.name);
      for (int a = 1; a < A; ++a) app.verdeling.push_back(verdeling_table(a, g));
      for (int a = 0; a < A; ++a) app.occupancy.push_back(occupancy_table(a, g));
      out.gemeenten.push_back(std::move(app));
    }
    out.summary = summary_table();
    out.comparison = comparison_table();
    if (A > 2) out.pairwise = pairwise_table();
    out.indicators = indicator_table();
    out.effects = effects_table();
    out.matrix = matrix_table();
    out.overlays = overlays_table();
    out.settings = settings_table();
    return out;
  }

 private:
  const Scenario& s_;
  const analysis::RunResult& r_;
  double threshold_;
  Shape shape_;
  std::vector<Grid> money_, basis_;  // [alternative]
  DisclosureProblem p_;
  Disclosure d_;
  // verdeling_ids_[a-1][g][c][k]: c == C is the total row, k == SH the society column
  std::vector<std::vector<std::vector<std::vector<int>>>> verdeling_ids_;
  std::vector<std::vector<std::vector<std::vector<int>>>> occupancy_ids_;  // [a][g][year][state (N = total)]
  std::vector<std::vector<int>> ncw_ids_;  // [a][k], k == SH: society

  int years() const { return shape_.T * s_.time.months_per_cycle / 12; }
  int cycles_per_year() const { return 12 / s_.time.months_per_cycle; }
  int n_states() const { return static_cast<int>(s_.states.size()); }

  // Adds one table per gemeente and the region, tied by row, column and cross-gemeente totals.
  template <class Value, class Basis, class RowKnown>
  std::vector<std::vector<std::vector<int>>> add_grid(int rows, int cols, Value value, Basis basis, RowKnown row_known,
                                                      bool total_row, bool region_published) {
    const int G = shape_.G;
    std::vector<std::vector<std::vector<int>>> ids(static_cast<std::size_t>(G + 1));
    for (int g = 0; g <= G; ++g) {
      auto& t = ids[g];
      t.assign(static_cast<std::size_t>(rows + (total_row ? 1 : 0)), std::vector<int>(static_cast<std::size_t>(cols + 1), -1));
      for (int i = 0; i < rows; ++i) {
        double sum = 0, b = 0;
        for (int j = 0; j < cols; ++j) {
          const double v = value(g, i, j);
          const double pb = basis(g, i, j, v);
          t[i][j] = p_.add_cell(v, pb);
          sum += v;
          b = std::max(b, pb);
        }
        t[i][cols] = p_.add_cell(sum, basis(g, i, -1, sum) >= 0 ? basis(g, i, -1, sum) : b, row_known(i));
        p_.add_relation(t[i][cols], std::vector<int>(t[i].begin(), t[i].begin() + cols));
      }
      if (total_row) {
        for (int j = 0; j <= cols; ++j) {
          double sum = 0, b = 0;
          std::vector<int> members;
          for (int i = 0; i < rows; ++i) {
            sum += p_.value[t[i][j]];
            b = std::max(b, p_.basis[t[i][j]]);
            members.push_back(t[i][j]);
          }
          t[rows][j] = p_.add_cell(sum, b);
          p_.add_relation(t[rows][j], members);
        }
        p_.add_relation(t[rows][cols], std::vector<int>(t[rows].begin(), t[rows].begin() + cols));
      }
    }
    // The region is the sum of its gemeenten, cell by cell, when its numbers are published.
    if (!region_published) return ids;
    for (std::size_t i = 0; i < ids[G].size(); ++i)
      for (std::size_t j = 0; j < ids[G][i].size(); ++j) {
        std::vector<int> members;
        for (int g = 0; g < G; ++g) members.push_back(ids[g][i][j]);
        p_.add_relation(ids[G][i][j], members);
      }
    return ids;
  }

  // A category of transfers only nets to zero over the stakeholders: its society cell is known.
  bool transfer_only(int category) const {
    return std::none_of(s_.effects.begin(), s_.effects.end(), [&](const EffectSpec& e) {
      return e.item.outcome < 0 && e.item.category == category && !e.item.transfer;
    });
  }

  std::vector<std::vector<std::vector<int>>> add_verdeling(int a) {
    const auto& m1 = money_[a];
    const auto& m0 = money_[0];
    const auto& b1 = basis_[a];
    const auto& b0 = basis_[0];
    return add_grid(
        shape_.C, shape_.SH,
        [&](int g, int c, int k) { return m1[shape_.money(g, k, c)] - m0[shape_.money(g, k, c)]; },
        [&](int g, int c, int k, double) {
          return k < 0 ? -1.0 : diff_basis(b1[shape_.money(g, k, c)], b0[shape_.money(g, k, c)]);
        },
        [&](int c) { return transfer_only(c); }, true, true);
  }

  std::vector<std::vector<std::vector<int>>> add_occupancy(int a) {
    const auto& tr = r_.alternatives[a].trace;
    return add_grid(
        years() + 1, n_states(),
        [&](int g, int y, int st) {
          const int t = y * cycles_per_year();
          if (g < shape_.G) return occupancy(tr, t, g, st);
          double sum = 0;
          for (int h = 0; h < shape_.G; ++h) sum += occupancy(tr, t, h, st);
          return sum;
        },
        // The region's occupancy is only drawn (charts), never printed, so it does not constrain
        // the gemeente tables.
        [&](int, int, int, double v) { return v; }, [](int) { return false; }, false, false);
  }

  // NCW per stakeholder per alternative (region); an alternative = the nul + its difference.
  void add_comparison() {
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 0; a < A; ++a) {
      std::vector<int> ids;
      double society = 0, sb = 0;
      for (int k = 0; k < shape_.SH; ++k) {
        double v = 0, b = 0;
        for (int c = 0; c < shape_.C; ++c) {
          v += money_[a][shape_.money(shape_.G, k, c)];
          b = std::max(b, basis_[a][shape_.money(shape_.G, k, c)]);
        }
        ids.push_back(p_.add_cell(v, b));
        society += v;
        sb = std::max(sb, b);
      }
      ids.push_back(p_.add_cell(society, sb));
      p_.add_relation(ids.back(), std::vector<int>(ids.begin(), ids.end() - 1));
      if (a > 0) {
        const auto& diff = verdeling_ids_[a - 1][shape_.G][shape_.C];  // the region's total row
        for (int k = 0; k <= shape_.SH; ++k) p_.add_relation(ids[k], {ncw_ids_[0][k], diff[k]});
      }
      ncw_ids_.push_back(ids);
    }
  }

  Cell money_cell(int id) const {
    Cell c = Cell::of(Unit::euro, p_.value[id]);
    c.suppressed = d_.suppressed[id];
    return c;
  }
  Cell count_cell(int id) const {
    Cell c = Cell::of(Unit::persons, p_.value[id]);
    c.suppressed = d_.suppressed[id];
    c.below_threshold = d_.primary[id];
    return c;
  }

  std::string where(int g) const { return g == shape_.G ? "regio" : s_.gemeenten[g]; }

  Table verdeling_table(int a, int g) const {
    const auto& alt = r_.alternatives[a];
    Table t;
    t.id = "verdelingstabel-" + slug(alt.id);
    t.title = fmt::format("Verdelingstabel {}: {} minus nulalternatief ({})", where(g), alt.label, r_.alternatives[0].label);
    t.note = fmt::format("Contante waarde in euro, prijspeil {}, discontovoet {}. Positief = baat, negatief = kost.",
                         s_.prijspeil, percent_nl(s_.discount_rate));
    t.corner = "Categorie";
    for (const auto& k : s_.stakeholders) t.columns.push_back(stakeholder_label(k));
    t.columns.push_back("Maatschappij");
    for (const auto& c : s_.categories) t.rows.push_back(category_label(c));
    t.rows.push_back("Totaal");
    t.total_row = t.total_column = true;
    for (const auto& row : verdeling_ids_[a - 1][g]) {
      t.cells.emplace_back();
      for (int id : row) t.cells.back().push_back(money_cell(id));
    }
    return t;
  }

  Table occupancy_table(int a, int g) const {
    const auto& alt = r_.alternatives[a];
    Table t;
    t.id = "bezetting-" + slug(alt.id);
    t.title = fmt::format("Personen per toestand, {}: {}", where(g), alt.label);
    t.note = "Aantal personen aan het begin van de maand (verwachte waarde of gesimuleerd, omgerekend naar werkelijke personen).";
    t.corner = "Maand";
    for (const auto& st : s_.states) t.columns.push_back(st.label.empty() ? st.id : st.label);
    t.columns.push_back("Totaal");
    t.total_column = true;
    const auto& ids = occupancy_ids_[a][g];
    for (std::size_t y = 0; y < ids.size(); ++y) {
      t.rows.push_back(month_label(s_.time.start, static_cast<int>(y) * 12));
      t.cells.emplace_back();
      for (int id : ids[y]) t.cells.back().push_back(count_cell(id));
    }
    return t;
  }

  Table summary_table() const {
    Table t;
    t.id = "samenvatting";
    t.title = "NCW voor de maatschappij per alternatief";
    t.note = fmt::format("Contante waarde in euro over {} jaar, prijspeil {}, discontovoet {}.", s_.time.horizon_years,
                         s_.prijspeil, percent_nl(s_.discount_rate));
    t.corner = "Alternatief";
    t.columns = {"NCW maatschappij", "Verschil met nulalternatief"};
    for (std::size_t a = 0; a < r_.alternatives.size(); ++a) {
      t.rows.push_back(r_.alternatives[a].label + (a == 0 ? " (nulalternatief)" : ""));
      const int id = ncw_ids_[a][shape_.SH];
      t.cells.push_back({money_cell(id), a == 0 ? Cell::of_text("-")
                                                : money_cell(verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH])});
    }
    return t;
  }

  Table comparison_table() const {
    Table t;
    t.id = "vergelijking";
    t.title = "NCW per stakeholder per alternatief en verschil met het nulalternatief";
    t.note = fmt::format("Contante waarde in euro, prijspeil {}, discontovoet {}.", s_.prijspeil, percent_nl(s_.discount_rate));
    t.corner = "Stakeholder";
    for (const auto& a : r_.alternatives) t.columns.push_back(a.label);
    for (std::size_t a = 1; a < r_.alternatives.size(); ++a) t.columns.push_back(r_.alternatives[a].label + " - nul");
    for (int k = 0; k <= shape_.SH; ++k) {
      t.rows.push_back(k < shape_.SH ? stakeholder_label(s_.stakeholders[k]) : "Maatschappij");
      t.cells.emplace_back();
      for (const auto& ids : ncw_ids_) t.cells.back().push_back(money_cell(ids[k]));
      for (const auto& v : verdeling_ids_) t.cells.back().push_back(money_cell(v[shape_.G][shape_.C][k]));
    }
    t.total_row = true;
    return t;
  }

  // Projectalternatief a minus b per stakeholder. Derived from the published differences from the
  // nulalternatief, so hidden when either of them is (else the hidden one would follow).
  Table pairwise_table() const {
    Table t;
    t.id = "paarsgewijs";
    t.title = "Projectalternatieven onderling: NCW-verschil per stakeholder";
    t.note = fmt::format("Contante waarde in euro, prijspeil {}, discontovoet {}. Positief: het eerste alternatief is "
                         "gunstiger voor die stakeholder.", s_.prijspeil, percent_nl(s_.discount_rate));
    t.corner = "Stakeholder";
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a)
      for (int b = a + 1; b < A; ++b) t.columns.push_back(r_.alternatives[a].label + " - " + r_.alternatives[b].label);
    for (int k = 0; k <= shape_.SH; ++k) {
      t.rows.push_back(k < shape_.SH ? stakeholder_label(s_.stakeholders[k]) : "Maatschappij");
      t.cells.emplace_back();
      for (int a = 1; a < A; ++a)
        for (int b = a + 1; b < A; ++b) {
          const int ia = verdeling_ids_[a - 1][shape_.G][shape_.C][k], ib = verdeling_ids_[b - 1][shape_.G][shape_.C][k];
          Cell c = Cell::of(Unit::euro, p_.value[ia] - p_.value[ib]);
          c.suppressed = d_.suppressed[ia] || d_.suppressed[ib];
          t.cells.back().push_back(c);
        }
    }
    t.total_row = true;
    return t;
  }

  // Person-years in work or sheltered work, undiscounted, region.
  std::pair<double, double> work_years(int a) const {
    const auto& tr = r_.alternatives[a].trace;
    double years = 0, peak = 0;
    for (int t = 0; t < shape_.T; ++t) {
      double here = 0;
      for (int st = 0; st < n_states(); ++st)
        if (s_.states[st].kind == StateKind::work || s_.states[st].kind == StateKind::sheltered)
          for (int g = 0; g < shape_.G; ++g) here += occupancy(tr, t, g, st);
      years += here * s_.time.months_per_cycle / 12.0;
      peak = std::max(peak, here);
    }
    return {years, peak};
  }

  // The most persons any item of outcome o touches in one cycle (region).
  double outcome_basis(int a, int o) const {
    const auto& tr = r_.alternatives[a].trace;
    double most = 0;
    for (const auto& e : s_.effects) {
      if (e.item.outcome != o || !applies(e, a)) continue;
      for (int t = 0; t < tr.n_cycles; ++t) {
        double all = 0;
        for (int g = 0; g < shape_.G; ++g) all += touched(e.item, tr, t, g);
        most = std::max(most, all);
      }
    }
    return most;
  }

  Table indicator_table() const {
    Table t;
    t.id = "indicatoren";
    t.title = "Indicatoren: projectalternatief minus nulalternatief (regio)";
    t.note = "Baten en kosten: de categorieen met een positief respectievelijk negatief saldo voor de maatschappij. "
             "Terugverdienjaar: het eerste jaar waarin de cumulatieve NCW voor de maatschappij positief wordt en blijft.";
    t.corner = "Indicator";
    for (std::size_t a = 1; a < r_.alternatives.size(); ++a) t.columns.push_back(r_.alternatives[a].label);
    const int A = static_cast<int>(r_.alternatives.size());
    // Plain variables, not a structured binding: clang 14 cannot capture bindings in lambdas.
    const auto base_work = work_years(0);
    const double base_years = base_work.first;
    const double base_peak = base_work.second;
    const int gemeente_sh = static_cast<int>(std::find(s_.stakeholders.begin(), s_.stakeholders.end(), "gemeente") - s_.stakeholders.begin());

    auto row = [&](std::string label, auto cell) {
      t.rows.push_back(std::move(label));
      t.cells.emplace_back();
      for (int a = 1; a < A; ++a) t.cells.back().push_back(cell(a));
    };
    row("NCW maatschappij (verschil)", [&](int a) { return money_cell(verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]); });
    auto baten_kosten = [&](int a, int which) {
      const auto& ids = verdeling_ids_[a - 1][shape_.G];
      double baten = 0, kosten = 0;
      bool hidden = false;
      for (int c = 0; c < shape_.C; ++c) {
        const int id = ids[c][shape_.SH];
        hidden = hidden || d_.suppressed[id];
        (p_.value[id] >= 0 ? baten : kosten) += p_.value[id];
      }
      Cell cell = which == 0   ? Cell::of(Unit::euro, baten)
                  : which == 1 ? Cell::of(Unit::euro, -kosten)
                               : (kosten < 0 ? Cell::of(Unit::ratio, baten / -kosten) : Cell::of_text("n.v.t."));
      cell.suppressed = hidden;
      return cell;
    };
    row("Baten (contante waarde)", [&](int a) { return baten_kosten(a, 0); });
    row("Kosten (contante waarde)", [&](int a) { return baten_kosten(a, 1); });
    row("Baten/kosten-verhouding", [&](int a) { return baten_kosten(a, 2); });
    row("Terugverdienjaar", [&](int a) {
      std::vector<double> cum(static_cast<std::size_t>(shape_.T), 0.0);
      double run = 0;
      for (int tt = 0; tt < shape_.T; ++tt) {
        for (int g = 0; g < shape_.G; ++g)
          for (int k = 0; k < shape_.SH; ++k)
            for (int c = 0; c < shape_.C; ++c) {
              const auto& v1 = r_.alternatives[a].valued;
              const auto& v0 = r_.alternatives[0].valued;
              run += v1.money[v1.money_index(tt, g, k, c)] - v0.money[v0.money_index(tt, g, k, c)];
            }
        cum[tt] = run;
      }
      int last_negative = -1;
      for (int tt = 0; tt < shape_.T; ++tt)
        if (cum[tt] < 0) last_negative = tt;
      Cell c = last_negative + 1 >= shape_.T
                   ? Cell::of_text("niet binnen de horizon")
                   : Cell::of_text(fmt::format("{}", s_.time.start.year +
                                                         (s_.time.start.month - 1 + (last_negative + 1) * s_.time.months_per_cycle) / 12));
      c.suppressed = d_.suppressed[verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]];
      return c;
    });
    row("Extra persoonsjaren in werk (incl. beschut, onverdisconteerd)", [&](int a) {
      const auto [years, peak] = work_years(a);
      Cell c = Cell::of(Unit::person_years, years - base_years);
      const double b = diff_basis(peak, base_peak);
      c.suppressed = b > 0 && b < threshold_;
      return c;
    });
    if (gemeente_sh < shape_.SH)
      row("Netto kosten gemeente per extra persoonsjaar in werk", [&](int a) {
        const int id = verdeling_ids_[a - 1][shape_.G][shape_.C][gemeente_sh];
        const double extra = work_years(a).first - base_years;
        Cell c = extra > 1e-9 ? Cell::of(Unit::euro, -p_.value[id] / extra) : Cell::of_text("n.v.t.");
        c.suppressed = d_.suppressed[id];
        return c;
      });
    for (int o = 0; o < static_cast<int>(s_.outcomes.size()); ++o)
      row(fmt::format("Extra {} (verdisconteerd)", label_words(s_.outcomes[o])), [&](int a) {
        double diff = 0;
        const auto& v1 = r_.alternatives[a].valued;
        const auto& v0 = r_.alternatives[0].valued;
        for (int tt = 0; tt < v1.n_cycles; ++tt)
          for (int g = 0; g < v1.n_gemeenten; ++g) {
            const std::size_t i = (static_cast<std::size_t>(tt) * v1.n_gemeenten + g) * v1.n_outcomes + o;
            diff += v1.outcomes[i] - v0.outcomes[i];
          }
        Cell c = Cell::of(Unit::person_years, diff);
        const double b = diff_basis(outcome_basis(a, o), outcome_basis(0, o));
        c.suppressed = b > 0 && b < threshold_;
        return c;
      });
    return t;
  }

  Table effects_table() const {
    Table t;
    t.id = "effecten";
    t.title = "Gewaardeerde effecten (aannames)";
    t.note = "Bedragen in euro per persoon per maand of per gebeurtenis, prijspeil " + std::to_string(s_.prijspeil) +
             "; uitkomsten in hun eigen eenheid. Reeel: gebruikt of schept middelen; overdracht: de een betaalt wat de ander ontvangt.";
    t.corner = "Effect";
    t.columns = {"Bedrag", "Grondslag", "Categorie / uitkomst", "Betaler", "Ontvanger", "Soort", "Alternatieven", "Bron"};
    for (const auto& e : s_.effects) {
      const auto& it = e.item;
      t.rows.push_back(e.name);
      std::string alts;
      if (e.alternatives.empty()) alts = "alle";
      for (int a : e.alternatives) alts += (alts.empty() ? "" : ", ") + s_.alternatives[a].id;
      const bool outcome = it.outcome >= 0;
      t.cells.push_back({Cell::of(Unit::quantity, it.amount), Cell::of_text(basis_text(s_, e)),
                         Cell::of_text(outcome ? "uitkomst: " + s_.outcomes[it.outcome] : category_label(s_.categories[it.category])),
                         Cell::of_text(outcome ? "-" : stakeholder_or_dash(s_, it.payer)),
                         Cell::of_text(outcome ? "-" : stakeholder_or_dash(s_, it.receiver)),
                         Cell::of_text(outcome ? "uitkomst" : it.transfer ? "overdracht" : "reeel"), Cell::of_text(alts),
                         Cell::of_text(e.source.empty() ? "-" : e.source)});
    }
    return t;
  }

  Table matrix_table() const {
    Table t;
    t.id = "overgangskansen";
    t.title = s_.cycle_matrix_given ? "Overgangskansen per cyclus, nulalternatief" : "Overgangskansen per maand, nulalternatief";
    t.note = "Rij: toestand aan het begin van de maand; kolom: toestand aan het begin van de volgende.";
    t.corner = "Van \\ naar";
    for (const auto& st : s_.states) t.columns.push_back(st.id);
    for (int i = 0; i < n_states(); ++i) {
      t.rows.push_back(s_.states[i].id);
      t.cells.emplace_back();
      for (int j = 0; j < n_states(); ++j)
        t.cells.back().push_back(Cell::of(Unit::probability, i < s_.monthly.rows() && j < s_.monthly.cols() ? s_.monthly(i, j) : 0.0));
    }
    return t;
  }

  Table overlays_table() const {
    Table t;
    t.id = "projectalternatieven";
    t.title = "Projectalternatieven: wijzigingen ten opzichte van het nulalternatief";
    t.corner = "Alternatief";
    t.columns = {"Van", "Naar", "Soort", "Waarde", "Periode", "Omschrijving"};
    for (std::size_t a = 1; a < s_.alternatives.size(); ++a) {
      const auto& alt = s_.alternatives[a];
      if (alt.overlays.empty()) {
        t.rows.push_back(alt.label);
        t.cells.push_back({Cell::of_text("-"), Cell::of_text("-"), Cell::of_text("-"), Cell::of_text("-"), Cell::of_text("-"),
                           Cell::of_text(alt.description)});
      }
      for (const auto& ov : alt.overlays) {
        t.rows.push_back(alt.label);
        const std::string period =
            ov.first_month == 0 && ov.last_month < 0
                ? "hele horizon"
                : month_label(s_.time.start, ov.first_month) + " t/m " +
                      (ov.last_month < 0 ? "einde" : month_label(s_.time.start, ov.last_month - 1));
        t.cells.push_back({Cell::of_text(s_.states[ov.from].id), Cell::of_text(s_.states[ov.to].id),
                           Cell::of_text(ov.kind == TransitionOverlay::Kind::relative_risk ? "relatief risico" : "kans"),
                           Cell::of(Unit::quantity, ov.value), Cell::of_text(period), Cell::of_text(alt.description)});
      }
    }
    return t;
  }

  Table settings_table() const {
    Table t;
    t.id = "instellingen";
    t.title = "Uitgangspunten van de berekening";
    t.corner = "Uitgangspunt";
    t.columns = {"Waarde"};
    auto add = [&](std::string k, std::string v) {
      t.rows.push_back(std::move(k));
      t.cells.push_back({Cell::of_text(std::move(v))});
    };
    add("Scenario", s_.name);
    add("Rapportageperiode", s_.period.empty() ? "-" : s_.period);
    add("Prijspeil", std::to_string(s_.prijspeil));
    add("Discontovoet", percent_nl(s_.discount_rate));
    for (std::size_t o = 0; o < s_.outcomes.size() && o < s_.outcome_discount_rates.size(); ++o)
      add("Discontovoet " + s_.outcomes[o], percent_nl(s_.outcome_discount_rates[o]));
    std::string sens;
    for (double x : s_.sensitivity_rates) sens += (sens.empty() ? "" : "; ") + percent_nl(x);
    add("Discontovoeten gevoeligheidsanalyse", sens.empty() ? "-" : sens);
    add("Start", month_label(s_.time.start, 0));
    add("Horizon", fmt::format("{} jaar", s_.time.horizon_years));
    add("Cyclus", s_.time.months_per_cycle == 1 ? "maand" : fmt::format("{} maanden", s_.time.months_per_cycle));
    add("Waardering van een maand",
        s_.time.counting == engine::Counting::start ? "toestand aan het begin"
        : s_.time.counting == engine::Counting::end ? "toestand aan het eind"
                                                    : "gemiddelde van begin en eind");
    std::string gem;
    for (const auto& g : s_.gemeenten) gem += (gem.empty() ? "" : ", ") + g;
    add("Gemeenten", gem);
    add("Startbestand (personen, regio)", count_nl(s_.start_population()));
    double inflow = 0;
    for (const auto& f : s_.inflow) inflow += f.per_month;
    add("Instroom per maand (regio, maximaal)", count_nl(inflow));
    add("Rekenwijze", r_.mode == analysis::Mode::cohort ? "cohort (verwachte waarden, Markov-trace)" : "microsimulatie (Monte Carlo)");
    if (r_.mode == analysis::Mode::microsim) {
      add("Gesimuleerde personen", std::to_string(r_.simulated_persons));
      add("Seed", std::to_string(r_.seed));
    }
    add("Onthullingsdrempel", fmt::format("{} personen", count_nl(threshold_)));
    return t;
  }
};

}  // namespace

ReportTables build_tables(const Scenario& s, const analysis::RunResult& r, double threshold) {
  return Builder(s, r, threshold).build();
}

}  // namespace mkba::report
