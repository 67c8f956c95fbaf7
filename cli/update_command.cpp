#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "indexer/pipeline/update.h"

namespace haku::cli {

Runner AddUpdateCommand(CLI::App& app) {
  auto options = std::make_shared<pipeline::UpdateOptions>();
  CLI::App* cmd = app.add_subcommand("update", "Parse the lists, fetch their pages, update the index");
  cmd->add_option("--sources", options->sources, "A resource list (Markdown, HTML, text); repeatable")
      ->type_name("PATH");
  cmd->add_option("--index", options->index_dir, "Index directory (default: $HAKU_INDEX, "
                                                 "$XDG_DATA_HOME/haku, ~/.local/share/haku)")
      ->type_name("DIR");
  cmd->add_flag("--rebuild", options->rebuild, "Write a fresh index from the crawl store");
  return [options] {
    if (options->index_dir.empty()) options->index_dir = DefaultIndexDir();
    options->warn = [](std::string_view w) { std::fprintf(stderr, "haku: warning: %.*s\n",
                                                          static_cast<int>(w.size()), w.data()); };
    Result<pipeline::UpdateSummary> summary = pipeline::RunUpdate(*options);
    if (!summary.ok()) {
      PrintError(summary.status().ToString());
      return 2;
    }
    std::printf("%s\n", pipeline::FormatSummary(summary.value()).c_str());
    return 0;
  };
}

}  // namespace haku::cli
