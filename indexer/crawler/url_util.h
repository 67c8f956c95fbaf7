// indexer/crawler/url_util.h -- the pieces of a URL the crawler schedules by.
//
// Plain functions of their arguments, thread-safe. Parsing is libcurl's
// (CURLU), so the crawler reads a URL exactly as the fetcher will.
#ifndef HAKU_INDEXER_CRAWLER_URL_UTIL_H_
#define HAKU_INDEXER_CRAWLER_URL_UTIL_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace haku::crawler {

struct UrlParts {
  std::string scheme;  // lower case, e.g. "https"
  std::string host;    // lower case; IPv6 literals keep their brackets
  int port = 0;        // explicit or the scheme's default
  std::string path;    // path and "?query", never empty ("/")
};

// Splits an absolute URL of any scheme. InvalidArgument when libcurl cannot
// parse it or it has no host.
Result<UrlParts> ParseUrl(std::string_view url);

// The scheme of `url`, lower case ("FILE:/x" -> "file"); empty when `url`
// does not start with one (RFC 3986 3.1).
std::string SchemeOf(std::string_view url);

// True for "http" and "https", the only schemes the crawler fetches.
bool IsFetchableScheme(std::string_view scheme);

// "scheme://host:port": the unit of politeness and of robots.txt (RFC 9309
// 2.3: one robots.txt per scheme, host and port).
std::string HostKey(const UrlParts& parts);

// True when `a` and `b` are on the same host for depth crawling: the same
// name and port, where http on 80 and https on 443 count as one port.
bool SameHost(const UrlParts& a, const UrlParts& b);

// "scheme://host:port/robots.txt" for the host of `parts`.
std::string RobotsUrl(const UrlParts& parts);

// True for a host under the "invalid" top-level domain, which RFC 6761 6.4
// says never resolves; the crawler fails it without asking DNS.
bool IsReservedInvalidHost(std::string_view host);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_URL_UTIL_H_
