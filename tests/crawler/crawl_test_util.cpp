// tests/crawler/crawl_test_util.cpp -- helpers for crawler tests.
#include "tests/crawler/crawl_test_util.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

namespace haku::testing {

crawler::CrawlOptions FastOptions() {
  crawler::CrawlOptions options;
  options.allow_private = true;
  options.per_host_delay = std::chrono::milliseconds(0);
  options.connect_timeout = std::chrono::seconds(1);
  options.total_timeout = std::chrono::seconds(2);
  options.retry_base_delay = std::chrono::milliseconds(20);
  options.max_retry_wait = std::chrono::seconds(1);
  options.max_retry_total = std::chrono::seconds(2);
  options.max_age = std::chrono::seconds(0);
  return options;
}

StoreFixture::StoreFixture() {
  auto store = crawler::CrawlStore::Open(dir_.File("crawl.db"));
  REQUIRE(store.ok());
  store_ = std::move(store).value();
}

crawler::CrawlSummary StoreFixture::Crawl(
    const std::vector<std::string>& urls,
    const crawler::CrawlOptions& options) {
  auto summary = crawler::Crawl(urls, *store_, options);
  REQUIRE(summary.ok());
  return std::move(summary).value();
}

crawler::StoredPage StoreFixture::Page(const std::string& url) {
  auto page = store_->Get(url);
  REQUIRE(page.ok());
  REQUIRE(page->has_value());
  return **page;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

int UnusedLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace haku::testing
