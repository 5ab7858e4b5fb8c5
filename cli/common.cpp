#include "commands.hpp"

#include <mkba/git_commit.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/scenario.hpp>

#include <fmt/format.h>

#include <cstdio>

#include <filesystem>

#ifndef MKBA_VERSION
#define MKBA_VERSION "0.0.0"
#endif
#ifndef MKBA_SCENARIO_DIR
#define MKBA_SCENARIO_DIR "scenarios"
#endif

namespace mkba::cli {

std::string version_string() { return fmt::format("mkba {} (commit {})", MKBA_VERSION, git_commit()); }

std::string default_scenario() {
  namespace fs = std::filesystem;
  // Installed layout first (<prefix>/share/mkba/scenarios), then the source tree it was built from.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share/mkba/scenarios/default.yaml";
    if (fs::exists(installed)) return installed.string();
  }
  const fs::path source = fs::path(MKBA_SCENARIO_DIR) / "default.yaml";
  if (fs::exists(source)) return source.string();
  throw Error("the default scenario was not found (looked in " + source.string() +
              "); give a scenario file: mkba run FILE");
}

void print_warnings(const Scenario& s) {
  for (const auto& w : s.warnings) std::fprintf(stderr, "mkba: warning: %s\n", w.str().c_str());
}

}  // namespace mkba::cli
