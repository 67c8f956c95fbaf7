// indexer/crawler/retry_policy.cpp -- bounded exponential backoff.
#include "indexer/crawler/retry_policy.h"

#include <algorithm>

namespace haku::crawler {

bool IsRetryableStatus(long http_status) {
  return http_status == 429 || (http_status >= 500 && http_status <= 599);
}

std::optional<std::chrono::milliseconds> RetryDelay(
    const RetryPolicy& policy, int retry,
    std::optional<std::chrono::seconds> retry_after,
    std::chrono::milliseconds waited) {
  if (retry < 1 || retry > policy.max_retries) return std::nullopt;
  std::chrono::milliseconds delay;
  if (retry_after) {
    delay = *retry_after;
    if (delay > policy.max_wait) return std::nullopt;
  } else {
    int shift = std::min(retry - 1, 20);
    delay =
        std::min(policy.base_delay * (int64_t{1} << shift), policy.max_wait);
  }
  if (waited + delay > policy.max_total) return std::nullopt;
  return delay;
}

}  // namespace haku::crawler
