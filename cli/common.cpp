#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "common/printable.h"
#include "searcher/searcher.h"

namespace haku::cli {

std::string DefaultIndexDir() {
  if (const char* dir = std::getenv("HAKU_INDEX"); dir && *dir) return dir;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::string(data) + "/haku";
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/haku";
}

std::string ConfigFlag(CLI::App& cmd) {
  for (CLI::App* app = &cmd; app != nullptr; app = app->get_parent()) {
    CLI::Option* opt = app->get_option_no_throw("--config");
    if (opt != nullptr && opt->count() > 0) return opt->as<std::string>();
  }
  return "";
}

void AddFilterOptions(CLI::App& cmd, search::SearchRequest& request) {
  cmd.add_option("--lang", request.langs, "Only pages in this language (ISO 639-1); repeatable")
      ->type_name("CODE");
  cmd.add_option("--list", request.lists, "Only resources of this list; repeatable")
      ->type_name("NAME");
  cmd.add_option("--site", request.sites, "Only this host or domain (or country: fi); repeatable")
      ->type_name("HOST");
  cmd.add_option("--limit", request.limit, "Results to show (10; a filter without words lists all)");
  cmd.add_option("--offset", request.offset, "Results to skip (0)");
}

namespace {
bool throw_on_exit = false;
}  // namespace

void ThrowOnExit(bool on) { throw_on_exit = on; }

[[noreturn]] void ExitNow(int status) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    if (throw_on_exit && errno == EPIPE) throw ExitRequest{.status = 2, .signal = SIGPIPE};
    PrintError("cannot write the output");
    status = 2;
  }
  std::fflush(stderr);
  if (throw_on_exit) throw ExitRequest{.status = status};
#if defined(__SANITIZE_ADDRESS__)
  __lsan_do_leak_check();  // _Exit skips the check LeakSanitizer runs at exit
#endif
  std::_Exit(status);
}

void PrintError(const std::string& message) {
  // A query or URL quoted in the message may hold escape sequences, line
  // breaks, bytes that are not UTF-8, or be huge.
  constexpr size_t kMaxBytes = 1000;
  std::fprintf(stderr, "haku: %s\n", PrintableLine(message, kMaxBytes).c_str());
}

}  // namespace haku::cli
