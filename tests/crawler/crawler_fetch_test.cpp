// Crawler against loopback servers: statuses, redirects, limits, safety.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "indexer/crawler/crawler.h"
#include "indexer/crawler/sha256.h"
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
using std::chrono::seconds;

TEST_CASE("An HTML page and non-HTML types are stored with their metadata") {
  TestHttpServer server;
  server.server().Get("/page", [](const Request&, Response& res) {
    res.set_header("Content-Language", "fi");
    res.set_content("<html><title>Hei</title></html>",
                    "text/html; charset=ISO-8859-1");
  });
  const std::string png("\x89PNG\r\n\x1a\n\0\0binary", 16);
  server.server().Get("/image.png", [&](const Request&, Response& res) {
    res.set_content(png, "image/png");
  });
  server.server().Get("/doc.pdf", [](const Request&, Response& res) {
    res.set_content("%PDF-1.4 fake", "application/pdf");
  });
  server.Start();
  StoreFixture fx;
  CrawlSummary summary = fx.Crawl(
      {server.Url("/page"), server.Url("/image.png"), server.Url("/doc.pdf")},
      FastOptions());
  CHECK(summary.requested == 3);
  CHECK(summary.fetched == 3);
  CHECK(summary.failed == 0);

  StoredPage page = fx.Page(server.Url("/page"));
  CHECK(page.state == FetchState::kOk);
  CHECK(page.http_status == 200);
  CHECK(page.body == "<html><title>Hei</title></html>");
  CHECK(page.content_type == "text/html");
  CHECK(page.charset == "iso-8859-1");
  CHECK(page.content_language == "fi");
  CHECK(page.final_url == server.Url("/page"));
  CHECK(page.redirects.empty());
  CHECK(page.content_hash == Sha256Hex(page.body));
  CHECK(page.fetched_at > 0);

  StoredPage image = fx.Page(server.Url("/image.png"));
  CHECK(image.content_type == "image/png");
  CHECK(image.body == png);
  CHECK(fx.Page(server.Url("/doc.pdf")).content_type == "application/pdf");

  for (const auto& seen : server.seen()) {
    auto ua = seen.headers.find("User-Agent");
    REQUIRE(ua != seen.headers.end());
    CHECK(ua->second == CrawlOptions().user_agent);
  }
}

TEST_CASE("Redirect chains across hosts are followed and every hop kept") {
  TestHttpServer a, b;
  a.server().Get("/start", [&](const Request&, Response& res) {
    res.set_redirect("/middle", 302);  // relative Location
  });
  a.server().Get("/middle", [&](const Request&, Response& res) {
    res.set_redirect(b.Url("/final"), 301);
  });
  a.server().Get("/perm", [&](const Request&, Response& res) {
    res.set_redirect(b.Url("/final"), 308);
  });
  b.server().Get("/final", [](const Request&, Response& res) {
    res.set_content("arrived", "text/plain");
  });
  a.Start();
  b.Start();
  StoreFixture fx;
  fx.Crawl({a.Url("/start"), a.Url("/perm")}, FastOptions());
  StoredPage page = fx.Page(a.Url("/start"));
  CHECK(page.state == FetchState::kOk);
  CHECK(page.body == "arrived");
  CHECK(page.final_url == b.Url("/final"));
  CHECK(page.redirects ==
        std::vector<std::string>{a.Url("/middle"), b.Url("/final")});
  CHECK_FALSE(page.permanent_redirect);
  StoredPage perm = fx.Page(a.Url("/perm"));
  CHECK(perm.state == FetchState::kOk);
  CHECK(perm.permanent_redirect);
  CHECK(b.RequestsFor("/robots.txt") == 1);  // the new host's robots.txt
}

TEST_CASE("Redirect loops and long chains stop") {
  TestHttpServer server;
  server.server().Get("/loop-a", [](const Request&, Response& res) {
    res.set_redirect("/loop-b", 302);
  });
  server.server().Get("/loop-b", [](const Request&, Response& res) {
    res.set_redirect("/loop-a", 302);
  });
  server.server().Get(R"(/hop/(\d+))", [](const Request& req, Response& res) {
    res.set_redirect("/hop/" + std::to_string(std::stoi(req.matches[1]) + 1),
                     301);
  });
  server.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_redirects = 5;
  CrawlSummary summary =
      fx.Crawl({server.Url("/loop-a"), server.Url("/hop/0")}, options);
  CHECK(summary.failed == 2);
  StoredPage loop = fx.Page(server.Url("/loop-a"));
  CHECK(loop.state == FetchState::kTooManyRedirects);
  CHECK(loop.error.find("loop") != std::string::npos);
  CHECK(server.RequestsFor("/loop-a") == 1);
  CHECK(server.RequestsFor("/loop-b") == 1);
  StoredPage chain = fx.Page(server.Url("/hop/0"));
  CHECK(chain.state == FetchState::kTooManyRedirects);
  CHECK(chain.redirects.size() == 6);
  CHECK(server.RequestsFor("/hop/5") == 1);
  CHECK(server.RequestsFor("/hop/6") == 0);
}

TEST_CASE("A redirect to file:// is refused and recorded") {
  TestHttpServer server;
  server.server().Get("/to-file", [](const Request&, Response& res) {
    res.set_redirect("file:///etc/passwd", 302);
  });
  server.Start();
  StoreFixture fx;
  CrawlSummary summary = fx.Crawl({server.Url("/to-file")}, FastOptions());
  CHECK(summary.blocked == 1);
  StoredPage page = fx.Page(server.Url("/to-file"));
  CHECK(page.state == FetchState::kRefusedScheme);
  CHECK(page.redirects == std::vector<std::string>{"file:///etc/passwd"});
  CHECK(page.body.empty());
}

TEST_CASE("Non-http(s) URLs are refused without a request") {
  StoreFixture fx;
  fx.Crawl({"ftp://127.0.0.1:1/x", "file:///etc/passwd"}, FastOptions());
  CHECK(fx.Page("ftp://127.0.0.1:1/x").state == FetchState::kRefusedScheme);
  CHECK(fx.Page("file:///etc/passwd").state == FetchState::kRefusedScheme);
}

TEST_CASE("Loopback is refused by default, before any request") {
  TestHttpServer server;
  server.server().Get("/", [](const Request&, Response& res) {
    res.set_content("secret", "text/plain");
  });
  server.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.allow_private = false;
  CrawlSummary summary = fx.Crawl({server.Url("/")}, options);
  CHECK(summary.blocked == 1);
  StoredPage page = fx.Page(server.Url("/"));
  CHECK(page.state == FetchState::kRefusedPrivate);
  CHECK(page.error.find("127.0.0.1") != std::string::npos);
  CHECK(server.requests() == 0);
}

TEST_CASE("A redirect into a private address is refused on that hop") {
  TestHttpServer outside;  // 127.0.0.1, allowed explicitly below
  TestHttpServer inside("::1");
  inside.server().Get("/latest/meta-data", [](const Request&, Response& res) {
    res.set_content("credentials", "text/plain");
  });
  outside.server().Get("/go", [&](const Request&, Response& res) {
    res.set_redirect(inside.Url("/latest/meta-data"), 302);
  });
  outside.Start();
  inside.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.allow_private = false;
  options.allowed_addresses = {"127.0.0.1"};
  fx.Crawl({outside.Url("/go")}, options);
  StoredPage page = fx.Page(outside.Url("/go"));
  CHECK(page.state == FetchState::kRefusedPrivate);
  CHECK(page.redirects ==
        std::vector<std::string>{inside.Url("/latest/meta-data")});
  CHECK(outside.RequestsFor("/go") == 1);
  CHECK(inside.requests() == 0);
}

TEST_CASE("HTTP errors: 404, 410, 403 final; 500 retried then given up") {
  TestHttpServer server;
  server.server().Get("/missing",
                      [](const Request&, Response& res) { res.status = 404; });
  server.server().Get("/gone",
                      [](const Request&, Response& res) { res.status = 410; });
  server.server().Get("/forbidden",
                      [](const Request&, Response& res) { res.status = 403; });
  server.server().Get("/broken",
                      [](const Request&, Response& res) { res.status = 500; });
  server.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_retries = 2;
  CrawlSummary summary =
      fx.Crawl({server.Url("/missing"), server.Url("/gone"),
                server.Url("/forbidden"), server.Url("/broken")},
               options);
  CHECK(summary.failed == 4);
  CHECK(fx.Page(server.Url("/missing")).state == FetchState::kNotFound);
  CHECK(fx.Page(server.Url("/gone")).state == FetchState::kGone);
  StoredPage forbidden = fx.Page(server.Url("/forbidden"));
  CHECK(forbidden.state == FetchState::kClientError);
  CHECK(forbidden.http_status == 403);
  StoredPage broken = fx.Page(server.Url("/broken"));
  CHECK(broken.state == FetchState::kServerError);
  CHECK(broken.http_status == 500);
  CHECK(server.RequestsFor("/missing") == 1);
  CHECK(server.RequestsFor("/gone") == 1);
  CHECK(server.RequestsFor("/forbidden") == 1);
  CHECK(server.RequestsFor("/broken") == 3);
}

TEST_CASE("503 and 429 are retried; Retry-After is honoured") {
  TestHttpServer server;
  int unavailable = 0, limited = 0;  // handler-thread counters, read after
  std::vector<std::chrono::steady_clock::time_point> limited_at;
  std::mutex mu;
  server.server().Get("/unavailable", [&](const Request&, Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    if (++unavailable < 3) {
      res.status = 503;
    } else {
      res.set_content("back", "text/plain");
    }
  });
  server.server().Get("/limited", [&](const Request&, Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    limited_at.push_back(std::chrono::steady_clock::now());
    if (++limited == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    } else {
      res.set_content("ok now", "text/plain");
    }
  });
  server.server().Get("/too-long", [&](const Request&, Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "3600");
  });
  server.Start();
  StoreFixture fx;
  fx.Crawl({server.Url("/unavailable"), server.Url("/limited"),
            server.Url("/too-long")},
           FastOptions());
  StoredPage back = fx.Page(server.Url("/unavailable"));
  CHECK(back.state == FetchState::kOk);
  CHECK(back.body == "back");
  CHECK(server.RequestsFor("/unavailable") == 3);
  StoredPage ok = fx.Page(server.Url("/limited"));
  CHECK(ok.state == FetchState::kOk);
  REQUIRE(limited_at.size() == 2);
  CHECK(limited_at[1] - limited_at[0] >= milliseconds(950));
  // A Retry-After beyond max_retry_wait: not asked again.
  StoredPage too_long = fx.Page(server.Url("/too-long"));
  CHECK(too_long.state == FetchState::kServerError);
  CHECK(server.RequestsFor("/too-long") == 1);
}

TEST_CASE("A response slower than the timeout is a timeout") {
  TestHttpServer server;
  server.server().Get("/slow", [&](const Request&, Response& res) {
    server.WaitForRelease(milliseconds(5000));
    res.set_content("late", "text/plain");
  });
  server.Start();
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.total_timeout = seconds(1);
  auto start = std::chrono::steady_clock::now();
  fx.Crawl({server.Url("/slow")}, options);
  CHECK(haku::testing::SecondsSince(start) < 3.0);
  StoredPage page = fx.Page(server.Url("/slow"));
  CHECK(page.state == FetchState::kTimeout);
  CHECK(server.RequestsFor("/slow") == 1);  // timeouts are not retried
}

TEST_CASE("Bodies over the cap, gzip bombs included, stop at the cap") {
  TestHttpServer server;
  server.server().Get("/big", [](const Request&, Response& res) {
    res.set_content(std::string(50000, 'b'), "application/octet-stream");
  });
  const std::string bomb = haku::testing::Gzip(std::string(64 << 20, '\0'));
  const std::string small = haku::testing::Gzip("small and gzipped");
  server.server().Get("/bomb", [&](const Request&, Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(bomb, "application/octet-stream");
  });
  server.server().Get("/small.gz", [&](const Request&, Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(small, "application/octet-stream");
  });
  server.server().Get("/text", [](const Request&, Response& res) {
    res.set_content(std::string(20000, 't'),
                    "text/plain");  // compressed by httplib
  });
  server.Start();
  REQUIRE(bomb.size() < 100000);
  StoreFixture fx;
  CrawlOptions options = FastOptions();
  options.max_body_bytes = 30000;
  fx.Crawl({server.Url("/big"), server.Url("/bomb"), server.Url("/small.gz"),
            server.Url("/text")},
           options);
  CHECK(fx.Page(server.Url("/big")).state == FetchState::kTooLarge);
  StoredPage bombed = fx.Page(server.Url("/bomb"));
  CHECK(bombed.state == FetchState::kTooLarge);
  CHECK(bombed.body.empty());
  StoredPage gz = fx.Page(server.Url("/small.gz"));
  CHECK(gz.state == FetchState::kOk);
  CHECK(gz.body == "small and gzipped");
  CHECK(fx.Page(server.Url("/text")).body == std::string(20000, 't'));
  for (const auto& seen : server.seen()) {
    if (seen.path != "/text") continue;
    std::string accept = seen.headers.find("Accept-Encoding")->second;
    CHECK(accept.find("gzip") != std::string::npos);
    CHECK(accept.find("br") != std::string::npos);
  }
}

TEST_CASE("DNS failure is immediate and final; refused ports are reported") {
  std::vector<std::string> urls;
  for (int i = 0; i < 100; ++i) {
    urls.push_back("http://host" + std::to_string(i) + ".haku-test.invalid/");
  }
  int closed_port = haku::testing::UnusedLoopbackPort();
  std::string refused = "http://127.0.0.1:" + std::to_string(closed_port) + "/";
  urls.push_back(refused);
  StoreFixture fx;
  auto start = std::chrono::steady_clock::now();
  CrawlSummary summary = fx.Crawl(urls, FastOptions());
  CHECK(haku::testing::SecondsSince(start) < 5.0);
  CHECK(summary.failed == 101);
  StoredPage dns = fx.Page(urls[0]);
  CHECK(dns.state == FetchState::kDnsFailure);
  CHECK(fx.Page(refused).state == FetchState::kConnectFailure);
}

// A store whose writes fail: Crawl() must report it.
class FailingStore final : public CrawlStore {
 public:
  Result<std::optional<StoredPage>> Get(std::string_view) override {
    return std::optional<StoredPage>();
  }
  Result<std::optional<StoredPage>> GetMeta(std::string_view) override {
    return std::optional<StoredPage>();
  }
  Status Put(const StoredPage&) override {
    return Status::IOError("crawl.db: fake error");
  }
  Status Remove(std::string_view) override { return Status::OK(); }
  Result<std::optional<std::string>> GetDerived(std::string_view, std::string_view) override {
    return std::optional<std::string>();
  }
  Status PutDerived(std::string_view, std::string_view, std::string_view) override {
    return Status::OK();
  }
  Result<std::vector<std::string>> Urls() override {
    return std::vector<std::string>();
  }
  Status Begin() override { return Status::OK(); }
  Status Commit() override { return Status::OK(); }
  Status Rollback() override { return Status::OK(); }
};

TEST_CASE("Crawl fails when the store fails") {
  FailingStore store;
  auto summary = Crawl({"http://x.invalid/"}, store, FastOptions());
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.status().message() == "crawl.db: fake error");
}

}  // namespace
}  // namespace haku::crawler
