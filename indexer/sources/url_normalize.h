// indexer/sources/url_normalize.h -- one spelling per resource URL.
//
// NormalizeUrl() applies RFC 3986 section 6 syntax-based normalisation plus
// the scheme-based rules for http(s), and drops what does not identify a
// resource:
//   - scheme and host lower-cased; an IDN host converted to its ASCII (A-label)
//     form; a trailing dot on the host removed;
//   - the default port (80 for http, 443 for https) removed;
//   - dot segments ("." and "..") removed; an empty path becomes "/";
//   - percent-encoding: hex digits upper-cased, encoded unreserved characters
//     (A-Z a-z 0-9 - . _ ~) decoded, characters that may not appear raw
//     (space, non-ASCII, ...) encoded as UTF-8 %XX;
//   - the fragment dropped;
//   - tracking parameters dropped from the query (utm_*, fbclid, gclid, dclid,
//     msclkid, mc_cid, mc_eid, _ga, _gl, _hsenc, _hsmi, igshid, yclid, spm);
//     the other parameters keep their order; an empty query is removed.
// Only http and https are accepted. Thread-safe (no shared state).
#ifndef HAKU_INDEXER_SOURCES_URL_NORMALIZE_H_
#define HAKU_INDEXER_SOURCES_URL_NORMALIZE_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace haku::sources {

// The normalised absolute URL. InvalidArgument for anything that is not an
// absolute http(s) URL with a host.
Result<std::string> NormalizeUrl(std::string_view url);

// Resolves `ref` against the absolute `base` (RFC 3986 section 5) and
// normalises the result. An empty base means `ref` must be absolute.
Result<std::string> ResolveUrl(std::string_view base, std::string_view ref);

// The host of a normalised URL ("physionet.org"), "" if it has none.
std::string HostOf(std::string_view url);

// True when `param` (a query parameter name) is a tracking parameter.
bool IsTrackingParameter(std::string_view param);

}  // namespace haku::sources

#endif  // HAKU_INDEXER_SOURCES_URL_NORMALIZE_H_
