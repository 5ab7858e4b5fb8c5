// Headless Chromium as the PDF printer of the report (pdf.hpp). The same flags as the browser test
// (tests/report/render_check.py): a fresh profile, no network, no Chrome header or footer (the
// report's CSS prints its own).
#include <mkba/report/pdf.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mkba::report {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> on_path(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::string full = dir + "/" + name;
    if (::access(full.c_str(), X_OK) == 0) return full;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> find_chromium() {
  if (const char* env = std::getenv("MKBA_CHROMIUM")) return on_path(env);
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (auto p = on_path(name)) return p;
  return std::nullopt;
}

std::string file_url(const std::string& absolute_path) {
  std::string url = "file://";
  for (const unsigned char c : absolute_path) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                      c == '_' || c == '~' || c == '/';
    if (keep)
      url += static_cast<char>(c);
    else
      url += fmt::format("%{:02X}", c);
  }
  return url;
}

void print_pdf(const std::string& browser, const std::string& html_file, const std::string& pdf_file, int timeout_seconds) {
  const std::string partial = pdf_file + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  const fs::path profile = fs::temp_directory_path() / fmt::format("mkba-chromium-{}", ::getpid());
  fs::create_directories(profile);
  const fs::path log = profile / "stderr.txt";
  std::vector<std::string> args = {browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                   "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--no-pdf-header-footer",
                                   "--user-data-dir=" + profile.string(), "--print-to-pdf=" + partial,
                                   file_url(fs::absolute(html_file).string())};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, browser.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  auto cleanup = [&] { fs::remove_all(profile, ec); };
  if (rc != 0) {
    cleanup();
    throw std::runtime_error(fmt::format("--pdf: could not start {}: {}", browser, std::strerror(rc)));
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      fs::remove(partial, ec);
      cleanup();
      throw std::runtime_error(fmt::format("--pdf: {} did not finish printing within {} s", browser, timeout_seconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string err;
  {
    std::ifstream in(log);
    std::ostringstream s;
    s << in.rdbuf();
    err = s.str();
  }
  cleanup();
  std::ifstream pdf(partial, std::ios::binary);
  char magic[4] = {};
  const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && pdf && pdf.read(magic, 4) && std::memcmp(magic, "%PDF", 4) == 0;
  pdf.close();
  if (!ok) {
    fs::remove(partial, ec);
    if (err.size() > 600) err = "..." + err.substr(err.size() - 600);
    throw std::runtime_error(fmt::format("--pdf: {} did not print {} (exit status {}): {}", browser, html_file,
                                         WIFEXITED(status) ? WEXITSTATUS(status) : -1, err));
  }
  fs::rename(partial, pdf_file);
}

}  // namespace mkba::report
