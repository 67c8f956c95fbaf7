#include "common/file_util.h"

#include <doctest/doctest.h>

#include "tests/test_util.h"

namespace haku {

TEST_CASE("ReadFile reports a missing file by name") {
  auto r = ReadFile("/nonexistent/haku/file.md");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNotFound);
  CHECK(r.status().message().find("/nonexistent/haku/file.md") != std::string::npos);
}

TEST_CASE("ReadFile refuses a directory") {
  testing::TempDir dir;
  auto r = ReadFile(dir.path());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("directory") != std::string::npos);
}

TEST_CASE("WriteFileAtomically replaces the file and leaves no temp") {
  testing::TempDir dir;
  std::string path = dir.File("x.txt");
  REQUIRE(WriteFileAtomically(path, "first").ok());
  REQUIRE(WriteFileAtomically(path, std::string("sec\0ond", 7)).ok());
  auto r = ReadFile(path);
  REQUIRE(r.ok());
  CHECK(r.value() == std::string("sec\0ond", 7));
  CHECK_FALSE(WriteFileAtomically(dir.File("no/such/dir/x"), "y").ok());
}

}  // namespace haku
