// Scenario loading: YAML -> validated plain structs. See docs/scenario-format.md for every key.
#include <mkba/models/load.hpp>

#include "load_parts.hpp"
#include "text_file.hpp"
#include "yaml_reader.hpp"

#include <mkba/models/bestand.hpp>
#include <mkba/models/calendar.hpp>
#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>
#include <mkba/models/screening_population.hpp>

#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

namespace mkba {
namespace {

constexpr const char* kAllExits = "all_exits";  // `to:` of a change on every move out of a state

using detail::describe;
using detail::join_path;
using detail::YamlReader;

const std::vector<std::string> kDefaultStakeholders = {
    "kandidaat", "gemeente", "rijk", "uwv", "werkgever", "zorgverzekeraar", "overig"};
const std::vector<std::string> kDefaultCategories = {
    "uitkeringen", "loonkosten_productie", "begeleiding", "zorg",
    "kwaliteit_van_leven", "veiligheid", "uitvoering", "belastingen_premies", "overig"};

std::optional<YAML::Node> parse_file(const std::string& path, std::vector<Diagnostic>& diags, int line = 0,
                                     int column = 0, const std::string& from = "");

class Loader {
 public:
  // Effects from included libraries wait until states, stakeholders and categories are known.
  // Likewise a library's `transitions` (e.g. written by `mkba calibrate --transitions`).
  struct PendingEffects {
    YAML::Node node;
    std::string file;
    bool transitions = false;  // a `transitions` block, not effects
  };

  Loader(YamlReader& r, Scenario& s, std::vector<std::string> include_stack,
         std::shared_ptr<std::vector<PendingEffects>> pending = std::make_shared<std::vector<PendingEffects>>(),
         LoadLimits limits = {})
      : r_(r), s_(s), include_stack_(std::move(include_stack)), pending_(std::move(pending)), limits_(limits) {}

  // An included library: only `include`, `parameters`, `effects` and `transitions`.
  void library(const YAML::Node& root) {
    // Never quote the file: an include of the wrong file (a screening extract, say) must not print
    // its first bytes, which can be personal data.
    if (!root.IsMap()) {
      r_.error(root, "", fmt::format("expected a YAML library (a map with include, parameters, effects or "
                                     "transitions), found {}; is this the right file?",
                                     root.IsSequence() ? "a list" : "text that is not a YAML map (not shown)"));
      return;
    }
    r_.check_keys(root, "", {"include", "tables", "parameters", "effects", "transitions"});
    if (root["include"].IsDefined()) includes(root["include"]);
    if (root["tables"].IsDefined()) tables(root["tables"]);
    if (root["parameters"].IsDefined()) parameters(root["parameters"]);
    if (root["effects"].IsDefined()) pending_->push_back({root["effects"], r_.file()});
    if (root["transitions"].IsDefined()) pending_->push_back({root["transitions"], r_.file(), true});
  }

  void load(const YAML::Node& root) {
    if (!r_.expect_map(root, "")) return;
    r_.check_keys(root, "", {"meta", "time", "states", "population", "transitions", "nulalternatief",
                             "alternatives", "stakeholders", "categories", "outcomes", "effects",
                             "discounting", "simulation", "parameters", "segments", "include", "plausibility",
                             "rescreening", "tables", "cost_effectiveness", "loonwaarde", "aow", "mortality"});
    if (root["include"].IsDefined()) includes(root["include"]);
    if (auto n = r_.required(root, "meta", "")) meta(*n);
    if (auto n = r_.required(root, "time", "")) time(*n);
    if (root["tables"].IsDefined()) tables(root["tables"]);
    if (root["parameters"].IsDefined()) parameters(root["parameters"]);
    if (auto n = r_.required(root, "states", "")) states(*n);
    names(root["stakeholders"], "stakeholders", kDefaultStakeholders, s_.stakeholders);
    names(root["categories"], "categories", kDefaultCategories, s_.categories);
    if (root["outcomes"].IsDefined()) outcomes(root["outcomes"]);
    if (root["segments"].IsDefined()) names(root["segments"], "segments", {"alle"}, s_.segments);
    if (s_.segments.empty()) s_.segments = {"alle"};
    s_.segment_mix.assign(s_.segments.size(), 0.0);
    s_.segment_mix[0] = 1.0;
    if (s_.states.empty()) return;  // everything below refers to states
    if (root["rescreening"].IsDefined() && !root["rescreening"].IsNull()) rescreening(root["rescreening"]);
    if (auto n = r_.required(root, "population", "")) population(*n);
    const bool screening_given = root["population"].IsDefined() && root["population"].IsMap() &&
                                 root["population"]["screening"].IsDefined();
    if (s_.rescreening && s_.screening_file.empty() && !screening_given)  // (a failed read is reported already)
      r_.error(root["rescreening"], "rescreening", "rescreening needs a screening population (population.screening): "
                                                   "it moves each person's ZRM scores");
    if (root["loonwaarde"].IsDefined()) loonwaarde(root["loonwaarde"]);
    if (root["aow"].IsDefined()) detail::load_aow(r_, root["aow"], s_);
    if (root["mortality"].IsDefined()) detail::load_mortality(r_, root["mortality"], s_);
    std::vector<const PendingEffects*> included_transitions;
    for (const auto& p : *pending_)
      if (p.transitions) included_transitions.push_back(&p);
    if (included_transitions.empty()) {
      if (auto n = r_.required(root, "transitions", "")) transitions(*n);
    } else if (root["transitions"].IsDefined() || included_transitions.size() > 1) {
      r_.error(root["transitions"].IsDefined() ? root["transitions"] : root, "transitions",
               fmt::format("transitions are given more than once (here and/or in the included {}): give them in one file",
                           included_transitions.front()->file));
    } else {
      std::vector<Diagnostic> nested;
      YamlReader reader(included_transitions.front()->file, nested);
      Loader(reader, s_, include_stack_, pending_).transitions(included_transitions.front()->node);
      for (auto& d : nested) r_.error_at_file(d);
    }
    alternatives(root["nulalternatief"], root["alternatives"]);
    for (const auto& p : *pending_) {  // included effects first, in include order
      if (p.transitions) continue;
      std::vector<Diagnostic> nested;
      YamlReader reader(p.file, nested);
      Loader(reader, s_, include_stack_, pending_).effects(p.node);
      for (auto& d : nested) r_.error_at_file(d);
    }
    if (root["effects"].IsDefined()) effects(root["effects"]);
    if (root["discounting"].IsDefined()) discounting(root["discounting"]);
    if (root["simulation"].IsDefined()) simulation(root["simulation"]);
    if (root["plausibility"].IsDefined()) detail::load_plausibility(r_, root["plausibility"], s_);
    fading_bands();
    expand_segments();
    if (root["cost_effectiveness"].IsDefined()) cost_effectiveness(root["cost_effectiveness"]);
    conventions(root);
  }

 private:
  YamlReader& r_;
  Scenario& s_;
  std::vector<std::string> include_stack_;  // canonical paths, outermost first (cycle detection)
  std::shared_ptr<std::vector<PendingEffects>> pending_;
  LoadLimits limits_;
  std::size_t own_capacities_from_ = 0;  // capacity(): limits before this index are inherited (extends)
  int last_varying_ = -1;  // the varying_uses index of the last value() that changes over time, else -1

  void includes(const YAML::Node& n) {
    const YAML::Node list = n.IsScalar() ? YAML::Node(std::vector<YAML::Node>{n}) : n;
    if (!n.IsScalar() && !r_.expect_sequence(n, "include")) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node item = n.IsScalar() ? n : n[i];
      const std::string path = n.IsScalar() ? "include" : fmt::format("include[{}]", i);
      auto rel = r_.string(item, path);
      if (!rel) continue;
      // Relative to the including file.
      const auto full = std::filesystem::path(r_.file()).parent_path() / *rel;
      std::error_code ec;
      const auto canonical = std::filesystem::weakly_canonical(full, ec).string();
      if (std::find(include_stack_.begin(), include_stack_.end(), canonical) != include_stack_.end()) {
        r_.error(item, path, fmt::format("include cycle: '{}' is already being included", *rel));
        continue;
      }
      const YAML::Mark mark = item.Mark();
      std::vector<Diagnostic> nested;
      auto root = parse_file(full.string(), nested, mark.line + 1, mark.column + 1, r_.file());
      if (root) {
        if (std::find(s_.included_files.begin(), s_.included_files.end(), full.string()) == s_.included_files.end())
          s_.included_files.push_back(full.string());
        YamlReader reader(full.string(), nested);
        auto stack = include_stack_;
        stack.push_back(canonical);
        Loader(reader, s_, stack, pending_).library(*root);
      }
      for (auto& d : nested) r_.error_at_file(d);
    }
  }

  // A harmless problem: loading goes on; the run prints it and the manifest records it.
  void warn(const YAML::Node& at, const std::string& path, const std::string& message) {
    s_.warnings.push_back({r_.file(), at.Mark().line + 1, at.Mark().column + 1, path, message});
  }

  // The one rule for every window (changes, capacity limits, effects, inflow): [from, until) as
  // calendar months (`from`/`until`: YYYY-MM) or cycles from the start (`from_cycle`/`until_cycle`),
  // read into `first`/`last` in months from time.start (left as they are when not given: from the
  // start, until the horizon). A window that never applies within the horizon is an error; one that
  // begins before the start counts from the start (a warning). Returns false (after reporting) when
  // the window is wrong. `own_map`: the window is a map of its own (`window: {...}`); false when its keys sit in a larger
  // map whose keys the caller checks (an inflow entry).
  bool window(const YAML::Node& map, const std::string& path, int& first, int& last, bool own_map = true) {
    if (!r_.expect_map(map, path)) return false;
    if (own_map) r_.check_keys(map, path, {"from", "until", "from_cycle", "until_cycle"});
    bool ok = true;
    if (map["from"].IsDefined() && map["from_cycle"].IsDefined()) {
      r_.error(map, path, "expected 'from' (a month) or 'from_cycle', not both");
      ok = false;
    }
    if (map["until"].IsDefined() && map["until_cycle"].IsDefined()) {
      r_.error(map, path, "expected 'until' (a month) or 'until_cycle', not both");
      ok = false;
    }
    std::optional<int> from, until;
    const int m = s_.time.months_per_cycle, n = s_.time.n_cycles();
    if (map["from"].IsDefined()) {
      if (auto ym = year_month(map["from"], join_path(path, "from"))) from = ym->months_since(s_.time.start);
      else ok = false;
    }
    if (map["until"].IsDefined()) {
      if (auto ym = year_month(map["until"], join_path(path, "until"))) until = ym->months_since(s_.time.start);
      else ok = false;
    }
    if (map["from_cycle"].IsDefined()) {
      if (auto c = r_.integer_in(map["from_cycle"], join_path(path, "from_cycle"), 0, n)) from = static_cast<int>(*c) * m;
      else ok = false;
    }
    if (map["until_cycle"].IsDefined()) {
      if (auto c = r_.integer_in(map["until_cycle"], join_path(path, "until_cycle"), 0, n)) until = static_cast<int>(*c) * m;
      else ok = false;
    }
    if (!ok) return false;
    const int horizon = s_.time.horizon_years * 12;
    if (until && *until <= 0) {
      const YAML::Node at = map["until"].IsDefined() ? map["until"] : map["until_cycle"];
      r_.error(at, join_path(path, map["until"].IsDefined() ? "until" : "until_cycle"),
               fmt::format("the window ends at or before time.start ({}), so it never applies; expected a window "
                           "within the horizon", s_.time.start.str()));
      return false;
    }
    if (!r_.window_ok(map, path, from.value_or(0), until.value_or(-1))) return false;
    if (from && *from >= horizon) {
      const YAML::Node at = map["from"].IsDefined() ? map["from"] : map["from_cycle"];
      r_.error(at, join_path(path, map["from"].IsDefined() ? "from" : "from_cycle"),
               fmt::format("the window starts after the horizon ({} plus {} years), so it never applies",
                           s_.time.start.str(), s_.time.horizon_years));
      return false;
    }
    if (from && *from < 0) {
      warn(map["from"], join_path(path, "from"),
           fmt::format("the window starts before time.start ({}); it counts from time.start", s_.time.start.str()));
      from = 0;
    }
    if (from) first = *from;
    if (until) last = *until;
    return true;
  }

  std::optional<YearMonth> year_month(const YAML::Node& n, const std::string& path) {
    auto text = r_.string(n, path);
    if (!text) return std::nullopt;
    static const std::regex ym(R"(^(\d{4})-(\d{2})$)");
    std::smatch m;
    if (std::regex_match(*text, m, ym)) {
      YearMonth v{std::stoi(m[1]), std::stoi(m[2])};
      if (v.month >= 1 && v.month <= 12 && v.year >= 1990 && v.year <= 2100) return v;
    }
    r_.error(n, path, fmt::format("expected a month as YYYY-MM between 1990-01 and 2100-12, found '{}'", *text));
    return std::nullopt;
  }

  void meta(const YAML::Node& n) {
    if (!r_.expect_map(n, "meta")) return;
    r_.check_keys(n, "meta", {"name", "description", "prijspeil", "period", "gemeenten", "price_index", "aanleiding", "beperkingen",
                             "realisatie"});
    if (n["realisatie"].IsDefined())  // read by the command (with the report's period): models/realisatie.hpp
      if (auto rel = r_.string(n["realisatie"], "meta.realisatie"))
        s_.realisatie_file = (std::filesystem::path(r_.file()).parent_path() / *rel).string();
    if (n["price_index"].IsDefined() && r_.expect_map(n["price_index"], "meta.price_index")) {
      for (const auto& kv : n["price_index"]) {
        const std::string p = join_path("meta.price_index", kv.first.Scalar());
        auto year = r_.integer_in(kv.first, p, 1990, 2100);
        auto v = r_.number_in(kv.second, p, 1e-6, 1e9, "an index value");
        if (year && v) s_.price_index[static_cast<int>(*year)] = *v;
      }
    }
    if (auto v = r_.required(n, "name", "meta")) s_.name = r_.string(*v, "meta.name").value_or("");
    if (n["description"].IsDefined()) s_.description = r_.string(n["description"], "meta.description").value_or("");
    // Report text (docs/report.md): the reason for the analysis, and the analysis's limitations.
    if (n["aanleiding"].IsDefined()) s_.aanleiding = r_.string(n["aanleiding"], "meta.aanleiding").value_or("");
    if (n["beperkingen"].IsDefined() && r_.expect_sequence(n["beperkingen"], "meta.beperkingen"))
      for (std::size_t i = 0; i < n["beperkingen"].size(); ++i)
        if (auto b = r_.string(n["beperkingen"][i], fmt::format("meta.beperkingen[{}]", i))) s_.beperkingen.push_back(*b);
    if (n["prijspeil"].IsDefined())
      s_.prijspeil = static_cast<int>(r_.integer_in(n["prijspeil"], "meta.prijspeil", 1990, 2100).value_or(2025));
    if (n["period"].IsDefined()) {
      auto p = r_.string(n["period"], "meta.period");
      static const std::regex semester(R"(^\d{4}-H[12]$)");
      if (p && !std::regex_match(*p, semester))
        r_.error(n["period"], "meta.period", fmt::format("expected a semester as YYYY-H1 or YYYY-H2, found '{}'", *p));
      else if (p)
        s_.period = *p;
    }
    if (n["gemeenten"].IsDefined()) {
      const YAML::Node g = n["gemeenten"];
      if (r_.expect_sequence(g, "meta.gemeenten")) {
        for (std::size_t i = 0; i < g.size(); ++i) {
          const std::string path = fmt::format("meta.gemeenten[{}]", i);
          auto name = r_.string(g[i], path);
          if (!name) continue;
          if (std::find(s_.gemeenten.begin(), s_.gemeenten.end(), *name) != s_.gemeenten.end())
            r_.error(g[i], path, fmt::format("gemeente '{}' is listed twice", *name));
          else
            s_.gemeenten.push_back(*name);
        }
        if (g.size() == 0) r_.error(g, "meta.gemeenten", "expected at least one gemeente, found an empty list");
      }
    }
    if (s_.gemeenten.empty()) s_.gemeenten.push_back("totaal");
  }

  void time(const YAML::Node& n) {
    if (!r_.expect_map(n, "time")) return;
    r_.check_keys(n, "time", {"start", "horizon_years", "cycle", "counting"});
    if (auto v = r_.required(n, "start", "time"))
      if (auto ym = year_month(*v, "time.start")) s_.time.start = *ym;
    if (auto v = r_.required(n, "horizon_years", "time"))
      s_.time.horizon_years = static_cast<int>(r_.integer_in(*v, "time.horizon_years", 1, 100).value_or(10));
    if (n["cycle"].IsDefined()) {
      auto c = r_.choice(n["cycle"], "time.cycle", {"month", "quarter", "year"});
      s_.time.months_per_cycle = !c || *c == "month" ? 1 : *c == "quarter" ? 3 : 12;
    }
    if (n["counting"].IsDefined()) {
      auto c = r_.choice(n["counting"], "time.counting", {"start", "end", "half_cycle", "simpson", "darthtools_simpson"});
      s_.time.counting = !c || *c == "start" ? Counting::start
                         : *c == "end"       ? Counting::end
                         : *c == "half_cycle" ? Counting::half_cycle
                         : *c == "simpson"    ? Counting::simpson
                                              : Counting::darthtools_simpson;
    }
  }

  void states(const YAML::Node& n) {
    if (!r_.expect_sequence(n, "states")) return;
    if (n.size() == 0) r_.error(n, "states", "expected at least one state, found an empty list");
    if (n.size() > static_cast<std::size_t>(engine::kMaxStates))
      r_.error(n, "states", fmt::format("at most {} states are supported, found {}", engine::kMaxStates, n.size()));
    for (std::size_t i = 0; i < n.size() && i < static_cast<std::size_t>(engine::kMaxStates); ++i) {
      const std::string path = fmt::format("states[{}]", i);
      const YAML::Node st = n[i];
      if (!r_.expect_map(st, path)) continue;
      r_.check_keys(st, path, {"id", "label", "label_en", "kind", "fte"});
      StateSpec spec;
      auto id_node = r_.required(st, "id", path);
      if (!id_node) continue;
      auto id = r_.identifier(*id_node, join_path(path, "id"));
      if (!id) continue;
      if (s_.state_index(*id) >= 0) {
        r_.error(*id_node, join_path(path, "id"), fmt::format("state '{}' is declared twice", *id));
        continue;
      }
      spec.id = *id;
      spec.label = st["label"].IsDefined() ? r_.string(st["label"], join_path(path, "label")).value_or(*id) : *id;
      if (st["label_en"].IsDefined()) spec.label_en = r_.string(st["label_en"], join_path(path, "label_en")).value_or("");
      if (auto k = r_.required(st, "kind", path)) {
        auto kind = r_.choice(*k, join_path(path, "kind"),
                              {"benefit", "trajectory", "work", "sheltered", "absorbing", "other"});
        if (kind) {
          static const std::map<std::string, StateKind> kinds = {
              {"benefit", StateKind::benefit}, {"trajectory", StateKind::trajectory},
              {"work", StateKind::work},       {"sheltered", StateKind::sheltered},
              {"absorbing", StateKind::absorbing}, {"other", StateKind::other}};
          spec.kind = kinds.at(*kind);
        }
      }
      if (st["fte"].IsDefined())
        spec.fte = r_.number_in(st["fte"], join_path(path, "fte"), 0.01, 1.0, "a part-time factor (fte per person)").value_or(1.0);
      s_.states.push_back(spec);
    }
  }

  void names(const YAML::Node& n, const char* key, const std::vector<std::string>& defaults,
             std::vector<std::string>& out) {
    out = defaults;
    if (!n.IsDefined()) return;
    if (!r_.expect_sequence(n, key)) return;
    out.clear();
    for (std::size_t i = 0; i < n.size(); ++i) {
      auto id = r_.identifier(n[i], fmt::format("{}[{}]", key, i));
      if (!id) continue;
      if (*id == "maatschappij") {
        r_.error(n[i], fmt::format("{}[{}]", key, i),
                 "'maatschappij' is reserved for the society total (the sum over stakeholders)");
        continue;
      }
      if (std::find(out.begin(), out.end(), *id) != out.end())
        r_.error(n[i], fmt::format("{}[{}]", key, i), fmt::format("'{}' is listed twice", *id));
      else
        out.push_back(*id);
    }
  }

  void outcomes(const YAML::Node& n) {
    if (!r_.expect_sequence(n, "outcomes")) return;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string path = fmt::format("outcomes[{}]", i);
      if (!r_.expect_map(n[i], path)) continue;
      r_.check_keys(n[i], path, {"id", "label", "discount_rate"});
      auto idn = r_.required(n[i], "id", path);
      auto id = idn ? r_.identifier(*idn, join_path(path, "id")) : std::nullopt;
      if (!id) continue;
      double rate = std::nan("");  // NaN: use the money rate (resolved in discounting())
      if (n[i]["discount_rate"].IsDefined())
        rate = r_.number_in(n[i]["discount_rate"], join_path(path, "discount_rate"), -0.05, 0.2,
                            "an annual discount rate").value_or(0.0);
      if (std::find(s_.outcomes.begin(), s_.outcomes.end(), *id) != s_.outcomes.end()) {
        r_.error(*idn, join_path(path, "id"), fmt::format("outcome '{}' is declared twice", *id));
        continue;
      }
      s_.outcomes.push_back(*id);
      s_.outcome_discount_rates.push_back(rate);
    }
  }

  void parameters(const YAML::Node& n) {
    if (!r_.expect_map(n, "parameters")) return;
    r_.check_unique(n, "parameters");
    for (const auto& kv : n) {
      const std::string path = join_path("parameters", kv.first.Scalar());
      auto id = r_.identifier(kv.first, path);
      if (!id || !r_.expect_map(kv.second, path)) continue;
      const YAML::Node p = kv.second;
      r_.check_keys(p, path, {"value", "distribution", "mean", "sd", "min", "max", "mode", "unit", "year", "source"});
      ParameterSpec spec;
      spec.id = *id;
      std::string dist = "fixed";
      if (p["distribution"].IsDefined())
        dist = r_.choice(p["distribution"], join_path(path, "distribution"),
                         {"fixed", "normal", "lognormal", "gamma", "beta", "uniform", "triangular"}).value_or("");
      if (dist.empty()) continue;
      auto num = [&](const char* key) -> std::optional<double> {
        if (!p[key].IsDefined()) {
          r_.error(p, join_path(path, key), fmt::format("required key '{}' is missing for a {} distribution", key, dist));
          return std::nullopt;
        }
        return r_.number(p[key], join_path(path, key));
      };
      bool ok = true;
      auto need = [&](const char* key, double& out) {
        auto v = num(key);
        if (!v) ok = false;
        else out = *v;
      };
      std::optional<double> mean_value;
      if (dist == "fixed") {
        spec.distribution = Distribution::fixed;
        if (auto v = r_.required(p, "value", path)) {
          if (is_formula(*v)) ok = derived(*v, join_path(path, "value"), spec, n);
          else if (auto x = r_.number(*v, join_path(path, "value"))) spec.value = *x;
          else ok = false;
        } else ok = false;
      } else if (dist == "uniform") {
        spec.distribution = Distribution::uniform;
        need("min", spec.a);
        need("max", spec.b);
        if (ok && !(spec.a < spec.b)) { r_.error(p, path, fmt::format("expected min < max, found min {} and max {}", spec.a, spec.b)); ok = false; }
        mean_value = (spec.a + spec.b) / 2;
      } else if (dist == "triangular") {
        spec.distribution = Distribution::triangular;
        need("min", spec.a);
        need("mode", spec.b);
        need("max", spec.c);
        if (ok && !(spec.a <= spec.b && spec.b <= spec.c && spec.a < spec.c)) {
          r_.error(p, path, "expected min <= mode <= max and min < max");
          ok = false;
        }
        mean_value = (spec.a + spec.b + spec.c) / 3;
      } else {
        spec.distribution = dist == "normal" ? Distribution::normal : dist == "lognormal" ? Distribution::lognormal
                            : dist == "gamma" ? Distribution::gamma : Distribution::beta;
        need("mean", spec.a);
        need("sd", spec.b);
        if (ok && !(spec.b > 0)) { r_.error(p[ "sd"], join_path(path, "sd"), fmt::format("expected sd > 0, found {}", spec.b)); ok = false; }
        if (ok && dist != "normal" && !(spec.a > 0)) {
          r_.error(p["mean"], join_path(path, "mean"), fmt::format("expected mean > 0 for a {} distribution, found {}", dist, spec.a));
          ok = false;
        }
        if (ok && dist == "beta" && !(spec.a < 1 && spec.b * spec.b < spec.a * (1 - spec.a))) {
          r_.error(p, path, fmt::format("a beta distribution needs 0 < mean < 1 and sd^2 < mean (1 - mean); found mean {} and sd {}",
                                        spec.a, spec.b));
          ok = false;
        }
        mean_value = spec.a;
      }
      if (!ok) continue;
      if (spec.distribution != Distribution::fixed) {
        spec.value = *mean_value;
        if (p["value"].IsDefined())
          if (auto x = r_.number(p["value"], join_path(path, "value"))) spec.value = *x;
      }
      if (p["unit"].IsDefined()) spec.unit = r_.string(p["unit"], join_path(path, "unit")).value_or("");
      if (p["source"].IsDefined()) spec.source = r_.string(p["source"], join_path(path, "source")).value_or("");
      if (p["year"].IsDefined()) spec.year = static_cast<int>(r_.integer_in(p["year"], join_path(path, "year"), 1990, 2100).value_or(0));
      if (spec.derived && spec.year != 0) {
        r_.error(p["year"], join_path(path, "year"), "a derived parameter (a formula) takes the price year of the "
                                                     "parameters it is computed from; give 'year' there");
        continue;
      }
      const YAML::Node at = p["year"].IsDefined() ? p["year"] : p;
      spec.file = r_.file();
      spec.line = at.Mark().line + 1;
      spec.column = at.Mark().column + 1;
      auto same = std::find_if(s_.parameters.begin(), s_.parameters.end(), [&](const auto& q) { return q.id == spec.id; });
      if (same != s_.parameters.end()) {
        *same = spec;  // the including file overrides a reference value
        continue;
      }
      const auto clash = std::find_if(s_.parameters.begin(), s_.parameters.end(), [&](const auto& q) {
        return parameter_stream(q.id) == parameter_stream(spec.id);
      });
      if (clash != s_.parameters.end())
        r_.error(kv.first, path, fmt::format("parameters '{}' and '{}' would share a random stream (their ids hash alike, "
                                             "a 1 in 4 billion coincidence); rename one of them", clash->id, spec.id));
      s_.parameters.push_back(spec);
    }
  }

  // A scalar that is neither a number nor a number with a decimal comma: an expression.
  static bool is_formula(const YAML::Node& n) {
    static const std::regex numeric(R"(^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$)");
    static const std::regex decimal_comma(R"(^\s*[-+]?\d+,\d+\s*$)");  // refused by number() with the fix
    return n.IsScalar() && !std::regex_match(n.Scalar(), numeric) && !std::regex_match(n.Scalar(), decimal_comma);
  }

  // A derived parameter: its formula may use the parameters declared before it (so every draw can
  // compute the parameters in order).
  bool derived(const YAML::Node& n, const std::string& path, ParameterSpec& spec, const YAML::Node& declared) {
    std::size_t slot = s_.parameters.size();  // the index it will have (a redeclaration keeps its place)
    for (std::size_t i = 0; i < s_.parameters.size(); ++i)
      if (s_.parameters[i].id == spec.id) slot = i;
    std::string error, later;
    auto lookup = [&](const std::string& name) {
      for (std::size_t i = 0; i < slot; ++i)
        if (s_.parameters[i].id == name) return static_cast<int>(i);
      for (std::size_t i = slot; i < s_.parameters.size(); ++i)
        if (s_.parameters[i].id == name && later.empty()) later = name;
      if (later.empty() && declared.IsMap() && declared[name].IsDefined()) later = name;  // declared further down
      return -1;
    };
    auto expr = Expression::parse(n.Scalar(), lookup, error, context(false));
    if (!expr) {
      r_.error(n, path, later.empty()
                            ? fmt::format("expected a number or a formula of parameters declared above, such as "
                                          "'rate_to_prob(r_death)'; found '{}' ({})", n.Scalar(), error)
                            : fmt::format("a derived parameter may use only parameters declared before it; '{}' "
                                          "comes after (or is itself): move this declaration below it", later));
      return false;
    }
    std::vector<double> base;
    for (const auto& q : s_.parameters) base.push_back(q.value);  // derived ones: computed when declared
    spec.derived = true;
    spec.formula = *expr;
    spec.value = expr->evaluate(base);
    if (!std::isfinite(spec.value)) {
      r_.error(n, path, fmt::format("the formula '{}' gives {} at the base values", n.Scalar(), spec.value));
      return false;
    }
    return true;
  }

  // A number, a parameter or arithmetic on parameters (recorded as a use, so that every PSA draw
  // recomputes it).
  std::optional<double> value(const YAML::Node& n, const std::string& path, double lo, double hi, const char* what,
                              ParameterUse use, bool time_ok = false) {
    last_varying_ = -1;
    if (!is_formula(n)) return r_.number_in(n, path, lo, hi, what);
    std::string error;
    std::string unknown;
    auto lookup = [&](const std::string& name) {
      for (std::size_t i = 0; i < s_.parameters.size(); ++i)
        if (s_.parameters[i].id == name) return static_cast<int>(i);
      if (unknown.empty()) unknown = name;
      return -1;
    };
    auto expr = Expression::parse(n.Scalar(), lookup, error, context(time_ok));
    if (!expr) {
      if (!unknown.empty()) {
        std::vector<std::string> ids;
        for (const auto& p : s_.parameters) ids.push_back(p.id);
        r_.error(n, path, fmt::format("expected {}, a parameter or an expression; '{}' is not a declared parameter{}",
                                      what, unknown, detail::did_you_mean(unknown, ids)));
      } else {
        r_.error(n, path, fmt::format("expected {}, a parameter or an expression such as "
                                      "'(1 - loonwaarde) * wml'; found '{}' ({})", what, n.Scalar(), error));
      }
      return std::nullopt;
    }
    if (expr->uses(Expression::TimeVariable::age) && !s_.start_age) {
      r_.error(n, path, "'age' needs the cohort's age at the start: give population.age");
      return std::nullopt;
    }
    std::vector<double> base;
    for (const auto& p : s_.parameters) base.push_back(p.value);
    Expression::Time t0;
    t0.age = s_.start_age.value_or(0);
    const double v = expr->evaluate(base, t0);
    if (!(v >= lo && v <= hi)) {
      r_.error(n, path, fmt::format("expected {} in [{}, {}], found '{}' = {:.6g}{}", what, lo, hi, n.Scalar(), v,
                                    expr->varies() ? " in the first cycle" : ""));
      return std::nullopt;
    }
    use.expression = *expr;
    use.lo = lo;
    use.hi = hi;
    use.path = path;
    use.file = r_.file();
    use.line = n.Mark().line + 1;
    use.column = n.Mark().column + 1;
    if (expr->varies()) {
      last_varying_ = static_cast<int>(s_.varying_uses.size());
      s_.varying_uses.push_back(use);
    } else {
      s_.parameter_uses.push_back(use);
    }
    return v;
  }

  // What expressions may use besides parameters: the declared tables and, where values may change
  // over time, the time variables.
  Expression::Context context(bool time_ok) const {
    Expression::Context c;
    c.time = time_ok;
    c.table = [this](const std::string& name) -> const Expression::StepTable* {
      const auto it = s_.tables.find(name);
      return it == s_.tables.end() ? nullptr : &it->second;
    };
    return c;
  }

  // `tables`: named step functions, e.g. a life table: {from: [0, 1, 5, ...], value: [...]}: the
  // value for x in [from[i], from[i + 1]); the last holds from its `from` on.
  void tables(const YAML::Node& n) {
    if (!r_.expect_map(n, "tables")) return;
    for (const auto& kv : n) {
      const std::string path = join_path("tables", kv.first.Scalar());
      auto id = r_.identifier(kv.first, path);
      if (!id || !r_.expect_map(kv.second, path)) continue;
      r_.check_keys(kv.second, path, {"from", "value", "unit", "source"});
      auto from = r_.required(kv.second, "from", path);
      auto value = r_.required(kv.second, "value", path);
      if (!from || !value || !r_.expect_sequence(*from, join_path(path, "from")) ||
          !r_.expect_sequence(*value, join_path(path, "value")))
        continue;
      Expression::StepTable t;
      bool ok = true;
      for (std::size_t i = 0; i < from->size(); ++i) {
        auto x = r_.number((*from)[i], fmt::format("{}.from[{}]", path, i));
        if (!x) { ok = false; continue; }
        if (!t.x.empty() && !(*x > t.x.back())) {
          r_.error((*from)[i], fmt::format("{}.from[{}]", path, i),
                   fmt::format("expected increasing values, found {} after {}", *x, t.x.back()));
          ok = false;
        }
        t.x.push_back(*x);
      }
      for (std::size_t i = 0; i < value->size(); ++i) {
        auto y = r_.number((*value)[i], fmt::format("{}.value[{}]", path, i));
        if (!y) ok = false;
        else t.y.push_back(*y);
      }
      if (ok && (t.x.empty() || t.x.size() != t.y.size())) {
        r_.error(*value, join_path(path, "value"),
                 fmt::format("expected as many values as 'from' entries ({}), found {}", t.x.size(), value->size()));
        ok = false;
      }
      if (ok) s_.tables[*id] = std::move(t);
    }
  }

  // A state named by a node; reports unknown names with a suggestion.
  std::optional<int> state_ref(const YAML::Node& n, const std::string& path) {
    auto id = r_.string(n, path);
    if (!id) return std::nullopt;
    const int i = s_.state_index(*id);
    if (i >= 0) return i;
    std::vector<std::string> ids;
    for (const auto& st : s_.states) ids.push_back(st.id);
    r_.error(n, path, fmt::format("unknown state '{}'{}", *id, detail::did_you_mean(*id, ids)));
    return std::nullopt;
  }

  std::optional<int> name_ref(const YAML::Node& n, const std::string& path,
                              const std::vector<std::string>& names, const char* what) {
    auto id = r_.string(n, path);
    if (!id) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == *id) return static_cast<int>(i);
    r_.error(n, path, fmt::format("unknown {} '{}'{}", what, *id, detail::did_you_mean(*id, names)));
    return std::nullopt;
  }

  void state_counts(const YAML::Node& n, const std::string& path, int gemeente) {
    if (!r_.expect_map(n, path)) return;
    for (const auto& kv : n) {
      const std::string p = join_path(path, kv.first.Scalar());
      auto st = state_ref(kv.first, p);
      // Persons are counted whole: 12.5 persons is a typo or a share, not a caseload.
      auto v = r_.number_in(kv.second, p, 0, 1e8, "a number of persons");
      if (v && *v != std::floor(*v))  // (still counted below, so the total is not reported as empty too)
        r_.error(kv.second, p, fmt::format("expected a whole number of persons, found {}", *v));
      if (st && v && *v > 0) s_.start.push_back({gemeente, 0, *st, *v, 0, {}, -1});
    }
  }

  void population(const YAML::Node& n) {
    if (!r_.expect_map(n, "population")) return;
    r_.check_keys(n, "population", {"counts", "inflow", "segment_mix", "screening", "age"});
    detail::load_age(r_, n, s_);
    if (n["segment_mix"].IsDefined() && r_.expect_map(n["segment_mix"], "population.segment_mix")) {
      std::fill(s_.segment_mix.begin(), s_.segment_mix.end(), 0.0);
      double sum = 0;
      for (const auto& kv : n["segment_mix"]) {
        const std::string p = join_path("population.segment_mix", kv.first.Scalar());
        auto seg = name_ref(kv.first, p, s_.segments, "segment");
        auto share = r_.number_in(kv.second, p, 0, 1, "a share");
        if (seg && share) {
          s_.segment_mix[*seg] = *share;
          sum += *share;
        }
      }
      if (std::abs(sum - 1.0) > 1e-9)
        r_.error(n["segment_mix"], "population.segment_mix", fmt::format("expected shares summing to 1, found a sum of {}", sum));
    }
    if (n["screening"].IsDefined()) {
      if (n["counts"].IsDefined()) r_.error(n["counts"], "population.counts", "give either 'counts' or 'screening', not both");
      screening(n["screening"]);
      // New candidates get the kwadrant mix of the screened caseload unless segment_mix says otherwise.
      if (!n["segment_mix"].IsDefined() && s_.start_population() > 0) {
        std::fill(s_.segment_mix.begin(), s_.segment_mix.end(), 0.0);
        for (const auto& g : s_.start) s_.segment_mix[static_cast<std::size_t>(g.segment)] += g.persons / s_.start_population();
      }
    } else if (auto c = r_.required(n, "counts", "population")) {
      // Either {state: persons} (one gemeente) or {gemeente: {state: persons}}.
      const bool per_gemeente = c->IsMap() && c->size() > 0 && c->begin()->second.IsMap();
      if (!per_gemeente) {
        if (s_.gemeenten.size() > 1)
          r_.error(*c, "population.counts",
                   "with more than one gemeente in meta.gemeenten, give counts per gemeente: "
                   "{gemeente: {state: persons}}");
        else
          state_counts(*c, "population.counts", 0);
      } else {
        for (const auto& kv : *c) {
          const std::string p = join_path("population.counts", kv.first.Scalar());
          auto g = name_ref(kv.first, p, s_.gemeenten, "gemeente");
          if (g) state_counts(kv.second, p, *g);
        }
      }
      if (s_.start_population() <= 0)
        r_.error(*c, "population.counts", "expected at least one person in the starting population, found none");
    }
    if (n["inflow"].IsDefined()) inflow(n["inflow"]);
  }

  void rescreening(const YAML::Node& n) {
    if (!r_.expect_map(n, "rescreening")) return;
    r_.check_keys(n, "rescreening", {"interval_months", "improve", "worsen"});
    RescreeningSpec spec;
    spec.improve.assign(s_.states.size(), 0.0);
    spec.worsen.assign(s_.states.size(), 0.0);
    if (n["interval_months"].IsDefined())
      spec.interval_months = static_cast<int>(r_.integer_in(n["interval_months"], "rescreening.interval_months", 1, 120).value_or(12));
    for (const char* key : {"improve", "worsen"}) {
      if (!n[key].IsDefined()) continue;
      const std::string path = join_path("rescreening", key);
      if (!r_.expect_map(n[key], path)) continue;
      for (const auto& kv : n[key]) {
        const std::string p = join_path(path, kv.first.Scalar());
        auto st = state_ref(kv.first, p);
        auto v = r_.number_in(kv.second, p, 0, 1, "a probability per domain per screening");
        if (st && v) (std::string(key) == "improve" ? spec.improve : spec.worsen)[static_cast<std::size_t>(*st)] = *v;
      }
    }
    for (std::size_t i = 0; i < s_.states.size(); ++i)
      if (spec.improve[i] + spec.worsen[i] > 1)
        r_.error(n, "rescreening", fmt::format("improve + worsen for state '{}' exceed 1", s_.states[i].id));
    s_.rescreening = spec;
  }

  // The starting caseload from a ZRM screening extract (docs/data-formats.md); segments are the
  // kwadranten (k1..k4 and 'onbekend').
  void screening(const YAML::Node& n) {
    const std::string path = "population.screening";
    if (!r_.expect_map(n, path)) return;
    r_.check_keys(n, path, {"file", "lenient"});
    auto f = r_.required(n, "file", path);
    auto rel = f ? r_.string(*f, join_path(path, "file")) : std::nullopt;
    if (!rel) return;
    bool lenient = false;
    if (n["lenient"].IsDefined()) {
      auto v = r_.choice(n["lenient"], join_path(path, "lenient"), {"true", "false"});
      lenient = v && *v == "true";
    }
    if (s_.segments.size() != static_cast<std::size_t>(kKwadrantSegments)) {
      r_.error(*f, join_path(path, "file"),
               fmt::format("a screening population needs the {} kwadrant segments: declare "
                           "segments: [k1, k2, k3, k4, onbekend] (in that order)", kKwadrantSegments));
      return;
    }
    const auto file = (std::filesystem::path(r_.file()).parent_path() / *rel).string();
    // The memory budget is checked from the file's size before a byte is read.
    std::error_code size_ec;
    const auto bytes = std::filesystem::is_regular_file(file, size_ec) ? std::filesystem::file_size(file, size_ec) : 0;
    if (!size_ec && limits_.memory_budget > 0 && screening_read_memory(bytes) > limits_.memory_budget) {
      r_.error(*f, join_path(path, "file"),
               fmt::format("reading the screening file ({:.1f} MiB) takes about {:.2f} GiB, more than the memory "
                           "budget of {:.2f} GiB; raise --max-memory or use a smaller extract",
                           static_cast<double>(bytes) / (1 << 20),
                           static_cast<double>(screening_read_memory(bytes)) / (1ull << 30),
                           static_cast<double>(limits_.memory_budget) / (1ull << 30)));
      return;
    }
    ScreeningReadOptions opt;
    opt.gemeenten = s_.gemeenten;
    for (const auto& st : s_.states) opt.states.push_back(st.id);
    // A caseload is known at the start: nothing in the extract may lie after time.start's month.
    const CalendarDate start_end{s_.time.start.year, s_.time.start.month,
                                 days_in_month(s_.time.start.year, s_.time.start.month)};
    opt.reference = std::min(today_utc(), start_end);
    if (opt.reference == start_end) {
      opt.reference_what = "the end of time.start's month";
      opt.reference_month_what = "time.start";
    }
    opt.lenient = lenient;
    try {
      const ScreeningData data = read_screening_csv(file, opt);
      if (data.records.empty())
        throw DataError(fmt::format("{}: every one of the {} data rows was skipped (lenient); no persons are left",
                                    file, data.rows_read));
      s_.screening_file = file;
      s_.screening_persons = static_cast<std::int64_t>(data.records.size());
      s_.screening_skipped = data.skipped_total();
      // The bestandsanalyse as `mkba bestand` makes it (default segment rule, the extract's latest
      // screening as peildatum); the report takes its cells and their suppression from it.
      BestandOptions bo;
      bo.peildatum = latest_screening(data, opt.reference);
      s_.screening_bestand = std::make_shared<const Bestand>(bestandsanalyse(data, bo));
      if (s_.rescreening) {
        // One group per person: each keeps their own scores and screening month.
        for (const auto& r : data.records) {
          StartGroup g;
          g.gemeente = r.gemeente;
          g.segment = kwadrant_segment(segment(r.scores, SegmentRule{}).kwadrant);
          g.state = r.state;
          g.persons = 1;
          g.months_in_state = std::max(0, s_.time.start.months_since(r.state_since));
          g.scores = r.scores;
          const int since = s_.time.start.months_since(r.screened.year_month());
          const int interval = s_.rescreening->interval_months;
          g.first_rescreen_month = interval - ((since % interval) + interval) % interval;
          s_.start.push_back(g);
        }
      } else if (s_.age_groups && s_.age_groups->from_screening) {
        detail::screening_age_groups(data, s_);
      } else {
        for (const auto& g : screening_groups(data, SegmentRule{}, s_.time.start))
          s_.start.push_back({g.gemeente, g.segment, g.state, static_cast<double>(g.persons), g.months_in_state, {}, -1});
      }
    } catch (const DataError& e) {
      r_.error(*f, join_path(path, "file"), fmt::format("the screening file has problems:\n{}", e.what()));
    }
  }

  void inflow(const YAML::Node& n) {
    if (!r_.expect_sequence(n, "population.inflow")) return;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string path = fmt::format("population.inflow[{}]", i);
      const YAML::Node f = n[i];
      if (!r_.expect_map(f, path)) continue;
      r_.check_keys(f, path, {"gemeente", "per_month", "mix", "from", "until"});
      InflowSpec spec;
      if (f["gemeente"].IsDefined()) {
        auto g = name_ref(f["gemeente"], join_path(path, "gemeente"), s_.gemeenten, "gemeente");
        if (!g) continue;
        spec.gemeente = *g;
      } else if (s_.gemeenten.size() > 1) {
        r_.error(f, join_path(path, "gemeente"), "required key 'gemeente' is missing (there is more than one gemeente)");
        continue;
      }
      auto pm = r_.required(f, "per_month", path);
      auto v = pm ? r_.number_in(*pm, join_path(path, "per_month"), 0, 1e7, "persons per month") : std::nullopt;
      if (!v) continue;
      spec.per_month = *v;
      spec.state_mix.assign(s_.states.size(), 0.0);
      auto mix = r_.required(f, "mix", path);
      if (!mix || !r_.expect_map(*mix, join_path(path, "mix"))) continue;
      double sum = 0;
      for (const auto& kv : *mix) {
        const std::string p = join_path(join_path(path, "mix"), kv.first.Scalar());
        auto st = state_ref(kv.first, p);
        auto share = r_.number_in(kv.second, p, 0, 1, "a share");
        if (st && share) {
          spec.state_mix[*st] = *share;
          sum += *share;
        }
      }
      if (std::abs(sum - 1.0) > 1e-9)
        r_.error(*mix, join_path(path, "mix"), fmt::format("expected shares summing to 1, found a sum of {}", sum));
      if (!window(f, path, spec.first_month, spec.last_month, false)) continue;
      s_.inflow.push_back(spec);
    }
  }

  void transitions(const YAML::Node& n) {
    if (!r_.expect_map(n, "transitions")) return;
    r_.check_keys(n, "transitions", {"unit", "matrix", "dirichlet", "by_segment", "duration_bands", "by_duration", "by_year"});
    std::string unit = "monthly_probability";
    if (auto u = r_.required(n, "unit", "transitions"))
      unit = r_.choice(*u, "transitions.unit", {"monthly_probability", "cycle_probability", "annual_rate"})
                 .value_or(unit);
    auto m = r_.required(n, "matrix", "transitions");
    if (!m || !r_.expect_map(*m, "transitions.matrix")) return;
    const auto ns = static_cast<Eigen::Index>(s_.states.size());
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(ns, ns);
    s_.rest_column.assign(s_.states.size(), -1);
    s_.row_where.assign(s_.states.size(), {r_.file(), m->Mark().line + 1, m->Mark().column + 1, "transitions.matrix"});
    std::vector<bool> has_row(s_.states.size(), false);
    std::map<int, YAML::Node> row_nodes;  // rows whose every cell was valid
    for (const auto& kv : *m) {
      const std::string rp = join_path("transitions.matrix", kv.first.Scalar());
      auto from = state_ref(kv.first, rp);
      if (!from || !r_.expect_map(kv.second, rp)) continue;
      if (has_row[*from]) r_.error(kv.first, rp, "this row is given twice");
      has_row[*from] = true;
      s_.row_where[static_cast<std::size_t>(*from)] = {r_.file(), kv.second.Mark().line + 1, kv.second.Mark().column + 1, rp};
      bool row_ok = true;
      for (const auto& cell : kv.second) {
        const std::string cp = join_path(rp, cell.first.Scalar());
        auto to = state_ref(cell.first, cp);
        if (to && unit != "annual_rate" && cell.second.IsScalar() && cell.second.Scalar() == "rest") {
          if (s_.rest_column[*from] >= 0) {
            r_.error(cell.second, cp, "only one cell of a row can be 'rest'");
            row_ok = false;
          }
          s_.rest_column[*from] = *to;
          continue;
        }
        ParameterUse use;
        use.target = ParameterUse::Target::matrix_cell;
        use.from = *from;
        use.to = to.value_or(0);
        auto v = unit == "annual_rate"
                     ? value(cell.second, cp, 0, 1e3, "an annual rate (>= 0)", use)
                     : value(cell.second, cp, 0, 1, "a probability", use, true);
        if (!to || !v) {
          row_ok = false;
          continue;
        }
        if (unit == "annual_rate" && *to == *from) {
          r_.error(cell.first, cp, "an annual-rate row lists only moves to other states; staying is the complement");
          continue;
        }
        x(*from, *to) = *v;
      }
      if (row_ok) row_nodes[*from] = kv.second;
    }
    for (std::size_t i = 0; i < s_.states.size(); ++i) {
      if (has_row[i]) continue;
      if (s_.states[i].kind == StateKind::absorbing) {
        if (unit != "annual_rate") x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = 1.0;
      } else {
        r_.error(*m, "transitions.matrix", fmt::format("no row for state '{}' (only absorbing states may be left out)", s_.states[i].id));
      }
    }
    // An absorbing state is never left: a row with a move out is a contradiction, not a choice.
    for (const auto& [from, node] : row_nodes) {
      if (s_.states[static_cast<std::size_t>(from)].kind != StateKind::absorbing) continue;
      const int rest = s_.rest_column[static_cast<std::size_t>(from)];
      for (Eigen::Index j = 0; j < ns; ++j)
        if (j != from && (x(from, j) > 0 || (rest == j && unit != "annual_rate"))) {
          r_.error(node, join_path("transitions.matrix", s_.states[static_cast<std::size_t>(from)].id),
                   fmt::format("state '{}' is absorbing (kind: absorbing) but its row moves persons to '{}'; leave "
                               "the row out, or give the state another kind",
                               s_.states[static_cast<std::size_t>(from)].id, s_.states[static_cast<std::size_t>(j)].id));
          break;
        }
    }
    variations(n);
    if (n["dirichlet"].IsDefined() && r_.expect_map(n["dirichlet"], "transitions.dirichlet")) {
      for (const auto& kv : n["dirichlet"]) {
        const std::string p = join_path("transitions.dirichlet", kv.first.Scalar());
        auto from = state_ref(kv.first, p);
        auto c = r_.number_in(kv.second, p, 1, 1e9, "a Dirichlet concentration (the row's effective count)");
        if (from && c) s_.row_uncertainty.push_back({*from, *c});
      }
    }
    if (unit == "annual_rate") {
      // Generator Q: off-diagonal annual rates, diagonal minus the row sum; P(1 month) = exp(Q/12).
      Eigen::MatrixXd q = x;
      for (Eigen::Index i = 0; i < ns; ++i) q(i, i) = -x.row(i).sum();
      s_.monthly = (q / 12.0).exp();
      for (Eigen::Index i = 0; i < ns; ++i) {  // clean round-off so rows are exactly stochastic
        for (Eigen::Index j = 0; j < ns; ++j) s_.monthly(i, j) = std::max(0.0, s_.monthly(i, j));
        s_.monthly.row(i) /= s_.monthly.row(i).sum();
      }
      return;
    }
    for (const auto& [from, node] : row_nodes) {
      const int rest = s_.rest_column[from];
      if (rest >= 0) x(from, rest) = 1.0 - x.row(from).sum();
      if (const std::string problem = row_problem(s_, x, from, rest); !problem.empty())
        r_.error(node, join_path("transitions.matrix", s_.states[from].id), problem);
    }
    s_.monthly = x;
    s_.cycle_matrix_given = unit == "cycle_probability";
  }

  void change_list(const YAML::Node& n, const std::string& path, std::vector<TransitionOverlay>& list, int list_id) {
    if (!r_.expect_sequence(n, path)) return;
    for (std::size_t i = 0; i < n.size(); ++i) overlay(n[i], fmt::format("{}[{}]", path, i), list, list_id, false);
  }

  // Rates that differ by segment, by months in state (duration bands) and by calendar year, as
  // changes to the base matrix (applied in that order, before an alternative's changes).
  void variations(const YAML::Node& n) {
    s_.segment_changes.assign(s_.segments.size(), {});
    if (n["by_segment"].IsDefined() && r_.expect_map(n["by_segment"], "transitions.by_segment")) {
      for (const auto& kv : n["by_segment"]) {
        const std::string p = join_path("transitions.by_segment", kv.first.Scalar());
        auto seg = name_ref(kv.first, p, s_.segments, "segment");
        if (seg) change_list(kv.second, p, s_.segment_changes[*seg], kSegmentList + *seg);
      }
    }
    if (n["duration_bands"].IsDefined()) {
      const YAML::Node b = n["duration_bands"];
      if (r_.expect_sequence(b, "transitions.duration_bands")) {
        s_.duration_band_starts.clear();
        for (std::size_t i = 0; i < b.size(); ++i) {
          auto v = r_.integer_in(b[i], fmt::format("transitions.duration_bands[{}]", i), 0, 600);
          if (!v) continue;
          if (!s_.duration_band_starts.empty() && *v <= s_.duration_band_starts.back())
            r_.error(b[i], fmt::format("transitions.duration_bands[{}]", i),
                     fmt::format("expected increasing band starts (months in state), found {} after {}", *v,
                                 s_.duration_band_starts.back()));
          else
            s_.duration_band_starts.push_back(static_cast<int>(*v));
        }
        if (s_.duration_band_starts.empty() || s_.duration_band_starts.front() != 0)
          r_.error(b, "transitions.duration_bands", "expected the first band to start at 0 months in state");
        if (s_.duration_band_starts.size() > 32)
          r_.error(b, "transitions.duration_bands", "at most 32 duration bands are supported");
      }
    }
    s_.band_changes.assign(s_.duration_band_starts.size(), {});
    if (n["by_duration"].IsDefined() && r_.expect_sequence(n["by_duration"], "transitions.by_duration")) {
      const YAML::Node d = n["by_duration"];
      for (std::size_t i = 0; i < d.size(); ++i) {
        const std::string p = fmt::format("transitions.by_duration[{}]", i);
        if (!r_.expect_map(d[i], p)) continue;
        r_.check_keys(d[i], p, {"from_months", "segment", "changes"});
        std::optional<int> seg;  // changes for one segment only (e.g. calibrated segment x band rows)
        if (d[i]["segment"].IsDefined()) {
          seg = name_ref(d[i]["segment"], join_path(p, "segment"), s_.segments, "segment");
          if (!seg) continue;
        }
        auto fm = r_.required(d[i], "from_months", p);
        auto v = fm ? r_.integer_in(*fm, join_path(p, "from_months"), 0, 600) : std::nullopt;
        if (!v) continue;
        const auto it = std::find(s_.duration_band_starts.begin(), s_.duration_band_starts.end(), static_cast<int>(*v));
        if (it == s_.duration_band_starts.end()) {
          r_.error(*fm, join_path(p, "from_months"),
                   fmt::format("expected the start of a band declared in transitions.duration_bands, found {}", *v));
          continue;
        }
        const auto band = static_cast<int>(it - s_.duration_band_starts.begin());
        auto& list = s_.band_changes[static_cast<std::size_t>(band)];
        const std::size_t before = list.size();
        if (auto ch = r_.required(d[i], "changes", p)) change_list(*ch, join_path(p, "changes"), list, kBandList + band);
        for (std::size_t k = before; k < list.size(); ++k) list[k].segment = seg.value_or(-1);
      }
    }
    if (n["by_year"].IsDefined() && r_.expect_sequence(n["by_year"], "transitions.by_year")) {
      const YAML::Node y = n["by_year"];
      for (std::size_t i = 0; i < y.size(); ++i) {
        const std::string p = fmt::format("transitions.by_year[{}]", i);
        if (!r_.expect_map(y[i], p)) continue;
        r_.check_keys(y[i], p, {"year", "changes"});
        auto yr = r_.required(y[i], "year", p);
        auto v = yr ? r_.integer_in(*yr, join_path(p, "year"), 1990, 2100) : std::nullopt;
        if (!v) continue;
        s_.year_changes.push_back({static_cast<int>(*v), {}});
        if (auto ch = r_.required(y[i], "changes", p))
          change_list(*ch, join_path(p, "changes"), s_.year_changes.back().changes,
                      kYearList + static_cast<int>(s_.year_changes.size()) - 1);
      }
    }
  }

  // An alternative's effect size that is fixed and has no source is allowed, but a reviewer should
  // see it: a warning (mkba validate, mkba run). Uncertain or sourced parameters pass.
  void warn_if_unsourced(const YAML::Node& n, const std::string& path, const ParameterUse* use) {
    if (use != nullptr)
      for (int k : use->expression.parameters()) {
        const auto& p = s_.parameters[static_cast<std::size_t>(k)];
        if (p.distribution != Distribution::fixed || !p.source.empty()) return;
      }
    warn(n, path, fmt::format("the effect size '{}' is fixed and has no source; give it as a parameter with a "
                              "distribution and a source (docs/scenario-format.md)", n.Scalar()));
  }

  // A name or a list of names (segments, gemeenten) as a mask over `names`.
  std::vector<std::uint8_t> name_mask(const YAML::Node& n, const std::string& path, const std::vector<std::string>& names,
                                      const char* what) {
    std::vector<std::uint8_t> mask(names.size(), 0);
    if (n.IsScalar()) {
      if (auto k = name_ref(n, path, names, what)) mask[static_cast<std::size_t>(*k)] = 1;
      return mask;
    }
    if (!r_.expect_sequence(n, path)) return mask;
    for (std::size_t i = 0; i < n.size(); ++i)
      if (auto k = name_ref(n[i], fmt::format("{}[{}]", path, i), names, what)) mask[static_cast<std::size_t>(*k)] = 1;
    return mask;
  }

  // Durability of a change: `fade: {half_life_months: H}` or `fade: {after_months: {0: 1, 12: 0.5, 24: 0}}`
  // (months in the `from` state -> the share of the change still in force; docs/scenario-format.md).
  bool fade(const YAML::Node& f, const std::string& path, TransitionOverlay& ov) {
    if (!r_.expect_map(f, path)) return false;
    r_.check_keys(f, path, {"half_life_months", "after_months"});
    const bool hl = f["half_life_months"].IsDefined(), table = f["after_months"].IsDefined();
    if (hl == table) {
      r_.error(f, path, "expected exactly one of 'half_life_months' or 'after_months'");
      return false;
    }
    if (hl) {
      auto h = r_.number_in(f["half_life_months"], join_path(path, "half_life_months"), 1, 600, "a half-life in months");
      if (!h) return false;
      // Steps of half a half-life, each at the factor of its middle, up to four half-lives; then 0.
      const int step = std::max(1, static_cast<int>(std::lround(*h / 2)));
      for (int k = 0; k < 8; ++k) {
        ov.fade_starts.push_back(k * step);
        ov.fade_factors.push_back(std::pow(0.5, (k * step + step / 2.0) / *h));
      }
      ov.fade_starts.push_back(8 * step);
      ov.fade_factors.push_back(0.0);
      return true;
    }
    const YAML::Node t = f["after_months"];
    const std::string tp = join_path(path, "after_months");
    if (!r_.expect_map(t, tp)) return false;
    for (const auto& kv : t) {
      const std::string p = join_path(tp, kv.first.Scalar());
      auto m = r_.integer_in(kv.first, p, 0, 600);
      auto v = r_.number_in(kv.second, p, 0, 1, "the share of the change still in force");
      if (!m || !v) return false;
      if (!ov.fade_starts.empty() && *m <= ov.fade_starts.back()) {
        r_.error(kv.first, p, fmt::format("expected increasing months in state, found {} after {}", *m, ov.fade_starts.back()));
        return false;
      }
      ov.fade_starts.push_back(static_cast<int>(*m));
      ov.fade_factors.push_back(*v);
    }
    if (ov.fade_starts.empty() || ov.fade_starts.front() != 0) {
      r_.error(t, tp, "expected the table to start at 0 months in state");
      return false;
    }
    return true;
  }

  // Every start of a fading step becomes a duration band (so the kernel's months-in-state bands
  // carry it): bands are split, the changes of a split band hold in both parts.
  void fading_bands() {
    std::vector<int> starts = s_.duration_band_starts;
    for (const auto& a : s_.alternatives)
      for (const auto& o : a.overlays) starts.insert(starts.end(), o.fade_starts.begin(), o.fade_starts.end());
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    if (starts == s_.duration_band_starts) return;
    if (starts.size() > 32) {
      r_.error_at(0, 0, "alternatives",
                  fmt::format("the duration bands and the steps of fading changes need {} bands in all; at most 32 "
                              "are supported (use fewer steps in 'fade')", starts.size()));
      return;
    }
    std::vector<int> old_of(starts.size(), 0);  // new band -> the old band it lies in
    for (std::size_t j = 0; j < starts.size(); ++j)
      for (std::size_t b = 0; b < s_.duration_band_starts.size(); ++b)
        if (s_.duration_band_starts[b] <= starts[j]) old_of[j] = static_cast<int>(b);
    std::vector<std::vector<TransitionOverlay>> lists(starts.size());
    if (!s_.band_changes.empty())
      for (std::size_t j = 0; j < starts.size(); ++j) lists[j] = s_.band_changes[static_cast<std::size_t>(old_of[j])];
    std::vector<ParameterUse> uses;
    for (const auto& u : s_.parameter_uses) {
      const bool band_use = u.target == ParameterUse::Target::overlay_value && u.index >= kBandList && u.index < kYearList;
      if (!band_use) {
        uses.push_back(u);
        continue;
      }
      for (std::size_t j = 0; j < starts.size(); ++j)
        if (old_of[j] == u.index - kBandList) {
          ParameterUse copy = u;
          copy.index = kBandList + static_cast<int>(j);
          uses.push_back(copy);
        }
    }
    s_.parameter_uses = std::move(uses);
    s_.band_changes = std::move(lists);
    s_.duration_band_starts = std::move(starts);
  }

  // One change to a transition; `list_id` says which list it lands in (see overlay_list()).
  void overlay(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
               bool allow_window = true) {
    if (!r_.expect_map(o, path)) return;
    if (allow_window)
      r_.check_keys(o, path, {"from", "to", "relative_risk", "probability", "window", "segments", "fade"});
    else
      r_.check_keys(o, path, {"from", "to", "relative_risk", "probability"});
    auto fn = r_.required(o, "from", path);
    auto tn = r_.required(o, "to", path);
    const int from = fn ? state_ref(*fn, join_path(path, "from")).value_or(-1) : -1;
    // `to: all_exits`: the same relative risk on every move out of `from` (one change per other state).
    if (tn && tn->IsScalar() && tn->Scalar() == kAllExits && s_.state_index(kAllExits) < 0) {
      if (from < 0) return;
      if (!o["relative_risk"].IsDefined() || o["probability"].IsDefined()) {
        r_.error(*tn, join_path(path, "to"), "'to: all_exits' takes a relative_risk (the same factor on every move "
                                             "out of the state), not a probability");
        return;
      }
      const std::size_t before = list.size();
      for (int to = 0; to < static_cast<int>(s_.states.size()); ++to)
        if (to != from && !overlay_to(o, path, list, list_id, from, to, allow_window)) {
          list.resize(before);
          return;
        }
      return;
    }
    const int to = tn ? state_ref(*tn, join_path(path, "to")).value_or(-1) : -1;
    if (from < 0 || to < 0) return;
    if (from == to) {
      r_.error(*tn, join_path(path, "to"), "a change must name a move to another state; staying takes up the complement");
      return;
    }
    overlay_to(o, path, list, list_id, from, to, allow_window);
  }

  // The change `o` on the move from -> to; false (after reporting) when it is wrong. `policy`: an
  // alternative's change (windows, targeting, fading; an unsourced fixed size is worth a warning).
  bool overlay_to(const YAML::Node& o, const std::string& path, std::vector<TransitionOverlay>& list, int list_id,
                  int from, int to, bool policy) {
    TransitionOverlay ov;
    if (s_.states[static_cast<std::size_t>(from)].kind == StateKind::absorbing) {
      r_.error(o["from"], join_path(path, "from"), fmt::format("state '{}' is absorbing (kind: absorbing): no change can move "
                                                             "persons out of it", s_.states[static_cast<std::size_t>(from)].id));
      return false;
    }
    ov.from = from;
    ov.to = to;
    const bool rr = o["relative_risk"].IsDefined(), pr = o["probability"].IsDefined();
    const auto uses_before = s_.parameter_uses.size();
    if (rr == pr) {
      r_.error(o, path, "expected exactly one of 'relative_risk' or 'probability'");
      return false;
    }
    if (rr) {
      ParameterUse use;
      use.target = ParameterUse::Target::overlay_value;
      use.index = list_id;
      use.to = static_cast<int>(list.size());
      auto v = value(o["relative_risk"], join_path(path, "relative_risk"), 0, 1e3, "a relative risk", use, true);
      if (!v) return false;
      ov.kind = TransitionOverlay::Kind::relative_risk;
      ov.value = *v;
      ov.varying = last_varying_;
    } else {
      ParameterUse use;
      use.target = ParameterUse::Target::overlay_value;
      use.index = list_id;
      use.to = static_cast<int>(list.size());
      auto v = value(o["probability"], join_path(path, "probability"), 0, 1, "a monthly probability", use, true);
      if (!v) return false;
      ov.kind = TransitionOverlay::Kind::probability;
      ov.value = *v;
      ov.varying = last_varying_;
    }
    if (o["window"].IsDefined() && !window(o["window"], join_path(path, "window"), ov.first_month, ov.last_month))
      return false;
    if (policy)
      warn_if_unsourced(rr ? o["relative_risk"] : o["probability"], join_path(path, rr ? "relative_risk" : "probability"),
                        s_.parameter_uses.size() > uses_before ? &s_.parameter_uses.back() : nullptr);
    if (o["segments"].IsDefined()) ov.segments = name_mask(o["segments"], join_path(path, "segments"), s_.segments, "segment");
    if (o["fade"].IsDefined() && !fade(o["fade"], join_path(path, "fade"), ov)) return false;
    // The changed row must stay a probability row: checked on the matrix in force in every month
    // (check_transitions(), the rule compile_model() applies).
    ov.where = {r_.file(), o.Mark().line + 1, o.Mark().column + 1, path};
    list.push_back(ov);
    return true;
  }

  void alternatives(const YAML::Node& base, const YAML::Node& alts) {
    AlternativeSpec null_alt{"nulalternatief", "Nulalternatief", "", {}, {}, -1};
    if (base.IsDefined()) {
      if (r_.expect_map(base, "nulalternatief")) {
        r_.check_keys(base, "nulalternatief", {"label", "description", "capacity"});
        if (base["capacity"].IsDefined() && r_.expect_sequence(base["capacity"], "nulalternatief.capacity"))
          for (std::size_t i = 0; i < base["capacity"].size(); ++i) {
            own_capacities_from_ = 0;
            capacity(base["capacity"][i], fmt::format("nulalternatief.capacity[{}]", i), null_alt);
          }
        if (base["label"].IsDefined()) null_alt.label = r_.string(base["label"], "nulalternatief.label").value_or("");
        if (base["description"].IsDefined())
          null_alt.description = r_.string(base["description"], "nulalternatief.description").value_or("");
      }
    }
    s_.alternatives.push_back(null_alt);
    if (!alts.IsDefined()) return;
    if (!r_.expect_map(alts, "alternatives")) return;
    r_.check_unique(alts, "alternatives");
    for (const auto& kv : alts) {
      const std::string path = join_path("alternatives", kv.first.Scalar());
      auto id = r_.identifier(kv.first, path);
      if (!id) continue;
      if (*id == "nulalternatief") {
        r_.error(kv.first, path, "the nulalternatief is the baseline; describe it under the top-level key 'nulalternatief'");
        continue;
      }
      AlternativeSpec alt{*id, *id, "", {}, {}, -1};
      const YAML::Node a = kv.second;
      if (!r_.expect_map(a, path)) continue;
      r_.check_keys(a, path, {"label", "description", "extends", "transitions", "capacity"});
      if (a["extends"].IsDefined()) {
        // Start from an alternative declared before this one: its changes and limits come first.
        std::vector<std::string> ids;
        for (const auto& x : s_.alternatives) ids.push_back(x.id);
        if (auto base_id = name_ref(a["extends"], join_path(path, "extends"), ids, "alternative (declared above)")) {
          const auto& parent = s_.alternatives[static_cast<std::size_t>(*base_id)];
          alt.extends = *base_id;
          alt.overlays = parent.overlays;
          alt.capacities = parent.capacities;
          const int me = static_cast<int>(s_.alternatives.size());
          const auto n_uses = s_.parameter_uses.size();
          for (std::size_t u = 0; u < n_uses; ++u)
            if (s_.parameter_uses[u].target == ParameterUse::Target::overlay_value && s_.parameter_uses[u].index == *base_id) {
              ParameterUse copy = s_.parameter_uses[u];
              copy.index = me;
              s_.parameter_uses.push_back(copy);
            }
        }
      }
      if (a["label"].IsDefined()) alt.label = r_.string(a["label"], join_path(path, "label")).value_or(*id);
      // Reports name alternatives by label: two alike (ignoring case and spaces), or one read as the
      // baseline, would put the wrong numbers under a heading.
      auto folded = [](const std::string& t) {
        std::string out;
        for (char c : t)
          if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
      };
      for (const auto& other : s_.alternatives)
        if (folded(alt.label) == folded(other.label) || folded(alt.label) == folded(other.id)) {
          r_.error(a["label"].IsDefined() ? a["label"] : kv.first, join_path(path, "label"),
                   fmt::format("the label '{}' is the same as that of {} '{}' (ignoring case and spaces); give each "
                               "alternative its own label", alt.label, &other == &s_.alternatives.front() ? "the nulalternatief" : "alternative",
                               other.id));
          break;
        }
      if (a["description"].IsDefined()) alt.description = r_.string(a["description"], join_path(path, "description")).value_or("");
      if (a["transitions"].IsDefined()) {
        const std::string tp = join_path(path, "transitions");
        if (r_.expect_sequence(a["transitions"], tp))
          for (std::size_t i = 0; i < a["transitions"].size(); ++i)
            overlay(a["transitions"][i], fmt::format("{}[{}]", tp, i), alt.overlays,
                    static_cast<int>(s_.alternatives.size()));
      }
      own_capacities_from_ = alt.capacities.size();
      if (a["capacity"].IsDefined()) {
        const std::string cp = join_path(path, "capacity");
        if (r_.expect_sequence(a["capacity"], cp))
          for (std::size_t i = 0; i < a["capacity"].size(); ++i)
            capacity(a["capacity"][i], fmt::format("{}[{}]", cp, i), alt);
      }
      // The nulalternatief's limits hold in every alternative unless it sets its own for that state
      // and gemeente.
      for (const auto& c : s_.alternatives[0].capacities) {
        const bool replaced = std::any_of(alt.capacities.begin(), alt.capacities.end(), [&](const CapacitySpec& x) {
          return x.state == c.state && x.gemeente == c.gemeente;
        });
        if (!replaced) alt.capacities.push_back(c);
      }
      s_.alternatives.push_back(alt);
    }
  }

  void capacity(const YAML::Node& c, const std::string& path, AlternativeSpec& alt) {
    if (!r_.expect_map(c, path)) return;
    r_.check_keys(c, path, {"state", "places", "places_by_year", "gemeente", "window", "unit"});
    CapacitySpec spec;
    auto st = r_.required(c, "state", path);
    auto state = st ? state_ref(*st, join_path(path, "state")) : std::nullopt;
    std::optional<double> places;
    if (c["places_by_year"].IsDefined()) {
      const std::string yp = join_path(path, "places_by_year");
      if (c["places"].IsDefined()) r_.error(c, path, "give either 'places' or 'places_by_year', not both");
      if (!r_.expect_map(c["places_by_year"], yp)) return;
      for (const auto& kv : c["places_by_year"]) {
        const std::string p = join_path(yp, kv.first.Scalar());
        auto year = r_.integer_in(kv.first, p, 1990, 2100);
        auto v = r_.number_in(kv.second, p, 0, 1e8, "a number of places");
        if (year && v) spec.places_by_year[static_cast<int>(*year)] = *v;
      }
      places = 0.0;
    } else {
      auto pl = r_.required(c, "places", path);
      places = pl ? r_.number_in(*pl, join_path(path, "places"), 0, 1e8, "a number of places") : std::nullopt;
    }
    if (!state || !places) return;
    spec.state = *state;
    spec.places = *places;
    if (c["unit"].IsDefined()) {
      // Places in fte: the limit in persons is fte / the state's part-time factor.
      auto u = r_.choice(c["unit"], join_path(path, "unit"), {"persons", "fte"});
      if (!u) return;
      if (*u == "fte") {
        const double f = s_.states[static_cast<std::size_t>(spec.state)].fte;
        spec.places /= f;
        for (auto& [year, v] : spec.places_by_year) v /= f;
      }
    }
    if (c["gemeente"].IsDefined()) {
      auto g = name_ref(c["gemeente"], join_path(path, "gemeente"), s_.gemeenten, "gemeente");
      if (!g) return;
      spec.gemeente = *g;
    }
    if (c["window"].IsDefined() && !window(c["window"], join_path(path, "window"), spec.first_month, spec.last_month))
      return;
    spec.where = {r_.file(), c.Mark().line + 1, c.Mark().column + 1, path};
    // One limit per state and gemeente in any month: a second one would silently replace the first.
    // A limit inherited through `extends` (before own_capacities_from_) is replaced by this one.
    auto overlap = [](const CapacitySpec& a, const CapacitySpec& b) {
      const long a_end = a.last_month < 0 ? std::numeric_limits<long>::max() : a.last_month;
      const long b_end = b.last_month < 0 ? std::numeric_limits<long>::max() : b.last_month;
      return a.first_month < b_end && b.first_month < a_end;
    };
    for (std::size_t k = 0; k < alt.capacities.size(); ++k) {
      const auto& other = alt.capacities[k];
      if (other.state != spec.state || other.gemeente != spec.gemeente || !overlap(other, spec)) continue;
      if (k < own_capacities_from_) continue;
      r_.error(c, path, fmt::format("a second capacity limit for state '{}' ({}) in months that the limit at line {} "
                                    "already covers; give one limit per state and gemeente (change it over time "
                                    "with 'window' or 'places_by_year')", s_.states[static_cast<std::size_t>(spec.state)].id,
                                    spec.gemeente < 0 ? "all gemeenten together" : "gemeente " + s_.gemeenten[static_cast<std::size_t>(spec.gemeente)],
                                    other.where.line));
      return;
    }
    for (std::size_t k = own_capacities_from_; k-- > 0;)
      if (alt.capacities[k].state == spec.state && alt.capacities[k].gemeente == spec.gemeente) {
        alt.capacities.erase(alt.capacities.begin() + static_cast<std::ptrdiff_t>(k));
        --own_capacities_from_;
      }
    alt.capacities.push_back(spec);
  }

  // loonwaarde: a person attribute drawn from a Beta distribution per declared segment, in bands
  // (docs/scenario-format.md). Declares the implicit parameter `loonwaarde` for effect amounts.
  void loonwaarde(const YAML::Node& n) {
    if (!r_.expect_map(n, "loonwaarde")) return;
    r_.check_keys(n, "loonwaarde", {"bands", "mean", "sd", "by_segment", "eligible", "source"});
    if (!s_.screening_file.empty()) {
      r_.error(n, "loonwaarde", "loonwaarde bands cannot yet be combined with a screening population "
                                "(population.screening); give the caseload as population.counts");
      return;
    }
    LoonwaardeSpec lw;
    if (auto b = r_.required(n, "bands", "loonwaarde")) {
      if (!r_.expect_sequence(*b, "loonwaarde.bands")) return;
      for (std::size_t i = 0; i < b->size(); ++i) {
        const std::string p = fmt::format("loonwaarde.bands[{}]", i);
        auto v = r_.number_in((*b)[i], p, 0, 1, "a band edge (a fraction of WML)");
        if (!v) return;
        if (!lw.edges.empty() && *v <= lw.edges.back()) {
          r_.error((*b)[i], p, fmt::format("expected increasing band edges, found {} after {}", *v, lw.edges.back()));
          return;
        }
        lw.edges.push_back(*v);
      }
      if (lw.edges.size() < 2 || lw.edges.front() != 0.0 || lw.edges.back() != 1.0) {
        r_.error(*b, "loonwaarde.bands", "expected band edges from 0 to 1, e.g. [0, 0.3, 0.5, 0.75, 1]");
        return;
      }
      if (lw.edges.size() > 21) {
        r_.error(*b, "loonwaarde.bands", fmt::format("at most 20 bands are supported, found {}", lw.edges.size() - 1));
        return;
      }
    } else {
      return;
    }
    const std::size_t S = s_.segments.size();
    lw.mean.assign(S, 0.5);
    lw.sd.assign(S, 0.1);
    auto moments = [&](const YAML::Node& m, const std::string& path, int seg, bool required) {
      for (const char* key : {"mean", "sd"}) {
        if (!m[key].IsDefined()) {
          if (required) r_.error(m, path, fmt::format("expected '{}' of the loonwaarde distribution", key));
          continue;
        }
        ParameterUse use;
        use.target = std::string(key) == "mean" ? ParameterUse::Target::loonwaarde_mean : ParameterUse::Target::loonwaarde_sd;
        use.index = seg;
        auto v = value(m[key], join_path(path, key), 1e-6, 1 - 1e-6, "a fraction between 0 and 1", use);
        if (v) (use.target == ParameterUse::Target::loonwaarde_mean ? lw.mean : lw.sd)[static_cast<std::size_t>(seg)] = *v;
      }
    };
    std::vector<bool> given(S, false);
    if (n["by_segment"].IsDefined() && r_.expect_map(n["by_segment"], "loonwaarde.by_segment"))
      for (const auto& kv : n["by_segment"]) {
        const std::string p = join_path("loonwaarde.by_segment", kv.first.Scalar());
        auto seg = name_ref(kv.first, p, s_.segments, "segment");
        if (!seg || !r_.expect_map(kv.second, p)) continue;
        r_.check_keys(kv.second, p, {"mean", "sd"});
        moments(kv.second, p, *seg, true);
        given[static_cast<std::size_t>(*seg)] = true;
      }
    for (std::size_t seg = 0; seg < S; ++seg) {
      if (given[seg]) continue;
      if (!n["mean"].IsDefined() || !n["sd"].IsDefined()) {
        r_.error(n, "loonwaarde", fmt::format("expected 'mean' and 'sd' (for every segment) or loonwaarde.by_segment.{}",
                                              s_.segments[seg]));
        break;
      }
      moments(n, "loonwaarde", static_cast<int>(seg), true);
    }
    for (std::size_t seg = 0; seg < S; ++seg)
      if (!(lw.sd[seg] * lw.sd[seg] < lw.mean[seg] * (1 - lw.mean[seg])))
        r_.error(n, "loonwaarde", fmt::format("segment {}: a Beta distribution needs sd^2 < mean (1 - mean); found mean {}, sd {}",
                                              s_.segments[seg], lw.mean[seg], lw.sd[seg]));
    lw.min.assign(s_.states.size(), 0.0);
    lw.max.assign(s_.states.size(), 1.0);
    if (n["eligible"].IsDefined() && r_.expect_map(n["eligible"], "loonwaarde.eligible"))
      for (const auto& kv : n["eligible"]) {
        const std::string p = join_path("loonwaarde.eligible", kv.first.Scalar());
        auto st = state_ref(kv.first, p);
        if (!st || !r_.expect_map(kv.second, p)) continue;
        r_.check_keys(kv.second, p, {"min", "max"});
        for (const char* key : {"min", "max"}) {
          if (!kv.second[key].IsDefined()) continue;
          auto v = r_.number_in(kv.second[key], join_path(p, key), 0, 1, "a loonwaarde (fraction of WML)");
          if (!v) continue;
          if (std::find(lw.edges.begin(), lw.edges.end(), *v) == lw.edges.end()) {
            r_.error(kv.second[key], join_path(p, key),
                     fmt::format("expected one of the band edges (loonwaarde.bands), found {}; add it to the bands", *v));
            continue;
          }
          (std::string(key) == "min" ? lw.min : lw.max)[static_cast<std::size_t>(*st)] = *v;
        }
        if (lw.min[static_cast<std::size_t>(*st)] >= lw.max[static_cast<std::size_t>(*st)])
          r_.error(kv.second, p, "expected min < max: no band would be eligible");
      }
    if (std::find_if(s_.parameters.begin(), s_.parameters.end(), [](const auto& q) { return q.id == "loonwaarde"; }) !=
        s_.parameters.end()) {
      r_.error(n, "loonwaarde", "a parameter named 'loonwaarde' is declared too; with a loonwaarde block that name is "
                                "each person's loonwaarde: rename the parameter");
      return;
    }
    ParameterSpec p;
    p.id = "loonwaarde";
    p.value = lw.mean[0];
    p.unit = "fractie WML";
    p.source = "per person: loonwaarde band (scenario key loonwaarde)";
    p.file = r_.file();
    p.line = n.Mark().line + 1;
    p.column = n.Mark().column + 1;
    lw.parameter = static_cast<int>(s_.parameters.size());
    s_.parameters.push_back(p);
    s_.loonwaarde = std::move(lw);
  }

  // The segments the engine counts by: declared segment x loonwaarde band (declared * B + band).
  void expand_segments() {
    s_.declared_segments = s_.segments;
    s_.segment_declared.clear();
    s_.segment_band.clear();
    if (!s_.loonwaarde) {
      for (std::size_t i = 0; i < s_.segments.size(); ++i) {
        s_.segment_declared.push_back(static_cast<int>(i));
        s_.segment_band.push_back(0);
      }
      return;
    }
    const auto& e = s_.loonwaarde->edges;
    std::vector<std::string> names;
    for (std::size_t d = 0; d < s_.declared_segments.size(); ++d)
      for (int b = 0; b < s_.loonwaarde->bands(); ++b) {
        const std::string band = fmt::format("lw{:g}-{:g}", e[static_cast<std::size_t>(b)] * 100, e[static_cast<std::size_t>(b) + 1] * 100);
        names.push_back(s_.declared_segments.size() == 1 && s_.declared_segments[0] == "alle" ? band
                                                                                             : s_.declared_segments[d] + "/" + band);
        s_.segment_declared.push_back(static_cast<int>(d));
        s_.segment_band.push_back(b);
      }
    s_.segments = std::move(names);
    // An effect limited to declared segments holds in each of their loonwaarde bands.
    for (auto& eff : s_.effects) {
      auto& mask = eff.item.segments;
      if (mask.empty()) continue;
      std::vector<std::uint8_t> combined(s_.segments.size(), 0);
      for (std::size_t c = 0; c < combined.size(); ++c) combined[c] = mask[static_cast<std::size_t>(s_.segment_declared[c])];
      mask = std::move(combined);
    }
  }

  std::vector<std::uint8_t> state_mask(const YAML::Node& n, const std::string& path) {
    std::vector<std::uint8_t> mask(s_.states.size(), 0);
    if (n.IsScalar()) {
      if (auto st = state_ref(n, path)) mask[*st] = 1;
      return mask;
    }
    if (!r_.expect_sequence(n, path)) return mask;
    if (n.size() == 0) r_.error(n, path, "expected at least one state, found an empty list (the effect would count nothing)");
    for (std::size_t i = 0; i < n.size(); ++i)
      if (auto st = state_ref(n[i], fmt::format("{}[{}]", path, i))) mask[*st] = 1;
    return mask;
  }

  void effect(const YAML::Node& e, const std::string& path) {
    if (!r_.expect_map(e, path)) return;
    r_.check_keys(e, path, {"name", "category", "type", "payer", "receiver", "outcome", "per_month_in",
                            "per_transition", "per_entry", "amount", "per", "alternatives", "window", "source",
                            "segments", "gemeenten", "displacement"});
    EffectSpec spec;
    auto& item = spec.item;
    if (auto n = r_.required(e, "name", path)) spec.name = r_.string(*n, join_path(path, "name")).value_or("");
    if (e["source"].IsDefined()) spec.source = r_.string(e["source"], join_path(path, "source")).value_or("");
    const bool is_outcome = e["outcome"].IsDefined();
    if (is_outcome) {
      auto o = name_ref(e["outcome"], join_path(path, "outcome"), s_.outcomes, "outcome");
      if (!o) return;
      item.outcome = *o;
      for (const char* k : {"category", "type", "payer", "receiver"})
        if (e[k].IsDefined()) r_.error(e[k], join_path(path, k), "a non-monetary outcome has no category, type, payer or receiver");
    } else {
      if (auto n = r_.required(e, "category", path)) {
        auto c = name_ref(*n, join_path(path, "category"), s_.categories, "category");
        if (!c) return;
        item.category = *c;
      }
      auto type = r_.required(e, "type", path);
      auto t = type ? r_.choice(*type, join_path(path, "type"), {"real", "transfer"}) : std::nullopt;
      if (!t) return;
      item.transfer = *t == "transfer";
      if (e["payer"].IsDefined()) {
        auto p = name_ref(e["payer"], join_path(path, "payer"), s_.stakeholders, "stakeholder");
        if (!p) return;
        item.payer = *p;
      }
      if (e["receiver"].IsDefined()) {
        auto p = name_ref(e["receiver"], join_path(path, "receiver"), s_.stakeholders, "stakeholder");
        if (!p) return;
        item.receiver = *p;
      }
      if (item.transfer && (item.payer < 0 || item.receiver < 0)) {
        r_.error(e, path, "a transfer needs both a payer and a receiver (one's loss is the other's gain)");
        return;
      }
      if (item.transfer && item.payer == item.receiver) {
        r_.error(e, path, "a transfer's payer and receiver must differ");
        return;
      }
      if (!item.transfer && (item.payer >= 0) == (item.receiver >= 0)) {
        r_.error(e, path, "a real effect has either a payer (a cost: resources used) or a receiver "
                          "(a benefit: resources or welfare created), not both and not neither");
        return;
      }
    }
    const int bases = (e["per_month_in"].IsDefined() ? 1 : 0) + (e["per_transition"].IsDefined() ? 1 : 0) +
                      (e["per_entry"].IsDefined() ? 1 : 0);
    if (bases != 1) {
      r_.error(e, path, "expected exactly one of 'per_month_in', 'per_transition' or 'per_entry'");
      return;
    }
    if (e["per_month_in"].IsDefined()) {
      item.basis = engine::Basis::per_cycle_in_state;
      item.states = state_mask(e["per_month_in"], join_path(path, "per_month_in"));
    } else if (e["per_entry"].IsDefined()) {
      item.basis = engine::Basis::per_entry;
      item.states = state_mask(e["per_entry"], join_path(path, "per_entry"));
    } else {
      item.basis = engine::Basis::per_transition;
      const YAML::Node pt = e["per_transition"];
      const std::string pp = join_path(path, "per_transition");
      if (!r_.expect_map(pt, pp)) return;
      r_.check_keys(pt, pp, {"from", "to"});
      auto f = r_.required(pt, "from", pp);
      auto t = r_.required(pt, "to", pp);
      if (!f || !t) return;
      item.from = state_mask(*f, join_path(pp, "from"));
      item.to = state_mask(*t, join_path(pp, "to"));
    }
    // `per`: the unit of the amount: a time unit for time spent in a state (month, the default;
    // year; cycle), or per fte (each person counts with the part-time factor of the state they are
    // in, or move into for per_transition; per month for per_month_in) instead of per person.
    if (e["per"].IsDefined()) {
      auto u = r_.choice(e["per"], join_path(path, "per"), {"month", "cycle", "year", "person", "fte"});
      if (!u) return;
      const bool time_unit = *u == "month" || *u == "cycle" || *u == "year";
      if (time_unit && !e["per_month_in"].IsDefined()) {
        r_.error(e["per"], join_path(path, "per"),
                 "'per' gives the time unit of an amount for time spent in a state (per_month_in); a one-off "
                 "amount (per_transition, per_entry) is per event");
        return;
      }
      if (time_unit) spec.per_months = *u == "month" ? 1 : *u == "year" ? 12 : s_.time.months_per_cycle;
      if (*u == "fte")
        for (const auto& st : s_.states) item.state_factor.push_back(st.fte);
    }
    Expression amount_expr = Expression::constant(0);
    if (auto a = r_.required(e, "amount", path); a && a->IsScalar() && (a->Scalar() == "pm" || a->Scalar() == "PM")) {
      // A PM item: an effect without a price, named in the report and valued at 0 (docs/accounting.md).
      spec.unpriced = true;
      item.amount = 0;
      if (e["displacement"].IsDefined()) {
        r_.error(e["displacement"], join_path(path, "displacement"), "a PM item has no amount to displace");
        return;
      }
      if (spec.source.empty()) r_.error(e, path, "a PM item needs a 'source' saying what the effect is and why it has no price");
    } else if (a) {
      ParameterUse use;
      use.target = ParameterUse::Target::effect_amount;
      use.index = static_cast<int>(s_.effects.size());
      const auto n_uses = s_.parameter_uses.size();
      auto v = value(*a, join_path(path, "amount"), is_outcome ? -1e9 : 0.0, 1e9,
                     is_outcome ? "a quantity" : "an amount (>= 0: the sign follows from payer and receiver)", use);
      if (!v) return;
      item.amount = *v;
      amount_expr = s_.parameter_uses.size() > n_uses ? s_.parameter_uses.back().expression : Expression::constant(*v);
    } else {
      return;
    }
    if (e["segments"].IsDefined())
      item.segments = name_mask(e["segments"], join_path(path, "segments"), s_.segments, "segment");
    if (e["gemeenten"].IsDefined())
      item.gemeenten = name_mask(e["gemeenten"], join_path(path, "gemeenten"), s_.gemeenten, "gemeente");
    if (e["alternatives"].IsDefined()) {
      const YAML::Node a = e["alternatives"];
      const std::string ap = join_path(path, "alternatives");
      if (r_.expect_sequence(a, ap) && a.size() == 0) {
        r_.error(a, ap, "expected at least one alternative, found an empty list (which would apply the effect in "
                        "none, or be read as all); leave 'alternatives' out to apply the effect in every alternative");
        return;
      }
      if (a.IsSequence()) {
        std::vector<std::string> ids;
        for (const auto& alt : s_.alternatives) ids.push_back(alt.id);
        for (std::size_t i = 0; i < a.size(); ++i)
          if (auto k = name_ref(a[i], fmt::format("{}[{}]", ap, i), ids, "alternative")) spec.alternatives.push_back(*k);
      }
    }
    if (e["window"].IsDefined()) {
      if (!window(e["window"], join_path(path, "window"), item.first_cycle, item.last_cycle)) return;
    }
    const YAML::Node disp = e["displacement"];
    if (!disp.IsDefined()) {
      s_.effects.push_back(spec);
      return;
    }
    // Displacement (verdringing): a share of this production is not additional for society. It is
    // its own real line, category 'verdringing', borne by `payer` (default 'overig': the displaced
    // workers and the rest of society), so the verdelingstabel shows the gross and the net production.
    const std::string dp = join_path(path, "displacement");
    if (is_outcome || item.transfer || item.receiver < 0) {
      r_.error(disp, dp, "displacement applies to a real benefit (a production effect with a receiver)");
      return;
    }
    // (YAML::Node assignment writes through to the document, so the share node is picked, not assigned.)
    int bearer = -1;
    if (disp.IsMap()) {
      r_.check_keys(disp, dp, {"share", "payer"});
      if (!r_.required(disp, "share", dp)) return;
      if (disp["payer"].IsDefined()) {
        auto b = name_ref(disp["payer"], join_path(dp, "payer"), s_.stakeholders, "stakeholder");
        if (!b) return;
        bearer = *b;
      }
    }
    if (bearer < 0) {
      const auto it = std::find(s_.stakeholders.begin(), s_.stakeholders.end(), "overig");
      bearer = it != s_.stakeholders.end() ? static_cast<int>(it - s_.stakeholders.begin()) : item.receiver;
    }
    ParameterUse check;
    check.target = ParameterUse::Target::check;
    const auto n_uses = s_.parameter_uses.size();
    const std::string share_path = disp.IsMap() ? join_path(dp, "share") : dp;
    auto share = value(disp.IsMap() ? disp["share"] : disp, share_path, 0, 1, "a displacement share", check);
    if (!share) return;
    const Expression share_expr =
        s_.parameter_uses.size() > n_uses ? s_.parameter_uses.back().expression : Expression::constant(*share);
    s_.effects.push_back(spec);
    EffectSpec line = spec;
    line.name = spec.name + " (verdringing)";
    line.displaces = static_cast<int>(s_.effects.size()) - 1;
    auto cat = std::find(s_.categories.begin(), s_.categories.end(), "verdringing");
    if (cat == s_.categories.end()) {
      s_.categories.push_back("verdringing");
      cat = s_.categories.end() - 1;
    }
    line.item.category = static_cast<int>(cat - s_.categories.begin());
    line.item.receiver = -1;
    line.item.payer = bearer;
    line.item.amount = item.amount * *share;
    ParameterUse use;
    use.target = ParameterUse::Target::effect_amount;
    use.index = static_cast<int>(s_.effects.size());
    use.expression = amount_expr.times(share_expr);
    use.lo = 0;
    use.hi = 1e9;
    use.path = dp;
    use.file = r_.file();
    use.line = disp.Mark().line + 1;
    use.column = disp.Mark().column + 1;
    s_.parameter_uses.push_back(use);
    s_.effects.push_back(line);
  }

  void effects(const YAML::Node& n) {
    if (!r_.expect_sequence(n, "effects")) return;
    for (std::size_t i = 0; i < n.size(); ++i) effect(n[i], fmt::format("effects[{}]", i));
  }

  void discounting(const YAML::Node& n) {
    if (!r_.expect_map(n, "discounting")) return;
    r_.check_keys(n, "discounting", {"rate", "sensitivity", "timing"});
    if (n["timing"].IsDefined()) {
      auto c = r_.choice(n["timing"], "discounting.timing", {"start", "middle", "end", "continuous", "counted"});
      if (c) {
        s_.discount_timing = *c == "start"    ? DiscountTiming::start
                             : *c == "middle" ? DiscountTiming::middle
                             : *c == "end"    ? DiscountTiming::end
                             : *c == "continuous" ? DiscountTiming::continuous
                                                  : DiscountTiming::counted;
        s_.discount_timing_given = true;
      }
    }
    if (n["rate"].IsDefined())
      s_.discount_rate = r_.number_in(n["rate"], "discounting.rate", -0.05, 0.2, "an annual discount rate").value_or(0.0225);
    if (n["sensitivity"].IsDefined() && r_.expect_sequence(n["sensitivity"], "discounting.sensitivity"))
      for (std::size_t i = 0; i < n["sensitivity"].size(); ++i)
        if (auto v = r_.number_in(n["sensitivity"][i], fmt::format("discounting.sensitivity[{}]", i), -0.05, 0.2,
                                  "an annual discount rate"))
          s_.sensitivity_rates.push_back(*v);
  }

  void cost_effectiveness(const YAML::Node& n) {
    const std::string path = "cost_effectiveness";
    if (!r_.expect_map(n, path)) return;
    r_.check_keys(n, path, {"effect", "costs_of", "thresholds"});
    CostEffectivenessSpec ce;
    auto e = r_.required(n, "effect", path);
    auto o = e ? name_ref(*e, join_path(path, "effect"), s_.outcomes, "outcome") : std::nullopt;
    if (!o) return;
    ce.effect = *o;
    if (n["costs_of"].IsDefined() && r_.expect_sequence(n["costs_of"], join_path(path, "costs_of")))
      for (std::size_t i = 0; i < n["costs_of"].size(); ++i)
        if (auto k = name_ref(n["costs_of"][i], fmt::format("{}.costs_of[{}]", path, i), s_.stakeholders, "stakeholder"))
          ce.costs_of.push_back(*k);
    if (n["thresholds"].IsDefined() && r_.expect_sequence(n["thresholds"], join_path(path, "thresholds")))
      for (std::size_t i = 0; i < n["thresholds"].size(); ++i)
        if (auto v = r_.number_in(n["thresholds"][i], fmt::format("{}.thresholds[{}]", path, i), 0, 1e12,
                                  "a willingness to pay per unit of effect (>= 0)"))
          ce.thresholds.push_back(*v);
    s_.cost_effectiveness = ce;
  }

  // Combinations of time.counting and discounting.timing that have no meaning (docs/timing.md).
  // Unusual but meaningful ones are notes of `mkba validate` (convention_notes()).
  void conventions(const YAML::Node& root) {
    const bool simpson = s_.time.counting == Counting::simpson || s_.time.counting == Counting::darthtools_simpson;
    if (!simpson) return;
    const YAML::Node counting = root["time"]["counting"];
    if (s_.discount_timing_given && s_.discount_timing != DiscountTiming::counted)
      r_.error(root["discounting"]["timing"], "discounting.timing",
               "Simpson's rule weights the trace points x_0 .. x_n, each discounted at its own time: expected "
               "'counted' (the default with time.counting: simpson), found another timing");
    s_.discount_timing = DiscountTiming::counted;
    if (s_.time.counting == Counting::simpson && s_.time.n_cycles() % 2 != 0)
      r_.error(counting, "time.counting",
               fmt::format("Simpson's 1/3 rule needs an even number of cycles, found {}: lengthen the horizon by one "
                           "cycle, use half_cycle, or darthtools_simpson to reproduce darthtools' gen_wcc",
                           s_.time.n_cycles()));
  }

  void simulation(const YAML::Node& n) {
    if (!r_.expect_map(n, "simulation")) return;
    r_.check_keys(n, "simulation", {"seed", "persons", "iterations"});
    if (n["seed"].IsDefined())
      s_.seed = static_cast<std::uint64_t>(r_.integer_in(n["seed"], "simulation.seed", 0, 9007199254740991LL).value_or(0));
    if (n["persons"].IsDefined())
      if (auto v = r_.integer_in(n["persons"], "simulation.persons", 1, 100000000)) s_.persons = *v;
    if (n["iterations"].IsDefined())
      s_.iterations = static_cast<int>(r_.integer_in(n["iterations"], "simulation.iterations", 1, 1000000).value_or(1));
  }
};

// Applies a `--set path=value` override to the document before validation.
void apply_override(YAML::Node root, const Override& o, const std::string& file) {
  std::vector<std::string> parts;
  std::stringstream ss(o.path);
  for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
  YAML::Node node = root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& key = parts[i];
    walked = walked.empty() ? key : walked + "." + key;
    const bool last = i + 1 == parts.size();
    if (node.IsSequence()) {
      std::size_t idx = 0;
      try {
        idx = std::stoul(key);
      } catch (...) {
        throw ScenarioError({{file, 0, 0, walked, fmt::format("--set: '{}' is a list; expected an index, found '{}'", walked, key)}});
      }
      if (idx >= node.size())
        throw ScenarioError({{file, 0, 0, walked, fmt::format("--set: index {} is past the end of the list", idx)}});
      if (last) { node[idx] = YAML::Load(o.value); return; }
      node.reset(node[idx]);
      continue;
    }
    if (!node.IsMap())
      throw ScenarioError({{file, 0, 0, walked, "--set: cannot descend into a value that is not a map or list"}});
    if (last) {
      node[key] = YAML::Load(o.value);
      return;
    }
    if (!node[key].IsDefined()) node[key] = YAML::Node(YAML::NodeType::Map);
    node.reset(node[key]);
  }
}

std::optional<YAML::Node> parse_file(const std::string& path, std::vector<Diagnostic>& diags, int line, int column,
                                     const std::string& from) {
  // A file that cannot be read is reported where it is named: the include line.
  auto fail = [&](const std::string& msg) {
    if (from.empty()) diags.push_back({path, 0, 0, "", msg});
    else diags.push_back({from, line, column, "include", fmt::format("{}: {}", path, msg)});
    return std::nullopt;
  };
  const detail::TextFile file = detail::read_text_file(path, "the included file", detail::max_yaml_bytes);
  if (!file.error.empty()) return fail(file.error);
  const std::string& text = file.text;
  if (text.find('\0') != std::string::npos) return fail("expected a YAML text file, found binary data");
  if (const auto l = detail::first_long_line(text, detail::max_yaml_line))
    return fail(fmt::format("line {} is longer than {} bytes; expected a YAML text file", l, detail::max_yaml_line));
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsDefined() || root.IsNull()) return fail("the file is empty");
    return root;
  } catch (const YAML::Exception& e) {
    diags.push_back({path, e.mark.line + 1, e.mark.column + 1, "", "invalid YAML: " + e.msg});
    return std::nullopt;
  }
}

}  // namespace

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError(fmt::format("--set expects path=value (e.g. discounting.rate=0.03), found '{}'", text));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

// The text (1x) and per row about 170 bytes of records, ids and the duplicate-id index against about
// 95 bytes of text (measured on the synthetic extract): three times the file.
std::uint64_t screening_read_memory(std::uint64_t file_bytes) { return file_bytes * 3; }

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides, const LoadLimits& limits) {
  const detail::TextFile file = detail::read_text_file(path, "the scenario file", detail::max_yaml_bytes);
  if (!file.error.empty()) throw ScenarioError({{path, 0, 0, "", file.error}});
  const std::string& text = file.text;
  if (text.find('\0') != std::string::npos)
    throw ScenarioError({{path, 0, 0, "", "expected a YAML text file, found binary data"}});
  if (const auto l = detail::first_long_line(text, detail::max_yaml_line))
    throw ScenarioError({{path, static_cast<int>(l), 1, "",
                          fmt::format("the line is longer than {} bytes; expected a YAML text file", detail::max_yaml_line)}});
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError({{path, e.mark.line + 1, e.mark.column + 1, "", "invalid YAML: " + e.msg}});
  }
  if (!root.IsDefined() || root.IsNull())
    throw ScenarioError({{path, 0, 0, "", "the scenario file is empty; expected a map with meta, time, states, ..."}});
  for (const auto& o : overrides) {
    try {
      apply_override(root, o, path);
    } catch (const YAML::Exception& e) {
      throw ScenarioError({{path, 0, 0, o.path, "--set: invalid value '" + o.value + "': " + e.msg}});
    }
  }
  std::vector<Diagnostic> diags;
  YamlReader reader(path, diags);
  Scenario s;
  s.file = path;
  std::error_code ec;
  Loader loader(reader, s, {std::filesystem::weakly_canonical(path, ec).string()},
                std::make_shared<std::vector<Loader::PendingEffects>>(), limits);
  try {
    loader.load(root);
  } catch (const YAML::Exception& e) {
    reader.error_at(e.mark.line + 1, e.mark.column + 1, "", "invalid YAML structure: " + e.msg);
  }
  std::function<bool(const Expression&)> uncertain = [&](const Expression& e) {
    for (int p : e.parameters()) {
      const auto& q = s.parameters[static_cast<std::size_t>(p)];
      if (q.distribution != Distribution::fixed || (q.derived && uncertain(q.formula))) return true;
    }
    return false;
  };
  for (const auto& u : s.parameter_uses)
    if (u.target == ParameterUse::Target::matrix_cell && s.rest_column[static_cast<std::size_t>(u.from)] < 0 &&
        uncertain(u.expression))
      diags.push_back({u.file, u.line, u.column, u.path,
                      "an uncertain parameter in a transition row needs a 'rest' cell (usually staying) to take up "
                      "the complement"});
  for (const auto& u : s.varying_uses)
    if (u.target == ParameterUse::Target::matrix_cell && s.rest_column[static_cast<std::size_t>(u.from)] < 0)
      diags.push_back({u.file, u.line, u.column, u.path,
                      "a cell that changes over time needs a 'rest' cell (usually staying) in its row to take up the "
                      "complement"});
  // Amounts given in another price year than the prijspeil are indexed once, here.
  for (auto& p : s.parameters) {
    if (p.year == 0 || p.year == s.prijspeil) continue;
    const auto from = s.price_index.find(p.year), to = s.price_index.find(s.prijspeil);
    if (from == s.price_index.end() || to == s.price_index.end()) {
      diags.push_back({p.file, p.line, p.column, "parameters." + p.id,
                      fmt::format("the amount is in {} prices but meta.price_index has no value for {}; give the "
                                  "index for both {} and the prijspeil {}", p.year,
                                  from == s.price_index.end() ? p.year : s.prijspeil, p.year, s.prijspeil)});
      continue;
    }
    const double f = to->second / from->second;
    p.value *= f;
    if (p.distribution != Distribution::beta) {
      p.a *= f;
      p.b *= f;
      p.c *= f;
    }
    p.indexed_by = f;
  }
  if (!diags.empty()) throw ScenarioError(std::move(diags));
  for (auto& r : s.outcome_discount_rates)
    if (std::isnan(r)) r = s.discount_rate;
  // Every use of a parameter at its (indexed) base value: the base case.
  s = instantiate(s, base_draw(s));
  check_transitions(s);
  return s;
}

}  // namespace mkba
