// `haku links`: every listed resource and the state of its link, for list
// maintainers' CI (--fail-on-broken).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/link_report.h"
#include "indexer/index/index_dir.h"

namespace haku::cli {
namespace {

struct LinksArgs {
  std::string index_dir;
  std::string config;
  bool json = false;
  bool fail_on_broken = false;
  CLI::App* cmd = nullptr;
};

// "redirected  https://a/ -> https://b/ (permanent)" and the like.
std::string HumanLine(const ListedLink& link) {
  const crawler::LinkStatus& s = link.status;
  std::string line = link.label;
  line.resize(std::max<size_t>(line.size(), 22), ' ');
  line += " " + s.url;
  if (s.redirected) line += " -> " + s.final_url + (s.permanent ? " (permanent)" : " (temporary)");
  if (s.broken && s.http_status > 0) line += " (HTTP " + std::to_string(s.http_status) + ")";
  if (s.broken && !s.error.empty()) line += ": " + s.error;
  return line;
}

nlohmann::json JsonOf(const ListedLink& link) {
  const crawler::LinkStatus& s = link.status;
  return {{"url", s.url},
          {"state", std::string(crawler::FetchStateName(s.state))},
          {"label", link.label},
          {"http_status", s.http_status},
          {"final_url", s.final_url},
          {"permanent", s.permanent},
          {"broken", s.broken},
          {"error", s.error},
          {"lists", link.lists}};
}

void PrintLinks(const std::vector<ListedLink>& links, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const ListedLink& l : links) out.push_back(JsonOf(l));
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  for (const ListedLink& l : links) std::printf("%s\n", HumanLine(l).c_str());
}

// "haku: 85 listed links: 80 ok, 3 redirected, 2 not found (2 broken)".
std::string SummaryLine(const std::vector<ListedLink>& links, int broken) {
  std::string line = std::to_string(links.size()) + " listed links";
  const char* sep = ": ";
  for (const auto& [label, n] : CountLabels(links)) {
    line += sep + std::to_string(n) + " " + label;
    sep = ", ";
  }
  return line + " (" + std::to_string(broken) + " broken)";
}

int Run(const LinksArgs& args) {
  Result<Config> config = LoadConfigFor(ConfigFlag(*args.cmd));
  if (!config.ok()) {
    PrintError(config.status().ToString());
    return 2;
  }
  std::string dir = ResolveIndexDir(args.index_dir, config.value(), DefaultIndexDir());
  Result<std::vector<ListedLink>> links = ReadListedLinks(dir, index::OpenDbPath(dir));
  if (!links.ok()) {
    PrintError(links.status().ToString());
    return 2;
  }
  PrintLinks(links.value(), args.json);
  int broken = 0;
  for (const ListedLink& l : links.value()) broken += l.status.broken ? 1 : 0;
  std::fprintf(stderr, "haku: %s\n", SummaryLine(links.value(), broken).c_str());
  return args.fail_on_broken && broken > 0 ? 1 : 0;
}

}  // namespace

Runner AddLinksCommand(CLI::App& app) {
  auto args = std::make_shared<LinksArgs>();
  CLI::App* cmd = app.add_subcommand("links", kLinksDescription);
  args->cmd = cmd;
  cmd->add_option("--index", args->index_dir, "Index directory (default as for update)")
      ->type_name("DIR");
  cmd->add_option("--config", args->config, "haku.toml to read (for its index)")
      ->type_name("FILE");
  cmd->add_flag("--json", args->json,
                "A JSON array of {url, state, label, http_status, final_url, permanent, "
                "broken, error, lists}");
  cmd->add_flag("--fail-on-broken", args->fail_on_broken,
                "Exit 1 when any listed link is broken (for CI)");
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
