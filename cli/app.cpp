#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <string>

namespace haku::cli {
namespace {

// The app with the global flags and each subcommand of `adders`, and what
// runs each subcommand.
struct BuiltApp {
  CLI::App app{"haku: full-text search over curated resource lists and the pages they link to"};
  std::map<CLI::App*, Runner> runners;

  explicit BuiltApp(std::initializer_list<CommandAdder> adders) {
    app.require_subcommand(1);
    app.set_version_flag("--version", "haku 0.1.0");
    app.add_option("--config", "haku.toml for every subcommand (see haku update --help)")
        ->type_name("FILE");
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
  }

  int Run(int argc, char** argv) {
    app.clear();  // a parse cut short by an error may have left results
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
};

}  // namespace

int RunApp(int argc, char** argv, std::initializer_list<CommandAdder> adders) {
  BuiltApp built(adders);
  return built.Run(argc, argv);
}

int RunCachedApp(int argc, char** argv, std::initializer_list<CommandAdder> adders) {
  thread_local std::unique_ptr<BuiltApp> built;
  if (built == nullptr) built = std::make_unique<BuiltApp>(adders);
  return built->Run(argc, argv);
}

void ResetBeforeParse(CLI::App& cmd, std::function<void()> reset) {
  cmd.preparse_callback([reset = std::move(reset)](size_t) { reset(); });
}

}  // namespace haku::cli
