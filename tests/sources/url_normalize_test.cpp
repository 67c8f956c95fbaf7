#include "indexer/sources/url_normalize.h"

#include <doctest/doctest.h>

namespace haku::sources {

TEST_CASE("NormalizeUrl: RFC 3986 section 6 and tracking parameters") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      // 6.2.2.1 case: scheme and host lower-cased, percent hex upper-cased.
      {"HTTPS://Physionet.ORG/about/database/", "https://physionet.org/about/database/"},
      {"http://example.org/a%2fb%c3%a5", "http://example.org/a%2Fb%C3%A5"},
      // 6.2.2.2 percent-encoded unreserved characters decoded.
      {"http://example.org/%7Euser/%41%2D%5F", "http://example.org/~user/A-_"},
      // 6.2.2.3 dot segments.
      {"http://example.org/a/./b/../c", "http://example.org/a/c"},
      // 6.2.3 scheme-based: default port, empty path.
      {"http://example.org:80", "http://example.org/"},
      {"https://example.org:443/x", "https://example.org/x"},
      {"https://example.org:8443/x", "https://example.org:8443/x"},
      // Fragments dropped.
      {"https://zenodo.org/record/3519870#.XcCfRUVKhZ1", "https://zenodo.org/record/3519870"},
      // Tracking parameters dropped, others kept in order.
      {"https://blog.benchsci.com/x?utm_content=a&utm_medium=social&utm_source=l",
       "https://blog.benchsci.com/x"},
      {"https://e.org/s?q=drug+design&fbclid=abc&page=2", "https://e.org/s?q=drug+design&page=2"},
      {"https://www.sciencedirect.com/pii/S0092?via%3Dihub",
       "https://www.sciencedirect.com/pii/S0092?via%3Dihub"},
      // Reserved encodings stay encoded.
      {"https://datadryad.org/stash/dataset/doi:10.5061%2Fdryad.0p2ngf1zd",
       "https://datadryad.org/stash/dataset/doi:10.5061%2Fdryad.0p2ngf1zd"},
      // Raw characters that may not appear are encoded.
      {"http://example.org/a b/ä", "http://example.org/a%20b/%C3%A4"},
      // IDN host to A-labels; trailing dot dropped.
      {"https://Bücher.example/", "https://xn--bcher-kva.example/"},
      {"https://example.org./x", "https://example.org/x"},
      // Surrounding whitespace.
      {"  https://nordic-rse.org/ \n", "https://nordic-rse.org/"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    Result<std::string> r = NormalizeUrl(c.in);
    REQUIRE(r.ok());
    CHECK(r.value() == c.out);
  }
}

TEST_CASE("NormalizeUrl rejects what is not an http(s) resource") {
  const char* errors[] = {
      "mailto:natalianorori@gmail.com",
      "ftp://example.org/file",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "#1-medical-images",
      "relative/path.html",
      "",
      "http://",
      "https://user:secret@example.org/",
      "http://exa\nmple.org/",
  };
  for (const char* e : errors) {
    CAPTURE(e);
    CHECK_FALSE(NormalizeUrl(e).ok());
  }
}

TEST_CASE("ResolveUrl resolves relative references against a base") {
  auto r = ResolveUrl("http://127.0.0.1:8080/corpus/index.html", "en-us/text/a.html#top");
  REQUIRE(r.ok());
  CHECK(r.value() == "http://127.0.0.1:8080/corpus/en-us/text/a.html");
  r = ResolveUrl("https://example.org/a/b/c", "../d?x=1");
  REQUIRE(r.ok());
  CHECK(r.value() == "https://example.org/a/d?x=1");
  CHECK(HostOf("https://www.kaggle.com:8080/x") == "www.kaggle.com");
  CHECK(HostOf("http://[::1]:8080/x") == "[::1]");
  CHECK(IsTrackingParameter("utm_campaign"));
  CHECK_FALSE(IsTrackingParameter("q"));
}

}  // namespace haku::sources
