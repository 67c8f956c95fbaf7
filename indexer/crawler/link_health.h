// indexer/crawler/link_health.h -- what `haku links` says about one listed
// link, from its crawl store row.
//
// Plain functions of their arguments, thread-safe.
#ifndef HAKU_INDEXER_CRAWLER_LINK_HEALTH_H_
#define HAKU_INDEXER_CRAWLER_LINK_HEALTH_H_

#include <string>
#include <string_view>

#include "indexer/crawler/crawl_store.h"

namespace haku::crawler {

struct LinkStatus {
  std::string url;
  FetchState state = FetchState::kNotFetched;
  int http_status = 0;
  std::string final_url;    // where redirects ended; empty when none
  bool redirected = false;  // reached through at least one redirect
  bool permanent = false;   // every redirect was 301/308
  bool broken = false;      // IsBroken(state)
  std::string error;        // one line, empty when ok
};

LinkStatus DescribeLink(const StoredPage& page);

// The words shown to a person: "ok", "redirected", "not found", "gone",
// "client error", "server error", "timeout", "DNS failure", "connection
// failed", "TLS error", "blocked by robots.txt", "refused", "too many
// redirects", "too large", "not checked", "error".
std::string_view LinkStateLabel(const LinkStatus& link);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_LINK_HEALTH_H_
