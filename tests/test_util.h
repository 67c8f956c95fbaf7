// tests/test_util.h -- helpers shared by the test suites.
#ifndef HAKU_TESTS_TEST_UTIL_H_
#define HAKU_TESTS_TEST_UTIL_H_

#include <string>

namespace haku::testing {

// The repository root (HAKU_SOURCE_DIR from ctest, else ".").
std::string SourceDir();
// ../shared beside the repository.
std::string SharedDir();
// A fresh empty directory under $TMPDIR, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Writes `data` to `path`, creating or truncating it.
void WriteFile(const std::string& path, const std::string& data);
// The contents of the file at `path`; "" if it cannot be read.
std::string ReadFile(const std::string& path);
// `s` quoted for sh: 'it'\''s'.
std::string Quote(const std::string& s);

// Runs a shell command line, capturing stdout and stderr separately.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult RunCommand(const std::string& command_line);

}  // namespace haku::testing

#endif  // HAKU_TESTS_TEST_UTIL_H_
