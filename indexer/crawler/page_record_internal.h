// indexer/crawler/page_record_internal.h -- the store row for a finished
// fetch, from the hop that ended it and the row it replaces.
#ifndef HAKU_INDEXER_CRAWLER_PAGE_RECORD_INTERNAL_H_
#define HAKU_INDEXER_CRAWLER_PAGE_RECORD_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "indexer/crawler/crawl_store.h"
#include "indexer/crawler/hop_outcome_internal.h"
#include "indexer/crawler/transfer_internal.h"

namespace haku::crawler {

// Where a fetch went: the URL, its hops, its place in a depth crawl.
struct FetchPath {
  std::string url;                     // as requested; the store key
  std::string final_url;               // the last hop tried
  std::vector<std::string> redirects;  // every hop after `url`
  bool all_permanent = true;           // every hop was 301/308
  int depth = 0;
  std::string parent_url;
};

// The row to store. kOk with a 2xx takes the new body and metadata; kOk on
// a 304 keeps `previous`'s body, updating validators the server resent; any
// other state keeps `previous`'s body and validators (if any) and records
// the failure. `response` may be null when nothing was fetched (robots.txt
// said no, the host was unreachable).
StoredPage MakeRecord(const FetchPath& path, const HopOutcome& outcome,
                      const HopResponse* response,
                      const std::optional<StoredPage>& previous,
                      int64_t now_unix);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_PAGE_RECORD_INTERNAL_H_
