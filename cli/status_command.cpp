// `haku status`: what the index holds, how big it is, how the last update
// went and how healthy the listed links are.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/link_report.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/index_stats.h"

namespace haku::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct StatusArgs {
  std::string index_dir;
  std::string config;
  bool json = false;
  CLI::App* cmd = nullptr;
};

// Bytes of the files under `path` (a file or a directory, links followed
// at the top); 0 when missing.
uint64_t DiskBytes(const fs::path& path) {
  std::error_code ec;
  // A file removed meanwhile (a memo made anew) counts nothing.
  auto size = [](const auto& file) {
    std::error_code error;
    uintmax_t n = file.file_size(error);
    return error ? 0 : static_cast<uint64_t>(n);
  };
  if (fs::is_regular_file(path, ec)) return size(fs::directory_entry(path, ec));
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += size(*it);
  }
  return total;
}

// An SQLite database with its write-ahead log and shared memory.
uint64_t SqliteBytes(const std::string& path) {
  return DiskBytes(path) + DiskBytes(path + "-wal") + DiskBytes(path + "-shm");
}

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  if (bytes < (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
  return buf;
}

std::string UtcTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "en 60, sv 20, fi 7", largest first, at most `limit` (0: all).
std::string CountsLine(const std::map<std::string, int64_t>& counts, size_t limit) {
  std::vector<std::pair<std::string, int64_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string line;
  for (size_t i = 0; i < v.size() && (limit == 0 || i < limit); ++i) {
    if (!line.empty()) line += ", ";
    line += (v[i].first.empty() ? "(none)" : v[i].first) + " " + std::to_string(v[i].second);
  }
  if (limit > 0 && v.size() > limit) line += ", ... (" + std::to_string(v.size()) + " in all)";
  return line.empty() ? "-" : line;
}

struct StatusReport {
  std::string dir;
  index::IndexStats stats;
  uint64_t index_bytes = 0;
  uint64_t store_bytes = 0;
  uint64_t lexicon_bytes = 0;  // the dictionaries' kept answers
  json last_update;  // null when none
  std::map<std::string, int> links;
  int listed = 0;
  int broken = 0;
};

void PrintLastUpdate(const json& u) {
  if (!u.is_object()) {
    std::printf("last update:  none recorded\n");
    return;
  }
  std::printf("last update:  %s, started %s, finished %s: %d added, %d changed, %d unchanged, "
              "%d removed, %d failed\n",
              u.value("outcome", "?").c_str(), UtcTime(u.value("started_at", int64_t{0})).c_str(),
              UtcTime(u.value("finished_at", int64_t{0})).c_str(), u.value("added", 0),
              u.value("changed", 0), u.value("unchanged", 0), u.value("removed", 0),
              u.value("failed", 0));
}

void PrintHuman(const StatusReport& s) {
  std::printf("index:        %s (format %d%s)\n", s.dir.c_str(), s.stats.format,
              s.stats.format < s.stats.expected_format ? ", old: run `haku update --rebuild`" : "");
  std::printf("documents:    %lld\n", static_cast<long long>(s.stats.documents));
  std::printf("size:         index %s, crawl store %s, dictionary answers %s\n",
              HumanBytes(s.index_bytes).c_str(), HumanBytes(s.store_bytes).c_str(),
              HumanBytes(s.lexicon_bytes).c_str());
  PrintLastUpdate(s.last_update);
  std::printf("languages:    %s\n", CountsLine(s.stats.by_language, 0).c_str());
  std::printf("lists:        %s\n", CountsLine(s.stats.by_list, 0).c_str());
  std::printf("sites:        %s\n", CountsLine(s.stats.by_site, 10).c_str());
  std::printf("types:        %s\n", CountsLine(s.stats.by_type, 0).c_str());
  std::map<std::string, int64_t> links(s.links.begin(), s.links.end());
  std::printf("links:        %d listed, %d broken: %s\n", s.listed, s.broken,
              CountsLine(links, 0).c_str());
}

void PrintJson(const StatusReport& s) {
  json j = {{"index", s.dir},
            {"format", s.stats.format},
            {"format_current", s.stats.format >= s.stats.expected_format},
            {"documents", s.stats.documents},
            {"index_bytes", s.index_bytes},
            {"crawl_store_bytes", s.store_bytes},
            {"lexicon_bytes", s.lexicon_bytes},
            {"last_update", s.last_update},
            {"languages", s.stats.by_language},
            {"lists", s.stats.by_list},
            {"sites", s.stats.by_site},
            {"types", s.stats.by_type},
            {"states", s.stats.by_state},
            {"links", {{"listed", s.listed}, {"broken", s.broken}, {"labels", s.links}}}};
  std::printf("%s\n", j.dump(2, ' ', false, json::error_handler_t::replace).c_str());
}

Result<StatusReport> Gather(const std::string& dir) {
  StatusReport s;
  s.dir = dir;
  if (!index::HasIndex(dir)) {
    return Status::NotFound("no index at " + dir + ": run `haku update` first");
  }
  // One database for every figure, should a rebuild publish meanwhile.
  const std::string db = index::OpenDbPath(dir);
  Result<index::IndexStats> stats = index::ReadIndexStats(db);
  if (!stats.ok()) return stats.status();
  s.stats = std::move(stats.value());
  s.index_bytes = DiskBytes(fs::path(db) / "");
  s.store_bytes = SqliteBytes(index::CrawlStorePath(dir));
  s.lexicon_bytes = SqliteBytes(index::LexiconMemoPath(dir));
  s.last_update = json::parse(s.stats.last_update, nullptr, /*allow_exceptions=*/false);
  if (s.last_update.is_discarded()) s.last_update = nullptr;
  Result<std::vector<ListedLink>> links = ReadListedLinks(dir, db);
  if (!links.ok()) return links.status();
  s.links = CountLabels(links.value());
  s.listed = static_cast<int>(links->size());
  for (const ListedLink& l : links.value()) s.broken += l.status.broken ? 1 : 0;
  return s;
}

int Run(const StatusArgs& args) {
  Result<Config> config = LoadConfigFor(ConfigFlag(*args.cmd));
  if (!config.ok()) {
    PrintError(config.status().ToString());
    return 2;
  }
  Result<StatusReport> s = Gather(ResolveIndexDir(args.index_dir, config.value(), DefaultIndexDir()));
  if (!s.ok()) {
    PrintError(s.status().ToString());
    return 2;
  }
  if (args.json) {
    PrintJson(s.value());
  } else {
    PrintHuman(s.value());
  }
  return 0;
}

}  // namespace

Runner AddStatusCommand(CLI::App& app) {
  auto args = std::make_shared<StatusArgs>();
  CLI::App* cmd = app.add_subcommand("status", kStatusDescription);
  args->cmd = cmd;
  cmd->add_option("--index", args->index_dir, "Index directory (default as for update)")
      ->type_name("DIR");
  cmd->add_option("--config", args->config, "haku.toml to read (for its index)")
      ->type_name("FILE");
  cmd->add_flag("--json", args->json, "One JSON object");
  return [args] { return Run(*args); };
}

}  // namespace haku::cli
