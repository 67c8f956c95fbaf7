// indexer/crawler/crawler.h -- fetch a set of URLs politely and concurrently.
//
// Crawl() runs one libcurl multi loop on the calling thread: total and
// per-host concurrency limits, a minimum gap between requests to one host
// (raised by robots.txt Crawl-delay), robots.txt per RFC 9309, retries with
// backoff, redirects checked hop by hop, a body cap on decoded bytes, and
// refusal of private addresses unless allowed. Every outcome is written to
// the CrawlStore; Crawl() fails only when the store itself fails.
//
// How URLs are treated:
// - Each distinct URL is fetched at most once per crawl. A stored kOk row
//   younger than max_age is reused without any request ("fresh"); an older
//   one is re-fetched with If-None-Match / If-Modified-Since, and a 304
//   keeps the stored body.
// - robots.txt is fetched once per scheme://host:port and cached for the
//   crawl. 2xx: its rules apply (for the product token of user_agent). 4xx
//   (but 429): everything allowed. 429/5xx after retries, or a redirect
//   chain that fails: everything disallowed (kRobotsBlocked). When the host
//   itself cannot be reached (DNS, connect, TLS, timeout, refused address),
//   its pages get that state without being tried again.
// - A failed re-fetch keeps the previous body and validators in the row;
//   `state` always tells the last attempt.
// - Hosts under ".invalid" (RFC 6761) fail as kDnsFailure without a lookup.
// - Environment proxy variables are ignored: the address check must judge
//   the address actually connected to.
// Not thread-safe with respect to `store`; Crawl() itself uses no threads
// beyond libcurl's resolver threads.
#ifndef HAKU_INDEXER_CRAWLER_CRAWLER_H_
#define HAKU_INDEXER_CRAWLER_CRAWLER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "indexer/crawler/crawl_store.h"

namespace haku::crawler {

struct CrawlOptions {
  int max_connections = 16;  // in flight over all hosts
  int max_per_host = 2;      // in flight to one host
  // Minimum gap between request starts to one host.
  std::chrono::milliseconds per_host_delay{1000};
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{30};
  long low_speed_bytes_per_s = 100;         // abort when slower than this ...
  std::chrono::seconds low_speed_time{15};  // ... for this long
  size_t max_body_bytes = 10u << 20;  // decoded bytes; larger is kTooLarge
  int max_redirects = 5;
  int max_retries = 3;                      // for 429 and 5xx
  std::chrono::seconds max_retry_wait{60};  // cap on one backoff / Retry-After
  std::string user_agent = "haku/0.1 (+https://github.com/haku-search/haku)";
  bool allow_private = false;  // allow loopback/private targets (tests)
  // Numeric addresses ("127.0.0.1") allowed even when allow_private is
  // false, e.g. a local mirror; empty by default.
  std::vector<std::string> allowed_addresses;
  std::chrono::milliseconds retry_base_delay{1000};  // first backoff; doubles
  std::chrono::seconds max_retry_total{120};         // all waits for one URL
  std::chrono::seconds max_crawl_delay{30};  // cap on robots.txt Crawl-delay
  int depth = 0;                 // follow same-host links this many hops
  int max_pages_per_host = 100;  // cap for pages found by depth crawling
  // Stored kOk pages younger than this are reused as is.
  std::chrono::seconds max_age{24 * 3600};
  bool force_refetch = false;  // ignore max_age (still conditional)
  bool progress = false;       // live progress line on stderr
  // Given an HTML page just fetched, the absolute URLs it links to. Set by
  // the caller (the CLI wires the extractor); unset means no depth crawling.
  std::function<std::vector<std::string>(const StoredPage&)> extract_links;
};

struct CrawlSummary {
  int requested = 0;     // URLs given + found by depth
  int fetched = 0;       // new bodies stored (2xx)
  int not_modified = 0;  // 304, stored copy reused
  int fresh = 0;         // younger than max_age, not requested at all
  int failed = 0;        // broken states
  int blocked = 0;       // robots.txt or refused
  std::vector<std::string> discovered;  // URLs found by depth crawling
};

Result<CrawlSummary> Crawl(const std::vector<std::string>& urls,
                           CrawlStore& store, const CrawlOptions& options);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_CRAWLER_H_
