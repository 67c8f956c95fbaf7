// indexer/crawler/fetch_state.cpp -- stable names of FetchState.
#include <array>
#include <optional>
#include <string_view>

#include "indexer/crawler/crawl_store.h"

namespace haku::crawler {
namespace {

struct StateName {
  FetchState state;
  std::string_view name;
};

// The names are part of `haku links --json` and of the store's rows: never
// rename one.
constexpr std::array<StateName, 16> kStateNames = {{
    {FetchState::kNotFetched, "not_fetched"},
    {FetchState::kOk, "ok"},
    {FetchState::kNotFound, "not_found"},
    {FetchState::kGone, "gone"},
    {FetchState::kClientError, "client_error"},
    {FetchState::kServerError, "server_error"},
    {FetchState::kTimeout, "timeout"},
    {FetchState::kDnsFailure, "dns_failure"},
    {FetchState::kConnectFailure, "connect_failure"},
    {FetchState::kTlsError, "tls_error"},
    {FetchState::kRobotsBlocked, "robots_blocked"},
    {FetchState::kRefusedPrivate, "refused_private"},
    {FetchState::kRefusedScheme, "refused_scheme"},
    {FetchState::kTooManyRedirects, "too_many_redirects"},
    {FetchState::kTooLarge, "too_large"},
    {FetchState::kError, "error"},
}};

}  // namespace

std::string_view FetchStateName(FetchState state) {
  for (const StateName& entry : kStateNames) {
    if (entry.state == state) return entry.name;
  }
  return "error";
}

std::optional<FetchState> FetchStateFromName(std::string_view name) {
  for (const StateName& entry : kStateNames) {
    if (entry.name == name) return entry.state;
  }
  return std::nullopt;
}

bool IsBroken(FetchState state) {
  switch (state) {
    case FetchState::kNotFetched:
    case FetchState::kOk:
    case FetchState::kRobotsBlocked:
      return false;
    default:
      return true;
  }
}

}  // namespace haku::crawler
