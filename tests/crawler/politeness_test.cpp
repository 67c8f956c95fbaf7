// Tests for indexer/crawler/host_limits.h and retry_policy.h.
#include <doctest/doctest.h>

#include <chrono>

#include "indexer/crawler/host_limits.h"
#include "indexer/crawler/retry_policy.h"

namespace haku::crawler {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("HostLimits: in-flight cap and gap between starts") {
  HostLimits limits(2, milliseconds(100));
  HostLimits::Clock::time_point t0{seconds(1000)};
  CHECK(limits.CanStart(t0));
  limits.OnStart(t0);
  CHECK_FALSE(limits.CanStart(t0 + milliseconds(99)));
  CHECK(limits.CanStart(t0 + milliseconds(100)));
  limits.OnStart(t0 + milliseconds(100));
  CHECK_FALSE(limits.CanStart(t0 + milliseconds(500)));  // two in flight
  limits.OnFinish();
  CHECK(limits.CanStart(t0 + milliseconds(500)));
}

TEST_CASE("HostLimits: Crawl-delay raises the gap, Retry-After defers") {
  HostLimits limits(2, milliseconds(0));
  HostLimits::Clock::time_point t0{seconds(1000)};
  limits.RaiseGap(milliseconds(2000));
  limits.RaiseGap(milliseconds(10));  // never lowers
  CHECK(limits.min_gap() == milliseconds(2000));
  limits.OnStart(t0);
  limits.OnFinish();
  CHECK_FALSE(limits.CanStart(t0 + milliseconds(1999)));
  CHECK(limits.CanStart(t0 + milliseconds(2000)));
  limits.DeferUntil(t0 + seconds(5));
  CHECK_FALSE(limits.CanStart(t0 + seconds(4)));
  CHECK(limits.CanStart(t0 + seconds(5)));
}

TEST_CASE("RetryDelay: exponential, Retry-After, bounded") {
  RetryPolicy policy{3, milliseconds(100), milliseconds(1000),
                     milliseconds(1500)};
  CHECK(RetryDelay(policy, 1, {}, milliseconds(0)) == milliseconds(100));
  CHECK(RetryDelay(policy, 2, {}, milliseconds(100)) == milliseconds(200));
  CHECK(RetryDelay(policy, 3, {}, milliseconds(300)) == milliseconds(400));
  CHECK_FALSE(RetryDelay(policy, 4, {}, milliseconds(700)).has_value());
  CHECK(RetryDelay(policy, 1, seconds(1), milliseconds(0)) ==
        milliseconds(1000));
  CHECK_FALSE(RetryDelay(policy, 1, seconds(2), milliseconds(0)).has_value());
  CHECK_FALSE(
      RetryDelay(policy, 2, seconds(1), milliseconds(1000)).has_value());
  CHECK(IsRetryableStatus(429));
  CHECK(IsRetryableStatus(503));
  CHECK_FALSE(IsRetryableStatus(404));
  CHECK_FALSE(IsRetryableStatus(200));
}

}  // namespace
}  // namespace haku::crawler
