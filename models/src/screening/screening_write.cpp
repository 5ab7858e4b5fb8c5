// Writing a screening extract (the synthetic generator's output, test fixtures).
#include "csv.hpp"

#include <mkba/models/errors.hpp>
#include <mkba/models/screening.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace mkba {

std::string screening_csv(const ScreeningData& data, char sep) {
  using detail::csv_field;
  std::string out;
  const auto cols = screening_columns();
  for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? std::string(1, sep) : "") + cols[c];
  out += '\n';
  for (std::size_t i = 0; i < data.records.size(); ++i) {
    const ScreeningRecord& r = data.records[i];
    out += csv_field(data.ids.at(i), sep);
    out += sep;
    out += csv_field(data.gemeenten.at(static_cast<std::size_t>(r.gemeente)), sep);
    out += fmt::format("{}{}{}{}", sep, r.birth_year, sep, r.screened.str());
    for (auto s : r.scores) {
      out += sep;
      if (s != kNotScored) out += static_cast<char>('0' + s);
    }
    out += sep;
    out += r.ontheffing ? "ja" : "nee";
    out += sep;
    out += csv_field(data.states.at(static_cast<std::size_t>(r.state)), sep);
    out += sep;
    out += r.state_since.str();
    out += sep;
    if (r.benefit_since) out += r.benefit_since->str();
    out += '\n';
  }
  return out;
}

void write_screening_csv(const std::string& file, const ScreeningData& data, char sep) {
  namespace fs = std::filesystem;
  const std::string text = screening_csv(data, sep);
  const fs::path tmp = file + ".partial";
  std::error_code ec;
  if (fs::path(file).has_parent_path()) fs::create_directories(fs::path(file).parent_path(), ec);
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      throw Error(fmt::format("{}: cannot write the screening file", file));
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    throw Error(fmt::format("{}: cannot write the screening file: {}", file, why));
  }
}

}  // namespace mkba
