// indexer/crawler/hop_outcome_internal.h -- what the crawler does after one
// hop: store a final state, follow a redirect, or retry later.
#ifndef HAKU_INDEXER_CRAWLER_HOP_OUTCOME_INTERNAL_H_
#define HAKU_INDEXER_CRAWLER_HOP_OUTCOME_INTERNAL_H_

#include <string>

#include "indexer/crawler/crawl_store.h"
#include "indexer/crawler/transfer_internal.h"

namespace haku::crawler {

struct HopOutcome {
  enum class Next { kDone, kRedirect, kRetry };
  Next next = Next::kDone;
  FetchState state = FetchState::kError;  // final state (when giving up, too)
  std::string error;                      // one line, empty when kOk
};

// Classifies `response`. `truncate_ok`: a body cut at the cap is fine
// (robots.txt). `has_stored_copy`: a 304 can reuse a stored body.
HopOutcome ClassifyHop(const HopResponse& response, bool truncate_ok,
                       bool has_stored_copy);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_HOP_OUTCOME_INTERNAL_H_
