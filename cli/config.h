// cli/config.h -- haku.toml: the settings of `haku update` in a file, so a
// timer can run `haku update --config /etc/haku/haku.toml`.
//
//   sources = ["lists/awesome.md", "https://example.org/list.md"]
//   index = "/var/lib/haku"
//   [crawl]
//   max_connections = 16     # connections in flight
//   per_host = 2             # connections to one host
//   delay_ms = 1000          # gap between requests to one host
//   timeout = 30             # seconds for one transfer
//   connect_timeout = 10     # seconds to connect
//   max_age_hours = 24       # re-fetch pages older than this
//   depth = 0                # follow same-site links this many hops
//   max_pages_per_host = 100 # cap on pages found by depth
//   user_agent = "haku/0.1"
//   allow_private = false    # loopback and private addresses
//   max_body_mib = 10        # largest body kept
//
// Every key is optional; a flag given on the command line wins over the
// file. Relative paths (sources, index) are relative to the file's
// directory; URLs are kept as they are. An unknown key, a value of the wrong
// type or out of range is an error naming the key and FILE:LINE.
// Plain values and functions; thread-compatible.
#ifndef HAKU_CLI_CONFIG_H_
#define HAKU_CLI_CONFIG_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace haku::cli {

// What a haku.toml says; unset fields were not in the file.
struct Config {
  std::string path;  // the file read; empty for no file
  std::optional<std::vector<std::string>> sources;
  std::optional<std::string> index;
  std::optional<int> max_connections;
  std::optional<int> per_host;
  std::optional<int> delay_ms;
  std::optional<int> timeout;
  std::optional<int> connect_timeout;
  std::optional<double> max_age_hours;
  std::optional<int> depth;
  std::optional<int> max_pages_per_host;
  std::optional<std::string> user_agent;
  std::optional<bool> allow_private;
  std::optional<double> max_body_mib;
};

// The update settings both the file and the flags set, in the flags' units,
// with the flags' defaults.
struct UpdateSettings {
  std::vector<std::string> sources;
  int max_connections = 16;
  int per_host = 2;
  int delay_ms = 1000;
  int timeout = 30;
  int connect_timeout = 10;
  double max_age_hours = 24;
  int depth = 0;
  int max_pages_per_host = 100;
  std::string user_agent = "haku/0.1 (+https://github.com/haku-search/haku)";
  bool allow_private = false;
  double max_body_mib = 10;
};

// Reads and checks `path`. NotFound / IOError when it cannot be read,
// InvalidArgument "FILE:LINE: ..." for a syntax error, an unknown key or a
// bad value.
Result<Config> LoadConfig(const std::string& path);

// Same for `text` as if read from `path` (tests).
Result<Config> ParseConfig(std::string_view text, const std::string& path);

// The file to read: `explicit_path` when not empty, else
// $XDG_CONFIG_HOME/haku/haku.toml or ~/.config/haku/haku.toml when it
// exists, else "" (no file).
std::string FindConfigFile(const std::string& explicit_path);

// FindConfigFile() then LoadConfig(); an empty Config when there is none.
Result<Config> LoadConfigFor(const std::string& explicit_path);

// Copies each setting the file has into `settings` unless
// `flag_given("--flag-name")` says the command line set it. The index
// directory is ResolveIndexDir()'s business.
void ApplyConfig(const Config& config, const std::function<bool(std::string_view)>& flag_given,
                 UpdateSettings* settings);

// The index directory: `flag` when not empty, else $HAKU_INDEX, else the
// file's `index`, else `fallback` (the CLI passes DefaultIndexDir()).
std::string ResolveIndexDir(const std::string& flag, const Config& config,
                            const std::string& fallback);

}  // namespace haku::cli

#endif  // HAKU_CLI_CONFIG_H_
