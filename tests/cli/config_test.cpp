// cli/config: haku.toml read, checked and applied under the flags.
#include "cli/config.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <set>

namespace haku::cli {
namespace {

Config Parse(const std::string& text) {
  Result<Config> c = ParseConfig(text, "/etc/haku/haku.toml");
  REQUIRE_MESSAGE(c.ok(), c.status().ToString());
  return c.value();
}

}  // namespace

TEST_CASE("a full file") {
  Config c = Parse(
      "sources = [\"lists/a.md\", \"/abs/b.md\", \"https://example.org/c.md\"]\n"
      "index = \"index\"\n"
      "[crawl]\n"
      "max_connections = 8\nper_host = 3\ndelay_ms = 0\ntimeout = 20\nconnect_timeout = 5\n"
      "max_age_hours = 12.5\ndepth = 1\nmax_pages_per_host = 50\nuser_agent = \"bot/1\"\n"
      "allow_private = true\nmax_body_mib = 2\n");
  REQUIRE(c.sources.has_value());
  CHECK(*c.sources == std::vector<std::string>{"/etc/haku/lists/a.md", "/abs/b.md",
                                               "https://example.org/c.md"});
  CHECK(c.index == "/etc/haku/index");
  CHECK(c.max_connections == 8);
  CHECK(c.per_host == 3);
  CHECK(c.delay_ms == 0);
  CHECK(c.timeout == 20);
  CHECK(c.connect_timeout == 5);
  CHECK(c.max_age_hours == 12.5);
  CHECK(c.depth == 1);
  CHECK(c.max_pages_per_host == 50);
  CHECK(c.user_agent == "bot/1");
  CHECK(c.allow_private == true);
  CHECK(c.max_body_mib == 2.0);
}

TEST_CASE("an empty file sets nothing") {
  Config c = Parse("# nothing\n");
  CHECK(!c.sources);
  CHECK(!c.index);
  CHECK(!c.delay_ms);
}

TEST_CASE("errors name the key and the line") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"sources = []\nfoo = 1\n", "/etc/haku/haku.toml:2: unknown key 'foo'"},
      {"[crawl]\nmax_connection = 4\n", "/etc/haku/haku.toml:2: unknown key 'crawl.max_connection'"},
      {"[crawl]\n\ndelay_ms = -5\n", "/etc/haku/haku.toml:3: crawl.delay_ms: must not be negative"},
      {"[crawl]\nper_host = 0\n", "/etc/haku/haku.toml:2: crawl.per_host: must be at least 1"},
      {"[crawl]\ntimeout = \"30\"\n", "/etc/haku/haku.toml:2: crawl.timeout: expected an integer"},
      {"[crawl]\ndepth = 1.5\n", "/etc/haku/haku.toml:2: crawl.depth: expected an integer"},
      {"[crawl]\nmax_age_hours = -1\n",
       "/etc/haku/haku.toml:2: crawl.max_age_hours: must not be negative"},
      {"[crawl]\nmax_body_mib = 0\n", "/etc/haku/haku.toml:2: crawl.max_body_mib: must be above zero"},
      {"[crawl]\nallow_private = 1\n",
       "/etc/haku/haku.toml:2: crawl.allow_private: expected true or false"},
      {"[crawl]\nuser_agent = \"\"\n",
       "/etc/haku/haku.toml:2: crawl.user_agent: expected a non-empty string"},
      {"sources = \"a.md\"\n", "/etc/haku/haku.toml:1: sources: expected an array of strings"},
      {"sources = [\"a.md\",\n 3]\n", "/etc/haku/haku.toml:2: sources: expected a non-empty string"},
      {"index = 3\n", "/etc/haku/haku.toml:1: index: expected a directory path"},
      {"crawl = 3\n", "/etc/haku/haku.toml:1: crawl: expected a table ([crawl])"},
      {"[crawl]\ntimeout = 99999999999\n", "/etc/haku/haku.toml:2: crawl.timeout: too large"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<Config> r = ParseConfig(c.text, "/etc/haku/haku.toml");
    REQUIRE(!r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().message() == c.message);
  }
}

TEST_CASE("a syntax error names the line") {
  Result<Config> r = ParseConfig("sources = [\"a.md\"]\n\n[crawl\n", "x.toml");
  REQUIRE(!r.ok());
  CHECK(r.status().message().rfind("x.toml:3: ", 0) == 0);
}

TEST_CASE("a missing file is NotFound") {
  Result<Config> r = LoadConfig("/nonexistent/haku.toml");
  REQUIRE(!r.ok());
  CHECK(r.status().code() == Status::Code::kNotFound);
}

TEST_CASE("flags win over the file") {
  Config c = Parse("sources = [\"/a.md\"]\n[crawl]\ndelay_ms = 5\nper_host = 4\nmax_age_hours = 1\n"
                   "user_agent = \"x\"\nallow_private = true\n");
  std::set<std::string> given = {"--per-host", "--sources"};
  UpdateSettings s;
  s.sources = {"/flag.md"};
  s.per_host = 7;
  ApplyConfig(c, [&](std::string_view f) { return given.count(std::string(f)) > 0; }, &s);
  CHECK(s.sources == std::vector<std::string>{"/flag.md"});
  CHECK(s.per_host == 7);
  CHECK(s.delay_ms == 5);
  CHECK(s.max_age_hours == 1.0);
  CHECK(s.user_agent == "x");
  CHECK(s.allow_private);
  CHECK(s.max_connections == 16);  // neither: the default
}

TEST_CASE("the index directory: flag, then $HAKU_INDEX, then the file, then the default") {
  Config c = Parse("index = \"/var/lib/haku\"\n");
  ::unsetenv("HAKU_INDEX");
  CHECK(ResolveIndexDir("/flag", c, "/default") == "/flag");
  CHECK(ResolveIndexDir("", c, "/default") == "/var/lib/haku");
  CHECK(ResolveIndexDir("", Config{}, "/default") == "/default");
  ::setenv("HAKU_INDEX", "/env", 1);
  CHECK(ResolveIndexDir("", c, "/default") == "/env");
  ::unsetenv("HAKU_INDEX");
}

TEST_CASE("the config file is found under $XDG_CONFIG_HOME only when present") {
  CHECK(FindConfigFile("/explicit.toml") == "/explicit.toml");
  ::setenv("XDG_CONFIG_HOME", "/nonexistent-haku-test", 1);
  CHECK(FindConfigFile("").empty());
  ::unsetenv("XDG_CONFIG_HOME");
}

}  // namespace haku::cli
