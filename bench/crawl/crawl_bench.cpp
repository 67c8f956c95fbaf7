// bench/crawl/crawl_bench.cpp -- the crawler against loopback peers.
//
// Forks a child that serves `--hosts` HTTP servers on 127.0.0.1 (one port
// each, `--pages` pages each, every response delayed `--delay-ms`,
// keep-alive), then crawls every page with haku's crawler and, when found,
// with wget2 over the same URL list. Prints wall time against the ideal
// bound for the limits, pages/s, peak RSS and the largest number of
// requests one server had in flight at once, as the servers measured it.
// Not a test: it prints figures and asserts nothing.
#include <httplib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "indexer/crawler/crawl_store.h"
#include "indexer/crawler/crawler.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Config {
  int hosts = 20;
  int pages = 100;
  int delay_ms = 50;
  int total = 16;
  int per_host = 2;
  bool round_robin = false;  // URL order: host by host unless set
  std::string wget2 = "/usr/bin/wget2";
};

// One peer: serves /p/N and a 404 robots.txt after the delay, and counts
// requests in flight. GET /__stats answers "max" and resets it.
class Peer {
 public:
  explicit Peer(int delay_ms) : delay_(delay_ms) {
    server_.new_task_queue = [] { return new httplib::ThreadPool(20); };
    server_.set_keep_alive_max_count(100000);
    server_.set_keep_alive_timeout(30);
    server_.set_tcp_nodelay(true);  // else Nagle + delayed ACK add ~40 ms
    server_.set_pre_routing_handler([this](const auto& req, auto& res) {
      if (req.path == "/__stats") {
        res.set_content(std::to_string(max_.exchange(0)), "text/plain");
        return httplib::Server::HandlerResponse::Handled;
      }
      int now = ++in_flight_;
      int seen = max_.load();
      while (now > seen && !max_.compare_exchange_weak(seen, now)) {
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_post_routing_handler([this](const auto& req, auto&) {
      if (req.path != "/__stats") --in_flight_;
    });
    server_.Get("/robots.txt", [this](const auto&, auto& res) {
      std::this_thread::sleep_for(delay_);
      res.status = 404;
    });
    server_.Get(R"(/p/(\d+))", [this](const httplib::Request& req, auto& res) {
      std::this_thread::sleep_for(delay_);
      res.set_header("Connection", "keep-alive");
      res.set_content(Page(req.matches[1]), "text/html; charset=utf-8");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Peer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  static std::string Page(const std::string& n) {
    std::string body = "<!doctype html><html><head><title>Page " + n +
                       "</title></head><body><p>";
    while (body.size() < 2000) body += "Lorem ipsum dolor sit amet " + n + ". ";
    return body + "</p></body></html>";
  }

  std::chrono::milliseconds delay_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_{0};
};

// Child process: serves until the parent closes `control`.
[[noreturn]] void ServePeers(const Config& config, int ports_fd, int control) {
  std::vector<std::unique_ptr<Peer>> peers;
  std::string ports;
  for (int i = 0; i < config.hosts; ++i) {
    peers.push_back(std::make_unique<Peer>(config.delay_ms));
    ports += std::to_string(peers.back()->port()) + "\n";
  }
  if (write(ports_fd, ports.data(), ports.size()) < 0) std::_Exit(1);
  close(ports_fd);
  char byte;
  while (read(control, &byte, 1) > 0) {
  }
  peers.clear();
  std::_Exit(0);
}

std::vector<int> ReadPorts(int fd, int count) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, n);
  std::vector<int> ports;
  size_t pos = 0;
  while (static_cast<int>(ports.size()) < count && pos < text.size()) {
    size_t end = text.find('\n', pos);
    ports.push_back(std::stoi(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  return ports;
}

std::vector<std::string> Urls(const Config& config,
                              const std::vector<int>& ports) {
  std::vector<std::string> urls;
  auto url = [&](int host, int page) {
    return "http://127.0.0.1:" + std::to_string(ports[host]) + "/p/" +
           std::to_string(page);
  };
  for (int outer = 0;
       outer < (config.round_robin ? config.pages : config.hosts); ++outer) {
    for (int inner = 0;
         inner < (config.round_robin ? config.hosts : config.pages); ++inner) {
      urls.push_back(config.round_robin ? url(inner, outer)
                                        : url(outer, inner));
    }
  }
  return urls;
}

// Largest per-host in-flight count since the last call, over all peers.
int MaxPerHost(const std::vector<int>& ports) {
  int max = 0;
  for (int port : ports) {
    httplib::Client client("127.0.0.1", port);
    auto res = client.Get("/__stats");
    if (res && res->status == 200) max = std::max(max, std::stoi(res->body));
  }
  return max;
}

struct Run {
  double wall_s = 0;
  long peak_rss_kib = 0;
  int ok = 0;
  int per_host = 0;
};

Run CrawlWithHaku(const Config& config, const std::vector<std::string>& urls,
                  const std::vector<int>& ports, const std::string& dir) {
  auto store = haku::crawler::CrawlStore::Open(dir + "/crawl.db");
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    std::exit(1);
  }
  haku::crawler::CrawlOptions options;
  options.allow_private = true;  // the peers are on loopback
  options.per_host_delay = std::chrono::milliseconds(0);
  options.max_connections = config.total;
  options.max_per_host = config.per_host;
  Clock::time_point start = Clock::now();
  auto summary = haku::crawler::Crawl(urls, **store, options);
  Run run;
  run.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  if (!summary.ok()) {
    std::fprintf(stderr, "%s\n", summary.status().ToString().c_str());
    std::exit(1);
  }
  run.ok = summary->fetched;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  run.peak_rss_kib = usage.ru_maxrss;
  run.per_host = MaxPerHost(ports);
  return run;
}

Run CrawlWithWget2(const Config& config, const std::string& url_file,
                   const std::vector<int>& ports, const std::string& dir) {
  Run run;
  std::string threads = "--max-threads=" + std::to_string(config.total);
  Clock::time_point start = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) std::_Exit(127);
    execl(config.wget2.c_str(), "wget2", "-q", threads.c_str(), "-i",
          url_file.c_str(), "-O", "/dev/null", static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  run.peak_rss_kib = usage.ru_maxrss;
  run.ok = WIFEXITED(status) ? WEXITSTATUS(status) : -1;  // exit code here
  run.per_host = MaxPerHost(ports);
  return run;
}

void Print(const char* tool, const Run& run, double bound, int pages) {
  std::printf(
      "%-26s wall %6.2f s  bound/wall %.2f  %7.1f pages/s  "
      "peak RSS %6.1f MiB  max per host %d\n",
      tool, run.wall_s, bound / run.wall_s, pages / run.wall_s,
      run.peak_rss_kib / 1024.0, run.per_host);
}

Config ParseArgs(int argc, char** argv) {
  Config config;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : ""; };
    if (arg == "--hosts")
      config.hosts = std::stoi(next());
    else if (arg == "--pages")
      config.pages = std::stoi(next());
    else if (arg == "--delay-ms")
      config.delay_ms = std::stoi(next());
    else if (arg == "--total")
      config.total = std::stoi(next());
    else if (arg == "--per-host")
      config.per_host = std::stoi(next());
    else if (arg == "--round-robin")
      config.round_robin = true;
    else if (arg == "--wget2")
      config.wget2 = next();
    else {
      std::fprintf(stderr,
                   "usage: crawl_bench [--hosts N] [--pages N] "
                   "[--delay-ms N] [--total N] [--per-host N] "
                   "[--round-robin] [--wget2 PATH|'']\n");
      std::exit(2);
    }
  }
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  Config config = ParseArgs(argc, argv);
  int ports_pipe[2], control_pipe[2];
  if (pipe(ports_pipe) != 0 || pipe(control_pipe) != 0) return 1;
  pid_t child = fork();
  if (child == 0) {
    close(ports_pipe[0]);
    close(control_pipe[1]);
    ServePeers(config, ports_pipe[1], control_pipe[0]);
  }
  close(ports_pipe[1]);
  close(control_pipe[0]);
  std::vector<int> ports = ReadPorts(ports_pipe[0], config.hosts);
  close(ports_pipe[0]);
  if (static_cast<int>(ports.size()) != config.hosts) return 1;

  std::vector<std::string> urls = Urls(config, ports);
  std::string dir = std::filesystem::temp_directory_path() /
                    ("haku-crawl-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string url_file = dir + "/urls.txt";
  if (FILE* f = std::fopen(url_file.c_str(), "w")) {
    for (const auto& url : urls) std::fprintf(f, "%s\n", url.c_str());
    std::fclose(f);
  }
  int n = static_cast<int>(urls.size());
  double d = config.delay_ms / 1000.0;
  double bound =
      std::max(n * d / config.total, config.pages * d / config.per_host);
  std::printf(
      "%d pages over %d loopback hosts, %d ms per response, "
      "total %d, per host %d, %s order\n",
      n, config.hosts, config.delay_ms, config.total, config.per_host,
      config.round_robin ? "round-robin" : "host-by-host");
  std::printf("ideal bound max(%d x %d ms / %d, %d x %d ms / %d) = %.2f s\n", n,
              config.delay_ms, config.total, config.pages, config.delay_ms,
              config.per_host, bound);

  Run haku = CrawlWithHaku(config, urls, ports, dir);
  Print("haku crawler", haku, bound, n);
  std::printf("%-26s %d of %d pages stored\n", "", haku.ok, n);
  if (!config.wget2.empty() && access(config.wget2.c_str(), X_OK) == 0) {
    Run wget2 = CrawlWithWget2(config, url_file, ports, dir);
    std::string label = "wget2 --max-threads=" + std::to_string(config.total);
    Print(label.c_str(), wget2, bound, n);
    std::printf("%-26s exit status %d\n", "", wget2.ok);
  } else {
    std::printf("wget2 not found at '%s': skipped\n", config.wget2.c_str());
  }
  close(control_pipe[1]);
  waitpid(child, nullptr, 0);
  std::filesystem::remove_all(dir);
  return 0;
}
