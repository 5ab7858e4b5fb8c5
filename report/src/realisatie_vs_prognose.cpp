// The semester cycle in the report (report/semester.hpp, docs/semester.md): this run's forecast,
// the region's stand per month (realisatie, then prognose), and the previous report's forecast
// against what was realised, all under one disclosure problem.
#include <mkba/report/semester.hpp>

#include <mkba/models/calendar.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/disclosure.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/sha256.hpp>
#include <mkba/report/tables.hpp>

#include "number_format.hpp"
#include "prognose.hpp"
#include "svg_charts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace mkba::report {

namespace {

YearMonth plus(YearMonth m, int k) {
  const int i = m.month - 1 + k;
  return {m.year + i / 12, i % 12 + 1};
}

// A printed count: the value, or the disclosure symbol ("<10" primary, "x" secondary).
struct Printer {
  const DisclosureProblem& p;
  const Disclosure& d;
  double threshold;
  std::string operator()(int cell, double value, int decimals) const {
    if (cell >= 0 && d.suppressed[static_cast<std::size_t>(cell)]) {
      Cell c = Cell::of(Unit::persons, value);
      c.suppressed = true;
      // A forced cell (hidden by the report's own tables) prints their symbol: "<10" when small.
      c.below_threshold = d.primary[static_cast<std::size_t>(cell)] ||
                          (p.forced[static_cast<std::size_t>(cell)] && value > 0 && value < threshold);
      return suppressed_symbol(c, threshold);
    }
    return fixed(value, decimals, Style::csv_plain);
  }
};

bool numeric(const std::string& t, double& x) {
  if (t.empty()) return false;
  char* end = nullptr;
  x = std::strtod(t.c_str(), &end);
  return end && *end == 0;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const auto& f = fields[i];
    if (f.find_first_of(",\"\n") == std::string::npos) {
      out += f;
    } else {
      out += '"';
      for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
  }
  return out + "\n";
}

std::string html_table(const std::string& id, const std::string& caption, const std::vector<std::string>& head,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string h = "<table id=\"" + id + "\">\n<caption>" + svg::escape(caption) + "</caption>\n<thead><tr>";
  for (const auto& c : head) h += "<th>" + svg::escape(c) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& r : rows) {
    h += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i) h += (i < 3 ? "<td>" : "<td class=\"num\">") + svg::escape(r[i]) + "</td>";
    h += "</tr>\n";
  }
  return h + "</tbody>\n</table>\n";
}

}  // namespace

SemesterOutput semester_output(const Scenario& s, const analysis::RunResult& r, const ReportOptions& o,
                               const ReportTables* tables) {
  SemesterOutput out;
  if (!s.realisatie) return out;
  const Realisatie& real = *s.realisatie;
  const Lang lang = o.lang;
  const int n_g = static_cast<int>(s.gemeenten.size());
  const int n_s = static_cast<int>(s.states.size());
  const ReportPeriod next = real.period.next();
  const int months = next.last.months_since(s.time.start) + 1;
  const detail::ForecastValues fv = detail::forecast_values(s, r, months);
  const int n_real = real.last_month.months_since(real.first_month) + 1;

  // One disclosure problem: forecast per gemeente and region, realised region per month, and the
  // realised gemeente cells the comparison publishes, tied region = sum of gemeenten.
  DisclosureProblem p;
  // A realised count of the last month that the report's occupancy tables publish in their first
  // row (the start) enters with the report's decision: hidden there -> forced, published -> known.
  auto add_realised = [&](double v, int g, int st, int k) {
    if (tables && k == n_real - 1 && !tables->occupancy.empty()) {
      const Table* occ = g < 0 ? &tables->occupancy.front()
                               : (static_cast<std::size_t>(g) < tables->gemeenten.size() &&
                                          !tables->gemeenten[static_cast<std::size_t>(g)].occupancy.empty()
                                      ? &tables->gemeenten[static_cast<std::size_t>(g)].occupancy.front()
                                      : nullptr);
      if (occ && !occ->cells.empty() && static_cast<std::size_t>(st) < occ->cells.front().size()) {
        const Cell& c = occ->cells.front()[static_cast<std::size_t>(st)];
        if (std::abs(c.value - v) < 1e-6) return p.add_cell(v, v, !c.suppressed, c.suppressed);
      }
    }
    return p.add_cell(v, v);
  };
  std::vector<int> f_cell(fv.mean.size()), f_region(static_cast<std::size_t>(fv.months * n_s));
  for (int k = 0; k < fv.months; ++k)
    for (int st = 0; st < n_s; ++st) {
      std::vector<int> members;
      double sum = 0;
      for (int g = 0; g < n_g; ++g) {
        const double v = fv.mean[fv.at(k, g, st)];
        f_cell[fv.at(k, g, st)] = p.add_cell(v, v);
        members.push_back(f_cell[fv.at(k, g, st)]);
        sum += v;
      }
      f_region[fv.region_at(k, st)] = p.add_cell(sum, sum);
      p.add_relation(f_region[fv.region_at(k, st)], members);
    }
  // The projectalternatieven's forecast (prognose-alternatieven.csv), per alternative region = sum of
  // the gemeenten. A cell equal to the nulalternatief's (a state the alternative does not change
  // yet) is that same cell, so it cannot be hidden in one file and published in the other.
  std::vector<std::vector<int>> a_cell(fv.alternatives.size()), a_region(fv.alternatives.size());
  for (std::size_t a = 1; a < fv.alternatives.size(); ++a) {
    a_cell[a].resize(fv.mean.size());
    a_region[a].resize(f_region.size());
    for (int k = 0; k < fv.months; ++k)
      for (int st = 0; st < n_s; ++st) {
        std::vector<int> members;
        double sum = 0;
        bool same = true;  // every gemeente's cell is the nul's: so is the region's
        for (int g = 0; g < n_g; ++g) {
          const std::size_t c = fv.at(k, g, st);
          const double v = fv.alternatives[a][c];
          a_cell[a][c] = std::abs(v - fv.mean[c]) < 1e-9 ? f_cell[c] : p.add_cell(v, v);
          same = same && a_cell[a][c] == f_cell[c];
          members.push_back(a_cell[a][c]);
          sum += v;
        }
        const std::size_t rc = fv.region_at(k, st);
        if (same) {
          a_region[a][rc] = f_region[rc];
        } else {
          a_region[a][rc] = p.add_cell(sum, sum);
          p.add_relation(a_region[a][rc], members);
        }
      }
  }
  std::vector<int> r_region(static_cast<std::size_t>(n_real * n_s));
  for (int k = 0; k < n_real; ++k)
    for (int st = 0; st < n_s; ++st) {
      double sum = 0;
      for (int g = 0; g < n_g; ++g) sum += static_cast<double>(real.stand(g, st, plus(real.first_month, k)));
      r_region[static_cast<std::size_t>(k * n_s + st)] = add_realised(sum, -1, st, k);
    }
  // The comparison's cells: the previous forecast's months that are realised now.
  struct Row {
    const ForecastCell* prev;
    int g, st, k;
    int cell;
    double realised;
  };
  std::vector<Row> compare;
  if (o.previous) {
    std::map<std::pair<int, int>, std::vector<int>> members;  // (k, state) -> gemeente cells
    for (const auto& c : o.previous->cells) {
      const int g = [&] {
        for (int i = 0; i < n_g; ++i)
          if (s.gemeenten[static_cast<std::size_t>(i)] == c.gemeente) return i;
        return -1;
      }();
      const int st = s.state_index(c.status);
      const auto m = parse_year_month(c.maand);
      if (g < 0 || st < 0 || !m) continue;
      const int k = m->months_since(real.first_month);
      if (k < 0 || k >= n_real) continue;
      const double v = static_cast<double>(real.stand(g, st, *m));
      Row row{&c, g, st, k, add_realised(v, g, st, k), v};
      members[{k, st}].push_back(row.cell);
      compare.push_back(row);
    }
    for (const auto& [key, cells] : members)
      if (static_cast<int>(cells.size()) == n_g) p.add_relation(r_region[static_cast<std::size_t>(key.first * n_s + key.second)], cells);
  }
  // The quarterly summary (the period is a quarter): per gemeente and the region the quarter's
  // instroom, moves into work (states of kind work or sheltered, from other kinds), uitstroom
  // (vertrek and moves into absorbing states), the caseload at its end (states that are not
  // absorbing) and the realised costs; region = sum of the gemeenten, and the region's caseload
  // = the sum of its published realised states of the last month.
  const bool quarter = real.period.label.find('Q') != std::string::npos;
  enum { q_instroom, q_werk, q_uitstroom, q_stand, q_kosten, q_cols };
  std::vector<std::vector<int>> q_cell;  // [gemeente, region last][column]
  if (quarter) {
    auto working = [&](int st) {
      const StateKind k = s.states[static_cast<std::size_t>(st)].kind;
      return k == StateKind::work || k == StateKind::sheltered;
    };
    auto absorbing = [&](int st) { return s.states[static_cast<std::size_t>(st)].kind == StateKind::absorbing; };
    std::vector<std::vector<double>> v(static_cast<std::size_t>(n_g + 1), std::vector<double>(q_cols, 0.0));
    std::vector<double> cost_basis(static_cast<std::size_t>(n_g + 1), 0.0);
    std::map<std::pair<int, int>, double> cost_persons;  // (gemeente, month) -> persons in rows with costs
    for (const auto& row : real.rows) {
      for (const std::size_t g : {static_cast<std::size_t>(row.gemeente), static_cast<std::size_t>(n_g)}) {
        auto& x = v[g];
        x[q_instroom] += static_cast<double>(row.instroom);
        x[q_uitstroom] += static_cast<double>(row.vertrek);
        for (int to = 0; to < n_s; ++to) {
          const double n = static_cast<double>(row.naar[static_cast<std::size_t>(to)]);
          if (working(to) && !working(row.state)) x[q_werk] += n;
          if (absorbing(to) && !absorbing(row.state)) x[q_uitstroom] += n;
        }
        if (row.month.months_since(real.last_month) == 0 && !absorbing(row.state))
          x[q_stand] += static_cast<double>(row.stand);
        if (row.kosten) {
          x[q_kosten] += *row.kosten;
          cost_persons[{static_cast<int>(g), row.month.months_since(real.first_month)}] += static_cast<double>(row.stand);
        }
      }
    }
    for (const auto& [key, n] : cost_persons)
      cost_basis[static_cast<std::size_t>(key.first)] = std::max(cost_basis[static_cast<std::size_t>(key.first)], n);
    for (int g = 0; g <= n_g; ++g) {
      q_cell.emplace_back();
      for (int c = 0; c < q_cols; ++c) {
        const double x = v[static_cast<std::size_t>(g)][static_cast<std::size_t>(c)];
        q_cell.back().push_back(p.add_cell(x, c == q_kosten ? cost_basis[static_cast<std::size_t>(g)] : x));
      }
    }
    for (int c = 0; c < q_cols; ++c) {
      std::vector<int> members;
      for (int g = 0; g < n_g; ++g) members.push_back(q_cell[static_cast<std::size_t>(g)][static_cast<std::size_t>(c)]);
      p.add_relation(q_cell.back()[static_cast<std::size_t>(c)], members);
    }
    std::vector<int> states_last;
    for (int st = 0; st < n_s; ++st)
      if (!absorbing(st)) states_last.push_back(r_region[static_cast<std::size_t>((n_real - 1) * n_s + st)]);
    p.add_relation(q_cell.back()[q_stand], states_last);
  }
  const Disclosure d = protect(p, o.threshold);
  const Printer print{p, d, o.threshold};

  // This run's forecast: prognose.csv and the manifest's "prognose".
  Forecast f;
  f.made_in = o.period.empty() ? (s.period.empty() ? real.period.label : s.period) : o.period;
  f.period = next.label;
  f.alternative = s.alternatives.front().id;
  f.interval = fv.interval;
  std::string prognose = csv_line({"gemeente", "status", "maand", "prognose", "p5", "p95"});
  for (int g = 0; g < n_g; ++g)
    for (int st = 0; st < n_s; ++st)
      for (int k = 0; k < fv.months; ++k) {
        const std::size_t c = fv.at(k, g, st);
        const int cell = f_cell[c];
        ForecastCell fc{s.gemeenten[static_cast<std::size_t>(g)], s.states[static_cast<std::size_t>(st)].id,
                        plus(s.time.start, k).str(), print(cell, fv.mean[c], 1), "", ""};
        if (fv.interval) {
          fc.p5 = print(cell, fv.p5[c], 1);
          fc.p95 = print(cell, fv.p95[c], 1);
        }
        prognose += csv_line({fc.gemeente, fc.status, fc.maand, fc.mean, fc.p5, fc.p95});
        f.cells.push_back(std::move(fc));
      }
  out.files.push_back({"prognose.csv", prognose});
  if (fv.alternatives.size() > 1) {
    std::string alt = csv_line({"alternatief", "gemeente", "status", "maand", "prognose"});
    for (std::size_t a = 1; a < fv.alternatives.size(); ++a)
      for (int g = 0; g <= n_g; ++g)
        for (int st = 0; st < n_s; ++st)
          for (int k = 0; k < fv.months; ++k) {
            const int cell = g < n_g ? a_cell[a][fv.at(k, g, st)] : a_region[a][fv.region_at(k, st)];
            alt += csv_line({s.alternatives[a].id, g < n_g ? s.gemeenten[static_cast<std::size_t>(g)] : "regio",
                             s.states[static_cast<std::size_t>(st)].id, plus(s.time.start, k).str(),
                             print(cell, p.value[static_cast<std::size_t>(cell)], 1)});
          }
    out.files.push_back({"prognose-alternatieven.csv", alt});
  }

  // The region per month: realised months, then the projected ones.
  std::string stand = csv_line({"maand", "soort", "status", "personen", "p5", "p95"});
  std::vector<std::vector<std::string>> stand_rows;
  for (int k = 0; k < n_real; ++k)
    for (int st = 0; st < n_s; ++st) {
      const int cell = r_region[static_cast<std::size_t>(k * n_s + st)];
      std::vector<std::string> row{plus(real.first_month, k).str(), "realisatie", s.states[static_cast<std::size_t>(st)].id,
                                   print(cell, p.value[static_cast<std::size_t>(cell)], 0), "", ""};
      stand += csv_line(row);
      row[1] = tr(lang, row[1]);  // the label in the report's language (the CSV keeps the Dutch key)
      stand_rows.push_back(row);
    }
  for (int k = 0; k < fv.months; ++k)
    for (int st = 0; st < n_s; ++st) {
      const int cell = f_region[fv.region_at(k, st)];
      const double v = p.value[static_cast<std::size_t>(cell)];
      std::vector<std::string> row{plus(s.time.start, k).str(), "prognose", s.states[static_cast<std::size_t>(st)].id,
                                   print(cell, v, 1), fv.interval ? print(cell, fv.region_p5[fv.region_at(k, st)], 1) : "",
                                   fv.interval ? print(cell, fv.region_p95[fv.region_at(k, st)], 1) : ""};
      stand += csv_line(row);
      row[1] = tr(lang, row[1]);  // the label in the report's language (the CSV keeps the Dutch key)
      stand_rows.push_back(row);
    }
  out.files.push_back({"stand-per-maand.csv", stand});

  std::vector<std::vector<std::string>> q_rows;
  if (quarter) {
    std::string q = csv_line({"gemeente", "instroom", "naar_werk", "uitstroom", "stand_eind", "kosten"});
    for (int g = 0; g <= n_g; ++g) {
      const auto& ids = q_cell[static_cast<std::size_t>(g)];
      std::vector<std::string> row{g < n_g ? s.gemeenten[static_cast<std::size_t>(g)] : "regio"};
      for (int c = 0; c < q_cols; ++c) {
        const int id = ids[static_cast<std::size_t>(c)];
        const double v = p.value[static_cast<std::size_t>(id)];
        row.push_back(c == q_kosten ? (d.suppressed[static_cast<std::size_t>(id)] ? "x" : fixed(v, 0, Style::csv_plain))
                                    : print(id, v, 0));
      }
      q += csv_line(row);
      q_rows.push_back(row);
    }
    out.files.push_back({"kwartaaloverzicht.csv", q});
  }

  // The previous forecast against the realisatie.
  std::vector<std::vector<std::string>> cmp_rows;
  if (o.previous) {
    std::string cmp = csv_line({"gemeente", "status", "maand", "prognose", "p5", "p95", "realisatie", "verschil",
                                "binnen_p5_p95"});
    for (const auto& row : compare) {
      const ForecastCell& c = *row.prev;
      const std::string realised = print(row.cell, row.realised, 0);
      const bool hidden = d.suppressed[static_cast<std::size_t>(row.cell)];
      double mean = 0, lo = 0, hi = 0;
      std::string diff = "x", inside = "x";
      if (!hidden && numeric(c.mean, mean)) diff = fixed(row.realised - mean, 1, Style::csv_plain);
      if (!hidden) inside = numeric(c.p5, lo) && numeric(c.p95, hi) ? (row.realised >= lo && row.realised <= hi ? "ja" : "nee") : "-";
      std::vector<std::string> line{c.gemeente, c.status, c.maand, c.mean, c.p5, c.p95, realised, diff, inside};
      cmp += csv_line(line);
      if (c.maand == real.last_month.str()) {
        line[8] = tr(lang, line[8]);
        cmp_rows.push_back(line);
      }
    }
    out.files.push_back({"realisatie-vs-prognose.csv", cmp});
  }

  // The manifest's "prognose": the cells exactly as prognose.csv prints them.
  nlohmann::ordered_json j;
  j["made_in"] = f.made_in;
  j["period"] = f.period;
  j["alternative"] = f.alternative;
  j["interval"] = f.interval;
  j["cells"] = nlohmann::ordered_json::array();
  for (const auto& c : f.cells)
    j["cells"].push_back({{"gemeente", c.gemeente}, {"state", c.status}, {"month", c.maand}, {"mean", c.mean},
                          {"p5", c.p5}, {"p95", c.p95}});
  out.manifest_json = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out.forecast = std::move(f);

  // The section of rapport.html.
  std::string h = "<section id=\"semester\">\n<h2>" + svg::escape(tr(lang, "Realisatie en prognose")) + "</h2>\n<p>" +
                  svg::escape(fmt::format(fmt::runtime(tr(lang, "Gerealiseerd tot en met {}; de prognose begint in {}. "
                                                              "Aantallen onder de drempel staan als <{}, afgeleide als x.")),
                                          real.last_month.str(), s.time.start.str(), o.threshold)) + "</p>\n";
  h += html_table("stand-per-maand", tr(lang, "Personen per toestand per maand (regio)"),
                  {tr(lang, "maand"), tr(lang, "soort"), tr(lang, "status"), tr(lang, "personen"), "P5", "P95"}, stand_rows);
  if (quarter)
    h += html_table("kwartaaloverzicht", fmt::format(fmt::runtime(tr(lang, "Kwartaaloverzicht {} per gemeente")), real.period.label),
                    {tr(lang, "gemeente"), tr(lang, "instroom"), tr(lang, "naar werk"), tr(lang, "uitstroom"),
                     tr(lang, "stand eind"), tr(lang, "kosten (euro)")}, q_rows);
  if (o.previous)
    h += html_table("realisatie-vs-prognose",
                    fmt::format(fmt::runtime(tr(lang, "Prognose van het vorige rapport ({}) tegen de realisatie, {}")),
                                o.previous->made_in, real.last_month.str()),
                    {tr(lang, "gemeente"), tr(lang, "status"), tr(lang, "maand"), tr(lang, "prognose"), "P5", "P95",
                     tr(lang, "realisatie"), tr(lang, "verschil"), tr(lang, "binnen P5-P95")},
                    cmp_rows);
  h += "<p class=\"note\">" + svg::escape(tr(lang, "Per gemeente, toestand en maand: prognose.csv en realisatie-vs-prognose.csv.")) +
       "</p>\n</section>\n";
  out.html = h;
  return out;
}

Forecast read_previous_forecast(const std::string& dir) {
  const std::string file = (std::filesystem::path(dir) / "manifest.json").string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot read the previous run's manifest (is {} an mkba report folder?)", file, dir));
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("program", "") != "mkba")
    throw DataError(fmt::format("{}: not an mkba manifest (expected the manifest.json of an mkba report)", file));
  if (!j.contains("prognose") || !j["prognose"].is_object())
    throw DataError(fmt::format("{}: the previous run holds no forecast (key prognose); it was made without a "
                                "realisatie (--realisatie or meta.realisatie)", file));
  const auto& p = j["prognose"];
  Forecast f;
  f.manifest_file = file;
  f.manifest_sha256 = sha256_hex(ss.str());
  try {
    f.made_in = p.at("made_in").get<std::string>();
    f.period = p.at("period").get<std::string>();
    f.alternative = p.at("alternative").get<std::string>();
    f.interval = p.at("interval").get<bool>();
    for (const auto& c : p.at("cells"))
      f.cells.push_back({c.at("gemeente").get<std::string>(), c.at("state").get<std::string>(),
                         c.at("month").get<std::string>(), c.at("mean").get<std::string>(), c.at("p5").get<std::string>(),
                         c.at("p95").get<std::string>()});
  } catch (const nlohmann::json::exception&) {
    throw DataError(fmt::format("{}: the forecast (key prognose) is incomplete or of another version", file));
  }
  return f;
}

}  // namespace mkba::report
