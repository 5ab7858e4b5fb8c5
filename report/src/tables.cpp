// Builds the report's tables from a run: verdelingstabellen (difference from the nulalternatief)
// per region and gemeente, occupancy per gemeente, indicators, comparison and assumptions, and
// applies disclosure control once over all of them so cells shared between tables agree.
#include <mkba/analysis/indicators.hpp>
#include <mkba/analysis/per_gemeente.hpp>
#include <mkba/report/bestand_disclosure.hpp>
#include <mkba/report/disclosure.hpp>
#include <mkba/models/bestand.hpp>
#include <mkba/models/effect_scope.hpp>
#include <mkba/models/screening_population.hpp>
#include <mkba/report/tables.hpp>
#include <mkba/report/werkbedrijf_table.hpp>

#include <mkba/analysis/over_time.hpp>
#include <mkba/analysis/work.hpp>

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

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

// Persons an item touches in cycle t and gemeente g: those in its states, or making its moves, or
// entering. Used as a lower bound on the distinct persons behind a money cell.
// `segment` >= 0: only the persons in that segment (kwadrant).
double touched(const engine::ValueItem& it, const engine::Trace& tr, int t, int g, int segment = -1) {
  if (t < it.first_cycle || t >= it.last_cycle || t >= tr.n_cycles) return 0;
  if (it.gemeente >= 0 && it.gemeente != g) return 0;
  const int n = tr.n_states;
  double sum = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg) {
    if (segment >= 0 && seg != segment) continue;
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
    if (e.item.outcome >= 0 || !effect_applies(s, e, alternative)) continue;
    const engine::ValueItem it = compiled_effect(s, e, alternative);
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

std::string month_label(YearMonth start, int months, Lang lang = Lang::nl) {
  static const char* names[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  static const char* names_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int m0 = start.month - 1 + months;
  return fmt::format("{} {}", (lang == Lang::en ? names_en : names)[m0 % 12], start.year + m0 / 12);
}

std::string mask_names(const Scenario& s, const std::vector<std::uint8_t>& mask) {
  std::string out;
  for (std::size_t i = 0; i < mask.size() && i < s.states.size(); ++i)
    if (mask[i]) out += (out.empty() ? "" : ", ") + s.states[i].id;
  return out;
}

std::string basis_text(const Scenario& s, const EffectSpec& e, Lang lang) {
  // The window as the valuation uses it (cycles; the alternative does not change it).
  const engine::ValueItem it = compiled_effect(s, e, 0);
  std::string out;
  switch (it.basis) {
    case engine::Basis::per_cycle_in_state:
      out = tr(lang, e.per_months == 1 ? "per maand in " : e.per_months == 12 ? "per jaar in " : "per cyclus in ") +
            mask_names(s, it.states);
      break;
    case engine::Basis::per_entry: out = tr(lang, "per instroom in ") + mask_names(s, it.states); break;
    case engine::Basis::per_transition:
      out = tr(lang, "per overgang van ") + mask_names(s, it.from) + tr(lang, " naar ") + mask_names(s, it.to);
      break;
  }
  // `it`'s window is in cycles (compiled_effect()); printed as the months those cycles cover.
  const int m = s.time.months_per_cycle, n = s.time.n_cycles();
  if (it.first_cycle > 0 || it.last_cycle < n)
    out += fmt::format(fmt::runtime(tr(lang, " ({} t/m {})")), month_label(s.time.start, it.first_cycle * m, lang),
                       month_label(s.time.start, std::min(it.last_cycle, n) * m - 1, lang));
  if (it.gemeente >= 0) out += tr(lang, " (alleen ") + s.gemeenten[it.gemeente] + ")";
  return out;
}

std::string stakeholder_or_dash(const Scenario& s, int k, Lang lang) {
  return k >= 0 ? tr(lang, stakeholder_label(s.stakeholders[k])) : "-";
}

class Builder {
 public:
  Builder(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o)
      : s_(s), r_(r), threshold_(o.threshold), lang_(o.lang), tornado_(o.tornado) {
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
    add_segments();
    add_gemeente_ncw();
    add_bestand();
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
      app.ncw = gemeente_ncw_table(g);
      if (A > 1) app.indicators = gemeente_indicator_table(g);
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
    out.parameters = parameters_table();
    if (!bestand_ids_.empty()) {
      out.bestand_gemeenten = bestand_gemeenten_table();
      out.bestand_toestanden = bestand_toestanden_table();
    }
    rate_variants_ = analysis::discount_variants(s_, r_);
    if (!s_.sensitivity_rates.empty() && A > 1) out.rates = rates_table();
    if (tornado_ && A > 1) out.tornado = tornado_table();
    out.tornado_cohort = tornado_cohort();
    out.rate_variants = rate_variants_;
    for (int a = 0; a < A; ++a)
      out.society_cumulative.push_back(analysis::cumulative(analysis::society_by_cycle(r_.alternatives[a].valued)));
    for (int a = 1; a < A; ++a) {
      out.by_year.push_back(analysis::difference_by_period(s_, r_, a, false));
      out.by_semester.push_back(analysis::difference_by_period(s_, r_, a, true));
    }
    out.segments = segments_;
    for (std::size_t i = 0; i < segments_.size(); ++i) out.per_kwadrant.push_back(per_kwadrant_table(i));
    if (!r_.psa.empty()) {
      out.psa_indicators = analysis::psa_indicators(s_, r_);
      add_intervals(out);
    }
    out.lang = lang_;
    for (Table* t : {&out.summary, &out.comparison, &out.indicators, &out.effects, &out.matrix, &out.overlays,
                     &out.settings, &out.parameters})
      t->lang = lang_;
    for (auto* o : {&out.pairwise, &out.bestand_gemeenten, &out.bestand_toestanden, &out.rates, &out.tornado})
      if (*o) (*o)->lang = lang_;
    for (auto& t : out.verdeling) t.lang = lang_;
    for (auto& t : out.per_kwadrant) t.lang = lang_;
    for (auto& t : out.occupancy) t.lang = lang_;
    for (auto& g : out.gemeenten) {
      g.ncw.lang = lang_;
      if (g.indicators) g.indicators->lang = lang_;
      for (auto& t : g.verdeling) t.lang = lang_;
      for (auto& t : g.occupancy) t.lang = lang_;
    }
    return out;
  }

 private:
  const Scenario& s_;
  const analysis::RunResult& r_;
  double threshold_;
  Lang lang_;
  const std::optional<std::vector<analysis::TornadoBar>>& tornado_;
  // bestand_ids_[g][k] (g == G: region total row, k == kKwadranten: total column);
  // bestand_state_ids_[k][st] (k == kKwadranten: total row, st == N: total column)
  std::vector<std::vector<int>> bestand_ids_, bestand_state_ids_;

  std::string L(const std::string& nl) const { return tr(lang_, nl); }
  template <class... A>
  std::string F(const std::string& nl, A&&... a) const {
    return fmt::format(fmt::runtime(tr(lang_, nl)), std::forward<A>(a)...);
  }
  std::string pct(double rate) const { return percent_text(rate, lang_); }
  std::string month(int months) const { return month_label(s_.time.start, months, lang_); }
  std::string L_stakeholder(const std::string& id) const { return L(stakeholder_label(id)); }
  Shape shape_;
  std::vector<Grid> money_, basis_;  // [alternative]
  DisclosureProblem p_;
  Disclosure d_;
  // verdeling_ids_[a-1][g][c][k]: c == C is the total row, k == SH the society column
  std::vector<std::vector<std::vector<std::vector<int>>>> verdeling_ids_;
  std::vector<std::vector<std::vector<std::vector<int>>>> occupancy_ids_;  // [a][g][year][state (N = total)]
  std::vector<std::vector<int>> ncw_ids_;  // [a][k], k == SH: society
  std::vector<analysis::SegmentResult> segments_;  // analysis::per_segment()
  std::vector<analysis::RateVariant> rate_variants_;  // analysis::discount_variants()
  std::vector<std::vector<std::vector<int>>> segment_ids_;  // [result][segment (S: total)][row]

  // [segment][row] persons behind alternative a's per-kwadrant cells: per stakeholder (payer or
  // receiver), society (the most of them) and outcome, the most persons any item touches in one
  // cycle in that segment (region).
  std::vector<std::vector<double>> segment_basis(int a) const {
    const int S = static_cast<int>(s_.segments.size()), SH = shape_.SH, O = static_cast<int>(s_.outcomes.size());
    const auto& tr = r_.alternatives[a].trace;
    std::vector<std::vector<double>> out(static_cast<std::size_t>(S), std::vector<double>(static_cast<std::size_t>(SH + 1 + O), 0.0));
    for (const auto& e : s_.effects) {
      if (!effect_applies(s_, e, a)) continue;
      const engine::ValueItem it = compiled_effect(s_, e, a);
      for (int seg = 0; seg < S; ++seg) {
        double most = 0;
        for (int t = 0; t < tr.n_cycles; ++t) {
          double all = 0;
          for (int g = 0; g < shape_.G; ++g) all += touched(it, tr, t, g, seg);
          most = std::max(most, all);
        }
        auto& row = out[static_cast<std::size_t>(seg)];
        auto raise = [&](int col) { row[static_cast<std::size_t>(col)] = std::max(row[static_cast<std::size_t>(col)], most); };
        if (e.item.outcome >= 0) {
          raise(SH + 1 + e.item.outcome);
          continue;
        }
        for (int k : {it.payer, it.receiver})
          if (k >= 0) raise(k);
        raise(SH);
      }
    }
    return out;
  }

  // per-kwadrant.csv's cells: per result (alternative or difference) a segment x row grid whose
  // rows add up over the segments to the total, and whose society cell is the sum of the
  // stakeholders'. The total's money cells are the comparison's (levels) and the region
  // verdelingstabel's total row (differences); the total's outcomes are the indicator table's.
  void add_segments() {
    const int S = static_cast<int>(s_.segments.size()), SH = shape_.SH, O = static_cast<int>(s_.outcomes.size());
    if (r_.alternatives.front().trace.n_segments != S) return;
    segments_ = analysis::per_segment(s_, r_);
    std::vector<std::vector<std::vector<double>>> basis;
    for (std::size_t a = 0; a < r_.alternatives.size(); ++a) basis.push_back(segment_basis(static_cast<int>(a)));
    for (const auto& res : segments_) {
      const int a = res.alternative;
      std::vector<std::vector<int>> ids(static_cast<std::size_t>(S) + 1, std::vector<int>(static_cast<std::size_t>(SH + 1 + O), -1));
      for (int seg = 0; seg < S; ++seg) {
        for (int k = 0; k < SH + 1 + O; ++k) {
          const double b1 = basis[static_cast<std::size_t>(a)][seg][k];
          const double b = res.difference ? diff_basis(b1, basis[0][seg][k]) : b1;
          ids[seg][k] = p_.add_cell(res.base[seg][k], b);
        }
        p_.add_relation(ids[seg][SH], std::vector<int>(ids[seg].begin(), ids[seg].begin() + SH));
      }
      for (int k = 0; k <= SH; ++k)
        ids[S][k] = res.difference ? verdeling_ids_[a - 1][shape_.G][shape_.C][k] : ncw_ids_[a][k];
      for (int o = 0; o < O; ++o) {
        const double b1 = outcome_basis(a, o);
        ids[S][SH + 1 + o] = p_.add_cell(res.base[S][SH + 1 + o], res.difference ? diff_basis(b1, outcome_basis(0, o)) : b1);
      }
      if (S > 0)
        for (int k = 0; k < SH + 1 + O; ++k) {
          std::vector<int> members;
          for (int seg = 0; seg < S; ++seg) members.push_back(ids[seg][k]);
          p_.add_relation(ids[S][k], members);
        }
      segment_ids_.push_back(std::move(ids));
    }
    // An alternative's outcome totals (uitkomsten.csv) are the nul's plus its difference, as its money
    // is (add_comparison), so the levels cannot give away a hidden difference.
    const std::size_t A = r_.alternatives.size();
    if (segment_ids_.size() == 2 * A - 1)
      for (std::size_t a = 1; a < A; ++a)
        for (int o = 0; o < O; ++o) {
          const std::size_t col = static_cast<std::size_t>(SH) + 1 + static_cast<std::size_t>(o);
          p_.add_relation(segment_ids_[a].back()[col], {segment_ids_[0].back()[col], segment_ids_[A + a - 1].back()[col]});
        }
  }

  // The id of the protected cell of projectalternatief a minus the nul for outcome o (region), or -1.
  int outcome_difference_id(int a, int o) const {
    for (std::size_t i = 0; i < segments_.size(); ++i)
      if (segments_[i].difference && segments_[i].alternative == a) return segment_ids_[i].back()[static_cast<std::size_t>(shape_.SH) + 1 + static_cast<std::size_t>(o)];
    return -1;
  }

  Table per_kwadrant_table(std::size_t i) const {
    const auto& res = segments_[i];
    const auto& alt = r_.alternatives[static_cast<std::size_t>(res.alternative)];
    Table t;
    t.id = "per-kwadrant-" + slug(alt.id) + (res.difference ? "-verschil" : "");
    t.title = res.difference ? F("Per kwadrant: {} minus nulalternatief ({})", alt.label, r_.alternatives[0].label)
                             : F("Per kwadrant: {}", alt.label);
    t.corner = L("Kwadrant");
    for (const auto& k : s_.stakeholders) t.columns.push_back(L_stakeholder(k));
    t.columns.push_back(L("Maatschappij"));
    for (const auto& o : s_.outcomes) t.columns.push_back(label_words(o));
    for (const auto& seg : s_.segments) t.rows.push_back(seg);
    t.rows.push_back(L("Totaal"));
    t.total_row = true;
    const int SH = shape_.SH;
    for (const auto& row : segment_ids_[i]) {
      t.cells.emplace_back();
      for (std::size_t k = 0; k < row.size(); ++k) {
        Cell c = money_cell(row[k]);
        if (static_cast<int>(k) > SH) c.unit = Unit::person_years;
        t.cells.back().push_back(c);
      }
    }
    return t;
  }

  std::vector<analysis::GemeenteResult> per_gemeente_;       // analysis::per_gemeente(), [g]
  std::vector<std::vector<std::vector<int>>> gemeente_ncw_ids_;  // [g][a][k], k == SH: society

  std::string state_label(int st) const {
    const auto& x = s_.states[static_cast<std::size_t>(st)];
    if (lang_ == Lang::en && !x.label_en.empty()) return x.label_en;
    return x.label.empty() ? x.id : x.label;
  }

  // The starting caseload of a screening file: the bestandsanalyse's own cells (the Bestand the
  // loader made of the extract, as `mkba bestand` makes it), with the pattern
  // report::bestand_disclosure decides for it at this threshold. Its cells and relations enter the
  // problem fixed: published ones as known, hidden ones as forced, so both commands hide the same
  // cells and the report can only hide more of its own cells around them. The first row of every
  // alternative's occupancy tables (the same persons per gemeente and state) takes their decision.
  void add_bestand() {
    const int K = kKwadrantSegments, G = shape_.G, N = n_states();
    if (!s_.screening_bestand || static_cast<int>(s_.segments.size()) != K) return;
    Bestand b = *s_.screening_bestand;
    if (static_cast<int>(b.gemeenten.size()) != G || static_cast<int>(b.states.size()) != N) return;
    b.small_cell = static_cast<int>(std::ceil(threshold_));
    const BestandDisclosure bd = bestand_disclosure(b);
    const int offset = p_.size();
    for (int c = 0; c < bd.problem.size(); ++c) {
      const bool hidden = bd.disclosure.suppressed[static_cast<std::size_t>(c)];
      p_.add_cell(bd.problem.value[static_cast<std::size_t>(c)], bd.problem.basis[static_cast<std::size_t>(c)], !hidden, hidden);
    }
    for (const auto& rel : bd.problem.relations) {
      std::vector<int> members;
      for (int m : rel.members) members.push_back(offset + m);
      p_.add_relation(offset + rel.total, members);
    }
    const std::size_t S = b.states.size();
    // Segment layout (k1..k4, onbekend, total) to the bestand's (onbekend, 1..4, total).
    auto kwadrant = [&](int k) { return k == K ? kKwadranten : k == 4 ? 0 : k + 1; };
    auto id = [&](int g, int k, int st) { return offset + bd.kwadrant[BestandHidden::kw_index(S, g, k, st)]; };
    // Table 1: gemeente (region last) x kwadrant (total last); table 2: kwadrant x state (region).
    bestand_ids_.assign(static_cast<std::size_t>(G) + 1, std::vector<int>(static_cast<std::size_t>(K) + 1, -1));
    for (int g = 0; g <= G; ++g)
      for (int k = 0; k <= K; ++k) bestand_ids_[g][k] = id(g, kwadrant(k), N);
    bestand_state_ids_.assign(static_cast<std::size_t>(K) + 1, std::vector<int>(static_cast<std::size_t>(N) + 1, -1));
    for (int k = 0; k <= K; ++k)
      for (int st = 0; st <= N; ++st) bestand_state_ids_[k][st] = id(G, kwadrant(k), st);
    // The first row of every occupancy table is the same persons per gemeente (region last) and
    // state (total last): a cell equal to the bestand's takes its decision and is tied to it. A cell
    // that differs (--persons samples the caseload: the row is then an estimate, weight x sampled
    // persons) is no exact function of the bestand's counts and is protected as the report's own.
    for (const auto& occ : occupancy_ids_)
      for (int g = 0; g <= G; ++g)
        for (int st = 0; st <= N; ++st) {
          const int o = occ[g][0][st], c = id(g, kKwadranten, st);
          if (p_.value[o] != p_.value[c]) continue;
          p_.known[o] = p_.known[c];
          p_.forced[o] = p_.forced[c];
          p_.add_relation(c, {o});
        }
  }

  std::string kwadrant_column(int segment) const { return L(kwadrant_label(segment == 4 ? 0 : segment + 1)); }

  std::string screening_note() const {
    std::string note = F("Het startbestand uit het screeningsbestand {}: personen per kwadrant van de Zelfredzaamheidsmatrix "
                         "(1 en 2 dichtbij werk, 3 en 4 ver van werk; 2 en 4 met een hoog escalatierisico).",
                         std::filesystem::path(s_.screening_file).filename().string());
    if (s_.screening_skipped > 0)
      note += " " + F("Rijen overgeslagen (lenient): {}.",
                      static_cast<double>(s_.screening_skipped) < threshold_ ? "<" + fixed(threshold_, 0, Style::csv_plain)
                                                        : count_text(static_cast<double>(s_.screening_skipped), lang_));
    return note;
  }

  Table bestand_gemeenten_table() const {
    Table t;
    t.id = "bestand-kwadranten";
    t.title = L("Startbestand per gemeente en kwadrant");
    t.note = screening_note();
    t.corner = L("Gemeente");
    for (int k = 0; k < kKwadrantSegments; ++k) t.columns.push_back(kwadrant_column(k));
    t.columns.push_back(L("Totaal"));
    for (const auto& g : s_.gemeenten) t.rows.push_back(g);
    t.rows.push_back(L("Regio"));
    t.total_row = t.total_column = true;
    for (const auto& row : bestand_ids_) {
      t.cells.emplace_back();
      for (int id : row) t.cells.back().push_back(count_cell(id));
    }
    return t;
  }

  Table bestand_toestanden_table() const {
    Table t;
    t.id = "bestand-toestanden";
    t.title = L("Startbestand per kwadrant en toestand (regio)");
    t.corner = L("Kwadrant");
    for (int st = 0; st < n_states(); ++st) t.columns.push_back(state_label(st));
    t.columns.push_back(L("Totaal"));
    for (int k = 0; k < kKwadrantSegments; ++k) t.rows.push_back(kwadrant_column(k));
    t.rows.push_back(L("Totaal"));
    t.total_row = t.total_column = true;
    for (const auto& row : bestand_state_ids_) {
      t.cells.emplace_back();
      for (int id : row) t.cells.back().push_back(count_cell(id));
    }
    return t;
  }

  bool society_diff_hidden(int a) const { return d_.suppressed[verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]]; }

  Table rates_table() const {
    Table t;
    t.id = "discontovoet";
    t.title = L("Gevoeligheid voor de discontovoet: NCW maatschappij, verschil met het nulalternatief");
    t.note = L("Dezelfde stromen als de basisberekening, verdisconteerd met een andere voet.");
    // The rate is a number in its own column (the workbook stores it as one), the row says which run.
    t.corner = L("Berekening");
    t.columns.push_back(L("Discontovoet"));
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a) t.columns.push_back(r_.alternatives[a].label);
    t.rows.push_back(L("Basis"));
    t.cells.push_back({Cell::of(Unit::percent, s_.discount_rate)});
    for (int a = 1; a < A; ++a) t.cells.back().push_back(money_cell(verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]));
    int variant = 0;
    for (const auto& v : rate_variants_) {
      t.rows.push_back(F("Variant {}", ++variant));
      t.cells.push_back({Cell::of(Unit::percent, v.rate)});
      for (int a = 1; a < A; ++a) {
        Cell c = Cell::of(Unit::euro, static_cast<std::size_t>(a - 1) < v.society.size() ? v.society[a - 1] : 0.0);
        c.suppressed = society_diff_hidden(a);
        t.cells.back().push_back(c);
      }
    }
    return t;
  }

  // The bars were evaluated as cohort traces (expected values): all bars of one_way() are.
  bool tornado_cohort() const {
    return tornado_ && std::any_of(tornado_->begin(), tornado_->end(), [](const analysis::TornadoBar& b) { return b.cohort; });
  }

  Table tornado_table() const {
    Table t;
    t.id = "tornado";
    t.title = L("Eenzijdige gevoeligheid: NCW maatschappij, verschil met het nulalternatief, per onzekere parameter op P5 en P95");
    t.note = L("Iedere onzekere parameter op zijn 5e en 95e percentiel, de andere op hun basiswaarde, met dezelfde "
               "toevalsgetallen; gesorteerd op de breedte voor het eerste projectalternatief.");
    // The base the bars were computed around (TornadoBar::base): with cohort bars the expected
    // value, which can differ from the microsimulated NCW of the summary by Monte Carlo noise.
    if (tornado_cohort())
      t.note += L(" De balken en hun basis zijn verwachte waarden (Markov-cohort), niet de microsimulatie van de "
                  "samenvatting.");
    t.corner = L("Parameter");
    t.columns = {L("Waarde P5"), L("Waarde P95")};
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a) {
      t.columns.push_back(r_.alternatives[a].label + L(" basis"));
      t.columns.push_back(r_.alternatives[a].label + L(" bij P5"));
      t.columns.push_back(r_.alternatives[a].label + L(" bij P95"));
    }
    for (const auto& b : *tornado_) {
      if (b.parameter < 0 || static_cast<std::size_t>(b.parameter) >= s_.parameters.size()) continue;
      t.rows.push_back(s_.parameters[static_cast<std::size_t>(b.parameter)].id);
      t.cells.push_back({Cell::of(Unit::quantity, b.low_value), Cell::of(Unit::quantity, b.high_value)});
      for (int a = 1; a < A; ++a) {
        const auto i = static_cast<std::size_t>(a - 1);
        for (const auto* side : {&b.base, &b.low, &b.high}) {
          Cell c = Cell::of(Unit::euro, i < side->size() ? (*side)[i] : 0.0);
          c.suppressed = society_diff_hidden(a);
          t.cells.back().push_back(c);
        }
      }
    }
    return t;
  }

  std::string distribution_text(const ParameterSpec& p) const {
    auto n = [&](double x) { return fixed(x, 4, display_style(lang_)); };
    switch (p.distribution) {
      case Distribution::fixed: return L("vast");
      case Distribution::normal: return F("normaal (gemiddelde {}, sd {})", n(p.a), n(p.b));
      case Distribution::lognormal: return F("lognormaal (gemiddelde {}, sd {})", n(p.a), n(p.b));
      case Distribution::gamma: return F("gamma (gemiddelde {}, sd {})", n(p.a), n(p.b));
      case Distribution::beta: return F("beta (gemiddelde {}, sd {})", n(p.a), n(p.b));
      case Distribution::uniform: return F("uniform ({} tot {})", n(p.a), n(p.b));
      case Distribution::triangular: return F("driehoek ({}, top {}, {})", n(p.a), n(p.b), n(p.c));
    }
    return "-";
  }

  Table parameters_table() const {
    Table t;
    t.id = "parameters";
    t.title = L("Parameters: basiswaarde, verdeling in de onzekerheidsanalyse en bron");
    t.corner = L("Parameter");
    t.columns = {L("Waarde"), L("Eenheid"), L("Verdeling"), L("Bron")};
    for (const auto& p : s_.parameters) {
      t.rows.push_back(p.id);
      t.cells.push_back({Cell::of(Unit::quantity, p.value), Cell::of_text(p.unit.empty() ? "-" : p.unit),
                         Cell::of_text(distribution_text(p)), Cell::of_text(p.source.empty() ? "-" : p.source)});
    }
    return t;
  }

  static Interval interval_of(const analysis::Distribution1& d) { return {d.p5, d.p95}; }

  // P5-P95 over the PSA iterations next to the cells that have a distribution: society and
  // stakeholder NCW (absolute and differences), the indicators' NCW difference and outcomes.
  void add_intervals(ReportTables& out) const {
    const auto& ind = *out.psa_indicators;
    const int A = static_cast<int>(r_.alternatives.size());
    const std::size_t SH = static_cast<std::size_t>(shape_.SH);
    auto absolute = [&](int a, std::size_t k) -> const analysis::Distribution1& {  // k == SH: society
      const auto& lv = ind.levels[static_cast<std::size_t>(a)];
      return k == SH ? lv.society : lv.stakeholders[k];
    };
    auto diff = [&](int a, std::size_t k) -> const analysis::Distribution1& {
      const auto& alt = ind.alternatives[static_cast<std::size_t>(a - 1)];
      return k == SH ? alt.society : alt.stakeholders[k];
    };
    for (int a = 0; a < A; ++a) {
      out.summary.cells[a][0].interval = interval_of(absolute(a, SH));
      if (a > 0) out.summary.cells[a][1].interval = interval_of(diff(a, SH));
    }
    for (int a = 1; a < A; ++a) {
      auto& total = out.verdeling[static_cast<std::size_t>(a - 1)].cells.back();
      for (std::size_t k = 0; k <= SH && k < total.size(); ++k) total[k].interval = interval_of(diff(a, k));
    }
    for (std::size_t k = 0; k <= SH; ++k) {
      auto& row = out.comparison.cells[k];
      for (int a = 0; a < A; ++a) row[static_cast<std::size_t>(a)].interval = interval_of(absolute(a, k));
      for (int a = 1; a < A; ++a) row[static_cast<std::size_t>(A + a - 1)].interval = interval_of(diff(a, k));
    }
    if (out.pairwise)
      for (std::size_t k = 0; k <= SH; ++k) {
        std::size_t col = 0;
        for (int a = 1; a < A; ++a)
          for (int b = a + 1; b < A; ++b, ++col)
            for (const auto& pc : ind.pairs)
              if (pc.a == a && pc.b == b)
                out.pairwise->cells[k][col].interval = interval_of(k == SH ? pc.incremental : pc.stakeholders[k]);
      }
    auto& ic = out.indicators.cells;
    for (int a = 1; a < A; ++a) {
      const auto col = static_cast<std::size_t>(a - 1);
      ic[0][col].interval = interval_of(diff(a, SH));
      const std::size_t first_outcome = ic.size() - s_.outcomes.size();
      for (std::size_t o = 0; o < s_.outcomes.size(); ++o)
        if (ic[first_outcome + o][col].unit != Unit::text)
          ic[first_outcome + o][col].interval = interval_of(ind.alternatives[col].outcomes[o]);
    }
    // The histogram's draws: the analysis's own values of the society difference (not published
    // when the difference is hidden).
    for (int a = 1; a < A; ++a)
      out.ncw_draws.push_back(society_diff_hidden(a) ? std::vector<double>{} : ind.alternatives[static_cast<std::size_t>(a - 1)].society_draws);
  }

  int years() const { return shape_.T * s_.time.months_per_cycle / 12; }
  int cycles_per_year() const { return 12 / s_.time.months_per_cycle; }
  int n_states() const { return static_cast<int>(s_.states.size()); }

  // Adds one table per gemeente and the region, tied by row, column and cross-gemeente totals.
  template <class Value, class Basis, class RowKnown>
  std::vector<std::vector<std::vector<int>>> add_grid(int rows, int cols, Value value, Basis basis, RowKnown row_known,
                                                      bool total_row, bool region_published) {
    const int G = shape_.G;
    std::vector<std::vector<std::vector<int>>> ids(static_cast<std::size_t>(G) + 1);
    for (int g = 0; g <= G; ++g) {
      auto& t = ids[g];
      t.assign(static_cast<std::size_t>(rows) + (total_row ? 1U : 0U), std::vector<int>(static_cast<std::size_t>(cols) + 1, -1));
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
        // The region's occupancy is published (bezetting.csv, and the charts, whose SVG coordinates
        // carry the values), so it is tied to its gemeenten: region minus the others must not give
        // a small gemeente's hidden counts.
        [&](int, int, int, double v) { return v; }, [](int) { return false; }, false, true);
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

  // NCW per stakeholder per alternative in each gemeente (analysis::per_gemeente, the one
  // definition), tied like the region's: society = sum of the stakeholders, an alternative = the
  // nul + its difference (the gemeente's verdelingstabel total row), and the region = the sum of
  // its gemeenten.
  void add_gemeente_ncw() {
    per_gemeente_ = analysis::per_gemeente(s_, r_);
    const int A = static_cast<int>(r_.alternatives.size()), G = shape_.G, SH = shape_.SH;
    gemeente_ncw_ids_.assign(static_cast<std::size_t>(G), {});
    for (int g = 0; g < G; ++g)
      for (int a = 0; a < A; ++a) {
        const auto& ncw = per_gemeente_[static_cast<std::size_t>(g)].ncw[static_cast<std::size_t>(a)];
        std::vector<int> ids;
        double sb = 0;
        for (int k = 0; k < SH; ++k) {
          double b = 0;
          for (int c = 0; c < shape_.C; ++c) b = std::max(b, basis_[a][shape_.money(g, k, c)]);
          ids.push_back(p_.add_cell(ncw[static_cast<std::size_t>(k)], b));
          sb = std::max(sb, b);
        }
        ids.push_back(p_.add_cell(ncw[static_cast<std::size_t>(SH)], sb));
        p_.add_relation(ids.back(), std::vector<int>(ids.begin(), ids.end() - 1));
        if (a > 0) {
          const auto& diff = verdeling_ids_[a - 1][g][shape_.C];  // the gemeente's total row
          for (int k = 0; k <= SH; ++k) p_.add_relation(ids[k], {gemeente_ncw_ids_[g][0][k], diff[k]});
        }
        gemeente_ncw_ids_[g].push_back(std::move(ids));
      }
    for (int a = 0; a < A; ++a)
      for (int k = 0; k <= SH; ++k) {
        std::vector<int> members;
        for (int g = 0; g < G; ++g) members.push_back(gemeente_ncw_ids_[g][a][k]);
        p_.add_relation(ncw_ids_[a][k], members);
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

  std::string where(int g) const { return g == shape_.G ? L("regio") : s_.gemeenten[g]; }

  Table verdeling_table(int a, int g) const {
    const auto& alt = r_.alternatives[a];
    Table t;
    t.id = "verdelingstabel-" + slug(alt.id);
    t.title = F("Verdelingstabel {}: {} minus nulalternatief ({})", where(g), alt.label, r_.alternatives[0].label);
    t.note = F("Contante waarde in euro, prijspeil {}, discontovoet {}. Positief = baat, negatief = kost.",
                         s_.prijspeil, pct(s_.discount_rate));
    t.corner = L("Categorie");
    for (const auto& k : s_.stakeholders) t.columns.push_back(L_stakeholder(k));
    t.columns.push_back(L("Maatschappij"));
    for (const auto& c : s_.categories) t.rows.push_back(L(category_label(c)));
    t.rows.push_back(L("Totaal"));
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
    t.title = F("Personen per toestand, {}: {}", where(g), alt.label);
    t.note = L("Aantal personen aan het begin van de maand (verwachte waarde of gesimuleerd, omgerekend naar werkelijke personen).");
    t.corner = L("Maand");
    for (int st = 0; st < n_states(); ++st) t.columns.push_back(state_label(st));
    t.columns.push_back(L("Totaal"));
    t.total_column = true;
    const auto& ids = occupancy_ids_[a][g];
    for (std::size_t y = 0; y < ids.size(); ++y) {
      t.rows.push_back(month(static_cast<int>(y) * 12));
      t.cells.emplace_back();
      for (int id : ids[y]) t.cells.back().push_back(count_cell(id));
    }
    return t;
  }

  Table summary_table() const {
    Table t;
    t.id = "samenvatting";
    t.title = L("NCW voor de maatschappij per alternatief");
    t.note = F("Contante waarde in euro over {} jaar, prijspeil {}, discontovoet {}.", s_.time.horizon_years,
                         s_.prijspeil, pct(s_.discount_rate));
    t.corner = L("Alternatief");
    t.columns = {L("NCW maatschappij"), L("Verschil met nulalternatief")};
    for (std::size_t a = 0; a < r_.alternatives.size(); ++a) {
      t.rows.push_back(r_.alternatives[a].label + (a == 0 ? L(" (nulalternatief)") : L("")));
      const int id = ncw_ids_[a][shape_.SH];
      t.cells.push_back({money_cell(id), a == 0 ? Cell::of_text(L("-"))
                                                : money_cell(verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH])});
    }
    return t;
  }

  // One gemeente's NCW per stakeholder per alternative and the differences from the nul (the same
  // columns as the region's comparison table).
  Table gemeente_ncw_table(int g) const {
    Table t;
    t.id = "ncw-per-stakeholder";
    t.title = F("NCW per stakeholder per alternatief, {}", s_.gemeenten[g]);
    t.note = F("Contante waarde in euro over {} jaar, prijspeil {}, discontovoet {}; alleen de kandidaten in {}.",
               s_.time.horizon_years, s_.prijspeil, pct(s_.discount_rate), s_.gemeenten[g]);
    fill_ncw_rows(t, gemeente_ncw_ids_[g], g);
    return t;
  }

  // The NCW per stakeholder per alternative ([a][k] cell ids) and the differences from the nul, of
  // gemeente g (shape_.G: the region): rows the stakeholders and society, the same cells as the
  // verdelingstabel's total row.
  void fill_ncw_rows(Table& t, const std::vector<std::vector<int>>& ncw_ids, int g) const {
    t.corner = L("Stakeholder");
    for (const auto& a : r_.alternatives) t.columns.push_back(a.label);
    for (std::size_t a = 1; a < r_.alternatives.size(); ++a) t.columns.push_back(r_.alternatives[a].label + " - nul");
    for (int k = 0; k <= shape_.SH; ++k) {
      t.rows.push_back(k < shape_.SH ? L_stakeholder(s_.stakeholders[k]) : L("Maatschappij"));
      t.cells.emplace_back();
      for (const auto& ids : ncw_ids) t.cells.back().push_back(money_cell(ids[k]));
      for (const auto& v : verdeling_ids_) t.cells.back().push_back(money_cell(v[g][shape_.C][k]));
    }
    t.total_row = true;
  }

  // Year k of the horizon (difference_indicators' break_even_year) as a calendar year, or "not
  // within the horizon".
  Cell break_even_cell(int year) const {
    return year > s_.time.horizon_years ? Cell::of_text(L("niet binnen de horizon"))
                                        : Cell::of_text(F("{}", s_.time.start.year + year - 1));
  }

  // One gemeente's indicators, projectalternatief minus nulalternatief: society's NCW, benefits,
  // costs, B/C and the break-even year, from analysis::difference_indicators on the gemeente's own
  // summaries; hidden by the same rule as the region's indicator table.
  Table gemeente_indicator_table(int g) const {
    Table t;
    t.id = "indicatoren";
    t.title = F("Indicatoren {}: projectalternatief minus nulalternatief", s_.gemeenten[g]);
    t.note = L("Terugverdienjaar: het eerste jaar waarin de cumulatieve verdisconteerde NCW voor de maatschappij "
               "(alternatief minus nulalternatief) positief wordt en blijft.");
    t.corner = L("Indicator");
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a) t.columns.push_back(r_.alternatives[a].label);
    const auto& res = per_gemeente_[static_cast<std::size_t>(g)];
    auto total_hidden = [&](int a) { return d_.suppressed[verdeling_ids_[a - 1][g][shape_.C][shape_.SH]]; };
    auto any_hidden = [&](int a) {
      bool hidden = false;
      for (int c = 0; c < shape_.C; ++c) hidden = hidden || d_.suppressed[verdeling_ids_[a - 1][g][c][shape_.SH]];
      return hidden;
    };
    auto row = [&](std::string label, auto cell) {
      t.rows.push_back(std::move(label));
      t.cells.emplace_back();
      for (int a = 1; a < A; ++a) t.cells.back().push_back(cell(a, res.against_nul[static_cast<std::size_t>(a - 1)]));
    };
    row(L("NCW maatschappij (verschil)"), [&](int a, const analysis::DifferenceIndicators&) {
      return money_cell(verdeling_ids_[a - 1][g][shape_.C][shape_.SH]);
    });
    row(L("Baten (contante waarde)"), [&](int a, const analysis::DifferenceIndicators& d) {
      Cell c = Cell::of(Unit::euro, d.benefits);
      c.suppressed = any_hidden(a);
      return c;
    });
    row(L("Kosten (contante waarde)"), [&](int a, const analysis::DifferenceIndicators& d) {
      Cell c = Cell::of(Unit::euro, d.costs);
      c.suppressed = any_hidden(a);
      return c;
    });
    row(L("Baten/kosten-verhouding"), [&](int a, const analysis::DifferenceIndicators& d) {
      Cell c = d.benefit_cost_ratio ? Cell::of(Unit::ratio, *d.benefit_cost_ratio) : Cell::of_text(L("n.v.t."));
      c.suppressed = any_hidden(a);
      return c;
    });
    row(L("Terugverdienjaar"), [&](int a, const analysis::DifferenceIndicators& d) {
      Cell c = break_even_cell(d.break_even_year);
      c.suppressed = total_hidden(a);
      return c;
    });
    return t;
  }

  Table comparison_table() const {
    Table t;
    t.id = "vergelijking";
    t.title = L("NCW per stakeholder per alternatief en verschil met het nulalternatief");
    t.note = F("Contante waarde in euro, prijspeil {}, discontovoet {}.", s_.prijspeil, pct(s_.discount_rate));
    fill_ncw_rows(t, ncw_ids_, shape_.G);
    return t;
  }

  // Projectalternatief a minus b per stakeholder. Derived from the published differences from the
  // nulalternatief, so hidden when either of them is (else the hidden one would follow).
  Table pairwise_table() const {
    Table t;
    t.id = "paarsgewijs";
    t.title = L("Projectalternatieven onderling: NCW-verschil per stakeholder");
    t.note = F("Contante waarde in euro, prijspeil {}, discontovoet {}. Positief: het eerste alternatief is "
                         "gunstiger voor die stakeholder.", s_.prijspeil, pct(s_.discount_rate));
    t.corner = L("Stakeholder");
    const int A = static_cast<int>(r_.alternatives.size());
    for (int a = 1; a < A; ++a)
      for (int b = a + 1; b < A; ++b) t.columns.push_back(r_.alternatives[a].label + " - " + r_.alternatives[b].label);
    for (int k = 0; k <= shape_.SH; ++k) {
      t.rows.push_back(k < shape_.SH ? L_stakeholder(s_.stakeholders[k]) : L("Maatschappij"));
      t.cells.emplace_back();
      for (int a = 1; a < A; ++a)
        for (int b = a + 1; b < A; ++b) {
          const int ia = verdeling_ids_[a - 1][shape_.G][shape_.C][k], ib = verdeling_ids_[b - 1][shape_.G][shape_.C][k];
          t.cells.back().push_back(difference_cell(money_cell(ia), money_cell(ib)));
        }
    }
    t.total_row = true;
    return t;
  }

  // Person-years in work or sheltered work, undiscounted, region, and the most persons in work at once.
  std::pair<double, double> work_years(int a) const {
    const analysis::WorkYears w = analysis::work_years(s_, r_.alternatives[a].trace);
    return {w.years, w.peak};
  }

  // The most persons any item of outcome o touches in one cycle (region).
  double outcome_basis(int a, int o) const {
    const auto& tr = r_.alternatives[a].trace;
    double most = 0;
    for (const auto& e : s_.effects) {
      if (e.item.outcome != o || !effect_applies(s_, e, a)) continue;
      const engine::ValueItem it = compiled_effect(s_, e, a);
      for (int t = 0; t < tr.n_cycles; ++t) {
        double all = 0;
        for (int g = 0; g < shape_.G; ++g) all += touched(it, tr, t, g);
        most = std::max(most, all);
      }
    }
    return most;
  }

  Table indicator_table() const {
    Table t;
    t.id = "indicatoren";
    t.title = L("Indicatoren: projectalternatief minus nulalternatief (regio)");
    t.note = L("Baten en kosten: de categorieën met een positief respectievelijk negatief saldo voor de maatschappij. "
             "Terugverdienjaar: het eerste jaar waarin de cumulatieve NCW voor de maatschappij positief wordt en blijft.");
    t.corner = L("Indicator");
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
    row(L("NCW maatschappij (verschil)"), [&](int a) { return money_cell(verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]); });
    // The values are analysis::difference_indicators (the PSA's definition too); a cell is hidden
    // when any category cell of society's column it sums is hidden.
    const auto nul_summary = analysis::summarise(s_, r_.alternatives[0].valued);
    std::vector<analysis::DifferenceIndicators> against_nul(static_cast<std::size_t>(A));
    for (int a = 1; a < A; ++a)
      against_nul[static_cast<std::size_t>(a)] = analysis::difference_indicators(s_, analysis::summarise(s_, r_.alternatives[a].valued), nul_summary);
    auto society_hidden = [&](int a) {
      const auto& ids = verdeling_ids_[a - 1][shape_.G];
      bool hidden = false;
      for (int c = 0; c < shape_.C; ++c) hidden = hidden || d_.suppressed[ids[c][shape_.SH]];
      return hidden;
    };
    auto baten_kosten = [&](int a, int which) {
      const auto& d = against_nul[static_cast<std::size_t>(a)];
      Cell cell = which == 0   ? Cell::of(Unit::euro, d.benefits)
                  : which == 1 ? Cell::of(Unit::euro, d.costs)
                               : (d.benefit_cost_ratio ? Cell::of(Unit::ratio, *d.benefit_cost_ratio) : Cell::of_text(L("n.v.t.")));
      cell.suppressed = society_hidden(a);
      return cell;
    };
    row(L("Baten (contante waarde)"), [&](int a) { return baten_kosten(a, 0); });
    row(L("Kosten (contante waarde)"), [&](int a) { return baten_kosten(a, 1); });
    row(L("Baten/kosten-verhouding"), [&](int a) { return baten_kosten(a, 2); });
    row(L("Terugverdienjaar"), [&](int a) {
      Cell c = break_even_cell(against_nul[static_cast<std::size_t>(a)].break_even_year);
      c.suppressed = d_.suppressed[verdeling_ids_[a - 1][shape_.G][shape_.C][shape_.SH]];
      return c;
    });
    row(L("Extra persoonsjaren in werk (incl. beschut, onverdisconteerd)"), [&](int a) {
      const auto [years, peak] = work_years(a);
      Cell c = Cell::of(Unit::person_years, years - base_years);
      const double b = diff_basis(peak, base_peak);
      c.suppressed = b > 0 && b < threshold_;
      return c;
    });
    if (gemeente_sh < shape_.SH)
      row(L("Netto kosten gemeente per extra persoonsjaar in werk"), [&](int a) {
        const int id = verdeling_ids_[a - 1][shape_.G][shape_.C][gemeente_sh];
        const double extra = work_years(a).first - base_years;
        Cell c = extra > 1e-9 ? Cell::of(Unit::euro, -p_.value[id] / extra) : Cell::of_text(L("n.v.t."));
        c.suppressed = d_.suppressed[id];
        return c;
      });
    for (int o = 0; o < static_cast<int>(s_.outcomes.size()); ++o)
      row(F("Extra {} (verdisconteerd)", label_words(s_.outcomes[o])), [&](int a) {
        // analysis::difference_indicators, as the PSA's distribution of the same row.
        Cell c = Cell::of(Unit::person_years, against_nul[static_cast<std::size_t>(a)].outcomes.at(static_cast<std::size_t>(o)));
        const double b = diff_basis(outcome_basis(a, o), outcome_basis(0, o));
        const int id = outcome_difference_id(a, o);  // per-kwadrant.csv's total of the same outcome
        c.suppressed = id >= 0 ? d_.suppressed[static_cast<std::size_t>(id)] : b > 0 && b < threshold_;
        return c;
      });
    return t;
  }

  Table effects_table() const {
    Table t;
    t.id = "effecten";
    t.title = L("Gewaardeerde effecten (aannames)");
    t.note = F("Bedragen in euro per persoon per maand of per gebeurtenis, prijspeil {}; uitkomsten in hun eigen eenheid. "
               "Reëel: gebruikt of schept middelen; overdracht: de een betaalt wat de ander ontvangt.", s_.prijspeil);
    t.corner = L("Effect");
    t.columns = {L("Bedrag"), L("Grondslag"), L("Categorie / uitkomst"), L("Betaler"), L("Ontvanger"), L("Soort"), L("Alternatieven"), L("Bron")};
    for (const auto& e : s_.effects) {
      const auto& it = e.item;
      t.rows.push_back(e.name);
      std::string alts;
      if (e.alternatives.empty()) alts = L("alle");
      else
        for (int a : effect_alternatives(s_, e)) alts += (alts.empty() ? L("") : L(", ")) + s_.alternatives[a].id;
      const bool outcome = it.outcome >= 0;
      t.cells.push_back({Cell::of(Unit::quantity, it.amount), Cell::of_text(basis_text(s_, e, lang_)),
                         Cell::of_text(outcome ? L("uitkomst: ") + s_.outcomes[it.outcome] : L(category_label(s_.categories[it.category]))),
                         Cell::of_text(outcome ? L("-") : stakeholder_or_dash(s_, it.payer, lang_)),
                         Cell::of_text(outcome ? L("-") : stakeholder_or_dash(s_, it.receiver, lang_)),
                         Cell::of_text(outcome ? L("uitkomst") : it.transfer ? L("overdracht") : L("reëel")), Cell::of_text(alts),
                         Cell::of_text(e.source.empty() ? L("-") : e.source)});
    }
    return t;
  }

  Table matrix_table() const {
    Table t;
    t.id = "overgangskansen";
    t.title = s_.cycle_matrix_given ? L("Overgangskansen per cyclus, nulalternatief") : L("Overgangskansen per maand, nulalternatief");
    t.note = L("Rij: toestand aan het begin van de maand; kolom: toestand aan het begin van de volgende.");
    t.corner = L("Van \\ naar");
    for (const auto& st : s_.states) t.columns.push_back(st.id);
    for (int i = 0; i < n_states(); ++i) {
      t.rows.push_back(s_.states[i].id);
      t.cells.emplace_back();
      for (int j = 0; j < n_states(); ++j)
        t.cells.back().push_back(Cell::of(Unit::probability, i < s_.monthly.rows() && j < s_.monthly.cols() ? s_.monthly(i, j) : 0.0));
    }
    return t;
  }

  // Who a change reaches: its segment(s) by their declared names (or everyone), with or without
  // ontheffing, and its gemeenten.
  std::string change_targets(const TransitionOverlay& ov) const {
    std::string names;
    if (ov.segment >= 0) names = s_.declared_segments[static_cast<std::size_t>(ov.segment)];
    for (std::size_t k = 0; k < ov.segments.size(); ++k)
      if (ov.segments[k]) names += (names.empty() ? "" : ", ") + s_.declared_segments[k];
    std::string where;
    for (std::size_t g = 0; g < ov.gemeenten.size() && g < s_.gemeenten.size(); ++g)
      if (ov.gemeenten[g]) where += (where.empty() ? "" : ", ") + s_.gemeenten[g];
    if (ov.ontheffing >= 0)  // (models/ontheffing.hpp)
      names = names.empty() ? L(ov.ontheffing == 1 ? "met ontheffing" : "zonder ontheffing")
                            : names + " " + L(ov.ontheffing == 1 ? "met ontheffing" : "zonder ontheffing");
    if (names.empty()) names = L("iedereen");
    return where.empty() ? names : names + L(" in ") + where;
  }

  // How long a change lasts (TransitionOverlay::fade_at, by months in the `from` state): lasting,
  // or its steps; a long table (a half-life) by its first step, the step where it has halved and
  // its last step.
  std::string change_duration(const TransitionOverlay& ov) const {
    const std::size_t n = ov.fade_starts.size();
    if (n == 0) return L("blijvend");
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < n; ++k) shown.push_back(k);
    if (n > 4) {
      shown = {0};
      for (std::size_t k = 1; k + 1 < n; ++k)
        if (ov.fade_factors[k] <= 0.5 * ov.fade_factors[0]) {
          shown.push_back(k);
          break;
        }
      shown.push_back(n - 1);
    }
    std::string out = L("naar maanden in de toestand: ");
    for (std::size_t i = 0; i < shown.size(); ++i) {
      if (i > 0) out += shown[i] == shown[i - 1] + 1 ? "; " : "; ...; ";
      out += fmt::format(fmt::runtime(L("{} % vanaf {} mnd")), fixed(100.0 * ov.fade_factors[shown[i]], 0, display_style(lang_)),
                         ov.fade_starts[shown[i]]);
    }
    return out;
  }

  // The changes themselves; each alternative's description is printed above the table, once.
  Table overlays_table() const {
    Table t;
    t.id = "projectalternatieven";
    t.title = L("Projectalternatieven: wijzigingen ten opzichte van het nulalternatief");
    t.corner = L("Alternatief");
    t.columns = {L("Van"), L("Naar"), L("Soort"), L("Waarde"), L("Periode"), L("Voor wie"), L("Duur")};
    const Cell dash = Cell::of_text(L("-"));
    for (std::size_t a = 1; a < s_.alternatives.size(); ++a) {
      const auto& alt = s_.alternatives[a];
      if (alt.overlays.empty()) {
        t.rows.push_back(alt.label);
        t.cells.push_back({dash, dash, dash, dash, dash, dash, dash});
      }
      for (const auto& ov : alt.overlays) {
        t.rows.push_back(alt.label);
        const std::string period =
            ov.first_month == 0 && ov.last_month < 0
                ? L("hele horizon")
                : month(ov.first_month) + L(" t/m ") +
                      (ov.last_month < 0 ? L("einde") : month(ov.last_month - 1));
        t.cells.push_back({Cell::of_text(s_.states[ov.from].id), Cell::of_text(s_.states[ov.to].id),
                           Cell::of_text(ov.kind == TransitionOverlay::Kind::relative_risk ? L("relatief risico") : L("kans")),
                           Cell::of(Unit::quantity, ov.value), Cell::of_text(period), Cell::of_text(change_targets(ov)),
                           Cell::of_text(change_duration(ov))});
      }
    }
    return t;
  }

  Table settings_table() const {
    Table t;
    t.id = "instellingen";
    t.title = L("Uitgangspunten van de berekening");
    t.corner = L("Uitgangspunt");
    t.columns = {L("Waarde")};
    // Numbers as numbers (the workbook stores them so); names, dates and years as text.
    auto add = [&](std::string k, std::string v) {
      t.rows.push_back(std::move(k));
      t.cells.push_back({Cell::of_text(std::move(v))});
    };
    auto add_number = [&](std::string k, Unit u, double v) {
      t.rows.push_back(std::move(k));
      t.cells.push_back({Cell::of(u, v)});
    };
    add(L("Scenario"), s_.name);
    add(L("Rapportageperiode"), s_.period.empty() ? L("-") : s_.period);
    add(L("Prijspeil"), std::to_string(s_.prijspeil));
    add_number(L("Discontovoet"), Unit::percent, s_.discount_rate);
    for (std::size_t o = 0; o < s_.outcomes.size() && o < s_.outcome_discount_rates.size(); ++o)
      add_number(L("Discontovoet ") + s_.outcomes[o], Unit::percent, s_.outcome_discount_rates[o]);
    if (s_.sensitivity_rates.empty()) add(L("Discontovoeten gevoeligheidsanalyse"), L("-"));
    for (std::size_t i = 0; i < s_.sensitivity_rates.size(); ++i)
      add_number(F("Discontovoet gevoeligheidsanalyse {}", i + 1), Unit::percent, s_.sensitivity_rates[i]);
    add(L("Start"), month(0));
    add_number(L("Horizon (jaren)"), Unit::quantity, s_.time.horizon_years);
    add(L("Cyclus"), s_.time.months_per_cycle == 1 ? L("maand") : F("{} maanden", s_.time.months_per_cycle));
    add(L("Waardering van een maand"),
        s_.time.counting == Counting::start        ? L("toestand aan het begin")
        : s_.time.counting == Counting::end        ? L("toestand aan het eind")
        : s_.time.counting == Counting::half_cycle ? L("gemiddelde van begin en eind")
        : s_.time.counting == Counting::simpson    ? L("regel van Simpson (1/3)")
                                                   : L("regel van Simpson zoals darthtools gen_wcc"));
    if (s_.discount_timing != DiscountTiming::start)  // the default (start of the cycle) is not repeated
      add(L("Moment van disconteren in een cyclus"),
          s_.discount_timing == DiscountTiming::middle ? L("midden van de cyclus")
          : s_.discount_timing == DiscountTiming::end  ? L("eind van de cyclus")
          : s_.discount_timing == DiscountTiming::continuous ? L("continu over de cyclus")
                                                             : L("elke telling op haar eigen moment"));
    std::string gem;
    for (const auto& g : s_.gemeenten) gem += (gem.empty() ? L("") : L(", ")) + g;
    add(L("Gemeenten"), gem);
    add_number(L("Startbestand (personen, regio)"), Unit::persons, s_.start_population());
    double inflow = 0;
    for (const auto& f : s_.inflow) inflow += f.per_month;
    add_number(L("Instroom per maand (regio, maximaal)"), Unit::persons, inflow);
    add(L("Rekenwijze"), r_.mode == analysis::Mode::cohort ? L("cohort (verwachte waarden, Markov-trace)") : L("microsimulatie (Monte Carlo)"));
    if (r_.mode == analysis::Mode::microsim) {
      add_number(L("Gesimuleerde personen"), Unit::persons, static_cast<double>(r_.simulated_persons));
      add(L("Seed"), std::to_string(r_.seed));
    }
    add_number(L("Onthullingsdrempel (personen)"), Unit::persons, threshold_);
    return t;
  }
};

}  // namespace

Cell difference_cell(const Cell& a, const Cell& b) {
  Cell c = Cell::of(Unit::euro, a.value - b.value);
  c.suppressed = a.suppressed || b.suppressed;
  return c;
}

bool difference_hidden(const ReportTables& t, int a, std::size_t k) {
  if (a <= 0 || static_cast<std::size_t>(a) > t.verdeling.size()) return false;
  const auto& total = t.verdeling[static_cast<std::size_t>(a - 1)].cells.back();
  return k < total.size() && total[k].suppressed;
}

Table pair_difference(const Scenario& s, const ReportTables& t, int a, int b) {
  // The region's verdelingstabel of alternative x (projectalternatief minus the nul); the nul
  // against itself is zero everywhere, known without any data.
  auto cell = [&](int x, std::size_t row, std::size_t col) {
    if (x == 0) return Cell::of(Unit::euro, 0.0);
    return t.verdeling.at(static_cast<std::size_t>(x - 1)).cells.at(row).at(col);
  };
  const Table& shape = t.verdeling.at(0);
  Table out;
  out.id = "vergelijking-" + s.alternatives.at(static_cast<std::size_t>(a)).id + "-" + s.alternatives.at(static_cast<std::size_t>(b)).id;
  out.title = s.alternatives[static_cast<std::size_t>(a)].label + " - " + s.alternatives[static_cast<std::size_t>(b)].label;
  out.corner = shape.corner;
  out.columns = shape.columns;
  out.rows = shape.rows;
  out.total_row = out.total_column = true;
  out.lang = t.lang;
  for (std::size_t row = 0; row < shape.cells.size(); ++row) {
    out.cells.emplace_back();
    for (std::size_t col = 0; col < shape.cells[row].size(); ++col) out.cells.back().push_back(difference_cell(cell(a, row, col), cell(b, row, col)));
  }
  return out;
}

ReportTables build_tables(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o) {
  ReportTables t = Builder(s, r, o).build();
  t.werkbedrijf = werkbedrijf_table(s, r, t);
  return t;
}

ReportTables build_tables(const Scenario& s, const analysis::RunResult& r, double threshold) {
  ReportOptions o;
  o.threshold = threshold;
  return build_tables(s, r, o);
}

}  // namespace mkba::report
