#include "yaml_reader.hpp"

#include <mkba/models/suggest.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace mkba::detail {

void YamlReader::error(const YAML::Node& at, const std::string& path, const std::string& message) {
  int line = 0, column = 0;
  if (at.IsDefined()) {
    const YAML::Mark m = at.Mark();
    if (m.line >= 0) {
      line = m.line + 1;
      column = m.column + 1;
    }
  }
  error_at(line, column, path, message);
}

void YamlReader::error_at(int line, int column, const std::string& path, const std::string& message) {
  if (out_.size() < kMaxDiagnostics) out_.push_back({file_, line, column, path, message});
}

std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a map";
  const std::string s = n.Scalar();
  return fmt::format("'{}'", s.size() > 40 ? s.substr(0, 37) + "..." : s);
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = nearest_word(word, candidates);
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

bool YamlReader::expect_map(const YAML::Node& n, const std::string& path) {
  if (n.IsMap()) return true;
  error(n, path, fmt::format("expected a map of keys, found {}", describe(n)));
  return false;
}

bool YamlReader::expect_sequence(const YAML::Node& n, const std::string& path) {
  if (n.IsSequence()) return true;
  error(n, path, fmt::format("expected a list, found {}", describe(n)));
  return false;
}

void YamlReader::check_keys(const YAML::Node& map, const std::string& path,
                            std::initializer_list<const char*> allowed) {
  if (!map.IsMap()) return;
  const std::vector<std::string> words(allowed.begin(), allowed.end());
  std::vector<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    // yaml-cpp keeps the first of two equal keys; the second would be silently ignored.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(kv.first, join_path(path, key), fmt::format("key '{}' is given twice", key));
      continue;
    }
    seen.push_back(key);
    if (std::find(words.begin(), words.end(), key) != words.end()) continue;
    std::string list;
    for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
    error(kv.first, join_path(path, key),
          fmt::format("unknown key '{}'{}; expected one of: {}", key, did_you_mean(key, words), list));
  }
}

void YamlReader::check_unique(const YAML::Node& map, const std::string& path) {
  if (!map.IsMap()) return;
  std::vector<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      error(kv.first, join_path(path, key), fmt::format("'{}' is given twice", key));
    seen.push_back(key);
  }
}

bool YamlReader::window_ok(const YAML::Node& at, const std::string& path, int first, int last) {
  if (last < 0 || last > first) return true;
  error(at, path, "expected 'until' after 'from' (the window is [from, until)), found an empty or reversed window");
  return false;
}

std::optional<YAML::Node> YamlReader::required(const YAML::Node& map, const char* key,
                                               const std::string& path) {
  if (!map.IsMap()) return std::nullopt;
  const YAML::Node child = map[key];
  if (child.IsDefined() && !child.IsNull()) return child;
  if (child.IsDefined()) {
    error(child, join_path(path, key), "expected a value, found nothing");
  } else {
    error(map, join_path(path, key), fmt::format("required key '{}' is missing", key));
  }
  return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar()) {
    error(n, path, fmt::format("expected a number, found {}", describe(n)));
    return std::nullopt;
  }
  const std::string& s = n.Scalar();
  static const std::regex decimal_comma(R"(^\s*[-+]?\d+,\d+\s*$)");
  if (std::regex_match(s, decimal_comma)) {
    error(n, path, fmt::format("expected a number with a decimal point, found '{}' (write {})", s,
                               std::regex_replace(s, std::regex(","), ".")));
    return std::nullopt;
  }
  double v = 0;
  if (!YAML::convert<double>::decode(n, v) || s.empty()) {
    error(n, path, fmt::format("expected a number, found {}", describe(n)));
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    error(n, path, fmt::format("expected a finite number, found '{}'", s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::number_in(const YAML::Node& n, const std::string& path, double lo,
                                            double hi, const char* what) {
  auto v = number(n, path);
  if (!v) return std::nullopt;
  if (*v < lo || *v > hi) {
    error(n, path, fmt::format("expected {} in [{}, {}], found {}", what, lo, hi, n.Scalar()));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> YamlReader::integer_in(const YAML::Node& n, const std::string& path,
                                                long long lo, long long hi) {
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v)) {
    error(n, path, fmt::format("expected a whole number, found {}", describe(n)));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    error(n, path, fmt::format("expected a whole number in [{}, {}], found {}", lo, hi, v));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlReader::string(const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar()) {
    error(n, path, fmt::format("expected text, found {}", describe(n)));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::identifier(const YAML::Node& n, const std::string& path) {
  auto s = string(n, path);
  if (!s) return std::nullopt;
  static const std::regex id(R"(^[a-z][a-z0-9_]*$)");
  if (!std::regex_match(*s, id)) {
    error(n, path, fmt::format("expected an identifier (lower-case letters, digits and '_', "
                               "starting with a letter), found '{}'", *s));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> YamlReader::choice(const YAML::Node& n, const std::string& path,
                                              std::initializer_list<const char*> words) {
  auto s = string(n, path);
  if (!s) return std::nullopt;
  const std::vector<std::string> w(words.begin(), words.end());
  if (std::find(w.begin(), w.end(), *s) != w.end()) return s;
  std::string list;
  for (const auto& x : w) list += (list.empty() ? "" : ", ") + x;
  error(n, path, fmt::format("expected one of {}, found '{}'{}", list, *s, did_you_mean(*s, w)));
  return std::nullopt;
}

}  // namespace mkba::detail
