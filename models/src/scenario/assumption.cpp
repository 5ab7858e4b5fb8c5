#include <mkba/models/assumption.hpp>

#include <algorithm>
#include <cctype>

namespace mkba {

bool source_is_assumption(std::string_view source) {
  const auto blank = std::all_of(source.begin(), source.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  auto has = [&](std::string_view tag) { return source.find(tag) != std::string_view::npos; };
  return blank || source == "-" || has("[U") || has("U]") || has("; U ");
}

}  // namespace mkba
