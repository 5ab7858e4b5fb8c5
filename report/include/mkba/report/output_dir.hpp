#pragma once
// Writes a set of files as an output folder, all or nothing. Everything is written into a sibling
// folder (`.<name>.mkba-partial-<pid>`) first; only when every file was written does it replace the
// old folder as a whole (the old one renamed aside to `.<name>.mkba-old-<pid>`, the new one renamed
// into place, the old one removed), so a successful run leaves no file of an earlier run behind.
// A lock (`.<name>.mkba-lock` next to the folder) refuses a second concurrent writer, and the next
// start cleans what a killed run left. A non-empty folder that is not an mkba output is refused.
#include <string>
#include <utility>
#include <vector>

namespace mkba::report {

struct OutputFile {
  std::string name;     // relative to the output directory
  std::string content;
};

enum class Replace {
  folder,  // the folder becomes exactly `files` (mkba run, report, bestand)
  files,   // `files` are added to the folder, other files stay (mkba compare into a run's folder)
};

void write_all(const std::string& dir, const std::vector<OutputFile>& files,
               Replace mode = Replace::folder);  // throws mkba::Error

}  // namespace mkba::report
