// indexer/crawler/transfer.cpp -- one GET hop on a libcurl easy handle.
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>

#include "indexer/crawler/address_check.h"
#include "indexer/crawler/transfer_internal.h"

namespace haku::crawler {
namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Without surrounding `strip` characters.
std::string Trim(std::string s, const char* strip = " \t") {
  size_t begin = s.find_first_not_of(strip);
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(strip);
  return s.substr(begin, end - begin + 1);
}

// "text/html; charset=UTF-8" -> {"text/html", "utf-8"}.
std::pair<std::string, std::string> SplitContentType(const std::string& raw) {
  size_t semi = raw.find(';');
  std::string type = Lower(Trim(raw.substr(0, semi)));
  std::string charset;
  std::string params = Lower(semi == std::string::npos ? "" : raw.substr(semi));
  size_t at = params.find("charset=");
  if (at != std::string::npos) {
    std::string value = params.substr(at + 8);
    charset = Trim(value.substr(0, value.find(';')), " \t\"");
  }
  return {type, charset};
}

}  // namespace

Transfer::Transfer(TransferOptions options)
    : options_(std::move(options)), easy_(curl_easy_init()) {
  if (easy_ != nullptr) Configure();
}

Transfer::~Transfer() {
  if (easy_ != nullptr) curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

void Transfer::Configure() {
  using std::chrono::milliseconds;
  curl_easy_setopt(easy_, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 0L);
  // Environment proxies would make the address check judge the proxy.
  curl_easy_setopt(easy_, CURLOPT_PROXY, "");
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");  // all built in
  curl_easy_setopt(
      easy_, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(milliseconds(options_.connect_timeout).count()));
  curl_easy_setopt(
      easy_, CURLOPT_TIMEOUT_MS,
      static_cast<long>(milliseconds(options_.total_timeout).count()));
  curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT,
                   options_.low_speed_bytes_per_s);
  curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(options_.low_speed_time.count()));
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::OnWrite);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &Transfer::OnOpenSocket);
  curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this);
  if (!options_.if_none_match.empty()) {
    headers_ = curl_slist_append(
        headers_, ("If-None-Match: " + options_.if_none_match).c_str());
  }
  if (!options_.if_modified_since.empty()) {
    headers_ = curl_slist_append(
        headers_, ("If-Modified-Since: " + options_.if_modified_since).c_str());
  }
  if (headers_ != nullptr)
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
}

size_t Transfer::OnWrite(char* data, size_t size, size_t n, void* self) {
  auto* t = static_cast<Transfer*>(self);
  size_t bytes = size * n;
  std::string& body = t->response_.body;
  size_t room = t->options_.max_body_bytes -
                std::min(body.size(), t->options_.max_body_bytes);
  if (bytes <= room) {
    body.append(data, bytes);
    return bytes;
  }
  body.append(data, room);
  t->response_.too_large = true;
  return 0;  // aborts the transfer with CURLE_WRITE_ERROR
}

bool Transfer::AddressAllowed(const sockaddr* address) const {
  if (options_.allow_private || IsPublicAddress(address)) return true;
  std::string numeric = AddressToString(address);
  return std::find(options_.allowed_addresses.begin(),
                   options_.allowed_addresses.end(),
                   numeric) != options_.allowed_addresses.end();
}

curl_socket_t Transfer::OnOpenSocket(void* self, curlsocktype /*purpose*/,
                                     curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(self);
  if (!t->AddressAllowed(&address->addr)) {
    t->response_.refused_private = true;
    t->response_.refused_address = AddressToString(&address->addr);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::string Transfer::Header(const char* name) const {
  curl_header* header = nullptr;
  if (curl_easy_header(easy_, name, 0, CURLH_HEADER, -1, &header) !=
      CURLHE_OK) {
    return "";
  }
  return Trim(header->value);
}

HopResponse Transfer::Finish(CURLcode code) {
  HopResponse r = std::move(response_);
  r.curl_code = code;
  if (code != CURLE_OK) {
    r.curl_error = error_[0] != '\0' ? error_ : curl_easy_strerror(code);
  }
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &r.http_status);
  char* text = nullptr;
  if (curl_easy_getinfo(easy_, CURLINFO_REDIRECT_URL, &text) == CURLE_OK &&
      text) {
    r.redirect_url = text;
  }
  text = nullptr;
  if (curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &text) == CURLE_OK &&
      text) {
    std::tie(r.content_type, r.charset) = SplitContentType(text);
  }
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(easy_, CURLINFO_RETRY_AFTER, &retry_after) ==
          CURLE_OK &&
      retry_after > 0) {
    r.retry_after = std::chrono::seconds(retry_after);
  }
  if (r.http_status > 0) {
    r.etag = Header("ETag");
    r.last_modified = Header("Last-Modified");
    r.content_language = Header("Content-Language");
  }
  return r;
}

}  // namespace haku::crawler
