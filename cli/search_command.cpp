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

struct SearchArgs {
  std::string index_dir;
  std::vector<std::string> words;
  search::SearchRequest request;
  bool json = false;
  bool count = false;
  std::string format = "human";
};

bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

search::OutputFormat FormatOf(const SearchArgs& args) {
  if (args.json || args.format == "json") return search::OutputFormat::kJson;
  if (args.format == "tsv") return search::OutputFormat::kTsv;
  return search::OutputFormat::kHuman;
}

int Run(SearchArgs& args) {
  if (args.index_dir.empty()) args.index_dir = DefaultIndexDir();
  for (const std::string& w : args.words) {
    if (!args.request.query.empty()) args.request.query += ' ';
    args.request.query += w;
  }
  if (args.request.limit < -1 || args.request.offset < 0) {
    PrintError("--limit and --offset must not be negative");
    return 2;
  }
  if (args.count) {
    args.request.limit = 0;
    args.request.snippets = false;
    args.request.exact_total = true;
  }
  std::unique_ptr<search::Searcher> owned;
  Result<search::Searcher*> searcher = OpenSearcher(args.index_dir, owned);
  if (!searcher.ok()) {
    PrintError(searcher.status().ToString());
    return 2;
  }
  Result<search::SearchResults> results = (*searcher)->Search(args.request);
  if (!results.ok()) {
    PrintError(results.status().ToString());
    return 2;
  }
  search::OutputFormat format = FormatOf(args);
  if (!results->note.empty() && (args.count || format != search::OutputFormat::kJson)) {
    PrintError(results->note);
  }
  std::string out = args.count ? std::to_string(results->total) + "\n"
                               : search::Format(results.value(), format, {.color = UseColor()});
  std::fwrite(out.data(), 1, out.size(), stdout);
  ExitNow(results->hits.empty() && results->total == 0 ? 1 : 0);
}

}  // namespace

Runner AddSearchCommand(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Search the index. Query: words, \"a phrase\", AND OR NOT, +word -word, prefix*, "
      "title: site: lang: list: section: type: (see README.md)");
  cmd->add_option("--index", args->index_dir, "Index directory")->type_name("DIR");
  AddFilterOptions(*cmd, args->request);
  cmd->add_option("--type", args->request.types, "Only this type: html, pdf, text, none")
      ->type_name("TYPE");
  cmd->add_option("--section", args->request.sections, "Only resources under this heading; repeatable")
      ->type_name("NAME");
  cmd->add_flag("--count", args->count, "Print only the number of matches");
  cmd->add_flag("--facets", args->request.facets, "Also count matches by language, list, site and type");
  cmd->add_flag("--json", args->json, "JSON output (schema in README.md)");
  cmd->add_option("--format", args->format, "human, json or tsv")
      ->check(CLI::IsMember({"human", "json", "tsv"}));
  cmd->add_option("query", args->words, "Words to search for");
  ResetBeforeParse(*cmd, [args] { *args = SearchArgs(); });  // RunCachedApp parses into it again
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
