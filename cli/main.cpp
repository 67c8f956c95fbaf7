// haku: search curated resource lists and the pages they link to.
#include <CLI/CLI.hpp>

#include <map>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"haku: full-text search over curated resource lists and the pages they link to"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "haku 0.1.0");
  app.add_option("--config", "haku.toml for every subcommand (see haku update --help)")->type_name("FILE");
  std::map<CLI::App*, haku::cli::Runner> runners;
  auto add = [&](haku::cli::Runner (*adder)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    haku::cli::Runner run = adder(app);
    runners[app.get_subcommands({})[before]] = std::move(run);
  };
  add(haku::cli::AddUpdateCommand);
  add(haku::cli::AddSearchCommand);
  add(haku::cli::AddSimilarCommand);
  add(haku::cli::AddStatusCommand);
  add(haku::cli::AddLinksCommand);
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
    haku::cli::PrintError(std::string(e.what()) + " (see haku --help)");
    return 2;
  }
  for (CLI::App* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it != runners.end()) return it->second();
  }
  return 2;
}
