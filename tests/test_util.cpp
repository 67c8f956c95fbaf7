#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace haku::testing {

std::string SourceDir() {
  const char* dir = std::getenv("HAKU_SOURCE_DIR");
  return dir ? dir : ".";
}

std::string SharedDir() {
  const char* dir = std::getenv("HAKU_SHARED_DIR");
  return dir ? dir : SourceDir() + "/../shared";
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base ? base : "/tmp") + "/haku-test-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The commands tests run search in-process: a `haku serve` of the
// developer's would answer them otherwise (serve_test starts its own).
const bool kNoSearchServer = ::setenv("HAKU_SOCKET", "", 1) == 0;

CommandResult RunCommand(const std::string& command_line) {
  (void)kNoSearchServer;
  TempDir tmp;
  std::string out = tmp.File("out"), err = tmp.File("err");
  std::string full = command_line + " >" + out + " 2>" + err + " </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

}  // namespace haku::testing
