#include "commands.hpp"

#include <mkba/models/calendar.hpp>
#include <mkba/models/episodes.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>
#include <mkba/models/screening_synth.hpp>
#include <mkba/models/screening_synth_series.hpp>
#include <mkba/report/output_dir.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace mkba::cli {

namespace {
struct SynthArgs {
  std::int64_t persons = 3150;
  std::uint64_t seed = 20200701;
  std::string out;
  std::string peildatum = "2020-07-01";
  std::string separator = ",";
  int series = 0;  // 0: one extract to the file --out; N: N extracts into the folder --out
  int months_between = 6;
  std::string realisatie;  // a scenario: write a synthetic realisatie from it (--from, --until)
  std::string from, until;
  std::vector<std::string> sets;
};

// mkba synth --realisatie SCENARIO --from YYYY-MM --until YYYY-MM: the months from..until of one
// synthetic path of the scenario's nulalternatief (models/realisatie.hpp).
int synth_realisatie_file(const SynthArgs& a) {
  const auto from = parse_year_month(a.from);
  const auto until = parse_year_month(a.until.empty() ? a.from : a.until);
  if (!from || !until)
    throw UsageError("--realisatie: give --from YYYY-MM (and --until YYYY-MM) for the months to write");
  std::vector<Override> overrides;
  for (const auto& s : a.sets) overrides.push_back(parse_override(s));
  const Scenario s = load_scenario(a.realisatie, overrides);
  Realisatie r;
  try {
    r = synth_realisatie(s, *from, *until, a.seed);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("--realisatie: {}", e.what()));
  }
  write_text_file(a.out, realisatie_csv(r));
  std::printf("%s: synthetische realisatie %s tot en met %s, %zu regels (seed %llu, geen echte personen)\n",
              a.out.c_str(), from->str().c_str(), until->str().c_str(), r.rows.size(),
              static_cast<unsigned long long>(a.seed));
  return 0;
}

int synth(const SynthArgs& a) {
  if (!a.realisatie.empty()) return synth_realisatie_file(a);
  SynthOptions o;
  o.persons = a.persons;
  o.seed = a.seed;
  const auto peil = parse_date(a.peildatum);
  if (!peil) throw UsageError(fmt::format("--peildatum: expected a date YYYY-MM-DD, found '{}'", a.peildatum));
  o.peildatum = *peil;
  if (a.series > 0) {
    SynthSeriesOptions so;
    so.extracts = a.series;
    so.months_between = a.months_between;
    std::vector<ScreeningData> all;
    try {
      all = synth_screening_series(o, so);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    std::vector<report::OutputFile> files;
    for (std::size_t s = 0; s < all.size(); ++s)
      files.push_back({"screening-" + series_peildatum(o.peildatum, static_cast<int>(s) * a.months_between).str() + ".csv",
                       screening_csv(all[s], a.separator == ";" ? ';' : ',')});
    report::write_all(a.out, files);
    std::printf("%s/: %zu synthetische extracten van %lld personen, %d maanden na elkaar (seed %llu)\n", a.out.c_str(),
                all.size(), static_cast<long long>(o.persons), a.months_between, static_cast<unsigned long long>(a.seed));
    return 0;
  }
  ScreeningData data;
  try {
    data = synth_screening(o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  write_screening_csv(a.out, data, a.separator == ";" ? ';' : ',');
  std::printf("%s: %lld synthetische personen (seed %llu, peildatum %s)\n", a.out.c_str(),
              static_cast<long long>(data.records.size()), static_cast<unsigned long long>(a.seed),
              o.peildatum.str().c_str());
  return 0;
}
}  // namespace

void add_synth(CLI::App& app, Commands& commands) {
  auto args = std::make_shared<SynthArgs>();
  CLI::App* cmd = app.add_subcommand(
      "synth", "Write a synthetic ZRM screening extract (no real persons; see docs/data-formats.md)");
  cmd->footer(R"(Examples:
  mkba synth --persons 3150 --seed 1 --out screening.csv
  mkba synth --persons 500 --sep ";" --out screening-excel.csv   for Dutch Excel
  mkba synth --realisatie scenario.yaml --from 2026-01 --until 2026-06 --out realisatie-2026-H1.csv)");
  cmd->add_option("--persons", args->persons, "Persons (default 3150: Zoetermeer, July 2020)")
      ->check(CLI::Range(static_cast<std::int64_t>(0), static_cast<std::int64_t>(10000000)));
  cmd->add_option("--seed", args->seed, "Random seed; the same seed gives the same file");
  cmd->add_option("--out", args->out, "Output CSV file (with --series: output folder)")->required();
  cmd->add_option("--series", args->series,
                  "Write a series of N extracts with consistent persons into the folder --out, as "
                  "screening-<peildatum>.csv (for mkba dashboard)")
      ->check(CLI::Range(1, 24));
  cmd->add_option("--months-between", args->months_between, "With --series: months between two extracts (default 6)")
      ->check(CLI::Range(1, 24));
  cmd->add_option("--peildatum", args->peildatum, "Extract date YYYY-MM-DD (default 2020-07-01)");
  cmd->add_option("--realisatie", args->realisatie,
                  "Write a synthetic realisatie (docs/data-formats.md) from this scenario's nulalternatief instead, "
                  "for the months --from to --until");
  cmd->add_option("--from", args->from, "With --realisatie: first month written, YYYY-MM (not before time.start)");
  cmd->add_option("--until", args->until, "With --realisatie: last month written, YYYY-MM (default: --from)");
  cmd->add_option("--set", args->sets, "With --realisatie: a scenario override path=value (repeatable)");
  cmd->add_option("--sep", args->separator, "Field separator: , or ; (Dutch Excel)")->check(CLI::IsMember({",", ";"}));
  cmd->callback([args, &commands] { commands.selected = [args] { return synth(*args); }; });
}

}  // namespace mkba::cli
