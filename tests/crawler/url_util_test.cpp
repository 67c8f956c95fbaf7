// Tests for indexer/crawler/url_util.h.
#include "indexer/crawler/url_util.h"

#include <doctest/doctest.h>

namespace haku::crawler {
namespace {

TEST_CASE("ParseUrl splits what scheduling needs") {
  Result<UrlParts> p = ParseUrl("HTTPS://Example.ORG/a/b?x=1#frag");
  REQUIRE(p.ok());
  CHECK(p->scheme == "https");
  CHECK(p->host == "example.org");
  CHECK(p->port == 443);
  CHECK(p->path == "/a/b?x=1");
  CHECK(HostKey(*p) == "https://example.org:443");
  CHECK(RobotsUrl(*p) == "https://example.org:443/robots.txt");

  Result<UrlParts> bare = ParseUrl("http://127.0.0.1:8080");
  REQUIRE(bare.ok());
  CHECK(bare->port == 8080);
  CHECK(bare->path == "/");
}

TEST_CASE("ParseUrl takes other schemes and refuses junk") {
  Result<UrlParts> file = ParseUrl("file:///etc/passwd");
  CHECK((!file.ok() || !IsFetchableScheme(file->scheme)));
  Result<UrlParts> ftp = ParseUrl("ftp://example.org/x");
  REQUIRE(ftp.ok());
  CHECK_FALSE(IsFetchableScheme(ftp->scheme));
  CHECK_FALSE(ParseUrl("not a url").ok());
  CHECK_FALSE(ParseUrl("").ok());
}

TEST_CASE("SameHost") {
  auto parts = [](const char* url) { return *ParseUrl(url); };
  CHECK(SameHost(parts("http://a.org/x"), parts("https://a.org/y")));
  CHECK(SameHost(parts("http://a.org:8080/"), parts("http://a.org:8080/z")));
  CHECK_FALSE(SameHost(parts("http://a.org:8080/"), parts("http://a.org/")));
  CHECK_FALSE(SameHost(parts("http://a.org/"), parts("http://b.a.org/")));
}

TEST_CASE("SchemeOf") {
  CHECK(SchemeOf("HTTPS://x") == "https");
  CHECK(SchemeOf("file:///etc/passwd") == "file");
  CHECK(SchemeOf("mailto:a@b") == "mailto");
  CHECK(SchemeOf("/relative") == "");
  CHECK(SchemeOf("1http://x") == "");
  CHECK(SchemeOf("no scheme: here") == "");
}

TEST_CASE("IsReservedInvalidHost") {
  CHECK(IsReservedInvalidHost("nothing.invalid"));
  CHECK(IsReservedInvalidHost("a.b.INVALID."));
  CHECK(IsReservedInvalidHost("invalid"));
  CHECK_FALSE(IsReservedInvalidHost("notinvalid"));
  CHECK_FALSE(IsReservedInvalidHost("invalid.example.org"));
}

}  // namespace
}  // namespace haku::crawler
