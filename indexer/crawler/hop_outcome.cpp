// indexer/crawler/hop_outcome.cpp -- libcurl code and HTTP status to a
// crawler decision.
#include <string>

#include "indexer/crawler/hop_outcome_internal.h"
#include "indexer/crawler/retry_policy.h"

namespace haku::crawler {
namespace {

using Next = HopOutcome::Next;

FetchState StateOfCurlError(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return FetchState::kDnsFailure;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchState::kTimeout;
    case CURLE_COULDNT_CONNECT:
      return FetchState::kConnectFailure;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return FetchState::kTlsError;
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchState::kRefusedScheme;
    default:
      return FetchState::kError;
  }
}

bool IsRedirectStatus(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

HopOutcome ClassifyStatus(long status, const HopResponse& r,
                          bool has_stored_copy) {
  std::string http = "HTTP " + std::to_string(status);
  if (status >= 200 && status <= 299) return {Next::kDone, FetchState::kOk, ""};
  if (IsRedirectStatus(status) && !r.redirect_url.empty()) {
    return {Next::kRedirect, FetchState::kOk, ""};
  }
  if (status == 304) {
    return has_stored_copy ? HopOutcome{Next::kDone, FetchState::kOk, ""}
                           : HopOutcome{Next::kDone, FetchState::kError,
                                        "HTTP 304 without a stored copy"};
  }
  if (IsRetryableStatus(status)) {
    return {Next::kRetry,
            status == 429 ? FetchState::kClientError : FetchState::kServerError,
            http};
  }
  if (status == 404) return {Next::kDone, FetchState::kNotFound, http};
  if (status == 410) return {Next::kDone, FetchState::kGone, http};
  if (status >= 400 && status <= 499) {
    return {Next::kDone, FetchState::kClientError, http};
  }
  return {Next::kDone, FetchState::kError, http + " (unexpected)"};
}

}  // namespace

HopOutcome ClassifyHop(const HopResponse& r, bool truncate_ok,
                       bool has_stored_copy) {
  if (r.refused_private) {
    return {Next::kDone, FetchState::kRefusedPrivate,
            "refused to connect to non-public address " + r.refused_address};
  }
  if (r.too_large && !truncate_ok) {
    return {Next::kDone, FetchState::kTooLarge,
            "body larger than " + std::to_string(r.body.size()) + " bytes"};
  }
  bool cut = r.too_large && r.curl_code == CURLE_WRITE_ERROR;
  if (r.curl_code != CURLE_OK && !cut) {
    return {Next::kDone, StateOfCurlError(r.curl_code), r.curl_error};
  }
  return ClassifyStatus(r.http_status, r, has_stored_copy);
}

}  // namespace haku::crawler
