// indexer/crawler/url_util.cpp -- URL pieces through libcurl's URL API.
#include "indexer/crawler/url_util.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <string>
#include <string_view>

namespace haku::crawler {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One part of `url`, empty when absent.
std::string Part(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK) return "";
  std::string out(value);
  curl_free(value);
  return out;
}

}  // namespace

Result<UrlParts> ParseUrl(std::string_view url) {
  UrlHandle handle(curl_url());
  std::string text(url);
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, text.c_str(),
                              CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return Status::InvalidArgument("not a URL: " + text);
  }
  UrlParts parts;
  parts.scheme = Lower(Part(handle.get(), CURLUPART_SCHEME));
  parts.host = Lower(Part(handle.get(), CURLUPART_HOST));
  if (parts.host.empty()) return Status::InvalidArgument("no host in " + text);
  std::string port = Part(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port.empty() ? 0 : std::stoi(port);
  parts.path = Part(handle.get(), CURLUPART_PATH);
  // push_back, not = "/": GCC 12 -O3 reports a false -Wrestrict.
  if (parts.path.empty()) parts.path.push_back('/');
  std::string query = Part(handle.get(), CURLUPART_QUERY);
  if (!query.empty()) {
    parts.path.push_back('?');
    parts.path += query;
  }
  return parts;
}

std::string SchemeOf(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == 0 || colon == std::string_view::npos ||
      !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return "";
  }
  for (char c : url.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' &&
        c != '.') {
      return "";
    }
  }
  return Lower(url.substr(0, colon));
}

bool IsFetchableScheme(std::string_view scheme) {
  return scheme == "http" || scheme == "https";
}

std::string HostKey(const UrlParts& parts) {
  return parts.scheme + "://" + parts.host + ":" + std::to_string(parts.port);
}

bool SameHost(const UrlParts& a, const UrlParts& b) {
  auto is_default = [](const UrlParts& p) {
    return (p.scheme == "http" && p.port == 80) ||
           (p.scheme == "https" && p.port == 443);
  };
  return a.host == b.host &&
         (a.port == b.port || (is_default(a) && is_default(b)));
}

std::string RobotsUrl(const UrlParts& parts) {
  return HostKey(parts) + "/robots.txt";
}

bool IsReservedInvalidHost(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  constexpr std::string_view kTld = "invalid";
  if (host.size() < kTld.size()) return false;
  std::string tail = Lower(host.substr(host.size() - kTld.size()));
  return tail == kTld && (host.size() == kTld.size() ||
                          host[host.size() - kTld.size() - 1] == '.');
}

}  // namespace haku::crawler
