// indexer/crawler/crawl_store.h -- what the crawler fetched, kept on disk.
//
// A CrawlStore is one SQLite database (WAL mode) holding one row per URL:
// the state of the last fetch, HTTP metadata and the response body
// (compressed). A re-index reads bodies from here and never re-downloads.
// Beside the rows it keeps what was derived from them (GetDerived): a
// cache, checked against what it was derived from, that can be dropped.
// A CrawlStore is not thread-safe: use it from one thread (the crawler's
// event loop, or the indexer). Several processes may open the same file;
// SQLite's locking keeps it consistent, and a killed writer loses at most
// its open transaction.
#ifndef HAKU_INDEXER_CRAWLER_CRAWL_STORE_H_
#define HAKU_INDEXER_CRAWLER_CRAWL_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace haku::crawler {

// Outcome of the last attempt to fetch a URL. Stable names (FetchStateName)
// are part of `haku links --json`.
enum class FetchState {
  kNotFetched,        // listed, never attempted (e.g. offline run skipped it)
  kOk,                // 2xx, body stored
  kNotFound,          // 404
  kGone,              // 410
  kClientError,       // other 4xx
  kServerError,       // 5xx after retries
  kTimeout,           // connect/total/low-speed timeout
  kDnsFailure,        // name did not resolve
  kConnectFailure,    // refused / unreachable
  kTlsError,          // certificate or handshake failure
  kRobotsBlocked,     // disallowed by robots.txt, never fetched
  kRefusedPrivate,    // resolved to loopback/private/link-local/multicast
  kRefusedScheme,     // not http(s), on any hop
  kTooManyRedirects,  // more than max_redirects hops, or a loop
  kTooLarge,          // body (decoded) over max_body_bytes
  kError,             // anything else; see `error`
};
std::string_view FetchStateName(FetchState state);  // "ok", "not_found", ...
std::optional<FetchState> FetchStateFromName(std::string_view name);
// True for states where the listed link is broken for a reader.
bool IsBroken(FetchState state);

struct StoredPage {
  std::string url;  // normalised URL as requested; the key
  FetchState state = FetchState::kNotFetched;
  int http_status = 0;                 // last HTTP status seen (final hop)
  std::string final_url;               // after redirects
  std::vector<std::string> redirects;  // every hop after `url`, in order
  bool permanent_redirect = false;     // every hop was 301/308
  std::string content_type;            // media type, lower case, no params
  std::string charset;                 // charset parameter of Content-Type
  std::string content_language;        // Content-Language header
  std::string etag;
  std::string last_modified;
  int64_t fetched_at = 0;    // unix seconds of the last attempt
  std::string content_hash;  // hex digest of `body`
  std::string error;         // one line, empty when ok
  std::string body;          // decoded bytes (stored compressed)
  int depth = 0;             // 0 = listed; N = N hops from a listed page
  std::string parent_url;    // for depth > 0: the page linking here
};

class CrawlStore {
 public:
  // Opens or creates the store at `path` (parent directory must exist).
  // IOError when the file cannot be opened, Corruption when it is not a
  // crawl store of a format this build reads.
  static Result<std::unique_ptr<CrawlStore>> Open(const std::string& path);
  virtual ~CrawlStore() = default;

  // The row for `url`, nullopt when there is none.
  virtual Result<std::optional<StoredPage>> Get(std::string_view url) = 0;
  // Same, without decompressing the body (body left empty).
  virtual Result<std::optional<StoredPage>> GetMeta(std::string_view url) = 0;
  // Inserts or replaces the row for page.url.
  virtual Status Put(const StoredPage& page) = 0;
  virtual Status Remove(std::string_view url) = 0;
  // Every URL in the store, sorted.
  virtual Result<std::vector<std::string>> Urls() = 0;
  // Data derived from a row and kept so that it need not be derived again
  // (the extractor's output, for a rebuild): the value stored for `url`
  // under exactly `key`, which names what it was derived from (the body's
  // hash, the deriving code's version); nullopt when there is none or it
  // was derived from something else. Remove() drops it with the row. A
  // store opened read-only before it had the table keeps nothing: nullopt,
  // and PutDerived fails.
  virtual Result<std::optional<std::string>> GetDerived(std::string_view url,
                                                        std::string_view key) = 0;
  virtual Status PutDerived(std::string_view url, std::string_view key,
                            std::string_view data) = 0;
  // Groups writes: Put() calls between Begin and Commit are one transaction.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;  // drops what was written since Begin
};

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_CRAWL_STORE_H_
