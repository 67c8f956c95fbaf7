// tests/crawler/crawl_test_util.h -- helpers for crawler tests against
// loopback servers.
#ifndef HAKU_TESTS_CRAWLER_CRAWL_TEST_UTIL_H_
#define HAKU_TESTS_CRAWLER_CRAWL_TEST_UTIL_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "indexer/crawler/crawl_store.h"
#include "indexer/crawler/crawler.h"
#include "tests/test_util.h"

namespace haku::testing {

// Fast options for tests: private addresses allowed (the servers are on
// loopback), no politeness gap, timeouts of a second or two, short backoff.
crawler::CrawlOptions FastOptions();

// A crawl store in a fresh temporary directory.
class StoreFixture {
 public:
  StoreFixture();
  crawler::CrawlStore& store() { return *store_; }
  // Crawls `urls`; fails the test when Crawl() fails.
  crawler::CrawlSummary Crawl(const std::vector<std::string>& urls,
                              const crawler::CrawlOptions& options);
  // The stored row for `url`; fails the test when there is none.
  crawler::StoredPage Page(const std::string& url);

 private:
  TempDir dir_;
  std::unique_ptr<crawler::CrawlStore> store_;
};

// `data` compressed as one gzip member (zlib).
std::string Gzip(const std::string& data);

// A 127.0.0.1 port nobody listens on (bound, then closed).
int UnusedLoopbackPort();

// Seconds since `start`.
double SecondsSince(std::chrono::steady_clock::time_point start);

}  // namespace haku::testing

#endif  // HAKU_TESTS_CRAWLER_CRAWL_TEST_UTIL_H_
