// The forecast of the projectalternatieven (prognose-alternatieven.csv; docs/semester.md): every
// alternative's base case per gemeente, state and month as the cohort trace has it, under the same
// disclosure problem as the nulalternatief's prognose.csv, a cell equal to the nul's hidden alike.
#include <mkba/analysis/run.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/report/semester.hpp>
#include <mkba/report/tables.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <sstream>
#include <string>

using namespace mkba;

namespace {

std::string file_of(const report::SemesterOutput& out, const std::string& name) {
  for (const auto& f : out.files)
    if (f.name == name) return f.content;
  return "";
}

std::string field(const std::string& csv, const std::string& prefix, std::size_t column) {
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::size_t start = 0;
    for (std::size_t k = 0; k < column; ++k) start = line.find(',', start) + 1;
    return line.substr(start, line.find(',', start) - start);
  }
  return "(missing)";
}

}  // namespace

TEST_CASE("prognose alternatieven: the cohort trace of each alternative, hidden like the nul", "[semester][prognose]") {
  Scenario s = load_scenario(std::string(MKBA_TEST_DATA) + "/realisatie/semester.yaml");
  apply_realisatie_file(s, std::string(MKBA_TEST_DATA) + "/realisatie/good.csv");
  analysis::RunOptions opt;
  opt.mode = analysis::Mode::cohort;
  const analysis::RunResult r = analysis::run(s, opt);
  report::ReportOptions o;
  o.threshold = 10;
  const report::ReportTables t = report::build_tables(s, r, o);
  const report::SemesterOutput out = report::semester_output(s, r, o, &t);
  const std::string alt = file_of(out, "prognose-alternatieven.csv");
  REQUIRE_FALSE(alt.empty());
  CHECK(alt.rfind("alternatief,gemeente,status,maand,prognose\n", 0) == 0);
  CHECK(alt.find("nulalternatief") == std::string::npos);  // the nul is prognose.csv

  // Noordstad uitkering at the end of March 2026 (the first projected month): the alternative's
  // occupancy at the start of cycle 1, summed over segments.
  const auto& tr = r.alternatives[1].trace;
  const int u = s.state_index("uitkering");
  double v = 0;
  for (int seg = 0; seg < tr.n_segments; ++seg)
    v += tr.occupancy[static_cast<std::size_t>(((1 * tr.n_gemeenten + 0) * tr.n_segments + seg) * tr.n_states + u)];
  CHECK(field(alt, "meer_trajecten,Noordstad,uitkering,2026-03,", 4) == fmt::format("{:.1f}", v));
  // The alternative sends more to traject, so its uitkering lies below the nul's.
  const std::string nul = file_of(out, "prognose.csv");
  CHECK(std::stod(field(alt, "meer_trajecten,Noordstad,uitkering,2026-03,", 4)) <
        std::stod(field(nul, "Noordstad,uitkering,2026-03,", 3)));
  // Zuiddorp werk (5 persons) is not changed by the alternative in its first month: the same cell,
  // hidden in both files.
  CHECK(field(nul, "Zuiddorp,werk,2026-03,", 3) == "<10");
  CHECK(field(alt, "meer_trajecten,Zuiddorp,werk,2026-03,", 4) == "<10");
  // The region row is the sum of the gemeenten.
  CHECK(field(alt, "meer_trajecten,regio,uitkering,2026-03,", 4) != "(missing)");
}
