// The request encoding haku and haku serve share, and the wait of a
// hand-over (cli/serve_protocol.h).
#include "cli/serve_protocol.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

namespace haku::cli::serve {
namespace {

struct SocketPair {
  SocketPair() { REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0); }
  ~SocketPair() {
    ::close(fds[0]);
    if (fds[1] >= 0) ::close(fds[1]);
  }
  int fds[2] = {-1, -1};
};

}  // namespace

TEST_CASE("a request survives encoding, and a damaged one is refused") {
  Request r;
  r.program = "2049:1234:5678:1700000000";
  r.cwd = "/home/a b";
  r.argv = {"haku", "search", "--index", "idx", "\"quoted\" words", ""};
  r.env = {"HOME=/home/a b", "EMPTY="};
  std::string message = Encode(r);
  REQUIRE(message.size() > 4);
  CHECK(BodyLength(message) == message.size() - 4);
  std::optional<Request> back = Decode(std::string_view(message).substr(4));
  REQUIRE(back);
  CHECK(back->program == r.program);
  CHECK(back->cwd == r.cwd);
  CHECK(back->argv == r.argv);
  CHECK(back->env == r.env);
  std::string body = message.substr(4);
  CHECK_FALSE(Decode(body.substr(0, body.size() - 1)));  // cut short
  body.replace(0, kMagic.size(), "haku-serve/0");
  CHECK_FALSE(Decode(body));  // another protocol
}

TEST_CASE("SpinUntilReadable sees what is there, and gives up on silence") {
  SocketPair pair;
  CHECK_FALSE(SpinUntilReadable(pair.fds[0]));
  CHECK(::write(pair.fds[1], "A", 1) == 1);
  CHECK(SpinUntilReadable(pair.fds[0]));
  char c = 0;
  CHECK(::read(pair.fds[0], &c, 1) == 1);
  CHECK(c == 'A');
  CHECK_FALSE(SpinUntilReadable(pair.fds[0]));  // read: silent again
  ::close(pair.fds[1]);
  pair.fds[1] = -1;
  CHECK(SpinUntilReadable(pair.fds[0]));  // end of stream reads as readable (0 bytes)
}

}  // namespace haku::cli::serve
