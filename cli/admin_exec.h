// cli/admin_exec.h -- update, status and links run in haku-admin.
//
// `haku` links only what search and similar need (Xapian, ICU, the
// analysers). The index-maintenance subcommands need much more: update the
// crawler, extractor and pipeline (libcurl, poppler, gumbo, ... ~75 shared
// libraries in all), status and links the crawl store (SQLite, zstd) and
// haku.toml (toml++). Loading those cost most of a search's wall time, so
// they live in `haku-admin`, installed next to `haku`: haku execv(2)s it
// with the same argv. Same pid, flags, output, exit status and --help;
// `haku --config F update` works as before.
#ifndef HAKU_CLI_ADMIN_EXEC_H_
#define HAKU_CLI_ADMIN_EXEC_H_

#include <string_view>

#include "cli/commands.h"

namespace CLI {
class App;
}

namespace haku::cli {

// The executable that runs update, status and links, next to `haku`.
inline constexpr char kAdminProgram[] = "haku-admin";

// True when argv's subcommand (its first word that is neither a flag nor
// the value of the global --config) is one haku-admin runs.
bool NamesAdminCommand(int argc, char** argv);

// Replaces this process by kAdminProgram from the directory of this
// executable (/proc/self/exe, else argv[0]'s), with `argv`. Returns only on
// failure: 2, after a one-line message naming the program and the reason.
int ExecAdmin(char** argv);

// Registers haku-admin's subcommand `name` (update, status or links) for
// `haku --help`; running it execs kAdminProgram with `*argv` as it is then
// (the command line being run).
Runner AddAdminStub(CLI::App& app, std::string_view name, char** const* argv);

}  // namespace haku::cli

#endif  // HAKU_CLI_ADMIN_EXEC_H_
