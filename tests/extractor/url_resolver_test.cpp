#include "indexer/extractor/url_resolver.h"

#include <doctest/doctest.h>

namespace haku::extractor {

TEST_CASE("ResolveUrl follows RFC 3986 and keeps only http(s)") {
  const char* base = "https://Example.org/a/b/page.html?q=1#top";
  struct Case {
    const char* ref;
    const char* want;
  } cases[] = {
      {"c.html", "https://example.org/a/b/c.html"},
      {"./c.html#frag", "https://example.org/a/b/c.html"},
      {"../c.html", "https://example.org/a/c.html"},
      {"../../../../c.html", "https://example.org/c.html"},
      {"/root?x=2", "https://example.org/root?x=2"},
      {"?y=3", "https://example.org/a/b/page.html?y=3"},
      {"//cdn.example.net/x.js", "https://cdn.example.net/x.js"},
      {"HTTP://Other.example/Path", "http://other.example/Path"},
      {"  spaced.html\n", "https://example.org/a/b/spaced.html"},
      {"dir/", "https://example.org/a/b/dir/"},
      {"..", "https://example.org/a/"},
      {"https://example.com", "https://example.com/"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.ref);
    CHECK(ResolveUrl(base, c.ref) == c.want);
  }
  const char* dropped[] = {"",        "#top",          "mailto:a@b.c",
                           "javascript:void(0)", "ftp://x.org/f",
                           "data:text/plain,hi"};
  for (const char* ref : dropped) {
    CAPTURE(ref);
    CHECK(ResolveUrl(base, ref).empty());
  }
  // A relative ref needs an http(s) base.
  CHECK(ResolveUrl("file:///tmp/x.html", "y.html").empty());
  CHECK(ResolveUrl("", "y.html").empty());
  CHECK(ResolveUrl("", "https://a.example/") == "https://a.example/");
}

TEST_CASE("UrlHost") {
  CHECK(UrlHost("https://User@Help.Example.org:8080/x") == "help.example.org");
  CHECK(UrlHost("http://example.org") == "example.org");
  CHECK(UrlHost("relative/path").empty());
}

}  // namespace haku::extractor
