#include <mkba/models/errors.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
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

// "out/x/" -> "out/x"; "." -> the current directory's absolute path: the folder needs a name and a
// parent to be replaced by a sibling.
fs::path folder_path(const std::string& dir) {
  fs::path p = fs::absolute(fs::path(dir)).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p;
}

// Written into every output folder: a folder with it (or an mkba output from before it existed) may
// be replaced as a whole; any other non-empty folder is refused, so `--out ~/Documents` cannot
// remove someone's files.
constexpr const char* kMarker = ".mkba-output";

bool replaceable(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_empty(dir, ec)) return true;
  for (const char* f : {kMarker, "manifest.json", "summary.csv"})
    if (fs::exists(dir / f, ec)) return true;
  return false;
}

// Removes what a run that died (SIGKILL, power loss) left next to `dir`: staging and old folders.
// Called with the lock held, so no live run owns them. A run killed between its two renames left
// no `dir` but a complete old one: that one is put back.
void clean_leftovers(const fs::path& dir) {
  std::error_code ec;
  const std::string name = dir.filename().string();
  const std::string partial = "." + name + ".mkba-partial-", old = "." + name + ".mkba-old-";
  std::vector<fs::path> olds;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(partial, 0) == 0) fs::remove_all(e.path(), ec);
    else if (f.rfind(old, 0) == 0) olds.push_back(e.path());
  }
  for (const auto& o : olds) {
    if (!fs::exists(dir, ec)) fs::rename(o, dir, ec);
    else fs::remove_all(o, ec);
  }
  // Leftovers of the earlier layout (staging inside the folder).
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(".mkba-partial-", 0) == 0 || f.rfind(".mkba-old-", 0) == 0) fs::remove_all(e.path(), ec);
  }
}

// The folders this process holds the lock of (an OutputLock taken before the run).
std::set<std::string>& held_locks() {
  static std::set<std::string> held;
  return held;
}

// The earlier behaviour, for a file added to a folder that holds other output (mkba compare):
// written next to its target, then renamed over it.
void add_files(const fs::path& dir, const std::vector<OutputFile>& files) {
  std::error_code ec;
  const fs::path staging = dir / fmt::format(".mkba-partial-{}", ::getpid());
  fs::remove_all(staging, ec);
  try {
    for (const auto& f : files) write_file(staging / f.name, f.content);
  } catch (const Error& e) {
    fs::remove_all(staging, ec);
    throw Error(fmt::format("{}: {}; nothing was written", dir.string(), e.what()));
  }
  std::set<std::string> tops;
  for (const auto& f : files) tops.insert(top_level(f.name));
  for (const auto& t : tops) {
    if (fs::is_directory(dir / t)) fs::remove_all(dir / t, ec);
    fs::rename(staging / t, dir / t);
  }
  fs::remove_all(staging, ec);
}

}  // namespace

// An exclusive lock on `<parent>/.<name>.mkba-lock`; a second run into the same folder is refused at
// once instead of mixing its files with the first one's. The lock file stays (removing it would let
// a third process lock a new file while the second still waits on the old one).
OutputLock::OutputLock(const std::string& out) {
  const fs::path dir = folder_path(out);
  key_ = dir.string();
  if (held_locks().count(key_)) {
    key_.clear();  // held already by this process: nothing to do
    return;
  }
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  const fs::path lock = dir.parent_path() / ("." + dir.filename().string() + ".mkba-lock");
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(fmt::format("{}: cannot create the lock file {}", out, lock.string()));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw Error(fmt::format("{}: another mkba process is writing this output folder; wait for it to finish or "
                            "choose another --out (nothing was written)", out));
  }
  held_locks().insert(key_);
}

OutputLock::~OutputLock() {
  if (key_.empty()) return;
  held_locks().erase(key_);
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

void write_all(const std::string& out, const std::vector<OutputFile>& files, Replace mode) {
  const fs::path dir = folder_path(out);
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  if (ec) throw Error(fmt::format("{}: cannot create the output directory: {}", out, ec.message()));
  if (fs::exists(dir) && !fs::is_directory(dir))
    throw Error(fmt::format("{}: the output path exists and is not a directory", out));
  const OutputLock lock(dir.string());
  clean_leftovers(dir);
  if (mode == Replace::files) {
    fs::create_directories(dir, ec);
    if (ec) throw Error(fmt::format("{}: cannot create the output directory: {}", out, ec.message()));
    add_files(dir, files);
    return;
  }
  if (fs::exists(dir) && !replaceable(dir))
    throw Error(fmt::format("{}: the folder holds files that are not from mkba; mkba replaces its output folder as a "
                            "whole, so choose a new or empty --out (nothing was written)", out));
  // Everything into a sibling folder first; only a complete set replaces the old folder.
  const std::string name = dir.filename().string();
  const fs::path staging = dir.parent_path() / fmt::format(".{}.mkba-partial-{}", name, ::getpid());
  const fs::path old = dir.parent_path() / fmt::format(".{}.mkba-old-{}", name, ::getpid());
  try {
    fs::create_directories(staging);
    write_file(staging / kMarker, "written by mkba; this folder is replaced as a whole by the next run into it\n");
    for (const auto& f : files) write_file(staging / f.name, f.content);
  } catch (const std::exception& e) {
    fs::remove_all(staging, ec);
    throw Error(fmt::format("{}: {}; nothing was written", out, e.what()));
  }
  // Two renames within one directory (they do not fail for lack of space); a run killed between
  // them is repaired by clean_leftovers() on the next start.
  const bool had_old = fs::exists(dir);
  if (had_old) fs::rename(dir, old);
  fs::rename(staging, dir);
  if (had_old) fs::remove_all(old, ec);
}

}  // namespace mkba::report
