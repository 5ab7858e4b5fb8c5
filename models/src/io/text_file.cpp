#include "text_file.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace mkba::detail {

namespace {
std::string human_bytes(std::uintmax_t n) {
  if (n >= (std::uintmax_t{1} << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(n) / (1 << 30));
  if (n >= (std::uintmax_t{1} << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1 << 20));
  return fmt::format("{} bytes", n);
}
}  // namespace

std::size_t first_long_line(const std::string& text, std::size_t max_line) {
  std::size_t line = 1, start = 0;
  for (;;) {
    const std::size_t end = text.find('\n', start);
    if ((end == std::string::npos ? text.size() : end) - start > max_line) return line;
    if (end == std::string::npos) return 0;
    start = end + 1;
    ++line;
  }
}

TextFile read_text_file(const std::string& path, const std::string& what, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return {{}, fmt::format("cannot open {} (no such file, or not readable)", what)};
  if (fs::is_directory(st)) return {{}, fmt::format("{} is a directory; expected a file", what)};
  if (!fs::is_regular_file(st))
    return {{}, fmt::format("{} is a device, pipe or socket; expected a regular file (reading it might never end)", what)};
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return {{}, fmt::format("cannot open {} (no such file, or not readable)", what)};
  if (size > max_bytes)
    return {{}, fmt::format("{} is {}; files of this kind are limited to {}", what, human_bytes(size),
                            human_bytes(max_bytes))};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{}, fmt::format("cannot open {} (no such file, or not readable)", what)};
  TextFile out;
  out.text.resize(static_cast<std::size_t>(size));
  in.read(out.text.data(), static_cast<std::streamsize>(size));
  out.text.resize(static_cast<std::size_t>(in.gcount()));  // a file that shrank while being read
  return out;
}

}  // namespace mkba::detail
