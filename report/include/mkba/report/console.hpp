#pragma once
// The console's width: every console table keeps within it (wider ones are printed in blocks of
// columns); wrap_lines() breaks any longer line of text (a title, a list of files) at spaces, the
// continuation indented two more than the line. Table rows (text with runs of spaces after its
// indentation) are left whole.
#include <cstddef>
#include <string>

namespace mkba::report {

inline constexpr std::size_t kConsoleWidth = 100;

std::string wrap_lines(const std::string& text, std::size_t width = kConsoleWidth);

}  // namespace mkba::report
