#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "indexer/pipeline/update.h"

namespace haku::cli {
namespace {

struct UpdateArgs {
  pipeline::UpdateOptions options;
  bool offline = false;
  int delay_ms = 1000;
  int timeout_s = 30;
  int connect_timeout_s = 10;
  double max_age_hours = 24;
  double max_body_mib = 10;
};

int Run(UpdateArgs& args) {
  pipeline::UpdateOptions& o = args.options;
  if (o.index_dir.empty()) o.index_dir = DefaultIndexDir();
  o.fetch = !args.offline;
  o.crawl.per_host_delay = std::chrono::milliseconds(args.delay_ms);
  o.crawl.total_timeout = std::chrono::seconds(args.timeout_s);
  o.crawl.connect_timeout = std::chrono::seconds(args.connect_timeout_s);
  o.crawl.max_age = std::chrono::seconds(static_cast<long>(args.max_age_hours * 3600));
  o.crawl.max_body_bytes = static_cast<size_t>(args.max_body_mib * 1024 * 1024);
  o.crawl.progress = ::isatty(STDERR_FILENO);
  o.warn = [](std::string_view w) {
    std::fprintf(stderr, "haku: warning: %.*s\n", static_cast<int>(w.size()), w.data());
  };
  Result<pipeline::UpdateSummary> summary = pipeline::RunUpdate(o);
  if (!summary.ok()) {
    PrintError(summary.status().ToString());
    return 2;
  }
  std::printf("%s\n", pipeline::FormatSummary(summary.value()).c_str());
  return 0;
}

}  // namespace

Runner AddUpdateCommand(CLI::App& app) {
  auto args = std::make_shared<UpdateArgs>();
  pipeline::UpdateOptions& o = args->options;
  CLI::App* cmd =
      app.add_subcommand("update", "Parse the lists, fetch their pages, update the index");
  cmd->add_option("--sources", o.sources,
                  "A resource list: a file (Markdown, HTML, text) or an http(s) URL; repeatable")
      ->type_name("PATH");
  cmd->add_option("--index", o.index_dir,
                  "Index directory (default: $HAKU_INDEX, $XDG_DATA_HOME/haku, "
                  "~/.local/share/haku)")
      ->type_name("DIR");
  cmd->add_flag("--rebuild", o.rebuild,
                "Write a fresh index from the crawl store, fetching nothing");
  cmd->add_flag("--offline", args->offline, "Fetch nothing; index what the crawl store holds");
  cmd->add_option("--depth", o.crawl.depth, "Follow same-site links this many hops (0)");
  cmd->add_option("--max-pages-per-host", o.crawl.max_pages_per_host,
                  "Cap on pages found by --depth per host (100)");
  cmd->add_option("--max-connections", o.crawl.max_connections, "Connections in flight (16)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--per-host", o.crawl.max_per_host, "Connections to one host (2)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--delay-ms", args->delay_ms, "Gap between requests to one host (1000)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", args->timeout_s, "Seconds for one transfer (30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--connect-timeout", args->connect_timeout_s, "Seconds to connect (10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-age", args->max_age_hours,
                  "Re-fetch pages older than this many hours (24)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-body-mib", args->max_body_mib, "Largest body kept, MiB (10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--user-agent", o.crawl.user_agent, "User-Agent header");
  cmd->add_flag("--allow-private", o.crawl.allow_private,
                "Allow loopback and private addresses (tests, intranets)");
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
