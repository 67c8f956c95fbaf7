// haku serve: searches handed over by the haku front run in the server, with
// the same output, exit status, directory and environment as without it;
// a server that is stale, busy, gone or duplicated never costs a search.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

extern char** environ;

namespace haku {
namespace {

using testing::CommandResult;
using testing::Quote;
using testing::RunCommand;

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// `haku-search serve` on a socket of its own, its stderr in a file.
class Server {
 public:
  Server(const std::string& index, const std::string& socket, const std::string& log,
         const std::string& program = HAKU_SEARCH_PATH)
      : socket_(socket), log_(log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = {"haku-search", "serve", "--index", index, "--socket", socket};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
  }
  ~Server() { Stop(SIGKILL); }
  // Waits until it listens (its first log line); false if it exited.
  bool WaitReady() {
    for (int i = 0; i < 500; ++i) {
      if (testing::ReadFile(log_).find("serving") != std::string::npos) return true;
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        status_ = status;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  // Sends `sig` and waits; the exit status (-1 if killed, or not running).
  int Stop(int sig = SIGTERM) {
    if (pid_ > 0) {
      ::kill(pid_, sig);
      ::waitpid(pid_, &status_, 0);
      pid_ = -1;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }
  // Waits up to `limit` for it to exit by itself (its pidfd becomes
  // readable when it does); its exit status, or -1.
  int WaitExit(std::chrono::milliseconds limit) {
    if (pid_ <= 0) return -1;
    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    REQUIRE(pidfd >= 0);
    pollfd p{pidfd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(limit.count()));
    ::close(pidfd);
    if (ready != 1) return -1;
    REQUIRE(::waitpid(pid_, &status_, 0) == pid_);
    pid_ = -1;
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }
  std::string log() const { return testing::ReadFile(log_); }
  pid_t pid() const { return pid_; }

 private:
  std::string socket_, log_;
  pid_t pid_ = -1;
  int status_ = 0;
};

class Fixture {
 public:
  Fixture() : index_(dir_.File("index")), socket_(dir_.File("run/haku.sock")) {
    std::string lists;
    for (const char* f : {"public-medical-datasets.md", "nordic-healthcare-data-science.md"}) {
      lists += " --sources " + Quote(testing::SourceDir() + "/corpus/" + f);
    }
    CommandResult u = RunCommand(Quote(HAKU_CLI_PATH) + " update --offline --index " +
                                 Quote(index_) + lists);
    REQUIRE_MESSAGE(u.exit_code == 0, u.err);
  }
  // `haku ARGS` with the server's socket (or none), from `cwd`.
  CommandResult Haku(const std::string& args, bool via_server, const std::string& cwd = ".",
                     const std::string& env = "") {
    return RunCommand("cd " + Quote(cwd) + " && HAKU_SOCKET=" +
                      (via_server ? Quote(socket_) : std::string("''")) + " " + env + " " +
                      Quote(HAKU_CLI_PATH) + " " + args);
  }
  const std::string& index() const { return index_; }
  // A search with a known, non-zero answer.
  std::string CountMimic() {
    std::string search = "search --index " + Quote(index_) + " --count mimic";
    REQUIRE(Haku(search, false).exit_code == 0);
    return search;
  }
  const std::string& socket() const { return socket_; }
  std::string File(const std::string& name) const { return dir_.File(name); }
  // A server of the index on the socket, listening; its log in `log`.
  std::unique_ptr<Server> Start(const std::string& log) {
    auto server = std::make_unique<Server>(index_, socket_, File(log));
    REQUIRE_MESSAGE(server->WaitReady(), server->log());
    return server;
  }

 private:
  testing::TempDir dir_;
  std::string index_, socket_;
};

// Each of `commands` gives the same exit code, stdout and stderr through
// the server as run alone (with `env` either way).
void CheckServedAsAlone(Fixture& f, const std::vector<std::string>& commands,
                        const std::string& env = "") {
  for (const std::string& c : commands) {
    CAPTURE(c);
    CommandResult alone = f.Haku(c, false, ".", env);
    CommandResult served = f.Haku(c, true, ".", env);
    CHECK(served.exit_code == alone.exit_code);
    CHECK(served.out == alone.out);
    CHECK(served.err == alone.err);
  }
}

int Served(const std::string& log) {
  size_t at = log.find("stopped after ");
  return at == std::string::npos ? -1 : std::stoi(log.substr(at + 14));
}

}  // namespace

TEST_CASE("a search through haku serve is the search without it, byte for byte") {
  Fixture f;
  auto server = f.Start("serve.log");
  std::string idx = "--index " + Quote(f.index());
  const std::vector<std::string> commands = {
      "search " + idx + " mimic",
      "search " + idx + " --json --facets intensive care",
      "search " + idx + " --format tsv --lang en data",
      "search " + idx + " --count data",
      "search " + idx + " nosuchwordanywhere",           // nothing found: 1
      "search " + idx + " '\"unbalanced'",               // a note on stderr
      "search " + idx + " --limit -3 data",              // error: 2
      "search --no-such-flag",                           // parse error: 2
      "search --index " + Quote(f.File("nothing")) + " data",  // no index: 2
      "search --help",
      "similar " + idx + " https://physionet.org/works/MIMICIIIClinicalDatabase/files/",
  };
  CheckServedAsAlone(f, commands);
  CHECK(f.Haku(commands[0], true).out.find("MIMIC") != std::string::npos);
  // The front's directory and environment: a relative --index, HAKU_INDEX.
  std::string parent = f.index().substr(0, f.index().rfind('/'));
  CommandResult relative = f.Haku("search --index index --count mimic", true, parent);
  CHECK_MESSAGE(relative.exit_code == 0, relative.err);
  CommandResult by_env = f.Haku("search --count mimic", true, ".", "HAKU_INDEX=" + Quote(f.index()));
  CHECK_MESSAGE(by_env.exit_code == 0, by_env.err);
  CHECK(by_env.out == relative.out);
  CHECK(server->Stop() == 0);
  // Every search above ran in the server, none in a process of its own.
  CHECK(Served(server->log()) == static_cast<int>(commands.size()) + 3);
}

TEST_CASE("no flag of one served search reaches the next (the server parses with one app)") {
  Fixture f;
  auto server = f.Start("serve.log");
  std::string idx = "--index " + Quote(f.index());
  // Each with flags, then without them or with others; a parse error and
  // --help between.
  const std::vector<std::string> commands = {
      "search " + idx + " --json --facets --lang sv --site physionet.org --limit 2 --offset 1 data",
      "search " + idx + " data",
      "search " + idx + " --count --type html --list public-medical-datasets mimic",
      "search " + idx + " mimic",
      "search " + idx + " --format tsv --section Datasets --lang en --lang fi data",
      "search --no-such-flag " + idx + " data",
      "search " + idx + " --limit 1 mimic ehr",
      "search --help",
      "search " + idx + " mimic ehr",
      "search mimic",  // no --index: $HAKU_INDEX (none there), not the last one given
      "similar " + idx + " --json --limit 1 https://physionet.org/works/MIMICIIIClinicalDatabase/files/",
      "similar " + idx + " https://physionet.org/works/MIMICIIIClinicalDatabase/files/",
  };
  CheckServedAsAlone(f, commands, "HAKU_INDEX=" + Quote(f.File("nothing")));
  CHECK(server->Stop() == 0);
  CHECK(Served(server->log()) == static_cast<int>(commands.size()));
}

TEST_CASE("a front whose directory the server sees under another name searches from its own") {
  // A front in another mount namespace (a container, systemd's
  // PrivateTmp): there, `view` is a tmpfs holding a link to the index; the
  // server, outside, sees an empty directory by that name.
  if (::geteuid() != 0 || RunCommand("unshare -m true").exit_code != 0) {
    MESSAGE("skipped: needs root and unshare(1) to make a mount namespace");
    return;
  }
  Fixture f;
  auto server = f.Start("serve.log");
  std::string view = f.File("view");
  std::filesystem::create_directory(view);
  auto in_namespace = [&](bool via_server) {
    std::string search = "HAKU_SOCKET=" + (via_server ? Quote(f.socket()) : std::string("''")) +
                         " " + Quote(HAKU_CLI_PATH) + " search --index index --count mimic";
    std::string script = "mount -t tmpfs none " + Quote(view) + " && ln -s " + Quote(f.index()) +
                         " " + Quote(view + "/index") + " && cd " + Quote(view) + " && " + search;
    return RunCommand("unshare -m --propagation private sh -c " + Quote(script));
  };
  CommandResult alone = in_namespace(false);
  REQUIRE_MESSAGE(alone.exit_code == 0, alone.err);
  CommandResult served = in_namespace(true);
  CHECK_MESSAGE(served.exit_code == 0, served.err);
  CHECK(served.out == alone.out);
  CHECK(std::filesystem::is_empty(view));  // the namespace's mount stayed there
  CHECK(server->Stop() == 0);
  CHECK(Served(server->log()) == 1);
}

TEST_CASE("haku serve sees what an update publishes") {
  Fixture f;
  auto server = f.Start("serve.log");
  std::string count = "search --index " + Quote(f.index()) + " --count";
  CHECK(f.Haku(count + " otter", true).exit_code == 1);
  testing::WriteFile(f.File("new.md"), "# New\n\n- [Otter survey](https://new.example/otter) - river otters\n");
  std::string lists;
  for (const char* l : {"public-medical-datasets.md", "nordic-healthcare-data-science.md"}) {
    lists += " --sources " + Quote(testing::SourceDir() + "/corpus/" + l);
  }
  CommandResult u = f.Haku("update --offline --index " + Quote(f.index()) + lists +
                               " --sources " + Quote(f.File("new.md")),
                           false);
  REQUIRE_MESSAGE(u.exit_code == 0, u.err);
  CommandResult after = f.Haku(count + " otter", true);
  CHECK(after.exit_code == 0);
  CHECK(after.out == "1\n");
  u = f.Haku("update --offline --rebuild --index " + Quote(f.index()) + lists, false);
  REQUIRE_MESSAGE(u.exit_code == 0, u.err);
  CHECK(f.Haku(count + " otter", true).exit_code == 1);
  CHECK(server->Stop() == 0);
  CHECK(Served(server->log()) == 3);
}

TEST_CASE("a duplicate or dead server never costs a search") {
  Fixture f;
  std::string search = f.CountMimic();
  CommandResult expected = f.Haku(search, false);
  auto server = f.Start("serve.log");

  // A second server on the same socket is refused, naming the first.
  Server second(f.index(), f.socket(), f.File("second.log"));
  CHECK(!second.WaitReady());
  CHECK(second.Stop() == 2);
  CHECK(second.log().find("another haku serve (pid " + std::to_string(server->pid()) + ")") !=
        std::string::npos);

  // Killed outright, it leaves its socket behind: searches go on without
  // it, and a new server takes the socket over.
  server->Stop(SIGKILL);
  CHECK(Exists(f.socket()));
  CommandResult orphan = f.Haku(search, true);
  CHECK(orphan.exit_code == 0);
  CHECK(orphan.out == expected.out);
  auto again = f.Start("again.log");
  CHECK(f.Haku(search, true).out == expected.out);
  CHECK(again->Stop() == 0);
  CHECK(again->log().find("stopped after 1 searches (0 left") != std::string::npos);
  CHECK(!Exists(f.socket()));  // a server that stops removes its socket
}

TEST_CASE("a stopped server costs a search a few seconds and keeps none of its output") {
  Fixture f;
  std::string search = f.CountMimic();
  CommandResult expected = f.Haku(search, false);
  auto server = f.Start("serve.log");
  ::kill(server->pid(), SIGSTOP);
  // Through a pipe: `cat` ends only when every copy of the front's stdout
  // is closed, the server's included.
  auto start = std::chrono::steady_clock::now();
  CommandResult piped = RunCommand("timeout 30 sh -c " +
                                   Quote("HAKU_SOCKET=" + Quote(f.socket()) + " " +
                                         Quote(HAKU_CLI_PATH) + " " + search + " | cat"));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::kill(server->pid(), SIGCONT);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == expected.out);
  CHECK(seconds < 15);
  CHECK(server->Stop() == 0);
  // The search ran in the front alone (the server, once running again,
  // finds that front gone, if it reads the request at all before SIGTERM).
  CHECK(server->log().find("stopped after 0 searches") != std::string::npos);
}

TEST_CASE("nothing of one search's output state reaches the next") {
  Fixture f;
  auto server = f.Start("serve.log");
  std::string served = "HAKU_SOCKET=" + Quote(f.socket()) + " " + Quote(HAKU_CLI_PATH);
  // A search on a terminal first (line-buffered stdout), then --help into
  // a full device: the help text no longer fits the buffer and fails.
  RunCommand("script -qc " + Quote(served + " search --index " + Quote(f.index()) + " mimic") +
             " /dev/null");
  RunCommand("{ " + served + " search --help >/dev/full; }");
  CommandResult help = f.Haku("search --help", true);
  CHECK(help.exit_code == 0);
  CHECK(help.out == f.Haku("search --help", false).out);
  CHECK(help.out.find("--index") != std::string::npos);
  CHECK(server->Stop() == 0);
  CHECK(Served(server->log()) == 3);
}

TEST_CASE("a front of another haku-search (an upgrade, a rebuild) runs its search itself") {
  Fixture f;
  auto server = f.Start("serve.log");
  std::string other = f.File("other");
  REQUIRE(RunCommand("mkdir " + Quote(other) + " && cp " + Quote(HAKU_CLI_PATH) + " " +
                     Quote(HAKU_SEARCH_PATH) + " " + Quote(other))
              .exit_code == 0);
  CommandResult r = RunCommand("HAKU_SOCKET=" + Quote(f.socket()) + " " + Quote(other + "/haku") +
                               " search --index " + Quote(f.index()) + " --count mimic");
  CHECK(r.exit_code == 0);
  CHECK(server->Stop() == 0);
  CHECK(server->log().find("stopped after 0 searches (1 left to their fronts)") != std::string::npos);
}

TEST_CASE("a replaced server stops on a request it cannot read (a front of a newer protocol)") {
  // An upgrade replaces haku-search (a new file) and its fronts may speak a
  // newer protocol than the running server reads: the server must stop,
  // for a new one to start, not drop their requests for ever.
  Fixture f;
  std::string bin = f.File("bin");
  REQUIRE(RunCommand("mkdir " + Quote(bin) + " && cp " + Quote(HAKU_SEARCH_PATH) + " " + Quote(bin))
              .exit_code == 0);
  Server server(f.index(), f.socket(), f.File("serve.log"), bin + "/haku-search");
  REQUIRE_MESSAGE(server.WaitReady(), server.log());
  REQUIRE(RunCommand("cp " + Quote(HAKU_SEARCH_PATH) + " " + Quote(bin + "/new") + " && touch -d 2001-01-01 " +
                     Quote(bin + "/new") + " && mv " + Quote(bin + "/new") + " " +
                     Quote(bin + "/haku-search"))
              .exit_code == 0);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(f.socket().size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, f.socket().data(), f.socket().size());
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const char request[] = "\x0d\x00\x00\x00haku-serve/99";  // a length, then another magic
  CHECK(::write(fd, request, sizeof request - 1) == static_cast<ssize_t>(sizeof request - 1));
  CHECK(server.WaitExit(std::chrono::seconds(10)) == 3);
  ::close(fd);
  CHECK(server.log().find("was replaced") != std::string::npos);
}

}  // namespace haku
