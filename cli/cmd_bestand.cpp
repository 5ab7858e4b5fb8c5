#include "commands.hpp"

#include <mkba/models/bestand.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/screening.hpp>
#include <mkba/report/bestand_disclosure.hpp>
#include <mkba/report/console.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace mkba::cli {

namespace {
struct BestandArgs {
  std::string file;
  std::string out;
  bool lenient = false;
  std::string peildatum;
  int threshold = 10;
  std::vector<std::string> gemeenten;
  std::vector<std::string> states;
};

CalendarDate date_flag(const std::string& flag, const std::string& value) {
  const auto d = parse_date(value);
  if (!d) throw UsageError(fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", flag, value));
  return *d;
}

int bestand(const BestandArgs& a) {
  ScreeningReadOptions ro;
  ro.gemeenten = a.gemeenten.empty() ? region_gemeenten() : a.gemeenten;
  ro.states = a.states.empty() ? default_screening_states() : a.states;
  // Dates after the peildatum (or after today) are errors in the extract.
  ro.reference = a.peildatum.empty() ? today_utc() : date_flag("--peildatum", a.peildatum);
  ro.lenient = a.lenient;
  const ScreeningData data = read_screening_csv(a.file, ro);

  BestandOptions bo;
  // Without --peildatum the twelve-month window ends at the extract's latest screening, so an
  // old extract is described as of its own date, not as of today.
  bo.peildatum = a.peildatum.empty() ? latest_screening(data, ro.reference) : ro.reference;
  bo.small_cell = a.threshold;
  const Bestand b = bestandsanalyse(data, bo);

  const std::string out = !a.out.empty() ? a.out
                          : (std::filesystem::path("out") / ("bestand-" + std::filesystem::path(a.file).stem().string())).string();
  // Secondary suppression over every printed number (console and CSV alike): report::protect
  // decides, models/ only formats with the resulting mask (models/ does not depend on report/).
  const BestandHidden hidden = report::bestand_disclosure(b).hidden;
  std::vector<report::OutputFile> files;
  for (auto& [name, content] : bestand_csv(b, hidden)) files.push_back({name, content});
  report::write_all(out, files);

  std::fputs(report::wrap_lines(bestand_table(b, hidden)).c_str(), stdout);
  if (a.lenient && data.skipped_total() > 0) {
    std::fputs(fmt::format("\n{} van {} rijen overgeslagen (--lenient):\n", data.skipped_total(), data.rows_read).c_str(), stdout);
    for (int r = 0; r < kSkipReasons; ++r)
      if (data.skipped[static_cast<std::size_t>(r)] > 0)
        std::fputs(fmt::format("  {:<32} {}\n", skip_reason_label(static_cast<SkipReason>(r)),
                               data.skipped[static_cast<std::size_t>(r)]).c_str(), stdout);
  }
  std::fputs(report::wrap_lines(fmt::format("\nTabellen geschreven naar {}/ (bestand_kwadranten.csv, bestand_afstand.csv, "
                                            "bestand_escalatie.csv, bestand_screening.csv)\n", out))
                 .c_str(),
             stdout);
  return 0;
}
}  // namespace

void add_bestand(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<BestandArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bestand", "Bestandsanalyse of a ZRM screening extract: kwadranten, distributions, screening status");
  cmd->footer(R"(Examples:
  mkba bestand scenarios/data/screening-synthetic.csv        tables into out/bestand-screening-synthetic/
  mkba bestand extract.csv --peildatum 2026-06-30 --out bestand-juni
  mkba bestand extract.csv --lenient                         skip bad rows, say how many and why)");
  cmd->add_option("file", args->file, "Screening extract (CSV, see docs/data-formats.md)")->required();
  cmd->add_option("--out", args->out, "Output directory (default: out/bestand-<file name>)");
  cmd->add_flag("--lenient", args->lenient, "Skip bad rows and report how many and why, instead of refusing the file");
  cmd->add_option("--peildatum", args->peildatum,
                  "Reference date YYYY-MM-DD: later dates are errors and the twelve-month window ends here "
                  "(default: today for the check, the latest screening for the window)");
  cmd->add_option("--threshold", args->threshold,
                  "Disclosure control: counts under it print \"<N\" (default 10; give mkba report the same to get the "
                  "same pattern)")
      ->check(CLI::Range(1, 1000000000));
  cmd->add_option("--gemeenten", args->gemeenten, "Allowed gemeenten (default: the six of the region)")->delimiter(',');
  cmd->add_option("--states", args->states, "Allowed states (default: " + [] {
    std::string s;
    for (const auto& x : default_screening_states()) s += (s.empty() ? "" : ",") + x;
    return s;
  }() + ")")->delimiter(',');
  cmd->callback([args, &commands] { commands.selected = [args] { return bestand(*args); }; });
}

}  // namespace mkba::cli
