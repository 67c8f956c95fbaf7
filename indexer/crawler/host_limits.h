// indexer/crawler/host_limits.h -- politeness towards one host.
//
// HostLimits tracks the requests in flight to one host and when the next
// one may start: at most `max_in_flight` at once and at least `min_gap`
// between request starts (raised by Crawl-delay, pushed back by
// Retry-After). A plain value used from the crawler's loop thread only.
#ifndef HAKU_INDEXER_CRAWLER_HOST_LIMITS_H_
#define HAKU_INDEXER_CRAWLER_HOST_LIMITS_H_

#include <chrono>

namespace haku::crawler {

class HostLimits {
 public:
  using Clock = std::chrono::steady_clock;

  HostLimits(int max_in_flight, std::chrono::milliseconds min_gap)
      : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight),
        min_gap_(min_gap) {}

  // True when a request may start at `now`.
  bool CanStart(Clock::time_point now) const {
    return HasCapacity() && now >= next_start_;
  }
  bool HasCapacity() const { return in_flight_ < max_in_flight_; }
  // The earliest time the gap allows the next start.
  Clock::time_point NextStart() const { return next_start_; }
  int in_flight() const { return in_flight_; }
  std::chrono::milliseconds min_gap() const { return min_gap_; }

  void OnStart(Clock::time_point now);
  void OnFinish() { --in_flight_; }
  // Raises the gap (never lowers it), e.g. to a robots.txt Crawl-delay.
  void RaiseGap(std::chrono::milliseconds gap);
  // No start before `until` (Retry-After).
  void DeferUntil(Clock::time_point until);

 private:
  int max_in_flight_;
  std::chrono::milliseconds min_gap_;
  int in_flight_ = 0;
  Clock::time_point next_start_{};
};

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_HOST_LIMITS_H_
