// haku: search curated resource lists and the pages they link to. Search
// and similar run here; update, status and links in haku-admin
// (admin_exec.h), so a search loads only what it needs.
#include "cli/admin_exec.h"
#include "cli/app.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  namespace cli = haku::cli;
  if (cli::NamesAdminCommand(argc, argv)) return cli::ExecAdmin(argv);
  auto stub = [argv](const char* name) {
    return [argv, name](CLI::App& app) { return cli::AddAdminStub(app, name, argv); };
  };
  return cli::RunApp(argc, argv,
                     {stub("update"), cli::AddSearchCommand, cli::AddSimilarCommand,
                      stub("status"), stub("links")});
}
