// indexer/crawler/host_limits.cpp -- politeness towards one host.
#include "indexer/crawler/host_limits.h"

#include <algorithm>

namespace haku::crawler {

void HostLimits::OnStart(Clock::time_point now) {
  ++in_flight_;
  next_start_ = std::max(next_start_, now + min_gap_);
}

void HostLimits::RaiseGap(std::chrono::milliseconds gap) {
  if (gap <= min_gap_) return;
  next_start_ += gap - min_gap_;
  min_gap_ = gap;
}

void HostLimits::DeferUntil(Clock::time_point until) {
  next_start_ = std::max(next_start_, until);
}

}  // namespace haku::crawler
