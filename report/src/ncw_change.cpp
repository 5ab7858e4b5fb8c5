// The NCW change between two reports split by cause (ncw_change.hpp; docs/semester.md).
#include <mkba/report/ncw_change.hpp>

#include <mkba/models/errors.hpp>
#include <mkba/report/html_report.hpp>
#include <mkba/report/lang.hpp>
#include <mkba/report/table_writers.hpp>

#include "svg_charts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <type_traits>

namespace mkba::report {

namespace {

using json = nlohmann::ordered_json;

std::size_t sz(int i) { return static_cast<std::size_t>(i); }

// Parameters read by transitions (a matrix cell or a change), and the parameters a derived one of
// them is computed from: the group "kansen". Every other parameter is a "waarde".
std::vector<bool> rate_parameters(const Scenario& s) {
  std::vector<bool> rate(s.parameters.size(), false);
  auto mark = [&](const ParameterUse& u) {
    if (u.target != ParameterUse::Target::matrix_cell && u.target != ParameterUse::Target::overlay_value) return;
    for (int p : u.expression.parameters())
      if (p >= 0 && sz(p) < rate.size()) rate[sz(p)] = true;
  };
  for (const auto& u : s.parameter_uses) mark(u);
  for (const auto& u : s.varying_uses) mark(u);
  for (std::size_t i = s.parameters.size(); i-- > 0;)  // a derived parameter reads lower indices only
    if (rate[i] && s.parameters[i].derived)
      for (int p : s.parameters[i].formula.parameters())
        if (p >= 0 && sz(p) < rate.size()) rate[sz(p)] = true;
  return rate;
}

// Every list of transition changes with a stable name, for matching between two scenarios (one rule
// for the manifest and for putting the values back: S is Scenario or const Scenario).
template <class S>
auto change_lists(S& s) {
  using List = std::conditional_t<std::is_const_v<S>, const std::vector<TransitionOverlay>, std::vector<TransitionOverlay>>;
  std::vector<std::pair<std::string, List*>> out;
  for (std::size_t g = 0; g < s.segment_changes.size() && g < s.declared_segments.size(); ++g)
    out.emplace_back("segment:" + s.declared_segments[g], &s.segment_changes[g]);
  for (std::size_t b = 0; b < s.band_changes.size() && b < s.duration_band_starts.size(); ++b)
    out.emplace_back(fmt::format("band:{}", s.duration_band_starts[b]), &s.band_changes[b]);
  for (auto& y : s.year_changes) out.emplace_back(fmt::format("year:{}", y.year), &y.changes);
  for (auto& a : s.alternatives) out.emplace_back("alternative:" + a.id, &a.overlays);
  return out;
}

// A change's key: list, from, to, kind and its occurrence among the list's changes of that pair.
using ChangeKey = std::tuple<std::string, std::string, std::string, int, int>;

template <class Fn>
void each_change(const Scenario& s, Fn fn) {
  for (const auto& [name, list] : change_lists<const Scenario>(s)) {
    std::map<std::pair<int, int>, int> seen;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const TransitionOverlay& o = (*list)[k];
      const int n = seen[{o.from, o.to}]++;
      fn(ChangeKey{name, s.states[sz(o.from)].id, s.states[sz(o.to)].id, static_cast<int>(o.kind), n}, o);
    }
  }
}

// An effect's key: its name and occurrence among the effects of that name.
template <class Fn>
void each_effect(const Scenario& s, Fn fn) {
  std::map<std::string, int> seen;
  for (std::size_t e = 0; e < s.effects.size(); ++e) fn(s.effects[e].name, seen[s.effects[e].name]++, e);
}

double value_of(const Scenario& s, std::size_t p) {
  return p < s.parameter_values.size() ? s.parameter_values[p] : s.parameters[p].value;
}

json parse_basis(const PreviousBasis& b) {
  json j = json::parse(b.json, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw DataError(fmt::format("{}: the key ncw_basis is not a JSON object", b.manifest_file));
  return j;
}

std::optional<double> number_or_null(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

}  // namespace

std::string ncw_basis_json(const Scenario& s, const analysis::RunResult& r, const Table& summary,
                           std::optional<std::int64_t> persons) {
  json j;
  j["ncw"] = json::array();
  const double nul = r.alternatives.empty() ? 0.0 : analysis::ncw_society(r.alternatives[0].valued);
  for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
    const double v = analysis::ncw_society(r.alternatives[a].valued);
    const bool hidden = a < summary.cells.size() && !summary.cells[a].empty() && summary.cells[a][0].suppressed;
    const bool diff_hidden = a < summary.cells.size() && summary.cells[a].size() > 1 && summary.cells[a][1].suppressed;
    json alt;
    alt["id"] = r.alternatives[a].id;
    alt["ncw"] = hidden ? json(nullptr) : json(v);
    if (a > 0) alt["verschil"] = diff_hidden ? json(nullptr) : json(v - nul);
    j["ncw"].push_back(alt);
  }
  json m;
  m["discount_rate"] = s.discount_rate;
  m["discount_timing"] = static_cast<int>(s.discount_timing);
  m["outcome_discount_rates"] = s.outcome_discount_rates;
  m["counting"] = static_cast<int>(s.time.counting);
  m["horizon_years"] = s.time.horizon_years;
  m["mode"] = r.mode == analysis::Mode::cohort ? "cohort" : "microsim";
  m["seed"] = r.seed;
  m["persons"] = persons ? json(*persons) : json(nullptr);  // the option; null: the default (the caseload)
  j["methode"] = m;

  const auto rate = rate_parameters(s);
  json k, w;
  k["matrix"] = json::object();
  for (std::size_t i = 0; i < s.states.size(); ++i) {
    json row = json::object();
    for (std::size_t c = 0; c < s.states.size(); ++c)
      row[s.states[c].id] = s.monthly(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
    k["matrix"][s.states[i].id] = row;
  }
  k["changes"] = json::array();
  each_change(s, [&](const ChangeKey& key, const TransitionOverlay& o) {
    k["changes"].push_back({{"list", std::get<0>(key)}, {"from", std::get<1>(key)}, {"to", std::get<2>(key)},
                            {"kind", std::get<3>(key)}, {"n", std::get<4>(key)}, {"value", o.value}});
  });
  k["parameters"] = json::object();
  w["effects"] = json::array();
  each_effect(s, [&](const std::string& name, int n, std::size_t e) {
    w["effects"].push_back({{"name", name}, {"n", n}, {"amount", s.effects[e].item.amount},
                            {"segment_amount", s.effects[e].item.segment_amount}});
  });
  w["parameters"] = json::object();
  for (std::size_t p = 0; p < s.parameters.size(); ++p) (rate[p] ? k : w)["parameters"][s.parameters[p].id] = value_of(s, p);
  j["kansen"] = k;
  j["waarden"] = w;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

PreviousBasis read_previous_basis(const std::string& dir) {
  const std::string file = (std::filesystem::path(dir) / "manifest.json").string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot read the previous run's manifest (is {} an mkba report folder?)", file, dir));
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("program", "") != "mkba")
    throw DataError(fmt::format("{}: not an mkba manifest (expected the manifest.json of an mkba report)", file));
  if (!j.contains("ncw_basis") || !j["ncw_basis"].is_object())
    throw DataError(fmt::format("{}: the previous report holds no ncw_basis (it was written by an older mkba); rerun it "
                                "with this version to compare the NCW", file));
  PreviousBasis b;
  b.manifest_file = file;
  b.period = j.contains("period") && j["period"].is_string() ? j["period"].get<std::string>() : "";
  b.json = j["ncw_basis"].dump();
  return b;
}

Rebuilt with_previous(const Scenario& current, const analysis::RunOptions& options, const PreviousBasis& previous,
                      const std::vector<InputGroup>& groups) {
  const json j = parse_basis(previous);
  Rebuilt out{current, options};
  Scenario& s = out.scenario;
  out.options.iterations = 1;
  out.options.progress = nullptr;
  out.options.base_progress = nullptr;
  // The rate the current run used (a --set or an option), so only the methode step changes it.
  s.discount_rate = options.discount_rate.value_or(current.discount_rate);
  out.options.discount_rate.reset();
  auto has = [&](InputGroup g) { return std::find(groups.begin(), groups.end(), g) != groups.end(); };
  auto put_parameters = [&](const json& params) {
    if (!params.is_object()) return;
    for (std::size_t p = 0; p < s.parameters.size(); ++p) {
      const auto it = params.find(s.parameters[p].id);
      if (it == params.end() || !it->is_number()) continue;
      s.parameters[p].value = it->get<double>();
      if (p < s.parameter_values.size()) s.parameter_values[p] = it->get<double>();
    }
  };
  try {
    if (has(InputGroup::kansen) && j.contains("kansen")) {
      const json& k = j["kansen"];
      // The matrix only when both have the same states: a row put back in part need not sum to 1.
      const json& m = k.at("matrix");
      bool same = m.size() == s.states.size();
      for (const auto& st : s.states) same = same && m.contains(st.id) && m[st.id].size() == s.states.size();
      if (same)
        for (std::size_t i = 0; i < s.states.size(); ++i)
          for (std::size_t c = 0; c < s.states.size(); ++c)
            if (const auto& row = m[s.states[i].id]; row.contains(s.states[c].id))
              s.monthly(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = row[s.states[c].id].get<double>();
      std::map<ChangeKey, double> prev;
      for (const auto& c : k.at("changes"))
        prev[ChangeKey{c.at("list").get<std::string>(), c.at("from").get<std::string>(), c.at("to").get<std::string>(),
                       c.at("kind").get<int>(), c.at("n").get<int>()}] = c.at("value").get<double>();
      for (auto& [name, list] : change_lists(s)) {  // the walk of each_change, writing
        std::map<std::pair<int, int>, int> seen;
        for (auto& o : *list) {
          const int n = seen[{o.from, o.to}]++;
          const auto it = prev.find(ChangeKey{name, s.states[sz(o.from)].id, s.states[sz(o.to)].id, static_cast<int>(o.kind), n});
          if (it != prev.end()) o.value = it->second;
        }
      }
      put_parameters(k.at("parameters"));
    }
    if (has(InputGroup::waarden) && j.contains("waarden")) {
      const json& w = j["waarden"];
      std::map<std::pair<std::string, int>, const json*> prev;
      for (const auto& e : w.at("effects")) prev[{e.at("name").get<std::string>(), e.at("n").get<int>()}] = &e;
      std::map<std::string, int> seen;
      for (auto& e : s.effects) {
        const auto it = prev.find({e.name, seen[e.name]++});
        if (it == prev.end()) continue;
        e.item.amount = it->second->at("amount").get<double>();
        const auto seg = it->second->at("segment_amount").get<std::vector<double>>();
        if (seg.size() == e.item.segment_amount.size()) e.item.segment_amount = seg;
      }
      put_parameters(w.at("parameters"));
    }
    if (has(InputGroup::methode) && j.contains("methode")) {
      const json& m = j["methode"];
      s.discount_rate = m.at("discount_rate").get<double>();
      s.discount_timing = static_cast<DiscountTiming>(m.at("discount_timing").get<int>());
      const auto outcome_rates = m.at("outcome_discount_rates").get<std::vector<double>>();
      if (outcome_rates.size() == s.outcome_discount_rates.size()) s.outcome_discount_rates = outcome_rates;
      s.time.counting = static_cast<Counting>(m.at("counting").get<int>());
      s.time.horizon_years = m.at("horizon_years").get<int>();
      out.options.mode = m.at("mode").get<std::string>() == "cohort" ? analysis::Mode::cohort : analysis::Mode::microsim;
      out.options.seed = m.at("seed").get<std::uint64_t>();
      out.options.persons.reset();
      if (m.at("persons").is_number()) out.options.persons = m.at("persons").get<std::int64_t>();
    }
  } catch (const nlohmann::json::exception&) {
    throw DataError(fmt::format("{}: the ncw_basis is incomplete or of another version", previous.manifest_file));
  }
  return out;
}

NcwChange ncw_change(const Scenario& current, const analysis::RunResult& result, const analysis::RunOptions& options,
                     const PreviousBasis& previous) {
  const json j = parse_basis(previous);
  NcwChange c;
  c.previous_period = previous.period;
  const std::size_t A = result.alternatives.size();
  std::map<std::string, const json*> prev;
  if (j.contains("ncw") && j["ncw"].is_array())
    for (const auto& alt : j["ncw"])
      if (alt.contains("id") && alt["id"].is_string()) prev[alt["id"].get<std::string>()] = &alt;
  c.microsim = result.mode == analysis::Mode::microsim ||
               (j.contains("methode") && j["methode"].value("mode", "") == "microsim");
  for (std::size_t a = 0; a < A; ++a) {
    const auto& alt = result.alternatives[a];
    c.ids.push_back(alt.id);
    c.current.push_back(analysis::ncw_society(alt.valued));
    const auto it = prev.find(alt.id);
    const bool there = it != prev.end();
    c.previous.push_back(there ? number_or_null(*it->second, "ncw") : std::nullopt);
    c.previous_hidden.push_back(there && !c.previous.back());
    c.previous_difference.push_back(there && a > 0 ? number_or_null(*it->second, "verschil") : std::nullopt);
    c.previous_difference_hidden.push_back(there && a > 0 && !c.previous_difference.back());
  }
  c.rebuilt.assign(A, std::vector<double>(3, 0.0));
  const std::vector<std::vector<InputGroup>> steps = {
      {InputGroup::kansen, InputGroup::waarden, InputGroup::methode}, {InputGroup::waarden, InputGroup::methode},
      {InputGroup::methode}};
  try {
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const Rebuilt rb = with_previous(current, options, previous, steps[k]);
      const analysis::RunResult r = analysis::run(rb.scenario, rb.options);
      for (std::size_t a = 0; a < A && a < r.alternatives.size(); ++a)
        c.rebuilt[a][k] = analysis::ncw_society(r.alternatives[a].valued);
    }
  } catch (const DataError&) {
    throw;
  } catch (const std::exception& e) {  // e.g. the previous mode cannot run the current scenario
    c.failure = e.what();
  }
  return c;
}

Table ncw_change_table(const NcwChange& c, const Table& summary, Lang lang) {
  auto L = [&](const std::string& nl) { return tr(lang, nl); };
  Table t;
  t.id = "ncw-verandering";
  t.lang = lang;
  t.title = c.previous_period.empty()
                ? L("Verandering NCW ten opzichte van het vorige rapport")
                : fmt::format(fmt::runtime(L("Verandering NCW ten opzichte van het vorige rapport ({})")), c.previous_period);
  t.corner = L("Alternatief");
  t.columns = {L("NCW vorig rapport"), L("Data"), L("Kansen"), L("Waarden"), L("Methode"), L("NCW dit rapport")};
  t.note = L("Maatschappelijke NCW in euro. Volgorde van de stappen: data, kansen, waarden, methode. Elke stap is de "
             "verandering van de NCW als die groep invoer van de vorige naar de huidige versie gaat, met de groepen ervoor "
             "al op de huidige versie; samen tellen de stappen op tot het verschil tussen beide rapporten. Kansen: de "
             "overgangskansen en hun wijzigingen per segment, duur, jaar en alternatief; waarden: de bedragen van de "
             "effecten en de overige parameters; methode: discontovoet, horizon, telwijze, modus, seed en aantal "
             "gesimuleerde personen. Data is het verschil tussen de gepubliceerde NCW van het vorige rapport en de "
             "huidige data (realisatie, startpopulatie, instroom) met de kansen, waarden en methode van het vorige "
             "rapport: ook wat buiten de andere groepen veranderde (een nieuw effect of alternatief, een andere versie "
             "van mkba) valt daaronder.");
  if (c.microsim)
    t.note += " " + L("In microsimulatie bevat elke stap ook toevalsvariatie (dezelfde seed per stap, maar een andere "
                      "populatie of andere kansen trekken andere paden).");
  if (!c.failure.empty())
    t.note += " " + fmt::format(fmt::runtime(L("De stappen zijn niet berekend: {}")), c.failure);
  auto money = [](double v) { return Cell::of(Unit::euro, v); };
  auto hidden = [] {
    Cell x = Cell::of(Unit::euro, 0);
    x.suppressed = true;
    return x;
  };
  auto add_row = [&](const std::string& label, std::optional<double> prev, bool prev_hidden, double now,
                     const Cell* published, const std::vector<double>& rebuilt) {
    t.rows.push_back(label);
    std::vector<Cell> row;
    const bool now_hidden = published && published->suppressed;
    if (prev) row.push_back(money(*prev));
    else row.push_back(prev_hidden ? hidden() : Cell::of_text("-"));
    if (!prev || now_hidden || !c.failure.empty()) {
      // Either side hidden: the steps would give it (previous + steps = current), so they are too.
      for (int k = 0; k < 4; ++k) row.push_back(prev_hidden || (now_hidden && prev) ? hidden() : Cell::of_text("-"));
    } else {
      row.push_back(money(rebuilt[0] - *prev));
      row.push_back(money(rebuilt[1] - rebuilt[0]));
      row.push_back(money(rebuilt[2] - rebuilt[1]));
      row.push_back(money(now - rebuilt[2]));
    }
    Cell cur = money(now);
    if (published) {
      cur.suppressed = published->suppressed;
      cur.below_threshold = published->below_threshold;
    }
    row.push_back(cur);
    t.cells.push_back(std::move(row));
  };
  const std::size_t A = c.ids.size();
  for (std::size_t a = 0; a < A; ++a) {
    const Cell* pub = a < summary.cells.size() && !summary.cells[a].empty() ? &summary.cells[a][0] : nullptr;
    const std::string label = a < summary.rows.size() ? summary.rows[a] : c.ids[a];
    add_row(label, c.previous[a], c.previous_hidden[a], c.current[a], pub, c.rebuilt[a]);
  }
  for (std::size_t a = 1; a < A; ++a) {
    const Cell* pub = a < summary.cells.size() && summary.cells[a].size() > 1 ? &summary.cells[a][1] : nullptr;
    std::vector<double> diff(3);
    for (std::size_t k = 0; k < 3; ++k) diff[k] = c.rebuilt[a][k] - c.rebuilt[0][k];
    const std::string label = fmt::format(fmt::runtime(L("{} - nulalternatief")), a < summary.rows.size() ? summary.rows[a] : c.ids[a]);
    add_row(label, c.previous_difference[a], c.previous_difference_hidden[a], c.current[a] - c.current[0], pub, diff);
  }
  return t;
}

NcwChangeOutput ncw_change_output(const NcwChange& c, const ReportTables& t, const ReportOptions& o) {
  const Table tab = ncw_change_table(c, t.summary, o.lang);
  NcwChangeOutput out;
  out.csv = {"ncw-verandering.csv", table_csv(tab, o.threshold, CsvDialect::plain)};
  out.html = "<section id=\"ncw-verandering\">\n<h2>" + svg::escape(tab.title) + "</h2>\n" +
             report_table_html(tab, o.threshold) + "</section>\n";
  return out;
}

}  // namespace mkba::report
