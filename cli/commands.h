// cli/commands.h -- the haku subcommands. Each Add*Command registers its
// flags on `app` and returns the function that runs it after parsing; the
// function returns the process exit status (grep's: 0 found / done,
// 1 nothing found, 2 error).
#ifndef HAKU_CLI_COMMANDS_H_
#define HAKU_CLI_COMMANDS_H_

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace haku::search {
struct SearchRequest;
}

namespace haku::cli {

using Runner = std::function<int()>;

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
// does anyway when the process ends.
[[noreturn]] void ExitNow(int status);

}  // namespace haku::cli

#endif  // HAKU_CLI_COMMANDS_H_
