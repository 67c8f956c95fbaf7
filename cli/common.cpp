#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/commands.h"

namespace haku::cli {

std::string DefaultIndexDir() {
  if (const char* dir = std::getenv("HAKU_INDEX"); dir && *dir) return dir;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::string(data) + "/haku";
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/haku";
}

void PrintError(const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "haku: %s\n", line.c_str());
}

}  // namespace haku::cli
