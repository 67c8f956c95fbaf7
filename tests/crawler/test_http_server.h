// tests/crawler/test_http_server.h -- an HTTP server on 127.0.0.1 for
// crawler tests, one per "host", that measures how it is treated.
//
// Construct, register handlers, Start(); the destructor stops it. Every
// request (routed or 404) is counted; the server records the largest number
// of requests in flight at once and the smallest gap between two request
// starts. Measurements are thread-safe.
#ifndef HAKU_TESTS_CRAWLER_TEST_HTTP_SERVER_H_
#define HAKU_TESTS_CRAWLER_TEST_HTTP_SERVER_H_

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace haku::testing {

class TestHttpServer {
 public:
  using Clock = std::chrono::steady_clock;
  struct Seen {
    std::string path;  // with "?query" when there was one
    httplib::Headers headers;
  };

  // Binds an ephemeral port on `address` (127.0.0.1 or ::1).
  explicit TestHttpServer(const std::string& address = "127.0.0.1",
                          int threads = 8);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  httplib::Server& server() { return server_; }
  // Serves on a thread; returns once it accepts. Call once.
  void Start();
  // Stops serving; after Start() only (httplib cannot close a server that
  // never ran). Idempotent; the destructor calls it.
  void Stop();

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(const std::string& path) const;

  int max_in_flight() const;
  // Smallest gap between two request starts; nullopt before two requests.
  std::optional<std::chrono::milliseconds> min_gap() const;
  int requests() const;
  int RequestsFor(const std::string& path) const;
  std::vector<Seen> seen() const;

  // For slow handlers: waits until Release() (or Stop()) or `max` passes.
  void WaitForRelease(std::chrono::milliseconds max);
  void Release();

 private:
  void OnStart(const httplib::Request& req);
  void OnEnd();

  httplib::Server server_;
  std::string address_;
  int port_ = -1;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable released_cv_;
  bool released_ = false;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  std::optional<Clock::time_point> last_start_;
  std::optional<Clock::duration> min_gap_;
  std::vector<Seen> seen_;
};

}  // namespace haku::testing

#endif  // HAKU_TESTS_CRAWLER_TEST_HTTP_SERVER_H_
