#include "cli/config.h"

#include <toml++/toml.h>

#include <climits>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "common/file_util.h"

namespace haku::cli {
namespace {

namespace fs = std::filesystem;

struct IntKey {
  const char* name;
  const char* flag;
  int min;
  std::optional<int> Config::*config;
  int UpdateSettings::*setting;
};
constexpr IntKey kIntKeys[] = {
    {"max_connections", "--max-connections", 1, &Config::max_connections,
     &UpdateSettings::max_connections},
    {"per_host", "--per-host", 1, &Config::per_host, &UpdateSettings::per_host},
    {"delay_ms", "--delay-ms", 0, &Config::delay_ms, &UpdateSettings::delay_ms},
    {"timeout", "--timeout", 1, &Config::timeout, &UpdateSettings::timeout},
    {"connect_timeout", "--connect-timeout", 1, &Config::connect_timeout,
     &UpdateSettings::connect_timeout},
    {"depth", "--depth", 0, &Config::depth, &UpdateSettings::depth},
    {"max_pages_per_host", "--max-pages-per-host", 1, &Config::max_pages_per_host,
     &UpdateSettings::max_pages_per_host},
};

struct NumberKey {
  const char* name;
  const char* flag;
  bool positive;  // > 0; else >= 0
  std::optional<double> Config::*config;
  double UpdateSettings::*setting;
};
constexpr NumberKey kNumberKeys[] = {
    {"max_age_hours", "--max-age", false, &Config::max_age_hours,
     &UpdateSettings::max_age_hours},
    {"max_body_mib", "--max-body-mib", true, &Config::max_body_mib,
     &UpdateSettings::max_body_mib},
};

// Checks a parsed document against the schema above and fills a Config.
class ConfigReader {
 public:
  explicit ConfigReader(const std::string& path) : path_(path) {}

  Status Read(const toml::table& root, Config* config) const {
    for (const auto& [key, node] : root) {
      std::string name(key.str());
      Status s;
      if (name == "crawl") {
        s = ReadCrawl(node, config);
      } else if (name == "sources") {
        s = ReadSources(node, config);
      } else if (name == "index") {
        s = ReadIndex(node, config);
      } else {
        s = Unknown(key, name);
      }
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

 private:
  Status ReadCrawl(const toml::node& node, Config* config) const {
    const toml::table* table = node.as_table();
    if (!table) return Bad(node, "crawl", "expected a table ([crawl])");
    for (const auto& [key, value] : *table) {
      if (Status s = ReadCrawlKey(key, value, config); !s.ok()) return s;
    }
    return Status::OK();
  }

  Status ReadCrawlKey(const toml::key& key, const toml::node& node, Config* config) const {
    const std::string name(key.str());
    const std::string full = "crawl." + name;
    for (const IntKey& k : kIntKeys) {
      if (name == k.name) return ReadInt(node, full, k.min, &(config->*k.config));
    }
    for (const NumberKey& k : kNumberKeys) {
      if (name == k.name) return ReadNumber(node, full, k.positive, &(config->*k.config));
    }
    if (name == "user_agent") return ReadString(node, full, &config->user_agent);
    if (name == "allow_private") return ReadBool(node, full, &config->allow_private);
    return Unknown(key, full);
  }

  Status ReadSources(const toml::node& node, Config* config) const {
    const toml::array* array = node.as_array();
    if (!array) return Bad(node, "sources", "expected an array of strings");
    std::vector<std::string> sources;
    for (const toml::node& item : *array) {
      const toml::value<std::string>* s = item.as_string();
      if (!s || s->get().empty()) return Bad(item, "sources", "expected a non-empty string");
      sources.push_back(Resolve(s->get()));
    }
    config->sources = std::move(sources);
    return Status::OK();
  }

  Status ReadIndex(const toml::node& node, Config* config) const {
    const toml::value<std::string>* s = node.as_string();
    if (!s || s->get().empty()) return Bad(node, "index", "expected a directory path");
    config->index = Resolve(s->get());
    return Status::OK();
  }

  Status ReadInt(const toml::node& node, const std::string& key, int min,
                 std::optional<int>* out) const {
    const toml::value<int64_t>* v = node.as_integer();
    if (!v) return Bad(node, key, "expected an integer");
    if (v->get() < min) {
      return Bad(node, key,
                 min == 0 ? "must not be negative" : "must be at least " + std::to_string(min));
    }
    if (v->get() > INT_MAX) return Bad(node, key, "too large");
    *out = static_cast<int>(v->get());
    return Status::OK();
  }

  Status ReadNumber(const toml::node& node, const std::string& key, bool positive,
                    std::optional<double>* out) const {
    if (!node.is_integer() && !node.is_floating_point()) {
      return Bad(node, key, "expected a number");
    }
    double v = node.value<double>().value_or(-1);
    if (!std::isfinite(v) || v < 0 || (positive && v == 0) || v > 1e9) {
      return Bad(node, key, positive ? "must be above zero" : "must not be negative");
    }
    *out = v;
    return Status::OK();
  }

  Status ReadString(const toml::node& node, const std::string& key,
                    std::optional<std::string>* out) const {
    const toml::value<std::string>* s = node.as_string();
    if (!s || s->get().empty()) return Bad(node, key, "expected a non-empty string");
    *out = s->get();
    return Status::OK();
  }

  Status ReadBool(const toml::node& node, const std::string& key,
                  std::optional<bool>* out) const {
    const toml::value<bool>* b = node.as_boolean();
    if (!b) return Bad(node, key, "expected true or false");
    *out = b->get();
    return Status::OK();
  }

  // Relative file paths are relative to the config file; URLs stay.
  std::string Resolve(const std::string& p) const {
    if (p.find("://") != std::string::npos || fs::path(p).is_absolute()) return p;
    fs::path dir = fs::path(path_).parent_path();
    return dir.empty() ? p : (dir / p).lexically_normal().string();
  }

  std::string Where(const toml::source_region& region) const {
    return path_ + ":" + std::to_string(region.begin.line);
  }
  Status Bad(const toml::node& node, const std::string& key, const std::string& what) const {
    return Status::InvalidArgument(Where(node.source()) + ": " + key + ": " + what);
  }
  Status Unknown(const toml::key& key, const std::string& name) const {
    return Status::InvalidArgument(Where(key.source()) + ": unknown key '" + name + "'");
  }

  const std::string& path_;
};

bool IsFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

}  // namespace

Result<Config> ParseConfig(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  Config config;
  config.path = path;
  if (Status s = ConfigReader(path).Read(root, &config); !s.ok()) return s;
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseConfig(text.value(), path);
}

std::string FindConfigFile(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  std::string candidate;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    candidate = std::string(xdg) + "/haku/haku.toml";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    candidate = std::string(home) + "/.config/haku/haku.toml";
  }
  return !candidate.empty() && IsFile(candidate) ? candidate : std::string();
}

Result<Config> LoadConfigFor(const std::string& explicit_path) {
  std::string path = FindConfigFile(explicit_path);
  if (path.empty()) return Config{};
  return LoadConfig(path);
}

void ApplyConfig(const Config& config, const std::function<bool(std::string_view)>& flag_given,
                 UpdateSettings* settings) {
  if (config.sources && !flag_given("--sources")) settings->sources = *config.sources;
  for (const IntKey& k : kIntKeys) {
    if ((config.*k.config) && !flag_given(k.flag)) settings->*k.setting = *(config.*k.config);
  }
  for (const NumberKey& k : kNumberKeys) {
    if ((config.*k.config) && !flag_given(k.flag)) settings->*k.setting = *(config.*k.config);
  }
  if (config.user_agent && !flag_given("--user-agent")) settings->user_agent = *config.user_agent;
  if (config.allow_private && !flag_given("--allow-private")) {
    settings->allow_private = *config.allow_private;
  }
}

std::string ResolveIndexDir(const std::string& flag, const Config& config,
                            const std::string& fallback) {
  if (!flag.empty()) return flag;
  if (const char* dir = std::getenv("HAKU_INDEX"); dir && *dir) return dir;
  if (config.index) return *config.index;
  return fallback;
}

}  // namespace haku::cli
