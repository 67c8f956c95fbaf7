// Crawler against loopback servers: robots.txt, politeness measured by the
// servers, revalidation, reuse and depth crawling.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <regex>
#include <string>

#include "indexer/crawler/crawler.h"
#include "tests/crawler/crawl_test_util.h"
#include "tests/crawler/test_http_server.h"

namespace haku::crawler {
namespace {

using haku::testing::FastOptions;
using haku::testing::StoreFixture;
using haku::testing::TestHttpServer;
using httplib::Request;
using httplib::Response;
using std::chrono::milliseconds;

void ServeText(TestHttpServer& server, const std::string& pattern) {
  server.server().Get(pattern, [](const Request& req, Response& res) {
    res.set_content("page " + req.path, "text/plain");
  });
}

void ServeRobots(TestHttpServer& server, const std::string& robots) {
  server.server().Get("/robots.txt", [robots](const Request&, Response& res) {
    res.set_content(robots, "text/plain");
  });
}

TEST_CASE("robots.txt: Disallow, wildcards, $, our own group") {
  TestHttpServer server;
  ServeRobots(server,
              "User-agent: *\n"
              "Disallow: /private\n"
              "Disallow: /*.pdf$\n"
              "Allow: /private/open\n"
              "\n"
              "User-agent: otherbot\n"
              "Disallow: /\n");
  ServeText(server, ".*");
  server.Start();
  StoreFixture fx;
  const std::string blocked[] = {"/private", "/private/x", "/a/doc.pdf"};
  const std::string allowed[] = {"/public", "/private/open/x",
                                 "/a/doc.pdf?download=1"};
  std::vector<std::string> urls;
  for (const auto& path : blocked) urls.push_back(server.Url(path));
  for (const auto& path : allowed) urls.push_back(server.Url(path));
  CrawlSummary summary = fx.Crawl(urls, FastOptions());
  CHECK(summary.blocked == 3);
  CHECK(summary.fetched == 3);
  for (const auto& path : blocked) {
    CAPTURE(path);
    CHECK(fx.Page(server.Url(path)).state == FetchState::kRobotsBlocked);
    CHECK(server.RequestsFor(path) == 0);
  }
  for (const auto& path : allowed) {
    CAPTURE(path);
    CHECK(fx.Page(server.Url(path)).state == FetchState::kOk);
  }
  CHECK(server.RequestsFor("/robots.txt") == 1);  // once per host
}

TEST_CASE("robots.txt: a group for haku overrides *") {
  TestHttpServer server;
  ServeRobots(server,
              "User-agent: *\nAllow: /\n\nUser-agent: Haku\nDisallow: /\n");
  ServeText(server, "/page");
  server.Start();
  StoreFixture fx;
  fx.Crawl({server.Url("/page")}, FastOptions());
  CHECK(fx.Page(server.Url("/page")).state == FetchState::kRobotsBlocked);
  CHECK(server.RequestsFor("/page") == 0);
}

TEST_CASE("robots.txt: 5xx disallows all, 404 allows all") {
  TestHttpServer down, missing;
  down.server().Get("/robots.txt",
                    [](const Request&, Response& res) { res.status = 503; });
  ServeText(down, "/page");
  ServeText(missing, "/page");  // no /robots.txt: 404
  down.Start();
  missing.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_retries = 1;
  fx.Crawl({down.Url("/page"), missing.Url("/page")}, options);
  StoredPage blocked = fx.Page(down.Url("/page"));
  CHECK(blocked.state == FetchState::kRobotsBlocked);
  CHECK(down.RequestsFor("/page") == 0);
  CHECK(down.RequestsFor("/robots.txt") == 2);  // retried once
  CHECK(fx.Page(missing.Url("/page")).state == FetchState::kOk);
  CHECK(missing.RequestsFor("/robots.txt") == 1);
}

TEST_CASE("robots.txt: an unreachable host fails its pages, not retried") {
  int port = haku::testing::UnusedLoopbackPort();
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  StoreFixture fx;
  fx.Crawl({base + "/a", base + "/b"}, FastOptions());
  StoredPage a = fx.Page(base + "/a");
  CHECK(a.state == FetchState::kConnectFailure);
  CHECK(a.error.find("robots.txt") != std::string::npos);
  CHECK(fx.Page(base + "/b").state == FetchState::kConnectFailure);
}

// Wraps a handler: counts requests in flight over all servers of a test.
struct Gauge {
  std::atomic<int> now{0};
  std::atomic<int> max{0};
  void Enter() {
    int value = ++now;
    int seen = max.load();
    while (value > seen && !max.compare_exchange_weak(seen, value)) {
    }
  }
  void Leave() { --now; }
};

void ServeSlow(TestHttpServer& server, Gauge& gauge, milliseconds delay) {
  server.server().Get(
      "/p/.*", [&server, &gauge, delay](const Request& req, Response& res) {
        gauge.Enter();
        server.WaitForRelease(delay);  // the response takes `delay`
        gauge.Leave();
        res.set_content("page " + req.path, "text/plain");
      });
}

TEST_CASE("Politeness: per-host and total limits, as the servers see them") {
  Gauge gauge;
  TestHttpServer a, b, c;
  std::vector<std::string> urls;
  // Host by host: the order that tempts a crawler to pile onto one host.
  for (TestHttpServer* server : {&a, &b, &c}) {
    ServeSlow(*server, gauge, milliseconds(60));
    server->Start();
    for (int i = 0; i < 8; ++i) {
      urls.push_back(server->Url("/p/" + std::to_string(i)));
    }
  }
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_per_host = 2;
  options.max_connections = 4;
  CrawlSummary summary = fx.Crawl(urls, options);
  CHECK(summary.fetched == 24);
  for (TestHttpServer* server : {&a, &b, &c}) {
    CHECK(server->max_in_flight() <= 2);
  }
  CHECK(gauge.max.load() <= 4);
  CHECK(gauge.max.load() >= 3);  // it did crawl hosts in parallel
}

TEST_CASE("Politeness: the gap between request starts to one host") {
  TestHttpServer server;
  ServeText(server, "/p/.*");
  server.Start();
  std::vector<std::string> urls;
  for (int i = 0; i < 4; ++i)
    urls.push_back(server.Url("/p/" + std::to_string(i)));
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.per_host_delay = milliseconds(250);
  auto start = std::chrono::steady_clock::now();
  fx.Crawl(urls, options);
  // robots.txt + 4 pages: four gaps.
  CHECK(haku::testing::SecondsSince(start) >= 0.95);
  REQUIRE(server.min_gap().has_value());
  CHECK(*server.min_gap() >= milliseconds(200));
  CHECK(server.max_in_flight() == 1);
}

TEST_CASE("Politeness: Crawl-delay raises the gap") {
  TestHttpServer server;
  ServeRobots(server, "User-agent: *\nCrawl-delay: 0.3\n");
  ServeText(server, "/p/.*");
  server.Start();
  StoreFixture fx;
  fx.Crawl({server.Url("/p/1"), server.Url("/p/2"), server.Url("/p/3")},
           FastOptions());
  REQUIRE(server.min_gap().has_value());
  CHECK(*server.min_gap() >= milliseconds(250));
}

TEST_CASE("Politeness: one slow host does not stall the others") {
  TestHttpServer slow, fast;
  slow.server().Get("/slow/.*", [&](const Request&, Response& res) {
    slow.WaitForRelease(milliseconds(3000));
    res.set_content("slow", "text/plain");
  });
  std::atomic<int> fast_done{0};
  fast.server().Get("/p/.*", [&](const Request&, Response& res) {
    res.set_content("fast", "text/plain");
    if (++fast_done == 6) slow.Release();  // all fast pages were served
  });
  slow.Start();
  fast.Start();
  std::vector<std::string> urls = {slow.Url("/slow/1"), slow.Url("/slow/2")};
  for (int i = 0; i < 6; ++i)
    urls.push_back(fast.Url("/p/" + std::to_string(i)));
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.total_timeout = std::chrono::seconds(5);
  auto start = std::chrono::steady_clock::now();
  CrawlSummary summary = fx.Crawl(urls, options);
  CHECK(summary.fetched == 8);
  CHECK(haku::testing::SecondsSince(start) < 2.5);  // released, not timed out
}

TEST_CASE("Revalidation: ETag and Last-Modified; 304 keeps the body") {
  TestHttpServer server;
  const std::string kDate = "Mon, 02 Nov 2026 10:00:00 GMT";
  server.server().Get("/etag", [](const Request& req, Response& res) {
    res.set_header("ETag", "\"v1\"");
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_content("etag body", "text/plain");
  });
  server.server().Get("/dated", [&](const Request& req, Response& res) {
    res.set_header("Last-Modified", kDate);
    if (req.get_header_value("If-Modified-Since") == kDate) {
      res.status = 304;
      return;
    }
    res.set_content("dated body", "text/plain");
  });
  server.Start();
  StoreFixture fx;
  std::vector<std::string> urls = {server.Url("/etag"), server.Url("/dated")};
  CrawlSummary first = fx.Crawl(urls, FastOptions());
  CHECK(first.fetched == 2);
  CHECK(fx.Page(server.Url("/etag")).etag == "\"v1\"");
  CHECK(fx.Page(server.Url("/dated")).last_modified == kDate);

  CrawlSummary second = fx.Crawl(urls, FastOptions());  // max_age 0
  CHECK(second.not_modified == 2);
  CHECK(second.fetched == 0);
  StoredPage etag = fx.Page(server.Url("/etag"));
  CHECK(etag.state == FetchState::kOk);
  CHECK(etag.http_status == 304);
  CHECK(etag.body == "etag body");
  CHECK(fx.Page(server.Url("/dated")).body == "dated body");
  // Each crawl asks for robots.txt once, then the conditional requests.
  auto seen = server.seen();
  REQUIRE(seen.size() == 6);
  int conditional = 0;
  for (size_t i = 3; i < seen.size(); ++i) {
    const httplib::Headers& h = seen[i].headers;
    if (seen[i].path == "/etag") {
      CHECK(h.count("If-None-Match") == 1);
      ++conditional;
    } else if (seen[i].path == "/dated") {
      CHECK(h.count("If-Modified-Since") == 1);
      ++conditional;
    }
  }
  CHECK(conditional == 2);
}

TEST_CASE("max_age: a fresh stored page is not requested again") {
  TestHttpServer server;
  ServeText(server, "/page");
  server.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_age = std::chrono::seconds(3600);
  fx.Crawl({server.Url("/page")}, options);
  CrawlSummary again = fx.Crawl({server.Url("/page")}, options);
  CHECK(again.fresh == 1);
  CHECK(server.RequestsFor("/page") == 1);
  options.force_refetch = true;
  fx.Crawl({server.Url("/page")}, options);
  CHECK(server.RequestsFor("/page") == 2);
}

TEST_CASE("A failed re-fetch keeps the stored body") {
  TestHttpServer server;
  std::atomic<bool> fail{false};
  server.server().Get("/flaky", [&](const Request&, Response& res) {
    if (fail) {
      res.status = 404;
    } else {
      res.set_content("was here", "text/plain");
    }
  });
  server.Start();
  StoreFixture fx;
  fx.Crawl({server.Url("/flaky")}, FastOptions());
  fail = true;
  fx.Crawl({server.Url("/flaky")}, FastOptions());
  StoredPage page = fx.Page(server.Url("/flaky"));
  CHECK(page.state == FetchState::kNotFound);
  CHECK(page.body == "was here");
}

// Links in `body`: every href="...".
std::vector<std::string> Hrefs(const std::string& body) {
  static const std::regex kHref("href=\"([^\"]+)\"");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kHref);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

TEST_CASE("Depth: same-host links, each once, with depth and parent") {
  TestHttpServer site, other;
  auto html = [](std::string body) {
    return [body](const Request&, Response& res) {
      res.set_content(body, "text/html");
    };
  };
  site.server().Get("/", html("<a href=\"" + site.Url("/a") +
                              "\"></a>"
                              "<a href=\"" +
                              site.Url("/b") +
                              "\"></a>"
                              "<a href=\"" +
                              site.Url("/a") +
                              "\"></a>"
                              "<a href=\"" +
                              other.Url("/x") + "\"></a>"));
  site.server().Get("/a", html("<a href=\"" + site.Url("/c") +
                               "\"></a>"
                               "<a href=\"" +
                               site.Url("/") + "\"></a>"));
  site.server().Get("/b", html("no links"));
  site.server().Get("/c", html("deep"));
  ServeText(other, "/x");
  site.Start();
  other.Start();
  CrawlOptions options = FastOptions();
  options.extract_links = [](const StoredPage& page) {
    return Hrefs(page.body);
  };

  SUBCASE("depth 0 follows nothing") {
    StoreFixture fx;
    CrawlSummary summary = fx.Crawl({site.Url("/")}, options);
    CHECK(summary.discovered.empty());
    CHECK(site.RequestsFor("/a") == 0);
  }
  SUBCASE("depth 1") {
    options.depth = 1;
    StoreFixture fx;
    CrawlSummary summary = fx.Crawl({site.Url("/")}, options);
    CHECK(summary.discovered ==
          std::vector<std::string>{site.Url("/a"), site.Url("/b")});
    CHECK(summary.requested == 3);
    StoredPage a = fx.Page(site.Url("/a"));
    CHECK(a.depth == 1);
    CHECK(a.parent_url == site.Url("/"));
    CHECK(site.RequestsFor("/a") == 1);
    CHECK(site.RequestsFor("/c") == 0);
    CHECK(site.RequestsFor("/") == 1);
    CHECK(other.requests() == 0);
  }
  SUBCASE("depth 2 and the per-host page cap") {
    options.depth = 2;
    StoreFixture fx;
    fx.Crawl({site.Url("/")}, options);
    CHECK(fx.Page(site.Url("/c")).depth == 2);
    options.max_pages_per_host = 1;
    StoreFixture capped;
    CrawlSummary summary = capped.Crawl({site.Url("/")}, options);
    CHECK(summary.discovered.size() == 1);
  }
}

}  // namespace
}  // namespace haku::crawler
