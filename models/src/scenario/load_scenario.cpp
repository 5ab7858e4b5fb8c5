// Scenario loading: YAML -> validated plain structs. See docs/scenario-format.md for every key.
// This unit reads the file (and `--set` overrides), includes libraries, calls each part of the
// format in order (the parts: loader.hpp, load_parts.hpp), and runs the checks that need the whole
// scenario before the base case is built.
#include <mkba/models/load.hpp>

#include "loader.hpp"
#include "text_file.hpp"

#include <mkba/models/compile.hpp>
#include <mkba/models/parameters.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <sstream>

namespace mkba {
namespace detail {
namespace {

const std::vector<std::string> kDefaultStakeholders = {
    "kandidaat", "gemeente", "rijk", "uwv", "werkgever", "zorgverzekeraar", "overig"};
const std::vector<std::string> kDefaultCategories = {
    "uitkeringen", "loonkosten_productie", "begeleiding", "zorg",
    "kwaliteit_van_leven", "veiligheid", "uitvoering", "belastingen_premies", "overig"};

std::optional<YAML::Node> parse_file(const std::string& path, std::vector<Diagnostic>& diags, int line = 0,
                                     int column = 0, const std::string& from = "");

}  // namespace

// An included library: only `include`, `parameters`, `effects` and `transitions`.
void Loader::library(const YAML::Node& root) {
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

void Loader::load(const YAML::Node& root) {
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
  ontheffing_population();
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

void Loader::includes(const YAML::Node& n) {
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
void Loader::warn(const YAML::Node& at, const std::string& path, const std::string& message) {
  s_.warnings.push_back({r_.file(), at.Mark().line + 1, at.Mark().column + 1, path, message});
}

namespace {

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

// Whether a diagnostic at `path` (the loader's spelling: a.b[0].c) is about the value an override
// of `set` (a.b.0.c) put there: the same path or below it.
bool under_override(const std::string& path, const std::string& set) {
  std::string spelled;  // `set` in the loader's spelling
  std::stringstream ss(set);
  for (std::string part; std::getline(ss, part, '.');) {
    const bool index = !part.empty() && std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
    spelled = index ? spelled + "[" + part + "]" : join_path(spelled, part);
  }
  if (path.size() < spelled.size() || path.compare(0, spelled.size(), spelled) != 0) return false;
  return path.size() == spelled.size() || path[spelled.size()] == '.' || path[spelled.size()] == '[';
}

// Diagnostics about values that `--set` gave are located in the override ("--set path", then the
// line and column in its value), not in the file: their YAML was the override's text.
void locate_overrides(std::vector<Diagnostic>& diags, const std::string& file, const std::vector<Override>& overrides) {
  for (auto& d : diags) {
    if (d.file != file) continue;
    // The last override of a path wins.
    const auto o = std::find_if(overrides.rbegin(), overrides.rend(), [&](const Override& x) { return under_override(d.path, x.path); });
    if (o != overrides.rend()) d.file = "--set " + o->path;
  }
}

}  // namespace
}  // namespace detail

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
      detail::apply_override(root, o, path);
    } catch (const YAML::Exception& e) {
      throw ScenarioError({{path, 0, 0, o.path, "--set: invalid value '" + o.value + "': " + e.msg}});
    }
  }
  std::vector<Diagnostic> diags;
  detail::YamlReader reader(path, diags);
  Scenario s;
  s.file = path;
  std::error_code ec;
  detail::Loader loader(reader, s, {std::filesystem::weakly_canonical(path, ec).string()},
                        std::make_shared<std::vector<detail::Loader::PendingEffects>>(), limits);
  try {
    loader.load(root);
  } catch (const YAML::Exception& e) {
    reader.error_at(e.mark.line + 1, e.mark.column + 1, "", "invalid YAML structure: " + e.msg);
  }
  detail::check_rest_cells(s, diags);
  detail::index_prices(s, diags);
  detail::locate_overrides(diags, path, overrides);
  detail::locate_overrides(s.warnings, path, overrides);
  if (!diags.empty()) throw ScenarioError(std::move(diags));
  for (auto& r : s.outcome_discount_rates)
    if (std::isnan(r)) r = s.discount_rate;
  // Every use of a parameter at its (indexed) base value: the base case.
  try {
    s = instantiate(s, base_draw(s));
    check_transitions(s);
  } catch (const ScenarioError& e) {
    std::vector<Diagnostic> located = e.diagnostics();
    detail::locate_overrides(located, path, overrides);
    throw ScenarioError(std::move(located));
  }
  return s;
}

}  // namespace mkba
