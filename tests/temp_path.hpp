#pragma once
// Scratch files of the test processes. ctest runs every test case as a process of its own, two at
// a time (-j2), so a fixed name in the temporary directory is shared by concurrent cases: two
// tornado cases wrote the same scenario file, one truncating it while the other read it (a test
// that failed once in 300 runs). Every name made here carries the process id, before the extension.
#include <unistd.h>

#include <filesystem>
#include <string>

namespace mkba::test {

inline std::filesystem::path process_temp_path(const std::string& name) {
  const std::filesystem::path p(name);
  return std::filesystem::temp_directory_path() /
         (p.stem().string() + "-" + std::to_string(::getpid()) + p.extension().string());
}

}  // namespace mkba::test
