// haku serve: keeps the index open and runs this user's searches
// (serve_protocol.h). The main thread accepts fronts and reads their
// requests; one worker thread runs one search at a time in the front's
// context (descriptors, directory, environment), which are this process's
// own for the duration. A front that comes while a search runs is
// declined: it runs its search itself, at once, rather than queue.
//
// Why not fork per search: a forked child writes to a copy of every heap
// page it touches (~250 page faults a search, ~5 ms on this VM) and loses
// the caches it filled; in this process a search costs what it costs in a
// long-running program.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/serve_protocol.h"
#include "indexer/index/index_dir.h"
#include "searcher/searcher.h"

extern char** environ;

namespace haku::cli {
namespace {

namespace serve = haku::cli::serve;
using serve::Fd;

// A front sends its request right after connecting, and its descriptors
// right after it is accepted.
constexpr std::chrono::milliseconds kRequestTimeout{1000};
// How long a stopping server waits for the search it runs.
constexpr std::chrono::seconds kStopTimeout{10};

// The index `haku serve` keeps open, by canonical directory: a search it
// runs for the same directory uses it (OpenSearcher). Touched only by the
// thread that runs searches (and by the main thread before it starts).
struct KeptSearcher {
  std::optional<std::pair<dev_t, ino_t>> dir;  // its index directory, by identity
  std::unique_ptr<search::Searcher> searcher;
};
KeptSearcher kept;

// The directory `dir` names (symbolic links followed), as device and inode:
// the same for a front in another mount namespace, whose paths (getcwd:
// "(unreachable)/...") do not name it as the server's do.
std::optional<std::pair<dev_t, ino_t>> DirectoryIdentity(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(st.st_dev, st.st_ino);
}

// A request from a front: its fields, its three descriptors and the
// connection the exit status goes back on.
struct Job {
  serve::Request request;
  std::vector<Fd> fds;
  Fd conn;
};

bool SendBytes(int conn, const char* data, size_t n) {
  return ::send(conn, data, n, MSG_NOSIGNAL) == static_cast<ssize_t>(n);
}

using Deadline = std::chrono::steady_clock::time_point;

// Receives up to `n` bytes into `buf` (and any descriptors sent with them
// into `fds`) before `deadline`; the bytes received, 0 at end of stream or
// on error, -1 when the deadline passed. A slow or silent front costs the
// server at most the deadline.
ssize_t ReceiveBy(int conn, char* buf, size_t n, std::vector<Fd>* fds, Deadline deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return -1;
    pollfd p{conn, POLLIN, 0};
    int ready = serve::SpinUntilReadable(conn) ? 1 : ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? -1 : 0;
    alignas(cmsghdr) char control[CMSG_SPACE(serve::kPassedFds * sizeof(int))];
    iovec iov{buf, n};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t got = ::recvmsg(conn, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); got > 0 && c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < count; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        if (fds != nullptr) {
          fds->emplace_back(fd);
        } else {
          ::close(fd);
        }
      }
    }
    if (got <= 0 || (msg.msg_flags & MSG_CTRUNC) != 0) return 0;
    return got;
  }
}

// Reads one request from `conn` (its fields; the descriptors come once it
// is accepted, TakeDescriptors); nullopt when it is malformed, too large,
// too slow or from another user.
std::optional<Job> ReadRequest(Fd conn) {
  ucred peer{};
  socklen_t len = sizeof peer;
  if (::getsockopt(conn.get(), SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 ||
      peer.uid != ::getuid()) {
    return std::nullopt;
  }
  Deadline deadline = std::chrono::steady_clock::now() + kRequestTimeout;
  std::string data;
  char buf[64 * 1024];
  size_t want = 4;
  while (data.size() < want) {
    ssize_t n = ReceiveBy(conn.get(), buf, std::min(sizeof buf, want - data.size()), nullptr,
                          deadline);
    if (n <= 0) return std::nullopt;
    data.append(buf, static_cast<size_t>(n));
    if (want == 4 && data.size() == 4) {
      uint32_t body = serve::BodyLength(data);
      if (body > serve::kMaxRequestBytes) return std::nullopt;
      want += body;
    }
  }
  std::optional<serve::Request> request = serve::Decode(std::string_view(data).substr(4));
  if (!request) return std::nullopt;
  Job job;
  job.request = std::move(*request);
  job.conn = std::move(conn);
  return job;
}

// After kAccepted: the front's stdin, stdout, stderr and working directory
// (one byte with SCM_RIGHTS). False when they do not come in time: the
// front gave up and runs the search itself.
bool TakeDescriptors(Job& job) {
  char byte;
  Deadline deadline = std::chrono::steady_clock::now() + kRequestTimeout;
  if (ReceiveBy(job.conn.get(), &byte, 1, &job.fds, deadline) != 1 ||
      job.fds.size() != static_cast<size_t>(serve::kPassedFds)) {
    job.fds.clear();
    return false;
  }
  return true;
}

// Opens, or catches up with, the kept index. An index that cannot be
// opened is left for the search itself to report, as haku-search would.
void RefreshKept(const std::string& index_dir) {
  if (kept.searcher != nullptr) {
    if (!kept.searcher->Refresh().ok()) kept.searcher.reset();
    kept.dir = DirectoryIdentity(index_dir);  // made anew, it is another directory
    return;
  }
  if (!index::HasIndex(index_dir)) return;
  Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::Open(index_dir);
  if (!opened.ok()) return;
  kept.searcher = std::move(*opened);
  kept.dir = DirectoryIdentity(index_dir);
  // A first search loads what searches share: ICU's data, stemmers, the
  // index's first blocks.
  search::SearchRequest warm;
  warm.query = "haku";
  (void)kept.searcher->Search(warm);
}

// This process as it is between searches: its descriptors 0-2 (copies),
// directory and environment, put back after each search.
class OwnContext {
 public:
  OwnContext() : cwd_(::open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    for (int i = 0; i < 3; ++i) std_[i] = Fd(::fcntl(i, F_DUPFD_CLOEXEC, 3));
    for (char** e = environ; *e != nullptr; ++e) env_.emplace_back(*e);
  }
  bool ok() const { return cwd_.get() >= 0 && std_[0].get() >= 0 && std_[1].get() >= 0 && std_[2].get() >= 0; }
  // Where the server's own messages go while a search has descriptor 2.
  int log_fd() const { return std_[2].get(); }

  void Restore() {
    std::fflush(stdout);
    std::fflush(stderr);
    for (int i = 0; i < 3; ++i) ::dup2(std_[i].get(), i);
    std::clearerr(stdout);
    std::clearerr(stderr);
    std::cout.clear();  // CLI11 writes --help through std::cout
    std::cerr.clear();
    if (::fchdir(cwd_.get()) != 0) {
      // The directory the server started in went away; searches give
      // their own directories, so go on.
    }
    SetEnvironment(env_);
  }

  // `env` (NAME=value strings) becomes the environment; the strings must
  // outlive it (putenv keeps pointers).
  static void SetEnvironment(std::vector<std::string>& env) {
    ::clearenv();
    for (std::string& e : env) {
      if (e.find('=') != std::string::npos) ::putenv(e.data());
    }
  }

 private:
  Fd cwd_;
  Fd std_[3];
  std::vector<std::string> env_;
};

// Runs `job` as haku-search would in the front's process: its descriptors,
// directory and environment. The exit status and signal, for the front.
ExitRequest RunJob(Job& job, OwnContext& own, const std::string& index_dir, AppRunner run) {
  try {
    RefreshKept(index_dir);
  } catch (const std::exception&) {
    kept.searcher.reset();  // the search opens the index itself, and says what fails
  }
  std::fflush(stdout);
  std::fflush(stderr);
  for (int i = 0; i < 3; ++i) ::dup2(job.fds[i].get(), i);
  ExitRequest result{.status = 2};
  if (::fchdir(job.fds[3].get()) != 0) {
    PrintError("cannot enter " + job.request.cwd + ": " + std::strerror(errno));
  } else {
    OwnContext::SetEnvironment(job.request.env);
    std::vector<char*> argv;
    for (std::string& a : job.request.argv) argv.push_back(a.data());
    argv.push_back(nullptr);
    try {
      result.status = run(static_cast<int>(job.request.argv.size()), argv.data());
      std::fflush(stdout);
    } catch (const ExitRequest& exit) {
      result = exit;
    } catch (const std::exception& e) {
      PrintError(std::string("search failed: ") + e.what());
    }
  }
  own.Restore();
  return result;
}

// One search at a time, on its own thread: the main thread meanwhile
// accepts fronts and declines them.
class Worker {
 public:
  Worker(OwnContext& own, std::string index_dir, AppRunner run)
      : own_(own), index_dir_(std::move(index_dir)), run_(run), thread_([this] { Loop(); }) {}
  ~Worker() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  bool busy() {
    std::lock_guard<std::mutex> lock(mu_);
    return job_.has_value() || running_;
  }
  // Waits until no search runs; false if one still does after `limit`
  // (its reader stopped reading).
  bool WaitIdle(std::chrono::seconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    return idle_cv_.wait_for(lock, limit, [&] { return !job_.has_value() && !running_; });
  }
  // A front connected: the worker wakes now and waits awake for its job
  // (for up to kWarmWait), so that waking it (~0.05-0.2 ms on this VM, its
  // CPU idle) overlaps the hand-over instead of delaying the search.
  void Warm() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_ || job_) return;
      warm_ = true;
    }
    cv_.notify_one();
  }
  void Start(Job job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      job_ = std::move(job);
      posted_.store(true);
    }
    cv_.notify_one();
  }

 private:
  static constexpr std::chrono::milliseconds kWarmWait{5};

  void Loop() {
    for (;;) {
      std::optional<Job> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || job_.has_value() || warm_; });
        if (!job_ && !stop_) {
          warm_ = false;
          lock.unlock();
          const auto until = std::chrono::steady_clock::now() + kWarmWait;
          while (!posted_.load() && std::chrono::steady_clock::now() < until) ::sched_yield();
          lock.lock();
        }
        if (!job_) {
          if (stop_) return;
          continue;  // the front was declined, or is slow: sleep again
        }
        job = std::move(job_);
        job_.reset();
        posted_.store(false);
        warm_ = false;  // Warm() and Start() may both have come before this thread woke
        running_ = true;
      }
      ExitRequest exit = RunJob(*job, own_, index_dir_, run_);
      {
        // Free before the front hears: its shell's next search must not
        // find the server busy.
        std::lock_guard<std::mutex> lock(mu_);
        running_ = false;
      }
      idle_cv_.notify_all();
      char reply[3] = {serve::kStatus, static_cast<char>(exit.status & 0xff),
                       static_cast<char>(exit.signal & 0xff)};
      SendBytes(job->conn.get(), reply, sizeof reply);
    }
  }

  OwnContext& own_;
  const std::string index_dir_;
  const AppRunner run_;
  std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::optional<Job> job_;
  std::atomic<bool> posted_{false};  // job_ is set: for the awake wait, without mu_
  bool warm_ = false;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

struct ServeArgs {
  std::string index_dir;
  std::string socket;
};

int Run(const ServeArgs& args, AppRunner run) {
  // Descriptors 0-2 are a search's while it runs: none of ours may be one.
  for (int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC); fd >= 0 && fd <= 2;
       fd = ::open("/dev/null", O_RDWR | O_CLOEXEC)) {
    ::fcntl(fd, F_SETFD, 0);  // a standard descriptor: keep it across exec
  }
  std::string index_dir = args.index_dir.empty() ? DefaultIndexDir() : args.index_dir;
  std::string path = args.socket.empty() ? serve::SocketPath() : args.socket;
  sockaddr_un addr{};
  if (path.empty()) {
    PrintError("HAKU_SOCKET is set and empty: no socket to serve on (give --socket PATH)");
    return 2;
  }
  // Searches change the directory: every path from here on is absolute.
  path = std::filesystem::absolute(path).string();
  index_dir = std::filesystem::absolute(index_dir).string();
  if (path.size() >= sizeof addr.sun_path) {
    PrintError("socket path too long (" + std::to_string(path.size()) + " bytes): " + path);
    return 2;
  }
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (::mkdir(parent.c_str(), 0700) != 0 && errno != EEXIST) {
    PrintError("cannot create " + parent.string() + ": " + std::strerror(errno));
    return 2;
  }
  // Another user's directory (a /tmp/haku-UID made by someone else) could
  // swap the socket or point the lock at one of our files.
  struct stat dir {};
  if (::lstat(parent.c_str(), &dir) != 0 || !S_ISDIR(dir.st_mode) || dir.st_uid != ::getuid() ||
      (dir.st_mode & 077) != 0) {
    PrintError(parent.string() + " must be a directory of yours that others cannot use (mode 0700)");
    return 2;
  }
  // One server per socket. The lock is the kernel's: a server that died,
  // even by kill -9, leaves nothing in the way.
  std::string lock_path = path + ".lock";
  Fd lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (lock.get() < 0) {
    PrintError("cannot open " + lock_path + ": " + std::strerror(errno));
    return 2;
  }
  if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    ssize_t n = ::pread(lock.get(), pid, sizeof pid - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : "?";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    PrintError("another haku serve (pid " + holder + ") serves " + path);
    return 2;
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock.get(), 0) != 0 || ::pwrite(lock.get(), pid.data(), pid.size(), 0) < 0) {
    PrintError("cannot write " + lock_path + ": " + std::strerror(errno));
    return 2;
  }

  Fd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  ::unlink(path.c_str());  // left by a server that died
  mode_t old_mask = ::umask(0077);  // this user's only
  bool bound = listener.get() >= 0 &&
               ::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
               ::listen(listener.get(), 128) == 0;
  int bind_errno = errno;
  ::umask(old_mask);
  if (!bound) {
    PrintError("cannot listen on " + path + ": " + std::strerror(bind_errno));
    return 2;
  }
  struct stat socket_stat {};
  ::stat(path.c_str(), &socket_stat);

  // Signals arrive as reads on the main thread; the worker inherits the
  // mask. A reader that goes away is an EPIPE, not the server's death.
  sigset_t handled;
  sigemptyset(&handled);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    ::signal(sig, SIG_DFL);  // a shell's `&` leaves SIGINT ignored: never pending
    sigaddset(&handled, sig);
  }
  ::pthread_sigmask(SIG_BLOCK, &handled, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  Fd signals(::signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK));

  const std::string self = serve::FileIdentity("/proc/self/exe");
  std::error_code ec;
  std::string self_path = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  OwnContext own;
  if (!own.ok() || signals.get() < 0) {
    PrintError(std::string("cannot set up: ") + std::strerror(errno));
    return 2;
  }
  auto log = [&own](const std::string& line) {
    std::string out = "haku serve: " + line + "\n";
    if (::write(own.log_fd(), out.data(), out.size()) < 0) {
      // nowhere to say it
    }
  };
  RefreshKept(index_dir);
  ThrowOnExit(true);
  log("serving " + index_dir + " on " + path + " (pid " + std::to_string(::getpid()) + ")");

  long served = 0, declined = 0;
  bool replaced = false;
  // Whether this executable was replaced (an upgrade), said once: the
  // server then stops for a new one to start.
  auto replaced_now = [&] {
    if (serve::FileIdentity(self_path) == self) return false;
    log(self_path + " was replaced: stopping (start haku serve again)");
    replaced = true;
    return true;
  };
  {
    Worker worker(own, index_dir, run);
    for (;;) {
      pollfd polls[2] = {{signals.get(), POLLIN, 0}, {listener.get(), POLLIN, 0}};
      if (::poll(polls, 2, -1) < 0) {
        if (errno == EINTR) continue;
        log(std::string("poll failed: ") + std::strerror(errno));
        break;
      }
      if (polls[0].revents != 0) break;  // SIGTERM, SIGINT, SIGHUP
      if ((polls[1].revents & POLLIN) == 0) continue;
      Fd conn(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (conn.get() < 0) continue;
      worker.Warm();
      std::optional<Job> job = ReadRequest(std::move(conn));
      if (!job) {
        // A request this server cannot read may come from an upgraded front
        // (another protocol version).
        if (replaced_now()) break;
        continue;
      }
      std::vector<const char*> argv;
      for (const std::string& a : job->request.argv) argv.push_back(a.c_str());
      if (job->request.program != self && replaced_now()) {
        SendBytes(job->conn.get(), &serve::kDeclined, 1);
        break;
      }
      if (job->request.program != self || worker.busy() ||
          !serve::ForServer(static_cast<int>(argv.size()), argv.data())) {
        ++declined;
        SendBytes(job->conn.get(), &serve::kDeclined, 1);
        continue;
      }
      if (!SendBytes(job->conn.get(), &serve::kAccepted, 1) || !TakeDescriptors(*job)) {
        ++declined;  // the front gave up and runs the search itself
        continue;
      }
      ++served;
      worker.Start(std::move(*job));
    }
    // Stop taking fronts; the search running finishes (~Worker), unless
    // its reader has stopped reading.
    struct stat now {};
    if (::stat(path.c_str(), &now) == 0 && now.st_ino == socket_stat.st_ino) ::unlink(path.c_str());
    listener.Reset();
    if (!worker.WaitIdle(kStopTimeout)) {
      log("a search still writes after " + std::to_string(kStopTimeout.count()) +
          " s (its reader is stuck): stopping without it");
      std::_Exit(1);
    }
  }
  log("stopped after " + std::to_string(served) + " searches (" + std::to_string(declined) +
      " left to their fronts)");
  return replaced ? 3 : 0;
}

}  // namespace

Result<search::Searcher*> OpenSearcher(const std::string& index_dir,
                                       std::unique_ptr<search::Searcher>& owned) {
  if (kept.searcher != nullptr && kept.dir && DirectoryIdentity(index_dir) == kept.dir) {
    return kept.searcher.get();
  }
  Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::Open(index_dir);
  if (!opened.ok()) return opened.status();
  owned = std::move(*opened);
  return owned.get();
}

Runner AddServeCommand(CLI::App& app, AppRunner run) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Keep the index open and run this user's searches from the shell (see README.md)");
  cmd->add_option("--index", args->index_dir, "Index directory to keep open")->type_name("DIR");
  cmd->add_option("--socket", args->socket,
                  "Unix socket ($HAKU_SOCKET, else $XDG_RUNTIME_DIR/haku.sock, else "
                  "/tmp/haku-UID/haku.sock)")
      ->type_name("PATH");
  ResetBeforeParse(*cmd, [args] { *args = ServeArgs(); });  // RunCachedApp parses into it again
  return [args, run] { return Run(*args, run); };
}

}  // namespace haku::cli
