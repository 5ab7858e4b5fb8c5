// mkba: the command-line interface. Thin: parse flags, call the libraries, turn errors into one
// message and an exit code (2: bad input or usage; 1: internal error).
#include "commands.hpp"

#include <mkba/models/errors.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  CLI::App app{"mkba: maatschappelijke kosten-batenanalyse (MKBA) of re-integration into work.\n"
               "Monte Carlo microsimulation of a werkbedrijf's caseload, valued per stakeholder.",
               "mkba"};
  app.set_version_flag("--version", std::string(mkba::cli::version_string()));
  app.require_subcommand(1);
  mkba::cli::Commands commands;
  mkba::cli::add_run(app, commands);
  mkba::cli::add_validate(app, commands);
  mkba::cli::add_report(app, commands);
  mkba::cli::add_synth(app, commands);
  mkba::cli::add_bestand(app, commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    return commands.execute();
  } catch (const mkba::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    std::fprintf(stderr, "mkba: the scenario has %zu problem(s); nothing was written\n", e.diagnostics().size());
    return 2;
  } catch (const mkba::Error& e) {
    std::fprintf(stderr, "mkba: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mkba: internal error: %s\n", e.what());
    return 1;
  }
}
