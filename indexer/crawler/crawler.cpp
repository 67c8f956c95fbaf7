// indexer/crawler/crawler.cpp -- the crawl loop: hosts, queues, politeness,
// robots.txt, redirects and retries on one libcurl multi handle.
#include "indexer/crawler/crawler.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "indexer/crawler/hop_outcome_internal.h"
#include "indexer/crawler/host_limits.h"
#include "indexer/crawler/page_record_internal.h"
#include "indexer/crawler/progress.h"
#include "indexer/crawler/retry_policy.h"
#include "indexer/crawler/robots.h"
#include "indexer/crawler/transfer_internal.h"
#include "indexer/crawler/url_util.h"

namespace haku::crawler {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kPutsPerCommit = 200;

struct Host;

// What a fetch needs of the URL's stored row: whether there is one, and
// its validators for a conditional request. Not the whole row: every
// listed URL waits in a queue as a Job (85k at once for a large list).
struct PreviousFetch {
  FetchState state = FetchState::kNotFetched;
  std::string final_url;
  std::string etag;
  std::string last_modified;
};

// One URL on its way through the crawl (a listed page, a discovered page or
// a robots.txt), across its redirects and retries.
struct Job {
  FetchPath path;
  std::string current_url;  // the hop to fetch next
  int retries = 0;
  milliseconds waited{0};
  std::optional<PreviousFetch> previous;  // the URL has a stored row
  Host* robots_for = nullptr;             // set for a robots.txt fetch
};

struct Host {
  Host(std::string k, int per_host, milliseconds gap)
      : key(std::move(k)), limits(per_host, gap) {}
  enum class Robots { kUnknown, kFetching, kReady };
  std::string key;
  HostLimits limits;
  Robots robots = Robots::kUnknown;
  RobotsRules rules;
  std::optional<HopOutcome> unreachable;  // robots.txt showed the host down
  std::deque<std::unique_ptr<Job>> queue;
  bool active = false;  // listed in CrawlLoop::active_
  int discovered = 0;   // pages added by depth crawling
};

struct InFlight {
  std::unique_ptr<Job> job;
  std::unique_ptr<Transfer> transfer;
  Host* host;
};

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsHtml(const StoredPage& page) {
  return page.content_type == "text/html" ||
         page.content_type == "application/xhtml+xml";
}

// What resolving a name under ".invalid" gives, without asking DNS
// (RFC 6761 6.4).
HopResponse InvalidTldResponse() {
  HopResponse response;
  response.curl_code = CURLE_COULDNT_RESOLVE_HOST;
  response.curl_error = "names under .invalid never resolve (RFC 6761)";
  return response;
}

class CrawlLoop {
 public:
  CrawlLoop(CrawlStore& store, const CrawlOptions& options);
  ~CrawlLoop();
  Result<CrawlSummary> Run(const std::vector<std::string>& urls);

 private:
  // Entering the crawl.
  void Admit(const std::string& url, int depth, const std::string& parent);
  bool ReuseFresh(const StoredPage& meta);
  Host& HostFor(const std::string& key);
  void Enqueue(std::unique_ptr<Job> job, Host& host);
  // Scheduling.
  void PromoteDueRetries(Clock::time_point now);
  void StartReady(Clock::time_point now);
  bool StartOne(Host& host, Clock::time_point now);
  void Start(std::unique_ptr<Job> job, Host& host, Clock::time_point now);
  milliseconds WaitTime(Clock::time_point now) const;
  bool Idle() const;
  // Finishing.
  void DrainMessages();
  void OnHopDone(InFlight done, const HopResponse& response);
  void FollowRedirect(std::unique_ptr<Job> job, const HopResponse& response);
  bool ScheduleRetry(std::unique_ptr<Job>& job, const HopResponse& response,
                     Host& host);
  void Finish(std::unique_ptr<Job> job, const HopOutcome& outcome,
              const HopResponse* response);
  void FinishRobots(const Job& job, const HopOutcome& outcome,
                    const HopResponse* response);
  void FinishPage(const Job& job, const HopOutcome& outcome,
                  const HopResponse* response);
  void Record(const StoredPage& page);
  void FollowLinks(const StoredPage& page);

  CrawlStore& store_;
  const CrawlOptions& options_;
  RetryPolicy retry_;
  std::string product_token_;
  CURLM* multi_;
  Progress progress_;
  Status store_status_;
  CrawlSummary summary_;
  int done_ = 0, puts_since_commit_ = 0;
  std::unordered_set<std::string> seen_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  std::vector<Host*> active_;  // hosts with queued jobs
  size_t next_active_ = 0;     // round-robin cursor into active_
  std::unordered_map<CURL*, InFlight> in_flight_;
  std::multimap<Clock::time_point, std::pair<std::unique_ptr<Job>, Host*>>
      retries_;
};

CrawlLoop::CrawlLoop(CrawlStore& store, const CrawlOptions& options)
    : store_(store),
      options_(options),
      retry_{options.max_retries, options.retry_base_delay,
             options.max_retry_wait, options.max_retry_total},
      product_token_(ProductToken(options.user_agent)),
      multi_(curl_multi_init()),
      progress_(options.progress, stderr) {
  curl_multi_setopt(
      multi_, CURLMOPT_MAXCONNECTS,
      static_cast<long>(std::max(options.max_connections, 1) * 4));
}

CrawlLoop::~CrawlLoop() {
  for (auto& [easy, flight] : in_flight_)
    curl_multi_remove_handle(multi_, easy);
  in_flight_.clear();
  curl_multi_cleanup(multi_);
}

Result<CrawlSummary> CrawlLoop::Run(const std::vector<std::string>& urls) {
  if (multi_ == nullptr) return Status::IOError("libcurl: no multi handle");
  if (Status s = store_.Begin(); !s.ok()) return s;
  for (const std::string& url : urls) {
    if (store_status_.ok() && seen_.insert(url).second) Admit(url, 0, "");
  }
  while (store_status_.ok() && !Idle()) {
    Clock::time_point now = Clock::now();
    PromoteDueRetries(now);
    StartReady(now);
    int running = 0;
    curl_multi_perform(multi_, &running);
    DrainMessages();
    if (Idle()) break;
    int wait_ms = static_cast<int>(WaitTime(Clock::now()).count());
    curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
  }
  progress_.Finish();
  Status commit = store_.Commit();
  if (!store_status_.ok()) return store_status_;
  if (!commit.ok()) return commit;
  return summary_;
}

void CrawlLoop::Admit(const std::string& url, int depth,
                      const std::string& parent) {
  ++summary_.requested;
  auto job = std::make_unique<Job>();
  job->path = {url, url, {}, true, depth, parent};
  job->current_url = url;
  Result<std::optional<StoredPage>> meta = store_.GetMeta(url);
  if (!meta.ok()) {
    store_status_ = meta.status();
    return;
  }
  if (const std::optional<StoredPage>& row = meta.value()) {
    if (ReuseFresh(*row)) return;
    job->previous = PreviousFetch{row->state, row->final_url, row->etag, row->last_modified};
  }
  if (!IsFetchableScheme(SchemeOf(url))) {
    return Finish(std::move(job),
                  {HopOutcome::Next::kDone, FetchState::kRefusedScheme,
                   "not an http(s) URL"},
                  nullptr);
  }
  Result<UrlParts> parts = ParseUrl(url);
  if (!parts.ok()) {
    return Finish(
        std::move(job),
        {HopOutcome::Next::kDone, FetchState::kError, parts.status().message()},
        nullptr);
  }
  Enqueue(std::move(job), HostFor(HostKey(*parts)));
}

// A stored kOk row younger than max_age is kept as is; its links are still
// followed when crawling in depth.
bool CrawlLoop::ReuseFresh(const StoredPage& meta) {
  if (options_.force_refetch || meta.state != FetchState::kOk ||
      UnixNow() - meta.fetched_at >= options_.max_age.count()) {
    return false;
  }
  ++summary_.fresh;
  ++done_;
  if (options_.depth > meta.depth && options_.extract_links && IsHtml(meta)) {
    Result<std::optional<StoredPage>> full = store_.Get(meta.url);
    if (!full.ok()) {
      store_status_ = full.status();
    } else if (*full) {
      FollowLinks(**full);
    }
  }
  return true;
}

Host& CrawlLoop::HostFor(const std::string& key) {
  std::unique_ptr<Host>& host = hosts_[key];
  if (!host) {
    host = std::make_unique<Host>(key, options_.max_per_host,
                                  options_.per_host_delay);
  }
  return *host;
}

// Queues `job` on `host`. A page on a host whose robots.txt is unknown
// queues the robots.txt first; robots.txt fetches go first in line.
void CrawlLoop::Enqueue(std::unique_ptr<Job> job, Host& host) {
  if (job->robots_for != nullptr) {
    host.queue.push_front(std::move(job));
  } else {
    host.queue.push_back(std::move(job));
    if (host.robots == Host::Robots::kUnknown) {
      host.robots = Host::Robots::kFetching;
      auto robots = std::make_unique<Job>();
      Result<UrlParts> parts = ParseUrl(host.queue.back()->current_url);
      std::string url =
          parts.ok() ? RobotsUrl(*parts) : host.key + "/robots.txt";
      robots->path = {url, url, {}, true, 0, ""};
      robots->current_url = url;
      robots->robots_for = &host;
      host.queue.push_front(std::move(robots));
    }
  }
  if (!host.active) {
    host.active = true;
    active_.push_back(&host);
  }
}

void CrawlLoop::PromoteDueRetries(Clock::time_point now) {
  while (!retries_.empty() && retries_.begin()->first <= now) {
    auto node = retries_.extract(retries_.begin());
    auto& [job, host] = node.mapped();
    Host& target = *host;
    // Back to the front: it has waited its turn already.
    target.queue.push_front(std::move(job));
    if (!target.active) {
      target.active = true;
      active_.push_back(&target);
    }
  }
}

// Starts at most one job per host per round, round-robin over hosts, until
// the total limit is reached or no host can start one.
void CrawlLoop::StartReady(Clock::time_point now) {
  auto limit = static_cast<size_t>(std::max(options_.max_connections, 1));
  bool progress = true;
  while (progress && in_flight_.size() < limit && !active_.empty()) {
    progress = false;
    for (size_t n = active_.size(); n > 0 && in_flight_.size() < limit; --n) {
      if (next_active_ >= active_.size()) next_active_ = 0;
      Host& host = *active_[next_active_];
      if (host.queue.empty()) {
        host.active = false;
        active_.erase(active_.begin() + static_cast<long>(next_active_));
        continue;
      }
      progress |= StartOne(host, now);
      ++next_active_;
    }
  }
}

// Takes the first job of `host` that can go: robots.txt rulings are applied
// without a request; a fetch starts when the host's limits allow.
bool CrawlLoop::StartOne(Host& host, Clock::time_point now) {
  while (!host.queue.empty()) {
    Job& front = *host.queue.front();
    bool is_robots = front.robots_for != nullptr;
    if (!is_robots && host.robots != Host::Robots::kReady) return false;
    if (!is_robots && host.unreachable) {
      auto job = std::move(host.queue.front());
      host.queue.pop_front();
      Finish(std::move(job), *host.unreachable, nullptr);
      continue;
    }
    Result<UrlParts> parts = ParseUrl(front.current_url);
    if (!is_robots && parts.ok() && !host.rules.IsAllowed(parts->path)) {
      auto job = std::move(host.queue.front());
      host.queue.pop_front();
      Finish(std::move(job),
             {HopOutcome::Next::kDone, FetchState::kRobotsBlocked,
              "disallowed by robots.txt"},
             nullptr);
      continue;
    }
    if (parts.ok() && IsReservedInvalidHost(parts->host)) {
      auto job = std::move(host.queue.front());
      host.queue.pop_front();
      OnHopDone(InFlight{std::move(job), nullptr, &host}, InvalidTldResponse());
      continue;
    }
    if (!host.limits.CanStart(now)) return false;
    auto job = std::move(host.queue.front());
    host.queue.pop_front();
    Start(std::move(job), host, now);
    return true;
  }
  return false;
}

void CrawlLoop::Start(std::unique_ptr<Job> job, Host& host,
                      Clock::time_point now) {
  TransferOptions t;
  t.url = job->current_url;
  t.user_agent = options_.user_agent;
  t.connect_timeout = options_.connect_timeout;
  t.total_timeout = options_.total_timeout;
  t.low_speed_bytes_per_s = options_.low_speed_bytes_per_s;
  t.low_speed_time = options_.low_speed_time;
  bool is_robots = job->robots_for != nullptr;
  t.max_body_bytes = is_robots ? kMaxRobotsBytes : options_.max_body_bytes;
  t.truncate_body = is_robots;
  t.allow_private = options_.allow_private;
  t.allowed_addresses = options_.allowed_addresses;
  const std::optional<PreviousFetch>& prev = job->previous;
  if (!is_robots && prev && prev->state == FetchState::kOk &&
      prev->final_url == job->current_url) {
    t.if_none_match = prev->etag;
    t.if_modified_since = prev->last_modified;
  }
  auto transfer = std::make_unique<Transfer>(std::move(t));
  CURL* easy = transfer->easy();
  if (easy == nullptr || curl_multi_add_handle(multi_, easy) != CURLM_OK) {
    Finish(std::move(job),
           {HopOutcome::Next::kDone, FetchState::kError,
            "libcurl: cannot start transfer"},
           nullptr);
    return;
  }
  host.limits.OnStart(now);
  in_flight_.emplace(easy,
                     InFlight{std::move(job), std::move(transfer), &host});
}

bool CrawlLoop::Idle() const {
  return in_flight_.empty() && retries_.empty() && active_.empty();
}

// How long the loop may sleep: until a host's gap ends or a retry is due,
// at most a second; libcurl's own timers shorten it further.
milliseconds CrawlLoop::WaitTime(Clock::time_point now) const {
  Clock::time_point wake = now + milliseconds(1000);
  if (in_flight_.size() < static_cast<size_t>(options_.max_connections)) {
    for (const Host* host : active_) {
      if (host->queue.empty()) return milliseconds(0);  // to be dropped
      bool robots_first = host->queue.front()->robots_for != nullptr;
      if (!robots_first && host->robots != Host::Robots::kReady) continue;
      if (!host->limits.HasCapacity()) continue;
      wake = std::min(wake, host->limits.NextStart());
    }
  }
  if (!retries_.empty()) wake = std::min(wake, retries_.begin()->first);
  if (wake <= now) return milliseconds(0);
  // Round up so the loop does not wake a hair early and spin.
  return std::chrono::ceil<milliseconds>(wake - now);
}

void CrawlLoop::DrainMessages() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    auto node = in_flight_.extract(easy);
    curl_multi_remove_handle(multi_, easy);
    if (node.empty()) continue;
    InFlight done = std::move(node.mapped());
    done.host->limits.OnFinish();
    HopResponse response = done.transfer->Finish(code);
    OnHopDone(std::move(done), response);
  }
}

void CrawlLoop::OnHopDone(InFlight done, const HopResponse& response) {
  std::unique_ptr<Job>& job = done.job;
  bool is_robots = job->robots_for != nullptr;
  HopOutcome outcome =
      ClassifyHop(response, is_robots, job->previous.has_value());
  switch (outcome.next) {
    case HopOutcome::Next::kRedirect:
      return FollowRedirect(std::move(job), response);
    case HopOutcome::Next::kRetry:
      if (ScheduleRetry(job, response, *done.host)) return;
      break;
    case HopOutcome::Next::kDone:
      break;
  }
  Finish(std::move(job), outcome, &response);
}

// Every hop is checked like a listed URL: scheme, loops, count; then queued
// on its own host (robots.txt, politeness and the address check apply).
void CrawlLoop::FollowRedirect(std::unique_ptr<Job> job,
                               const HopResponse& response) {
  const std::string& target = response.redirect_url;
  FetchPath& path = job->path;
  bool loop = target == path.url ||
              std::find(path.redirects.begin(), path.redirects.end(), target) !=
                  path.redirects.end();
  path.redirects.push_back(target);
  path.final_url = target;
  path.all_permanent &=
      response.http_status == 301 || response.http_status == 308;
  using Next = HopOutcome::Next;
  Result<UrlParts> parts = ParseUrl(target);
  if (!IsFetchableScheme(SchemeOf(target)) || !parts.ok()) {
    return Finish(std::move(job),
                  {Next::kDone, FetchState::kRefusedScheme,
                   "redirect to a non-http(s) URL: " + target},
                  &response);
  }
  if (loop) {
    return Finish(std::move(job),
                  {Next::kDone, FetchState::kTooManyRedirects,
                   "redirect loop at " + target},
                  &response);
  }
  if (static_cast<int>(path.redirects.size()) > options_.max_redirects) {
    return Finish(
        std::move(job),
        {Next::kDone, FetchState::kTooManyRedirects,
         "more than " + std::to_string(options_.max_redirects) + " redirects"},
        &response);
  }
  job->current_url = target;
  job->retries = 0;
  Enqueue(std::move(job), HostFor(HostKey(*parts)));
}

// Puts `job` aside until its backoff ends; a Retry-After also holds back
// the whole host. False when retries are used up.
bool CrawlLoop::ScheduleRetry(std::unique_ptr<Job>& job,
                              const HopResponse& response, Host& host) {
  std::optional<milliseconds> delay =
      RetryDelay(retry_, job->retries + 1, response.retry_after, job->waited);
  if (!delay) return false;
  ++job->retries;
  job->waited += *delay;
  Clock::time_point due = Clock::now() + *delay;
  if (response.retry_after) host.limits.DeferUntil(due);
  Result<UrlParts> parts = ParseUrl(job->current_url);
  Host& target = parts.ok() ? HostFor(HostKey(*parts)) : host;
  retries_.emplace(due, std::make_pair(std::move(job), &target));
  return true;
}

void CrawlLoop::Finish(std::unique_ptr<Job> job, const HopOutcome& outcome,
                       const HopResponse* response) {
  if (job->robots_for != nullptr) {
    FinishRobots(*job, outcome, response);
  } else {
    FinishPage(*job, outcome, response);
  }
}

// RFC 9309 2.3.1: 2xx rules apply; 4xx allows all; 5xx (and 429) or a
// failed redirect chain disallows all; a host that cannot be reached at all
// passes its failure on to its pages.
void CrawlLoop::FinishRobots(const Job& job, const HopOutcome& outcome,
                             const HopResponse* response) {
  Host& host = *job.robots_for;
  host.robots = Host::Robots::kReady;
  long status = response ? response->http_status : 0;
  if (outcome.state == FetchState::kOk && status >= 200 && status <= 299) {
    host.rules = RobotsRules::Parse(response->body, product_token_);
    if (std::optional<double> delay = host.rules.crawl_delay()) {
      double capped =
          std::min(*delay, double(options_.max_crawl_delay.count()));
      host.limits.RaiseGap(milliseconds(static_cast<int64_t>(capped * 1000)));
    }
  } else if (status >= 400 && status <= 499 && status != 429) {
    host.rules = RobotsRules();
  } else if (status == 0 && job.path.redirects.empty()) {
    HopOutcome down = outcome;
    down.error = "robots.txt: " + outcome.error;
    host.unreachable = down;
  } else {
    host.rules = RobotsRules::DisallowAll();
  }
}

void CrawlLoop::FinishPage(const Job& job, const HopOutcome& outcome,
                           const HopResponse* response) {
  std::optional<StoredPage> previous;
  if (job.previous && (outcome.state != FetchState::kOk ||
                       (response && response->http_status == 304))) {
    Result<std::optional<StoredPage>> full = store_.Get(job.path.url);
    if (!full.ok()) {
      store_status_ = full.status();
      return;
    }
    previous = std::move(full).value();
  }
  StoredPage page =
      MakeRecord(job.path, outcome, response, previous, UnixNow());
  Record(page);
  if (page.state == FetchState::kOk && options_.depth > page.depth &&
      options_.extract_links && IsHtml(page)) {
    FollowLinks(page);
  }
}

void CrawlLoop::Record(const StoredPage& page) {
  switch (page.state) {
    case FetchState::kOk:
      ++(page.http_status == 304 ? summary_.not_modified : summary_.fetched);
      break;
    case FetchState::kRobotsBlocked:
    case FetchState::kRefusedPrivate:
    case FetchState::kRefusedScheme:
      ++summary_.blocked;
      break;
    default:
      if (IsBroken(page.state)) ++summary_.failed;
  }
  ++done_;
  progress_.Update(done_, summary_.requested, summary_.failed,
                   static_cast<int>(active_.size()));
  if (Status s = store_.Put(page); !s.ok()) store_status_ = s;
  if (++puts_since_commit_ >= kPutsPerCommit && store_status_.ok()) {
    puts_since_commit_ = 0;
    store_status_ = store_.Commit();
    if (store_status_.ok()) store_status_ = store_.Begin();
  }
}

// Same-host links of `page`, each URL once, at most max_pages_per_host
// discovered pages per host.
void CrawlLoop::FollowLinks(const StoredPage& page) {
  Result<UrlParts> base =
      ParseUrl(page.final_url.empty() ? page.url : page.final_url);
  if (!base.ok()) return;
  for (const std::string& link : options_.extract_links(page)) {
    Result<UrlParts> parts = ParseUrl(link);
    if (!parts.ok() || !SameHost(*parts, *base) ||
        !IsFetchableScheme(parts->scheme)) {
      continue;
    }
    Host& host = HostFor(HostKey(*parts));
    if (host.discovered >= options_.max_pages_per_host) continue;
    if (!seen_.insert(link).second) continue;
    ++host.discovered;
    summary_.discovered.push_back(link);
    Admit(link, page.depth + 1, page.url);
    if (!store_status_.ok()) return;
  }
}

}  // namespace

Result<CrawlSummary> Crawl(const std::vector<std::string>& urls,
                           CrawlStore& store, const CrawlOptions& options) {
  static const CURLcode kGlobalInit = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (kGlobalInit != CURLE_OK) return Status::IOError("libcurl: global init");
  CrawlLoop loop(store, options);
  return loop.Run(urls);
}

}  // namespace haku::crawler
