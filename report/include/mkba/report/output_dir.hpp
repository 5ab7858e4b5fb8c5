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

// Holds the output folder's lock from before a run starts until it has written (mkba run, report,
// bestand), so that a second run into the same --out is refused at once, not after its simulation.
// write_all() in the same process uses the lock held; without one it takes the lock itself.
class OutputLock {
 public:
  explicit OutputLock(const std::string& dir);  // throws mkba::Error if another process holds it
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  std::string key_;
  int fd_ = -1;
};

enum class Replace {
  folder,  // the folder becomes exactly `files` (mkba run, report, bestand)
  files,   // `files` are added to the folder, other files stay (mkba compare into a run's folder)
};

void write_all(const std::string& dir, const std::vector<OutputFile>& files,
               Replace mode = Replace::folder);  // throws mkba::Error

}  // namespace mkba::report
