// tests/crawler/test_http_server.cpp -- measuring loopback HTTP server.
#include "tests/crawler/test_http_server.h"

#include <algorithm>
#include <stdexcept>

namespace haku::testing {

TestHttpServer::TestHttpServer(const std::string& address, int threads)
    : address_(address) {
  server_.new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  server_.set_keep_alive_timeout(2);
  server_.set_keep_alive_max_count(1000);
  server_.set_tcp_nodelay(true);
  server_.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response&) {
        OnStart(req);
        return httplib::Server::HandlerResponse::Unhandled;
      });
  server_.set_post_routing_handler(
      [this](const httplib::Request&, httplib::Response&) { OnEnd(); });
  port_ = server_.bind_to_any_port(address_);
  if (port_ <= 0) throw std::runtime_error("test server: cannot bind");
}

TestHttpServer::~TestHttpServer() { Stop(); }

void TestHttpServer::Start() {
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() before the loop runs would be lost; wait for it (no sleeping).
  while (!server_.is_running()) std::this_thread::yield();
}

void TestHttpServer::Stop() {
  Release();
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string TestHttpServer::Url(const std::string& path) const {
  std::string host =
      address_.find(':') != std::string::npos ? "[" + address_ + "]" : address_;
  return "http://" + host + ":" + std::to_string(port_) + path;
}

void TestHttpServer::OnStart(const httplib::Request& req) {
  std::lock_guard<std::mutex> lock(mu_);
  Clock::time_point now = Clock::now();
  if (last_start_) {
    Clock::duration gap = now - *last_start_;
    min_gap_ = min_gap_ ? std::min(*min_gap_, gap) : gap;
  }
  last_start_ = now;
  max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
  std::string path = req.path;
  std::string query;
  for (const auto& [key, value] : req.params) {
    query += (query.empty() ? "?" : "&") + key + "=" + value;
  }
  seen_.push_back({path + query, req.headers});
}

void TestHttpServer::OnEnd() {
  std::lock_guard<std::mutex> lock(mu_);
  --in_flight_;
}

int TestHttpServer::max_in_flight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return max_in_flight_;
}

std::optional<std::chrono::milliseconds> TestHttpServer::min_gap() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!min_gap_) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*min_gap_);
}

int TestHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(seen_.size());
}

int TestHttpServer::RequestsFor(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(
      std::count_if(seen_.begin(), seen_.end(),
                    [&](const Seen& s) { return s.path == path; }));
}

std::vector<TestHttpServer::Seen> TestHttpServer::seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

void TestHttpServer::WaitForRelease(std::chrono::milliseconds max) {
  std::unique_lock<std::mutex> lock(mu_);
  released_cv_.wait_for(lock, max, [this] { return released_; });
}

void TestHttpServer::Release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
  }
  released_cv_.notify_all();
}

}  // namespace haku::testing
