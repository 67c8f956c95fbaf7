// haku-search: runs search, similar and serve; `haku` (front_main.cpp)
// execs it, or hands searches to its `serve`. Update, status and links run
// in haku-admin (admin_exec.h), so a search loads only what it needs.
#include "cli/admin_exec.h"
#include "cli/app.h"
#include "cli/commands.h"

namespace {

namespace cli = haku::cli;

int Served(int argc, char** argv);

// The command line being run, for the admin stubs (a cached app keeps the
// stubs of its first command line).
thread_local char** current_argv = nullptr;

// `run` (RunApp or RunCachedApp) over haku-search's commands.
int Haku(int argc, char** argv, decltype(&cli::RunApp) run) {
  if (cli::NamesAdminCommand(argc, argv)) return cli::ExecAdmin(argv);
  current_argv = argv;
  auto stub = [](const char* name) {
    return [name](CLI::App& app) { return cli::AddAdminStub(app, name, &current_argv); };
  };
  return run(argc, argv,
             {stub("update"), cli::AddSearchCommand, cli::AddSimilarCommand,
              [](CLI::App& app) { return cli::AddServeCommand(app, Served); }, stub("status"),
              stub("links")});
}

// What `haku serve` runs for each search: one app parses them all.
int Served(int argc, char** argv) { return Haku(argc, argv, cli::RunCachedApp); }

}  // namespace

int main(int argc, char** argv) { return Haku(argc, argv, cli::RunApp); }
