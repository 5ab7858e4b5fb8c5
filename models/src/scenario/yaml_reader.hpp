#pragma once
// Private helpers for reading YAML with positions. Every accessor records a Diagnostic (file,
// line, column, document path, expected vs found) instead of throwing, so that loading collects
// all problems. yaml-cpp's silent fallbacks (`as<T>(default)`) are never used.
#include <mkba/models/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace mkba::detail {

inline constexpr std::size_t kMaxDiagnostics = 50;

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  void error(const YAML::Node& at, const std::string& path, const std::string& message);
  void error_at(int line, int column, const std::string& path, const std::string& message);
  void error_at_file(const Diagnostic& d) {
    if (out_.size() < kMaxDiagnostics) out_.push_back(d);
  }
  bool full() const { return out_.size() >= kMaxDiagnostics; }

  bool expect_map(const YAML::Node& n, const std::string& path);
  bool expect_sequence(const YAML::Node& n, const std::string& path);
  // Unknown keys are errors, with a "did you mean" suggestion.
  void check_keys(const YAML::Node& map, const std::string& path,
                  std::initializer_list<const char*> allowed);
  // Keys of a map whose keys are names (alternatives, parameters): each at most once.
  void check_unique(const YAML::Node& map, const std::string& path);
  // A window [first, last) in months; last < 0 means open-ended.
  bool window_ok(const YAML::Node& at, const std::string& path, int first, int last);
  // A required key: reports it missing at the position of the parent map.
  std::optional<YAML::Node> required(const YAML::Node& map, const char* key, const std::string& path);

  std::optional<double> number(const YAML::Node& n, const std::string& path);
  std::optional<double> number_in(const YAML::Node& n, const std::string& path, double lo, double hi,
                                  const char* what);
  std::optional<long long> integer_in(const YAML::Node& n, const std::string& path, long long lo,
                                      long long hi);
  std::optional<std::string> string(const YAML::Node& n, const std::string& path);
  std::optional<std::string> identifier(const YAML::Node& n, const std::string& path);
  // One of the given words.
  std::optional<std::string> choice(const YAML::Node& n, const std::string& path,
                                    std::initializer_list<const char*> words);

 private:
  std::string file_;
  std::vector<Diagnostic>& out_;
};

std::string describe(const YAML::Node& n);  // "a list", "a map", "the text 'abc'", ...
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
std::string join_path(const std::string& parent, const std::string& key);

}  // namespace mkba::detail
