#include "commands.hpp"

#include <mkba/models/errors.hpp>
#include <mkba/models/load.hpp>

#include <cstdio>
#include <memory>

namespace mkba::cli {

void add_validate(CLI::App& app, Commands& commands) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files without running them; prints OK or every problem");
  cmd->add_option("files", *files, "Scenario files")->required();
  cmd->add_option("--set", *sets, "What-if override path=value, validated like the file");
  cmd->callback([files, sets, &commands] {
    commands.selected = [files, sets] {
      std::vector<Override> overrides;
      for (const auto& s : *sets) overrides.push_back(parse_override(s));
      int rc = 0;
      for (const auto& f : *files) {
        try {
          const Scenario s = load_scenario(f, overrides);
          for (const auto& w : s.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
          std::printf("%s: OK\n", f.c_str());
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
