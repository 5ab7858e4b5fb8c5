#include <mkba/report/console.hpp>

namespace mkba::report {
namespace {

// Display width of UTF-8 text: code points (the console text holds no wide characters).
std::size_t width_of(const std::string& s, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace

std::string wrap_lines(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool newline = end != std::string::npos;
    if (!newline) end = text.size();
    std::size_t indent = start;
    while (indent < end && text[indent] == ' ') ++indent;
    const std::string more(indent - start + 2, ' ');
    std::size_t pos = start;
    std::string prefix;
    // A table row (columns padded with runs of spaces) is never broken: only text lines are.
    const bool table_row = text.substr(indent, end - indent).find("  ") != std::string::npos;
    while (!table_row && width_of(text, pos, end) + prefix.size() > width) {
      // The last space at which the piece still fits; none: the first space after it.
      std::size_t cut = std::string::npos, cols = prefix.size();
      for (std::size_t i = pos; i < end && cols <= width; ++i) {
        if (text[i] == ' ' && i > pos && text[i - 1] != ' ') cut = i;
        cols += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
      }
      if (cut == std::string::npos) cut = text.find(' ', pos + 1);
      if (cut == std::string::npos || cut >= end) break;
      out += prefix + text.substr(pos, cut - pos) + '\n';
      pos = cut;
      while (pos < end && text[pos] == ' ') ++pos;
      prefix = more;
    }
    out += prefix + text.substr(pos, end - pos);
    if (newline) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace mkba::report
