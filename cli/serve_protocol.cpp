#include "cli/serve_protocol.h"

#include <poll.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>

namespace haku::cli::serve {
namespace {

void Put(std::string& out, std::string_view field) {
  out.append(field);
  out.push_back('\0');
}

void PutList(std::string& out, const std::vector<std::string>& list) {
  Put(out, std::to_string(list.size()));
  for (const std::string& s : list) Put(out, s);
}

// Reads NUL-terminated fields from a message body.
class Reader {
 public:
  explicit Reader(std::string_view body) : rest_(body) {}
  std::optional<std::string> Next() {
    size_t end = rest_.find('\0');
    if (end == std::string_view::npos) return std::nullopt;
    std::string field(rest_.substr(0, end));
    rest_.remove_prefix(end + 1);
    return field;
  }
  bool NextList(std::vector<std::string>& out) {
    std::optional<std::string> count = Next();
    size_t n = 0;
    if (!count || std::from_chars(count->data(), count->data() + count->size(), n).ec != std::errc{} ||
        n > rest_.size()) {
      return false;
    }
    for (size_t i = 0; i < n; ++i) {
      std::optional<std::string> field = Next();
      if (!field) return false;
      out.push_back(std::move(*field));
    }
    return true;
  }
  bool AtEnd() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace

std::string_view Subcommand(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--config") {
      ++i;  // its value (--config=F is one word)
    } else if (!arg.starts_with("-")) {
      return arg;
    }
  }
  return "";
}

bool ForServer(int argc, const char* const* argv) {
  std::string_view command = Subcommand(argc, argv);
  return command == "search" || command == "similar";
}

void Fd::Reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string SocketPath() {
  if (const char* path = std::getenv("HAKU_SOCKET")) return path;
  if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run != nullptr && *run == '/') {
    return std::string(run) + "/haku.sock";
  }
  return "/tmp/haku-" + std::to_string(::getuid()) + "/haku.sock";
}

std::string FileIdentity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
         std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

std::string Encode(const Request& request) {
  std::string body;
  Put(body, kMagic);
  Put(body, request.program);
  Put(body, request.cwd);
  PutList(body, request.argv);
  PutList(body, request.env);
  uint32_t n = static_cast<uint32_t>(body.size());
  std::string message;
  for (int i = 0; i < 4; ++i) message.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  return message + body;
}

uint32_t BodyLength(std::string_view first4) {
  uint32_t n = 0;
  for (size_t i = 0; i < 4 && i < first4.size(); ++i) {
    n |= static_cast<uint32_t>(static_cast<unsigned char>(first4[i])) << (8 * i);
  }
  return n;
}

std::optional<Request> Decode(std::string_view body) {
  Reader in(body);
  Request r;
  std::optional<std::string> magic = in.Next();
  if (!magic || *magic != kMagic) return std::nullopt;
  std::optional<std::string> program = in.Next();
  std::optional<std::string> cwd = in.Next();
  if (!program || !cwd) return std::nullopt;
  r.program = std::move(*program);
  r.cwd = std::move(*cwd);
  if (!in.NextList(r.argv) || r.argv.empty() || !in.NextList(r.env) || !in.AtEnd()) {
    return std::nullopt;
  }
  return r;
}

bool SpinUntilReadable(int fd) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
  do {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) == 1) return true;
    ::sched_yield();  // on a busy or one-CPU machine, the other side may need this CPU
  } while (std::chrono::steady_clock::now() < until);
  return false;
}

}  // namespace haku::cli::serve
