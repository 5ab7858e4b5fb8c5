#include <mkba/models/errors.hpp>

#include <fmt/format.h>

namespace mkba {

std::string Diagnostic::str() const {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}:{}", line, column);
  if (!path.empty()) return fmt::format("{}: {}: {}", where, path, message);
  return fmt::format("{}: {}", where, message);
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (std::size_t i = 0; i < ds.size(); ++i) {
    if (i) out += '\n';
    out += ds[i].str();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace mkba
