#include <mkba/models/errors.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

namespace fs = std::filesystem;

namespace mkba::report {

namespace {

// The first component of a relative path ("bijlagen/x.csv" -> "bijlagen").
std::string top_level(const std::string& name) { return fs::path(name).begin()->string(); }

void write_file(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  if (!out) throw Error(fmt::format("cannot write {}", path.string()));
}

}  // namespace

void write_all(const std::string& dir, const std::vector<OutputFile>& files) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("{}: cannot create the output directory: {}", dir, ec.message()));
  if (!fs::is_directory(dir)) throw Error(fmt::format("{}: the output path exists and is not a directory", dir));
  const fs::path staging = fs::path(dir) / fmt::format(".mkba-partial-{}", ::getpid());
  const fs::path old = fs::path(dir) / fmt::format(".mkba-old-{}", ::getpid());
  fs::remove_all(staging, ec);
  fs::remove_all(old, ec);
  try {
    for (const auto& f : files) write_file(staging / f.name, f.content);
  } catch (const Error& e) {
    fs::remove_all(staging, ec);
    throw Error(fmt::format("{}: {}; nothing was written", dir, e.what()));
  }
  // Everything is on disk: move it into place. Renames within one directory do not fail for lack
  // of space; a subdirectory is swapped whole (the old one moved aside, then removed).
  std::set<std::string> tops;
  for (const auto& f : files) tops.insert(top_level(f.name));
  fs::create_directories(old, ec);
  for (const auto& t : tops) {
    const fs::path target = fs::path(dir) / t;
    if (fs::is_directory(staging / t) && fs::exists(target)) fs::rename(target, old / t);
    fs::rename(staging / t, target);
  }
  fs::remove_all(staging, ec);
  fs::remove_all(old, ec);
}

}  // namespace mkba::report
