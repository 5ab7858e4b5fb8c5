#pragma once
// The commit the binaries were built from (12 hex digits, "-dirty" when tracked files differed,
// "unknown" without git): stamped at build time by cmake/MkbaGitCommit.cmake.
#include <string_view>

namespace mkba {
std::string_view git_commit();
}
