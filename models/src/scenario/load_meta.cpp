// `meta` (name, prijspeil, period, gemeenten, price index, report texts, realisatie) and
// `simulation` (seed, persons, iterations).
#include "loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace mkba::detail {

void Loader::meta(const YAML::Node& n) {
  if (!r_.expect_map(n, "meta")) return;
  r_.check_keys(n, "meta", {"name", "description", "prijspeil", "period", "gemeenten", "price_index", "aanleiding", "beperkingen",
                           "realisatie"});
  if (n["realisatie"].IsDefined())  // read by the command (with the report's period): models/realisatie.hpp
    if (auto rel = r_.string(n["realisatie"], "meta.realisatie"))
      s_.realisatie_file = (std::filesystem::path(r_.file()).parent_path() / *rel).string();
  if (n["price_index"].IsDefined() && r_.expect_map(n["price_index"], "meta.price_index")) {
    for (const auto& kv : n["price_index"]) {
      const std::string p = join_path("meta.price_index", kv.first.Scalar());
      auto year = r_.integer_in(kv.first, p, 1990, 2100);
      auto v = r_.number_in(kv.second, p, 1e-6, 1e9, "an index value");
      if (year && v) s_.price_index[static_cast<int>(*year)] = *v;
    }
  }
  if (auto v = r_.required(n, "name", "meta")) s_.name = r_.string(*v, "meta.name").value_or("");
  if (n["description"].IsDefined()) s_.description = r_.string(n["description"], "meta.description").value_or("");
  // Report text (docs/report.md): the reason for the analysis, and the analysis's limitations.
  if (n["aanleiding"].IsDefined()) s_.aanleiding = r_.string(n["aanleiding"], "meta.aanleiding").value_or("");
  if (n["beperkingen"].IsDefined() && r_.expect_sequence(n["beperkingen"], "meta.beperkingen"))
    for (std::size_t i = 0; i < n["beperkingen"].size(); ++i)
      if (auto b = r_.string(n["beperkingen"][i], fmt::format("meta.beperkingen[{}]", i))) s_.beperkingen.push_back(*b);
  if (n["prijspeil"].IsDefined())
    s_.prijspeil = static_cast<int>(r_.integer_in(n["prijspeil"], "meta.prijspeil", 1990, 2100).value_or(2025));
  if (n["period"].IsDefined()) {
    auto p = r_.string(n["period"], "meta.period");
    static const std::regex semester(R"(^\d{4}-H[12]$)");
    if (p && !std::regex_match(*p, semester))
      r_.error(n["period"], "meta.period", fmt::format("expected a semester as YYYY-H1 or YYYY-H2, found '{}'", *p));
    else if (p)
      s_.period = *p;
  }
  if (n["gemeenten"].IsDefined()) {
    const YAML::Node g = n["gemeenten"];
    if (r_.expect_sequence(g, "meta.gemeenten")) {
      for (std::size_t i = 0; i < g.size(); ++i) {
        const std::string path = fmt::format("meta.gemeenten[{}]", i);
        auto name = r_.string(g[i], path);
        if (!name) continue;
        if (std::find(s_.gemeenten.begin(), s_.gemeenten.end(), *name) != s_.gemeenten.end())
          r_.error(g[i], path, fmt::format("gemeente '{}' is listed twice", *name));
        else
          s_.gemeenten.push_back(*name);
      }
      if (g.size() == 0) r_.error(g, "meta.gemeenten", "expected at least one gemeente, found an empty list");
    }
  }
  if (s_.gemeenten.empty()) s_.gemeenten.push_back("totaal");
}

void Loader::simulation(const YAML::Node& n) {
  if (!r_.expect_map(n, "simulation")) return;
  r_.check_keys(n, "simulation", {"seed", "persons", "iterations"});
  if (n["seed"].IsDefined())
    s_.seed = static_cast<std::uint64_t>(r_.integer_in(n["seed"], "simulation.seed", 0, 9007199254740991LL).value_or(0));
  if (n["persons"].IsDefined())
    if (auto v = r_.integer_in(n["persons"], "simulation.persons", 1, 100000000)) s_.persons = *v;
  if (n["iterations"].IsDefined())
    s_.iterations = static_cast<int>(r_.integer_in(n["iterations"], "simulation.iterations", 1, 1000000).value_or(1));
}

}  // namespace mkba::detail
