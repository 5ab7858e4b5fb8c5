#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace mkba {
struct Scenario;
}

namespace mkba::cli {

// The subcommand chosen on the command line, run after parsing.
struct Commands {
  std::function<int()> selected;
  int execute() const { return selected ? selected() : 2; }
};

std::string version_string();
// The shipped default scenario, found from any working directory.
std::string default_scenario();
// The harmless problems the loader accepted (Scenario::warnings), one line each on stderr; the
// manifest records them too.
void print_warnings(const Scenario& s);

void add_run(CLI::App& app, Commands& commands);
void add_validate(CLI::App& app, Commands& commands);
void add_report(CLI::App& app, Commands& commands);
void add_synth(CLI::App& app, Commands& commands);
void add_bestand(CLI::App& app, Commands& commands);
void add_calibrate(CLI::App& app, Commands& commands);  // calibrate and synth-episodes
void add_compare(CLI::App& app, Commands& commands);    // two alternatives per stakeholder
void add_dashboard(CLI::App& app, Commands& commands);  // successive extracts -> one HTML page

}  // namespace mkba::cli
