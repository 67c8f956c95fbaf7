// haku-search: runs search, similar and serve; `haku` (front_main.cpp)
// execs it, or hands searches to its `serve`. Update, status and links run
// in haku-admin (admin_exec.h), so a search loads only what it needs.
#include "cli/admin_exec.h"
#include "cli/app.h"
#include "cli/commands.h"

namespace {

int Haku(int argc, char** argv) {
  namespace cli = haku::cli;
  if (cli::NamesAdminCommand(argc, argv)) return cli::ExecAdmin(argv);
  auto stub = [argv](const char* name) {
    return [argv, name](CLI::App& app) { return cli::AddAdminStub(app, name, argv); };
  };
  return cli::RunApp(argc, argv,
                     {stub("update"), cli::AddSearchCommand, cli::AddSimilarCommand,
                      [](CLI::App& app) { return cli::AddServeCommand(app, Haku); },
                      stub("status"), stub("links")});
}

}  // namespace

int main(int argc, char** argv) { return Haku(argc, argv); }
