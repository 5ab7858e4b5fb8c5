#include "commands.hpp"

#include <mkba/models/compile.hpp>
#include <mkba/models/conventions.hpp>
#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>
#include <mkba/models/realisatie.hpp>

#include <cstdio>
#include <memory>

namespace mkba::cli {

void add_validate(CLI::App& app, Commands& commands) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files without running them; prints OK or every problem");
  cmd->footer(R"(Examples:
  mkba validate scenarios/default.yaml
  mkba validate my.yaml --set discounting.rate=0.03          check an override too)");
  cmd->add_option("files", *files, "Scenario files")->required();
  cmd->add_option("--set", *sets, "What-if override path=value, validated like the file");
  cmd->callback([files, sets, &commands] {
    commands.selected = [files, sets] {
      std::vector<Override> overrides;
      for (const auto& s : *sets) overrides.push_back(parse_override(s));
      int rc = 0;
      for (const auto& f : *files) {
        try {
          // Loading applies every change of every alternative (check_transitions); compiling is
          // what `mkba run` does next, so validate refuses exactly what a run refuses.
          Scenario s = load_scenario(f, overrides);
          if (!s.realisatie_file.empty()) apply_realisatie_file(s, s.realisatie_file);  // meta.realisatie
          (void)compile_model(s);
          print_warnings(s);
          std::printf("%s: OK\n", f.c_str());
          for (const auto& note : convention_notes(s)) std::fprintf(stderr, "%s: warning: %s\n", f.c_str(), note.c_str());
        } catch (const ScenarioError& e) {
          std::fprintf(stderr, "%s\n", e.what());
          rc = 2;
        }
      }
      return rc;
    };
  });
}

}  // namespace mkba::cli
