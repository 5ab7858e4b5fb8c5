#pragma once
// Writes a set of files into an output directory all or nothing. Everything is written into a
// staging directory inside the output directory first; only when every file was written are the
// files renamed into place. A subdirectory of the set (the bijlagen per gemeente) replaces the old
// one as a whole, so a rerun for fewer gemeenten or alternatives leaves no stale appendix behind.
// Other files already in the output directory are left alone (e.g. `mkba compare` output).
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
