// libFuzzer target: mkba::load_scenario (YAML parsing, validation, includes) on arbitrary bytes.
// load_scenario takes a path, so the input is written to one temporary file per process (reused
// for every input), in a directory where `reference/` points at the shipped value libraries, so
// the shipped scenarios' includes resolve. `data/` is deliberately absent: loading the 300 kB
// synthetic screening file on every input would slow fuzzing down a hundredfold (the screening
// reader has its own fuzzer); the missing file is one more diagnostic. Any mkba::Error is an expected answer to bad input; anything else escaping,
// a crash, a sanitizer report or a hang is a finding.
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

const std::string& temp_path() {
  static const std::string path = [] {
    const auto dir = std::filesystem::temp_directory_path() / ("mkba-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::error_code ec;
    std::filesystem::create_directory_symlink(MKBA_FUZZ_REFERENCE_DIR, dir / "reference", ec);
    return (dir / "scenario.yaml").string();
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = temp_path();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  if (size > 0) std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    (void)mkba::load_scenario(path);
  } catch (const mkba::Error&) {
    // Bad input, reported as it should be.
  }
  return 0;
}
