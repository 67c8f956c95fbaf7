// cli/commands.h -- the haku subcommands. Each Add*Command registers its
// flags on `app` and returns the function that runs it after parsing; the
// function returns the process exit status (grep's: 0 found / done,
// 1 nothing found, 2 error).
#ifndef HAKU_CLI_COMMANDS_H_
#define HAKU_CLI_COMMANDS_H_

#include <functional>
#include <memory>
#include <string>

namespace CLI {
class App;
}

#include "common/result.h"

namespace haku::search {
struct SearchRequest;
class Searcher;
}

namespace haku::cli {

using Runner = std::function<int()>;
// Runs a whole haku-search command line (main's): what `haku serve` runs
// for each search a front hands it.
using AppRunner = int (*)(int argc, char** argv);

// One line each in `haku --help`.
inline constexpr char kUpdateDescription[] = "Parse the lists, fetch their pages, update the index";
inline constexpr char kStatusDescription[] =
    "Documents by language, list, site and type; sizes; last update; link health";
inline constexpr char kLinksDescription[] =
    "Every listed resource and its link state (ok, redirected, not found, ...)";

Runner AddUpdateCommand(CLI::App& app);
Runner AddSearchCommand(CLI::App& app);
Runner AddSimilarCommand(CLI::App& app);
Runner AddStatusCommand(CLI::App& app);
Runner AddLinksCommand(CLI::App& app);
Runner AddServeCommand(CLI::App& app, AppRunner run);

// The searcher for `index_dir`: the one `haku serve` keeps open when this
// search runs in it for the same directory, else one opened now and owned
// by `owned`. Searcher::Open's errors.
Result<search::Searcher*> OpenSearcher(const std::string& index_dir,
                                       std::unique_ptr<search::Searcher>& owned);

// The --config FILE given to `cmd` or before it (haku --config F CMD); "" if none.
std::string ConfigFlag(CLI::App& cmd);

// --index default: $HAKU_INDEX, else $XDG_DATA_HOME/haku, else
// ~/.local/share/haku.
std::string DefaultIndexDir();

// --lang, --list, --site, --limit and --offset, shared by search and similar.
void AddFilterOptions(CLI::App& cmd, search::SearchRequest& request);

// Prints "haku: <message>" on stderr.
void PrintError(const std::string& message);

// Ends the process with `status` (2 if stdout cannot be written) once the
// output is flushed, without running destructors: a search's index
// handles, caches and query state take ~0.5 ms to free, work the kernel
// does anyway when the process ends. In `haku serve` (ThrowOnExit) it
// throws ExitRequest instead, and the server goes on.
[[noreturn]] void ExitNow(int status);

// What ExitNow throws in a server: the exit status, and the signal (0 if
// none) the command would have died of (SIGPIPE: its reader went away).
struct ExitRequest {
  int status = 0;
  int signal = 0;
};
void ThrowOnExit(bool on);

}  // namespace haku::cli

#endif  // HAKU_CLI_COMMANDS_H_
