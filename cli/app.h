// cli/app.h -- the command line shared by the two haku executables.
//
// `haku` (search, similar, status, links) and `haku-update` (update) parse
// the same grammar: `PROG [--config FILE] [--version] SUBCOMMAND [flags]`.
// `haku update ...` execs haku-update with the same argv (update_exec.h),
// so the search binary loads none of the crawler's and extractor's shared
// libraries (libcurl, poppler, gumbo, ...), which cost most of a search's
// wall time when it loaded them.
#ifndef HAKU_CLI_APP_H_
#define HAKU_CLI_APP_H_

#include <functional>
#include <initializer_list>

#include "cli/commands.h"

namespace CLI {
class App;
}

namespace haku::cli {

// Registers a subcommand on `app` and returns what runs it (commands.h).
using CommandAdder = std::function<Runner(CLI::App& app)>;

// Registers the global flags and each subcommand of `adders` (in this order
// in --help), parses argv and runs the chosen subcommand. Returns the exit
// status: the subcommand's, 0 after --help or --version, 2 on a parse error
// (one line on stderr).
int RunApp(int argc, char** argv, std::initializer_list<CommandAdder> adders);

// RunApp for a process that runs many command lines (`haku serve`): the
// app is built on this thread's first call and parsed again for each later
// one (building it took ~0.2 ms, ~4% of a served search). `adders` must be
// the same on every call (the first call's are kept), and each must make
// its subcommand reset its arguments when parsed (ResetBeforeParse), so
// that nothing of one command line is left for the next.
int RunCachedApp(int argc, char** argv, std::initializer_list<CommandAdder> adders);

// Calls `reset` whenever `cmd` is about to be parsed: a command's adder
// passes one that puts its argument struct back to its defaults.
void ResetBeforeParse(CLI::App& cmd, std::function<void()> reset);

}  // namespace haku::cli

#endif  // HAKU_CLI_APP_H_
