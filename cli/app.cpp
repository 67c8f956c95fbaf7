#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace haku::cli {

int RunApp(int argc, char** argv, std::initializer_list<CommandAdder> adders) {
  CLI::App app{"haku: full-text search over curated resource lists and the pages they link to"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "haku 0.1.0");
  app.add_option("--config", "haku.toml for every subcommand (see haku update --help)")->type_name("FILE");
  std::map<CLI::App*, Runner> runners;
  for (const CommandAdder& adder : adders) {
    size_t before = app.get_subcommands({}).size();
    Runner run = adder(app);
    runners[app.get_subcommands({})[before]] = std::move(run);
  }
  // A repeatable option takes one value per occurrence: `--lang sv word`
  // filters on sv and searches for word (CLI11 would take both as languages).
  for (CLI::App* sub : app.get_subcommands({})) {
    for (CLI::Option* opt : sub->get_options()) {
      if (opt->get_positional() || opt->get_expected_max() <= 1) continue;
      opt->allow_extra_args(false);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    PrintError(std::string(e.what()) + " (see haku --help)");
    return 2;
  }
  for (CLI::App* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it != runners.end()) return it->second();
  }
  return 2;
}

}  // namespace haku::cli
