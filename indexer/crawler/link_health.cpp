// indexer/crawler/link_health.cpp -- crawl store rows as link reports.
#include "indexer/crawler/link_health.h"

namespace haku::crawler {

LinkStatus DescribeLink(const StoredPage& page) {
  LinkStatus link;
  link.url = page.url;
  link.state = page.state;
  link.http_status = page.http_status;
  link.redirected = !page.redirects.empty();
  if (link.redirected) link.final_url = page.final_url;
  link.permanent = link.redirected && page.permanent_redirect;
  link.broken = IsBroken(page.state);
  link.error = page.error;
  return link;
}

std::string_view LinkStateLabel(const LinkStatus& link) {
  switch (link.state) {
    case FetchState::kOk:
      return link.redirected ? "redirected" : "ok";
    case FetchState::kNotFetched:
      return "not checked";
    case FetchState::kNotFound:
      return "not found";
    case FetchState::kGone:
      return "gone";
    case FetchState::kClientError:
      return "client error";
    case FetchState::kServerError:
      return "server error";
    case FetchState::kTimeout:
      return "timeout";
    case FetchState::kDnsFailure:
      return "DNS failure";
    case FetchState::kConnectFailure:
      return "connection failed";
    case FetchState::kTlsError:
      return "TLS error";
    case FetchState::kRobotsBlocked:
      return "blocked by robots.txt";
    case FetchState::kRefusedPrivate:
    case FetchState::kRefusedScheme:
      return "refused";
    case FetchState::kTooManyRedirects:
      return "too many redirects";
    case FetchState::kTooLarge:
      return "too large";
    case FetchState::kError:
      break;
  }
  return "error";
}

}  // namespace haku::crawler
