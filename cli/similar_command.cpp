#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/app.h"
#include "cli/commands.h"
#include "searcher/result_format.h"
#include "searcher/searcher.h"

namespace haku::cli {
namespace {

struct SimilarArgs {
  std::string index_dir;
  std::string url;
  search::SearchRequest request;
  bool json = false;
  std::string format = "human";
};

bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

int Run(SimilarArgs& args) {
  if (args.index_dir.empty()) args.index_dir = DefaultIndexDir();
  if (args.request.limit < -1 || args.request.offset < 0) {
    PrintError("--limit and --offset must not be negative");
    return 2;
  }
  std::unique_ptr<search::Searcher> owned;
  Result<search::Searcher*> searcher = OpenSearcher(args.index_dir, owned);
  if (!searcher.ok()) {
    PrintError(searcher.status().ToString());
    return 2;
  }
  Result<search::SearchResults> results = (*searcher)->Similar(args.url, args.request);
  if (!results.ok()) {
    PrintError(results.status().ToString());
    return 2;
  }
  search::OutputFormat format = search::OutputFormat::kHuman;
  if (args.json || args.format == "json") format = search::OutputFormat::kJson;
  if (args.format == "tsv") format = search::OutputFormat::kTsv;
  std::string out = search::Format(results.value(), format, {.color = UseColor()});
  std::fwrite(out.data(), 1, out.size(), stdout);
  ExitNow(results->hits.empty() ? 1 : 0);
}

}  // namespace

Runner AddSimilarCommand(CLI::App& app) {
  auto args = std::make_shared<SimilarArgs>();
  CLI::App* cmd = app.add_subcommand("similar", "Resources closest to the one at URL");
  cmd->add_option("url", args->url, "A URL in the index")->required();
  cmd->add_option("--index", args->index_dir, "Index directory")->type_name("DIR");
  AddFilterOptions(*cmd, args->request);
  cmd->add_flag("--json", args->json, "JSON output (schema in README.md)");
  cmd->add_option("--format", args->format, "human, json or tsv")
      ->check(CLI::IsMember({"human", "json", "tsv"}));
  ResetBeforeParse(*cmd, [args] { *args = SimilarArgs(); });  // RunCachedApp parses into it again
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
