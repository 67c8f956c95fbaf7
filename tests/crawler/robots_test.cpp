// Tests for indexer/crawler/robots.h, mostly RFC 9309's own examples.
#include "indexer/crawler/robots.h"

#include <doctest/doctest.h>

#include <string>

namespace haku::crawler {
namespace {

// RFC 9309 5.1.
constexpr const char* kRfcGroups = R"(User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
)";

struct Case {
  const char* rule;  // agent or pattern, per test
  const char* path;
  bool allowed;
};

TEST_CASE("RFC 9309 5.1: groups and user-agent matching") {
  const Case cases[] = {
      {"foobot", "/example/page.html", true},
      {"foobot", "/example/allowed.gif", true},
      {"foobot", "/other", false},
      {"FooBot", "/other", false},  // product token is case-insensitive
      {"barbot", "/example/page.html", false},
      {"bazbot", "/example/page.html", false},
      {"barbot", "/example/other.html", true},
      {"quxbot", "/example/page.html", true},  // empty group: allow all
      {"haku", "/example/page.html", false},   // falls back to *
      {"haku", "/publications/x.html", true},
      {"haku", "/images/a.gif", false},
      {"haku", "/images/a.gif?x", true},  // $ anchors the end
      {"haku", "/robots.txt", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.rule);
    CAPTURE(c.path);
    CHECK(RobotsRules::Parse(kRfcGroups, c.rule).IsAllowed(c.path) ==
          c.allowed);
  }
}

TEST_CASE("RFC 9309 5.2: the longest match wins") {
  const char* robots =
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n";
  RobotsRules rules = RobotsRules::Parse(robots, "foobot");
  CHECK(rules.IsAllowed("/example/page/"));
  CHECK(rules.IsAllowed("/example/page/x.html"));
  CHECK_FALSE(rules.IsAllowed("/example/page/disallowed.gif"));
}

TEST_CASE("Allow wins a tie of equally long patterns") {
  RobotsRules rules = RobotsRules::Parse(
      "user-agent: haku\ndisallow: /page\nallow: /page\n", "haku");
  CHECK(rules.IsAllowed("/page"));
}

TEST_CASE("RFC 9309 2.2.3: * and $ (Disallow pattern, path, matched)") {
  const Case cases[] = {
      {"/fish*", "/fish", true},
      {"/fish*", "/fish.html", true},
      {"/fish*", "/Fish.asp", false},
      {"/*.php", "/index.php", true},
      {"/*.php", "/folder/any.php?p=1", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?params", false},
      {"/*.php$", "/filename.php5", false},
      {"/fish*.php", "/fishheads/catfish.php?p=1", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"/", "/anything", true},
      {"/*", "/anything", true},
      {"/$", "/", true},
      {"/$", "/page", false},
      {"/a*b*c$", "/axxbyyc", true},
      {"/a*b*c$", "/axxbyycz", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.rule);
    CAPTURE(c.path);
    std::string robots = std::string("User-agent: *\nDisallow: ") + c.rule;
    CHECK(RobotsRules::Parse(robots, "haku").IsAllowed(c.path) != c.allowed);
  }
}

TEST_CASE("RFC 9309 2.2.2: percent-encoding is normalised on both sides") {
  const Case cases[] = {
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz", false},
      {"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84", false},
      {"/foo/bar/%E3%83%84", "/foo/bar/\xE3\x83\x84", false},
      {"/foo/bar/%62%61%7A", "/foo/bar/baz", false},
      {"/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", false},
      {"/foo/bar/%2F", "/foo/bar//", true},  // reserved stays encoded
  };
  for (const Case& c : cases) {
    CAPTURE(c.rule);
    CAPTURE(c.path);
    std::string robots = std::string("User-agent: *\nDisallow: ") + c.rule;
    CHECK(RobotsRules::Parse(robots, "haku").IsAllowed(c.path) == c.allowed);
  }
}

TEST_CASE("Groups of one agent combine; comments, CRLF and BOM are fine") {
  const char* robots =
      "\xEF\xBB\xBFUser-agent: haku # us\r\n"
      "Disallow: /a\r\n"
      "\r\n"
      "User-agent: other\r\n"
      "Disallow: /b\r\n"
      "User-agent: haku\r\n"
      "Disallow: /c # comment\r\n"
      "Crawl-delay: 2.5\r\n";
  RobotsRules rules = RobotsRules::Parse(robots, "haku");
  CHECK_FALSE(rules.IsAllowed("/a"));
  CHECK(rules.IsAllowed("/b"));
  CHECK_FALSE(rules.IsAllowed("/c"));
  REQUIRE(rules.crawl_delay().has_value());
  CHECK(*rules.crawl_delay() == doctest::Approx(2.5));
}

TEST_CASE("Our group hides the * group; empty Disallow allows all") {
  const char* robots =
      "User-agent: *\nDisallow: /\n\nUser-agent: haku/2.0\nDisallow:\n";
  CHECK(RobotsRules::Parse(robots, "haku").IsAllowed("/page"));
  CHECK_FALSE(RobotsRules::Parse(robots, "otherbot").IsAllowed("/page"));
}

TEST_CASE("No robots.txt, an empty one and DisallowAll") {
  CHECK(RobotsRules().IsAllowed("/x"));
  CHECK(RobotsRules::Parse("", "haku").IsAllowed("/x"));
  CHECK_FALSE(RobotsRules::DisallowAll().IsAllowed("/x"));
  CHECK(RobotsRules::DisallowAll().IsAllowed("/robots.txt"));
}

TEST_CASE("Only the first kMaxRobotsBytes are parsed") {
  std::string robots = "User-agent: *\n";
  robots += "# " + std::string(kMaxRobotsBytes, 'x') + "\n";
  robots += "Disallow: /\n";
  CHECK(RobotsRules::Parse(robots, "haku").IsAllowed("/x"));
}

TEST_CASE("ProductToken") {
  CHECK(ProductToken("haku/0.1 (+https://x)") == "haku");
  CHECK(ProductToken("Mozilla/5.0") == "Mozilla");
  CHECK(ProductToken("") == "");
}

}  // namespace
}  // namespace haku::crawler
