#include <mkba/models/errors.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace mkba::report {

void write_all(const std::string& dir, const std::vector<OutputFile>& files) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("{}: cannot create the output directory: {}", dir, ec.message()));
  std::vector<fs::path> written;
  auto cleanup = [&] {
    for (const auto& p : written) fs::remove(p, ec);
  };
  for (const auto& f : files) {
    const fs::path tmp = fs::path(dir) / (f.name + ".partial");
    fs::create_directories(tmp.parent_path(), ec);
    std::ofstream out(tmp, std::ios::binary);
    out << f.content;
    out.close();
    written.push_back(tmp);
    if (!out) {
      cleanup();
      throw Error(fmt::format("{}: cannot write {}", dir, f.name));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) fs::rename(written[i], fs::path(dir) / files[i].name);
}

}  // namespace mkba::report
