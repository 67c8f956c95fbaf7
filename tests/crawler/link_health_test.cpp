// Tests for indexer/crawler/link_health.h.
#include "indexer/crawler/link_health.h"

#include <doctest/doctest.h>

namespace haku::crawler {
namespace {

TEST_CASE("DescribeLink and LinkStateLabel") {
  StoredPage page;
  page.url = "http://a.example/";
  page.state = FetchState::kOk;
  page.http_status = 200;
  page.final_url = page.url;
  LinkStatus ok = DescribeLink(page);
  CHECK(LinkStateLabel(ok) == "ok");
  CHECK_FALSE(ok.broken);
  CHECK(ok.final_url.empty());

  page.redirects = {"https://a.example/"};
  page.final_url = "https://a.example/";
  page.permanent_redirect = true;
  LinkStatus moved = DescribeLink(page);
  CHECK(LinkStateLabel(moved) == "redirected");
  CHECK(moved.final_url == "https://a.example/");
  CHECK(moved.permanent);

  const std::pair<FetchState, const char*> labels[] = {
      {FetchState::kNotFound, "not found"},
      {FetchState::kGone, "gone"},
      {FetchState::kServerError, "server error"},
      {FetchState::kTimeout, "timeout"},
      {FetchState::kDnsFailure, "DNS failure"},
      {FetchState::kTlsError, "TLS error"},
      {FetchState::kRobotsBlocked, "blocked by robots.txt"},
      {FetchState::kRefusedPrivate, "refused"},
      {FetchState::kRefusedScheme, "refused"},
  };
  for (const auto& [state, label] : labels) {
    page.state = state;
    CHECK(LinkStateLabel(DescribeLink(page)) == label);
  }
  page.state = FetchState::kNotFound;
  CHECK(DescribeLink(page).broken);
}

}  // namespace
}  // namespace haku::crawler
