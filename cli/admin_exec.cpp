#include "cli/admin_exec.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "cli/serve_protocol.h"

namespace haku::cli {
namespace {

struct AdminCommand {
  std::string_view name;
  const char* description;
};

constexpr AdminCommand kAdminCommands[] = {
    {"update", kUpdateDescription},
    {"status", kStatusDescription},
    {"links", kLinksDescription},
};

const AdminCommand* FindAdminCommand(std::string_view name) {
  for (const AdminCommand& c : kAdminCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// The directory of this executable: /proc/self/exe, else argv[0] when it
// names a path; "" when neither says.
std::filesystem::path SelfDir(const char* argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return self.parent_path();
  std::string_view invoked = argv0 != nullptr ? argv0 : "";
  if (invoked.find('/') == std::string_view::npos) return {};
  return std::filesystem::path(invoked).parent_path();
}

}  // namespace

bool NamesAdminCommand(int argc, char** argv) {
  std::string_view command = serve::Subcommand(argc, argv);
  return !command.empty() && FindAdminCommand(command) != nullptr;
}

int ExecAdmin(char** argv) {
  std::filesystem::path dir = SelfDir(argv[0]);
  if (dir.empty()) {
    PrintError(std::string("cannot find ") + kAdminProgram + ": /proc/self/exe is unreadable");
    return 2;
  }
  std::string program = (dir / kAdminProgram).string();
  ::execv(program.c_str(), argv);
  PrintError("cannot run " + program + ": " + std::strerror(errno) + " (install " +
             kAdminProgram + " next to haku)");
  return 2;
}

Runner AddAdminStub(CLI::App& app, std::string_view name, char** const* argv) {
  const AdminCommand* command = FindAdminCommand(name);
  CLI::App* cmd = app.add_subcommand(std::string(name), command ? command->description : "");
  cmd->prefix_command();  // its flags are haku-admin's to parse
  return [argv] { return ExecAdmin(*argv); };
}

}  // namespace haku::cli
