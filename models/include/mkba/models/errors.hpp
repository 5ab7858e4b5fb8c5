#pragma once
// The error taxonomy. Errors are thrown at the boundary (loading files, parsing flags) with enough
// context to act on, and turned into one message and an exit code by the CLI:
//   ScenarioError, DataError, UsageError -> exit 2 (bad input or usage); anything else -> exit 1.
#include <stdexcept>
#include <string>
#include <vector>

namespace mkba {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One problem in an input file: where (file:line:column and the path in the document), what was
// expected and what was found.
struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string path;
  std::string message;
  std::string str() const;
};

class ScenarioError : public Error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A problem in a data file (CSV): file, row, field.
class DataError : public Error {
 public:
  using Error::Error;
};

class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace mkba
