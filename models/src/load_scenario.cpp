// Scenario loading: YAML -> validated plain structs. See docs/scenario-format.md for every key.
#include <mkba/models/load.hpp>

#include "text_file.hpp"
#include "yaml_reader.hpp"

#include <mkba/models/calendar.hpp>
#include <mkba/models/parameters.hpp>
#include <mkba/models/screening_population.hpp>

#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

namespace mkba {
namespace {

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
         std::shared_ptr<std::vector<PendingEffects>> pending = std::make_shared<std::vector<PendingEffects>>())
      : r_(r), s_(s), include_stack_(std::move(include_stack)), pending_(std::move(pending)) {}

  // An included library: only `include`, `parameters`, `effects` and `transitions`.
  void library(const YAML::Node& root) {
    if (!r_.expect_map(root, "")) return;
    r_.check_keys(root, "", {"include", "parameters", "effects", "transitions"});
    if (root["include"].IsDefined()) includes(root["include"]);
    if (root["parameters"].IsDefined()) parameters(root["parameters"]);
    if (root["effects"].IsDefined()) pending_->push_back({root["effects"], r_.file()});
    if (root["transitions"].IsDefined()) pending_->push_back({root["transitions"], r_.file(), true});
  }

  void load(const YAML::Node& root) {
    if (!r_.expect_map(root, "")) return;
    r_.check_keys(root, "", {"meta", "time", "states", "population", "transitions", "nulalternatief",
                             "alternatives", "stakeholders", "categories", "outcomes", "effects",
                             "discounting", "simulation", "parameters", "segments", "include",
                             "rescreening"});
    if (root["include"].IsDefined()) includes(root["include"]);
    if (auto n = r_.required(root, "meta", "")) meta(*n);
    if (auto n = r_.required(root, "time", "")) time(*n);
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
    if (s_.rescreening && s_.screening_file.empty())
      r_.error(root["rescreening"], "rescreening", "rescreening needs a screening population (population.screening): "
                                                   "it moves each person's ZRM scores");
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
    fading_bands();
  }

 private:
  YamlReader& r_;
  Scenario& s_;
  std::vector<std::string> include_stack_;  // canonical paths, outermost first (cycle detection)
  std::shared_ptr<std::vector<PendingEffects>> pending_;

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
    r_.check_keys(n, "meta", {"name", "description", "prijspeil", "period", "gemeenten", "price_index"});
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
      s_.time.horizon_years = static_cast<int>(r_.integer_in(*v, "time.horizon_years", 1, 60).value_or(10));
    if (n["cycle"].IsDefined()) {
      auto c = r_.choice(n["cycle"], "time.cycle", {"month", "quarter", "year"});
      s_.time.months_per_cycle = !c || *c == "month" ? 1 : *c == "quarter" ? 3 : 12;
    }
    if (n["counting"].IsDefined()) {
      auto c = r_.choice(n["counting"], "time.counting", {"start", "end", "half_cycle"});
      s_.time.counting = !c || *c == "start" ? engine::Counting::start
                         : *c == "end"       ? engine::Counting::end
                                             : engine::Counting::half_cycle;
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
      r_.check_keys(st, path, {"id", "label", "label_en", "kind"});
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
          if (auto x = r_.number(*v, join_path(path, "value"))) spec.value = *x;
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
      const YAML::Node at = p["year"].IsDefined() ? p["year"] : p;
      spec.file = r_.file();
      spec.line = at.Mark().line + 1;
      spec.column = at.Mark().column + 1;
      auto same = std::find_if(s_.parameters.begin(), s_.parameters.end(), [&](const auto& q) { return q.id == spec.id; });
      if (same != s_.parameters.end()) *same = spec;  // the including file overrides a reference value
      else s_.parameters.push_back(spec);
    }
  }

  // A number, a parameter or arithmetic on parameters (recorded as a use, so that every PSA draw
  // recomputes it).
  std::optional<double> value(const YAML::Node& n, const std::string& path, double lo, double hi, const char* what,
                              ParameterUse use) {
    static const std::regex numeric(R"(^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$)");
    if (!n.IsScalar() || std::regex_match(n.Scalar(), numeric) || n.Scalar().find(',') != std::string::npos)
      return r_.number_in(n, path, lo, hi, what);
    std::string error;
    std::string unknown;
    auto lookup = [&](const std::string& name) {
      for (std::size_t i = 0; i < s_.parameters.size(); ++i)
        if (s_.parameters[i].id == name) return static_cast<int>(i);
      if (unknown.empty()) unknown = name;
      return -1;
    };
    auto expr = Expression::parse(n.Scalar(), lookup, error);
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
    std::vector<double> base;
    for (const auto& p : s_.parameters) base.push_back(p.value);
    const double v = expr->evaluate(base);
    if (!(v >= lo && v <= hi)) {
      r_.error(n, path, fmt::format("expected {} in [{}, {}], found '{}' = {:.6g}", what, lo, hi, n.Scalar(), v));
      return std::nullopt;
    }
    use.expression = *expr;
    use.lo = lo;
    use.hi = hi;
    use.path = path;
    use.file = r_.file();
    use.line = n.Mark().line + 1;
    use.column = n.Mark().column + 1;
    s_.parameter_uses.push_back(use);
    return v;
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
      auto v = r_.number_in(kv.second, p, 0, 1e8, "a number of persons");
      if (st && v && *v > 0) s_.start.push_back({gemeente, 0, *st, *v, 0, {}, -1});
    }
  }

  void population(const YAML::Node& n) {
    if (!r_.expect_map(n, "population")) return;
    r_.check_keys(n, "population", {"counts", "inflow", "segment_mix", "screening"});
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
    ScreeningReadOptions opt;
    opt.gemeenten = s_.gemeenten;
    for (const auto& st : s_.states) opt.states.push_back(st.id);
    opt.reference = today_utc();
    opt.lenient = lenient;
    try {
      const ScreeningData data = read_screening_csv(file, opt);
      s_.screening_file = file;
      s_.screening_persons = static_cast<std::int64_t>(data.records.size());
      s_.screening_skipped = data.skipped_total();
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
      if (f["from"].IsDefined())
        if (auto ym = year_month(f["from"], join_path(path, "from"))) spec.first_month = std::max(0, ym->months_since(s_.time.start));
      if (f["until"].IsDefined())
        if (auto ym = year_month(f["until"], join_path(path, "until"))) spec.last_month = ym->months_since(s_.time.start);
      if (f["until"].IsDefined() && !r_.window_ok(f["until"], join_path(path, "until"), spec.first_month, spec.last_month))
        continue;
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
    std::vector<bool> has_row(s_.states.size(), false);
    std::map<int, YAML::Node> row_nodes;  // rows whose every cell was valid
    for (const auto& kv : *m) {
      const std::string rp = join_path("transitions.matrix", kv.first.Scalar());
      auto from = state_ref(kv.first, rp);
      if (!from || !r_.expect_map(kv.second, rp)) continue;
      if (has_row[*from]) r_.error(kv.first, rp, "this row is given twice");
      has_row[*from] = true;
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
                     : value(cell.second, cp, 0, 1, "a probability", use);
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
      if (const int rest = s_.rest_column[from]; rest >= 0) {
        x(from, rest) = 1.0 - x.row(from).sum();
        if (x(from, rest) < -1e-12)
          r_.error(node, join_path("transitions.matrix", s_.states[from].id),
                   fmt::format("the other probabilities sum to {:.10g} > 1, so 'rest' would be negative", 1.0 - x(from, rest)));
        continue;
      }
      const double sum = x.row(from).sum();
      if (std::abs(sum - 1.0) > 1e-9)
        r_.error(node, join_path("transitions.matrix", s_.states[from].id),
                 fmt::format("expected probabilities summing to 1 (staying included), found a sum of {:.10g}", sum));
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
    s_.warnings.push_back(fmt::format("{}:{}:{}: {}: the effect size '{}' is fixed and has no source; give it as a "
                                      "parameter with a distribution and a source (docs/scenario-format.md)",
                                      r_.file(), n.Mark().line + 1, n.Mark().column + 1, path, n.Scalar()));
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
    TransitionOverlay ov;
    auto fn = r_.required(o, "from", path);
    auto tn = r_.required(o, "to", path);
    const int from = fn ? state_ref(*fn, join_path(path, "from")).value_or(-1) : -1;
    const int to = tn ? state_ref(*tn, join_path(path, "to")).value_or(-1) : -1;
    if (from < 0 || to < 0) return;
    if (from == to) {
      r_.error(*tn, join_path(path, "to"), "a change must name a move to another state; staying takes up the complement");
      return;
    }
    ov.from = from;
    ov.to = to;
    const bool rr = o["relative_risk"].IsDefined(), pr = o["probability"].IsDefined();
    const auto uses_before = s_.parameter_uses.size();
    if (rr == pr) {
      r_.error(o, path, "expected exactly one of 'relative_risk' or 'probability'");
      return;
    }
    if (rr) {
      ParameterUse use;
      use.target = ParameterUse::Target::overlay_value;
      use.index = list_id;
      use.to = static_cast<int>(list.size());
      auto v = value(o["relative_risk"], join_path(path, "relative_risk"), 0, 1e3, "a relative risk", use);
      if (!v) return;
      ov.kind = TransitionOverlay::Kind::relative_risk;
      ov.value = *v;
    } else {
      ParameterUse use;
      use.target = ParameterUse::Target::overlay_value;
      use.index = list_id;
      use.to = static_cast<int>(list.size());
      auto v = value(o["probability"], join_path(path, "probability"), 0, 1, "a monthly probability", use);
      if (!v) return;
      ov.kind = TransitionOverlay::Kind::probability;
      ov.value = *v;
    }
    if (o["window"].IsDefined()) {
      const YAML::Node w = o["window"];
      const std::string wp = join_path(path, "window");
      if (r_.expect_map(w, wp)) {
        r_.check_keys(w, wp, {"from", "until"});
        if (w["from"].IsDefined())
          if (auto ym = year_month(w["from"], join_path(wp, "from"))) ov.first_month = ym->months_since(s_.time.start);
        if (w["until"].IsDefined())
          if (auto ym = year_month(w["until"], join_path(wp, "until"))) ov.last_month = ym->months_since(s_.time.start);
        if (!r_.window_ok(w, wp, ov.first_month, ov.last_month)) return;
      }
    }
    if (allow_window)
      warn_if_unsourced(rr ? o["relative_risk"] : o["probability"], join_path(path, rr ? "relative_risk" : "probability"),
                        s_.parameter_uses.size() > uses_before ? &s_.parameter_uses.back() : nullptr);
    if (o["segments"].IsDefined()) ov.segments = name_mask(o["segments"], join_path(path, "segments"), s_.segments, "segment");
    if (o["fade"].IsDefined() && !fade(o["fade"], join_path(path, "fade"), ov)) return;
    // The changed row must stay a probability row (checked on the matrix in force).
    if (s_.monthly.rows() == static_cast<Eigen::Index>(s_.states.size())) {
      const double old = s_.monthly(ov.from, ov.to);
      const double now = ov.kind == TransitionOverlay::Kind::relative_risk ? old * ov.value : ov.value;
      const double stay = s_.monthly(ov.from, ov.from) - (now - old);
      if (stay < -1e-12)
        r_.error(o, path, fmt::format("the change leaves a negative probability of staying in '{}' ({:.6g}): "
                                      "the other moves out of that state would exceed 1",
                                      s_.states[ov.from].id, stay));
    }
    list.push_back(ov);
  }

  void alternatives(const YAML::Node& base, const YAML::Node& alts) {
    AlternativeSpec null_alt{"nulalternatief", "Nulalternatief", "", {}, {}, -1};
    if (base.IsDefined()) {
      if (r_.expect_map(base, "nulalternatief")) {
        r_.check_keys(base, "nulalternatief", {"label", "description", "capacity"});
        if (base["capacity"].IsDefined() && r_.expect_sequence(base["capacity"], "nulalternatief.capacity"))
          for (std::size_t i = 0; i < base["capacity"].size(); ++i)
            capacity(base["capacity"][i], fmt::format("nulalternatief.capacity[{}]", i), null_alt);
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
      if (a["description"].IsDefined()) alt.description = r_.string(a["description"], join_path(path, "description")).value_or("");
      if (a["transitions"].IsDefined()) {
        const std::string tp = join_path(path, "transitions");
        if (r_.expect_sequence(a["transitions"], tp))
          for (std::size_t i = 0; i < a["transitions"].size(); ++i)
            overlay(a["transitions"][i], fmt::format("{}[{}]", tp, i), alt.overlays,
                    static_cast<int>(s_.alternatives.size()));
      }
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
    r_.check_keys(c, path, {"state", "places", "places_by_year", "gemeente", "window"});
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
    if (c["gemeente"].IsDefined()) {
      auto g = name_ref(c["gemeente"], join_path(path, "gemeente"), s_.gemeenten, "gemeente");
      if (!g) return;
      spec.gemeente = *g;
    }
    if (c["window"].IsDefined()) {
      const YAML::Node w = c["window"];
      const std::string wp = join_path(path, "window");
      if (r_.expect_map(w, wp)) {
        r_.check_keys(w, wp, {"from", "until"});
        if (w["from"].IsDefined())
          if (auto ym = year_month(w["from"], join_path(wp, "from"))) spec.first_month = ym->months_since(s_.time.start);
        if (w["until"].IsDefined())
          if (auto ym = year_month(w["until"], join_path(wp, "until"))) spec.last_month = ym->months_since(s_.time.start);
        if (!r_.window_ok(w, wp, spec.first_month, spec.last_month)) return;
      }
    }
    alt.capacities.push_back(spec);
  }

  std::vector<std::uint8_t> state_mask(const YAML::Node& n, const std::string& path) {
    std::vector<std::uint8_t> mask(s_.states.size(), 0);
    if (n.IsScalar()) {
      if (auto st = state_ref(n, path)) mask[*st] = 1;
      return mask;
    }
    if (!r_.expect_sequence(n, path)) return mask;
    for (std::size_t i = 0; i < n.size(); ++i)
      if (auto st = state_ref(n[i], fmt::format("{}[{}]", path, i))) mask[*st] = 1;
    return mask;
  }

  void effect(const YAML::Node& e, const std::string& path) {
    if (!r_.expect_map(e, path)) return;
    r_.check_keys(e, path, {"name", "category", "type", "payer", "receiver", "outcome", "per_month_in",
                            "per_transition", "per_entry", "amount", "alternatives", "window", "source",
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
      if (r_.expect_sequence(a, ap)) {
        std::vector<std::string> ids;
        for (const auto& alt : s_.alternatives) ids.push_back(alt.id);
        for (std::size_t i = 0; i < a.size(); ++i)
          if (auto k = name_ref(a[i], fmt::format("{}[{}]", ap, i), ids, "alternative")) spec.alternatives.push_back(*k);
      }
    }
    if (e["window"].IsDefined()) {
      const YAML::Node w = e["window"];
      const std::string wp = join_path(path, "window");
      if (r_.expect_map(w, wp)) {
        r_.check_keys(w, wp, {"from", "until"});
        if (w["from"].IsDefined())
          if (auto ym = year_month(w["from"], join_path(wp, "from"))) item.first_cycle = ym->months_since(s_.time.start);
        if (w["until"].IsDefined())
          if (auto ym = year_month(w["until"], join_path(wp, "until"))) item.last_cycle = ym->months_since(s_.time.start);
        if (!r_.window_ok(w, wp, item.first_cycle, item.last_cycle == std::numeric_limits<int>::max() ? -1 : item.last_cycle))
          return;
      }
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
    r_.check_keys(n, "discounting", {"rate", "sensitivity"});
    if (n["rate"].IsDefined())
      s_.discount_rate = r_.number_in(n["rate"], "discounting.rate", -0.05, 0.2, "an annual discount rate").value_or(0.0225);
    if (n["sensitivity"].IsDefined() && r_.expect_sequence(n["sensitivity"], "discounting.sensitivity"))
      for (std::size_t i = 0; i < n["sensitivity"].size(); ++i)
        if (auto v = r_.number_in(n["sensitivity"][i], fmt::format("discounting.sensitivity[{}]", i), -0.05, 0.2,
                                  "an annual discount rate"))
          s_.sensitivity_rates.push_back(*v);
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

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  const detail::TextFile file = detail::read_text_file(path, "the scenario file", detail::max_yaml_bytes);
  if (!file.error.empty()) throw ScenarioError({{path, 0, 0, "", file.error}});
  const std::string& text = file.text;
  if (text.find('\0') != std::string::npos)
    throw ScenarioError({{path, 0, 0, "", "expected a YAML text file, found binary data"}});
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
  Loader loader(reader, s, {std::filesystem::weakly_canonical(path, ec).string()});
  try {
    loader.load(root);
  } catch (const YAML::Exception& e) {
    reader.error_at(e.mark.line + 1, e.mark.column + 1, "", "invalid YAML structure: " + e.msg);
  }
  auto uncertain = [&](const Expression& e) {
    for (int p : e.parameters())
      if (s.parameters[static_cast<std::size_t>(p)].distribution != Distribution::fixed) return true;
    return false;
  };
  for (const auto& u : s.parameter_uses)
    if (u.target == ParameterUse::Target::matrix_cell && s.rest_column[static_cast<std::size_t>(u.from)] < 0 &&
        uncertain(u.expression))
      diags.push_back({u.file, u.line, u.column, u.path,
                      "an uncertain parameter in a transition row needs a 'rest' cell (usually staying) to take up "
                      "the complement"});
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
  return s;
}

}  // namespace mkba
