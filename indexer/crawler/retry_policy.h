// indexer/crawler/retry_policy.h -- when and how long to wait before
// asking again.
//
// 429 and 5xx are retried with exponential backoff (base, 2 base, 4 base,
// ...), or after the server's Retry-After, bounded in count, in one wait and
// in total; everything else (DNS failure, 4xx, timeouts) is final. Plain
// functions of their arguments, thread-safe.
#ifndef HAKU_INDEXER_CRAWLER_RETRY_POLICY_H_
#define HAKU_INDEXER_CRAWLER_RETRY_POLICY_H_

#include <chrono>
#include <optional>

namespace haku::crawler {

struct RetryPolicy {
  int max_retries = 3;                           // retries, not attempts
  std::chrono::milliseconds base_delay{1000};    // first backoff
  std::chrono::milliseconds max_wait{60'000};    // one wait
  std::chrono::milliseconds max_total{120'000};  // all waits of one URL
};

// True for 429 and 5xx.
bool IsRetryableStatus(long http_status);

// The wait before retry number `retry` (1 for the first), given the
// server's Retry-After (if any) and what was waited so far; nullopt means
// give up (out of retries, or the wait would exceed a bound: a Retry-After
// longer than max_wait is honoured by not asking again).
std::optional<std::chrono::milliseconds> RetryDelay(
    const RetryPolicy& policy, int retry,
    std::optional<std::chrono::seconds> retry_after,
    std::chrono::milliseconds waited);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_RETRY_POLICY_H_
