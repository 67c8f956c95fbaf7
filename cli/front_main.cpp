// haku: the command people type. It is small and linked statically, so it
// starts in about a millisecond: `search` and `similar` go to this user's
// `haku serve` when one runs (serve_protocol.h), which answers in a few
// milliseconds from an index it keeps open; everything else, and every
// search when no server answers, runs in haku-search from this
// executable's directory, which this process becomes (execv, same argv).
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "cli/serve_protocol.h"

extern char** environ;

namespace haku::cli {
namespace {

namespace serve = haku::cli::serve;

// How long a server may take to accept a request before the front runs
// the search itself (a stopped or wedged server). A healthy one answers in
// microseconds, or after its 1 s deadline for a slow front ahead of this one.
constexpr int kAcceptTimeoutMs = 2000;

std::string SelfDir(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string self = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string(argv0 ? argv0 : "");
  size_t slash = self.rfind('/');
  return slash == std::string::npos ? "." : self.substr(0, slash);
}

bool ReadFully(int fd, char* buf, size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, buf, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    buf += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

bool SendAll(int fd, const std::string& message) {
  for (size_t done = 0; done < message.size();) {
    ssize_t n = ::send(fd, message.data() + done, message.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Sends this process's stdin, stdout, stderr and working directory (with
// one byte): only once the server accepted, so a front that gave up leaves
// none of them queued in a server that is not reading (its readers would
// wait for their EOF).
bool SendDescriptors(int fd) {
  // Above 2: with one of 0-2 closed, open() would take its place, and the
  // search would get the directory as that stream (it must stay closed:
  // EBADF below).
  int raw = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  serve::Fd cwd(raw >= 0 && raw <= STDERR_FILENO ? ::fcntl(raw, F_DUPFD_CLOEXEC, 3) : raw);
  if (raw >= 0 && raw <= STDERR_FILENO) ::close(raw);
  if (cwd.get() < 0) return false;
  int fds[serve::kPassedFds] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, cwd.get()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)] = {};
  char byte = 0;
  iovec iov{&byte, 1};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_RIGHTS;
  cmsg->cmsg_len = CMSG_LEN(sizeof fds);
  std::memcpy(CMSG_DATA(cmsg), fds, sizeof fds);
  ssize_t sent;
  do {
    sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return sent == 1;  // not, e.g., with a standard descriptor closed (EBADF)
}

// The search's exit status when the server ran it; nullopt when there is
// no server for this user, or it declined: run the search here.
std::optional<int> SearchOnServer(const std::string& program, char** argv) {
  std::string path = serve::SocketPath();
  sockaddr_un addr{};
  if (path.empty() || path.size() >= sizeof addr.sun_path) return std::nullopt;
  // Non-blocking: a server whose queue is full (stopped, wedged) is no server.
  serve::Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) return std::nullopt;
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK) != 0) {
    return std::nullopt;
  }
  // Only a server of this user gets our terminal and environment.
  ucred peer{};
  socklen_t len = sizeof peer;
  if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 ||
      peer.uid != ::getuid()) {
    return std::nullopt;
  }
  serve::Request request;
  request.program = serve::FileIdentity(program);
  char cwd[PATH_MAX];
  if (request.program.empty() || ::getcwd(cwd, sizeof cwd) == nullptr) return std::nullopt;
  request.cwd = cwd;
  for (char** a = argv; *a != nullptr; ++a) request.argv.emplace_back(*a);
  for (char** e = environ; *e != nullptr; ++e) request.env.emplace_back(*e);
  if (!SendAll(fd.get(), serve::Encode(request))) return std::nullopt;

  pollfd p{fd.get(), POLLIN, 0};
  int ready = 1;
  if (!serve::SpinUntilReadable(fd.get())) {
    do {
      ready = ::poll(&p, 1, kAcceptTimeoutMs);
    } while (ready < 0 && errno == EINTR);
  }
  char reply = 0;
  if (ready != 1 || !ReadFully(fd.get(), &reply, 1) || reply != serve::kAccepted ||
      !SendDescriptors(fd.get())) {
    return std::nullopt;  // the server runs nothing without our descriptors
  }
  // Accepted: the search runs, writing to our descriptors. No fallback
  // from here on: it may have written already.
  char status[3];
  if (!ReadFully(fd.get(), status, sizeof status) || status[0] != serve::kStatus) {
    std::fprintf(stderr, "haku: the search server stopped during the search\n");
    return 2;
  }
  if (int sig = static_cast<unsigned char>(status[2]); sig != 0) {
    // Ended by a signal (SIGPIPE of `| head`): end the same way, or, when
    // this process ignores that signal, as haku-search would then.
    struct sigaction now {};
    if (sig == SIGPIPE && ::sigaction(SIGPIPE, nullptr, &now) == 0 && now.sa_handler == SIG_IGN) {
      std::fprintf(stderr, "haku: cannot write the output\n");
      return 2;
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
  return static_cast<unsigned char>(status[1]);
}

}  // namespace
}  // namespace haku::cli

int main(int argc, char** argv) {
  namespace cli = haku::cli;
  std::string program = cli::SelfDir(argv[0]) + "/" + cli::serve::kSearchProgram;
  if (cli::serve::ForServer(argc, argv)) {
    if (std::optional<int> status = cli::SearchOnServer(program, argv)) return *status;
  }
  ::execv(program.c_str(), argv);
  std::fprintf(stderr, "haku: cannot run %s: %s (install %s next to haku)\n", program.c_str(),
               std::strerror(errno), cli::serve::kSearchProgram);
  return 2;
}
