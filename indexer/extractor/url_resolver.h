// indexer/extractor/url_resolver.h -- links in a page to absolute URLs.
//
// RFC 3986 reference resolution, enough for outgoing links: only http and
// https results are returned, fragments are dropped, scheme and host are
// lower-cased, dot segments removed. Pure functions; thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_URL_RESOLVER_H_
#define HAKU_INDEXER_EXTRACTOR_URL_RESOLVER_H_

#include <string>
#include <string_view>

namespace haku::extractor {

// `ref` resolved against the absolute `base`, without its fragment; "" when
// the result is not an absolute http(s) URL (mailto:, javascript:, a base
// that is not http(s) for a relative ref, an empty or fragment-only ref).
std::string ResolveUrl(std::string_view base, std::string_view ref);

// The host of an absolute URL, lower case ("" if none).
std::string UrlHost(std::string_view url);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_URL_RESOLVER_H_
