#pragma once
// Scratch files of the test processes. ctest runs every test case as a process of its own, two at
// a time (-j2), so a fixed name in the temporary directory is shared by concurrent cases: two
// tornado cases wrote the same scenario file, one truncating it while the other read it (a test
// that failed once in 300 runs). Every name made here carries the process id, before the extension.
// What a process made under such a name (a file or a directory tree) is removed when the process
// ends, also after a failed check: a full test run used to leave some 80 files in /tmp.
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

namespace mkba::test {

namespace detail {
class ScratchPaths {
 public:
  void add(const std::filesystem::path& p) {
    const std::lock_guard<std::mutex> lock(mutex_);
    paths_.push_back(p);
  }
  ScratchPaths() = default;
  ScratchPaths(const ScratchPaths&) = delete;
  ScratchPaths& operator=(const ScratchPaths&) = delete;
  ~ScratchPaths() {
    for (const auto& p : paths_) {
      std::error_code ignored;  // already gone, or never made: nothing to do
      std::filesystem::remove_all(p, ignored);
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::filesystem::path> paths_;
};

inline ScratchPaths& scratch_paths() {
  static ScratchPaths paths;  // destroyed at the process's normal exit
  return paths;
}
}  // namespace detail

inline std::filesystem::path process_temp_path(const std::string& name) {
  const std::filesystem::path p(name);
  auto path = std::filesystem::temp_directory_path() /
              (p.stem().string() + "-" + std::to_string(::getpid()) + p.extension().string());
  detail::scratch_paths().add(path);
  return path;
}

}  // namespace mkba::test
