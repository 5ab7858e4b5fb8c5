#pragma once
// Writes a set of files into an output directory all or nothing: every file goes to a temporary
// name first and is renamed only when all were written, so a failure leaves no partial output.
#include <string>
#include <utility>
#include <vector>

namespace mkba::report {

struct OutputFile {
  std::string name;     // relative to the output directory
  std::string content;
};

void write_all(const std::string& dir, const std::vector<OutputFile>& files);  // throws mkba::Error

}  // namespace mkba::report
