// indexer/crawler/transfer_internal.h -- one HTTP GET hop on a libcurl easy
// handle, for the crawler's multi loop.
//
// A Transfer owns its easy handle and the buffers its callbacks fill. It
// never follows redirects (the crawler does, checking each hop); it refuses
// to open a socket to a non-public address unless allowed; it aborts when
// the decoded body passes the cap. Not thread-safe; lives on the loop thread.
#ifndef HAKU_INDEXER_CRAWLER_TRANSFER_INTERNAL_H_
#define HAKU_INDEXER_CRAWLER_TRANSFER_INTERNAL_H_

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace haku::crawler {

struct TransferOptions {
  std::string url;
  std::string user_agent;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{30};
  long low_speed_bytes_per_s = 100;
  std::chrono::seconds low_speed_time{15};
  size_t max_body_bytes = 10u << 20;
  bool truncate_body = false;  // keep the first max_body_bytes, not an error
  bool allow_private = false;
  std::vector<std::string> allowed_addresses;  // numeric, allowed anyway
  std::string if_none_match;                   // sent when not empty
  std::string if_modified_since;               // sent when not empty
};

// What one hop produced.
struct HopResponse {
  CURLcode curl_code = CURLE_OK;
  std::string curl_error;        // libcurl's message when curl_code != OK
  bool refused_private = false;  // a socket to a private address was refused
  std::string refused_address;
  bool too_large = false;  // body passed max_body_bytes (cut there)
  long http_status = 0;
  std::string redirect_url;  // absolute Location, for 3xx
  std::string content_type;  // media type, lower case, no parameters
  std::string charset;
  std::string content_language;
  std::string etag;
  std::string last_modified;
  std::optional<std::chrono::seconds> retry_after;
  std::string body;  // decoded
};

class Transfer {
 public:
  explicit Transfer(TransferOptions options);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // The configured handle, to add to a multi handle; nullptr when libcurl
  // could not create one.
  CURL* easy() const { return easy_; }
  // Collects the outcome once the multi handle reports `code` for easy().
  HopResponse Finish(CURLcode code);

 private:
  static size_t OnWrite(char* data, size_t size, size_t n, void* self);
  static curl_socket_t OnOpenSocket(void* self, curlsocktype purpose,
                                    curl_sockaddr* address);
  bool AddressAllowed(const sockaddr* address) const;
  void Configure();
  std::string Header(const char* name) const;

  TransferOptions options_;
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  char error_[CURL_ERROR_SIZE] = {};
  HopResponse response_;
};

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_TRANSFER_INTERNAL_H_
