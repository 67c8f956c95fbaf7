// cli/serve_protocol.h -- how `haku` hands a search to `haku serve`.
//
// A search from the shell spends most of its time starting: loading ICU
// and Xapian, opening the index, ICU's first use. `haku serve` does that
// once and stays; `haku` (a small static front, cli/front_main.cpp) then
// passes each `search` or `similar` to it over a Unix socket and waits:
//
//   front -> server   one message: kMagic, the identity of the haku-search
//                     executable the front would run, its working
//                     directory, argv and environment
//   server -> front   kAccepted, or kDeclined (another haku-search, busy)
//                     and the front runs the search itself
//   front -> server   after kAccepted only: one byte carrying (SCM_RIGHTS)
//                     the front's stdin, stdout and stderr, so that a front
//                     that gave up leaves none of them with the server, and
//                     its working directory (O_PATH): the server enters the
//                     front's directory even when the path names another
//                     there (a front in another mount namespace: a
//                     container, systemd's PrivateTmp)
//   server -> front   kStatus, the exit status byte and the signal byte
//                     (0, or e.g. SIGPIPE) once the search ended
//
// The server runs one search at a time, in its own process, with the
// index, ICU and its caches warm: for the search it takes the front's
// descriptors as its stdin, stdout and stderr, the front's directory and
// environment, and runs the same command line code haku-search runs, so
// output, colours and exit status are the same byte for byte. A front that
// cannot connect, or is declined, execs haku-search as if there were no
// server.
//
// Everything here uses only the C++ standard library and POSIX: the front
// links it statically and must start in about a millisecond.
#ifndef HAKU_CLI_SERVE_PROTOCOL_H_
#define HAKU_CLI_SERVE_PROTOCOL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haku::cli::serve {

inline constexpr std::string_view kMagic = "haku-serve/3";
// Descriptors the front sends after kAccepted: stdin, stdout, stderr and
// its working directory.
inline constexpr int kPassedFds = 4;
inline constexpr char kAccepted = 'A';
inline constexpr char kDeclined = 'D';
inline constexpr char kStatus = 'S';
// A request larger than this is refused (argv and environment are small).
inline constexpr size_t kMaxRequestBytes = 1 << 20;

// The executable that runs search, similar and serve, next to `haku`.
inline constexpr char kSearchProgram[] = "haku-search";

// argv's subcommand: its first word that is neither a flag nor the value
// of the global --config; "" when there is none.
std::string_view Subcommand(int argc, const char* const* argv);
// True when argv's subcommand is one a server runs: search, similar.
bool ForServer(int argc, const char* const* argv);

// The socket: $HAKU_SOCKET when set (empty: no server is used), else
// $XDG_RUNTIME_DIR/haku.sock, else /tmp/haku-<uid>/haku.sock.
std::string SocketPath();

// "device:inode:size:mtime" of the file at `path`, "" when it cannot be
// read: a rebuilt or upgraded executable differs, so a server running old
// code is never handed a search.
std::string FileIdentity(const std::string& path);

struct Request {
  std::string program;  // FileIdentity of the haku-search the front would run
  std::string cwd;  // for messages: the directory itself comes as a descriptor
  std::vector<std::string> argv;
  std::vector<std::string> env;  // NAME=value
};

// The message for `request`: a 4-byte little-endian length, then kMagic
// and every field as NUL-terminated strings (counts in decimal).
std::string Encode(const Request& request);
// The body length a message's first 4 bytes give.
uint32_t BodyLength(std::string_view first4);
// The request in `body` (the message without its length), or nullopt when
// it is malformed.
std::optional<Request> Decode(std::string_view body);

// Whether `fd` is readable, or becomes so within about kSpinMicros,
// checked without sleeping: the two sides of a hand-over answer each other
// in microseconds, and waking a process that slept in poll(2) took this
// 2-CPU VM 0.2-0.6 ms a time. False: the caller waits in poll(2) as usual.
inline constexpr int kSpinMicros = 300;
bool SpinUntilReadable(int fd);

// An owned file descriptor, closed when it goes.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      Reset();
      fd_ = o.fd_;
      o.fd_ = -1;
    }
    return *this;
  }
  int get() const { return fd_; }
  void Reset();

 private:
  int fd_ = -1;
};

}  // namespace haku::cli::serve

#endif  // HAKU_CLI_SERVE_PROTOCOL_H_
