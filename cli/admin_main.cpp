// haku-admin: `haku update`, `haku status` and `haku links`, exec'd by haku
// with the same argv (admin_exec.h). Links the update pipeline.
#include "cli/app.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  namespace cli = haku::cli;
  return cli::RunApp(argc, argv,
                     {cli::AddUpdateCommand, cli::AddStatusCommand, cli::AddLinksCommand});
}
