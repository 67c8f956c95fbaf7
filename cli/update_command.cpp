// `haku update`: flags (over haku.toml) -> UpdateOptions -> RunUpdate().
// Log lines on stderr are one event each ("haku: warning: ...", "haku:
// ..."), so a journal or a cron mail reads well; the progress line appears
// only on a terminal.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/config.h"
#include "indexer/pipeline/update.h"

namespace haku::cli {
namespace {

struct UpdateArgs {
  UpdateSettings settings;
  std::string index_dir;
  std::string config;
  bool rebuild = false;
  bool offline = false;
  CLI::App* cmd = nullptr;
};

pipeline::UpdateOptions OptionsOf(const UpdateSettings& s) {
  pipeline::UpdateOptions o;
  o.sources = s.sources;
  o.crawl.max_connections = s.max_connections;
  o.crawl.max_per_host = s.per_host;
  o.crawl.per_host_delay = std::chrono::milliseconds(s.delay_ms);
  o.crawl.total_timeout = std::chrono::seconds(s.timeout);
  o.crawl.connect_timeout = std::chrono::seconds(s.connect_timeout);
  o.crawl.max_age = std::chrono::seconds(static_cast<long>(s.max_age_hours * 3600));
  o.crawl.depth = s.depth;
  o.crawl.max_pages_per_host = s.max_pages_per_host;
  o.crawl.user_agent = s.user_agent;
  o.crawl.allow_private = s.allow_private;
  o.crawl.max_body_bytes = static_cast<size_t>(s.max_body_mib * 1024 * 1024);
  return o;
}

void Warn(std::string_view w) {
  std::string line(w);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "haku: warning: %s\n", line.c_str());
}

int Run(UpdateArgs& args) {
  Result<Config> config = LoadConfigFor(ConfigFlag(*args.cmd));
  if (!config.ok()) {
    PrintError(config.status().ToString());
    return 2;
  }
  ApplyConfig(
      config.value(),
      [&args](std::string_view flag) { return args.cmd->get_option(std::string(flag))->count() > 0; },
      &args.settings);
  pipeline::UpdateOptions o = OptionsOf(args.settings);
  o.index_dir = ResolveIndexDir(args.index_dir, config.value(), DefaultIndexDir());
  o.rebuild = args.rebuild;
  o.fetch = !args.offline;
  o.crawl.progress = ::isatty(STDERR_FILENO);
  o.warn = Warn;
  Result<pipeline::UpdateSummary> summary = pipeline::RunUpdate(o);
  if (!summary.ok()) {
    PrintError(summary.status().ToString());
    return 2;
  }
  std::printf("%s\n", pipeline::FormatSummary(summary.value()).c_str());
  return 0;
}

void AddCrawlOptions(CLI::App* cmd, UpdateSettings& s) {
  cmd->add_option("--depth", s.depth, "Follow same-site links this many hops (0)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-pages-per-host", s.max_pages_per_host,
                  "Cap on pages found by --depth per host (100)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-connections", s.max_connections, "Connections in flight (16)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--per-host", s.per_host, "Connections to one host (2)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--delay-ms", s.delay_ms, "Gap between requests to one host (1000)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", s.timeout, "Seconds for one transfer (30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--connect-timeout", s.connect_timeout, "Seconds to connect (10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-age", s.max_age_hours, "Re-fetch pages older than this many hours (24)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-body-mib", s.max_body_mib, "Largest body kept, MiB (10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--user-agent", s.user_agent, "User-Agent header");
  cmd->add_flag("--allow-private", s.allow_private,
                "Allow loopback and private addresses (tests, intranets)");
}

}  // namespace

Runner AddUpdateCommand(CLI::App& app) {
  auto args = std::make_shared<UpdateArgs>();
  CLI::App* cmd = app.add_subcommand("update", kUpdateDescription);
  args->cmd = cmd;
  cmd->add_option("--sources", args->settings.sources,
                  "A resource list: a file (Markdown, HTML, text) or an http(s) URL; repeatable")
      ->type_name("PATH");
  cmd->add_option("--index", args->index_dir,
                  "Index directory (default: $HAKU_INDEX, the config's index, "
                  "$XDG_DATA_HOME/haku, ~/.local/share/haku)")
      ->type_name("DIR");
  cmd->add_option("--config", args->config,
                  "haku.toml to read (default: $XDG_CONFIG_HOME/haku/haku.toml or "
                  "~/.config/haku/haku.toml when present); flags win over it")
      ->type_name("FILE");
  cmd->add_flag("--rebuild", args->rebuild,
                "Write a fresh index from the crawl store, fetching nothing");
  cmd->add_flag("--offline", args->offline, "Fetch nothing; index what the crawl store holds");
  AddCrawlOptions(cmd, args->settings);
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
