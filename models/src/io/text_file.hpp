#pragma once
// Whole-file reads for every input reader. Only regular files are read, and only up to a size
// limit: a device (/dev/zero), a FIFO or a runaway export would otherwise grow memory until the
// kernel kills the process, which is a crash from the analyst's point of view.
#include <cstddef>
#include <string>

namespace mkba::detail {

inline constexpr std::size_t max_yaml_bytes = std::size_t{64} << 20;   // scenario files and includes
inline constexpr std::size_t max_csv_bytes = std::size_t{4} << 30;     // screening, episodes, panel

// No line of a scenario or include is that long; a longer one is the wrong file (or a generated one
// gone wrong), refused before parsing.
inline constexpr std::size_t max_yaml_line = std::size_t{1} << 20;

// The 1-based number of the first line longer than `max_line` bytes, or 0 if there is none.
std::size_t first_long_line(const std::string& text, std::size_t max_line);

struct TextFile {
  std::string text;
  std::string error;  // empty when the read succeeded; otherwise why not (without the path)
};

// `what` names the file in messages, e.g. "the scenario file".
TextFile read_text_file(const std::string& path, const std::string& what, std::size_t max_bytes);

}  // namespace mkba::detail
