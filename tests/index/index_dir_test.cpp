// The index directory: which database `current` names, and which
// databases a publish keeps.
#include "indexer/index/index_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace haku::index {
namespace {

namespace fs = std::filesystem;

std::string NewDb(const std::string& dir) {
  Result<std::string> path = NewDbPath(dir);
  REQUIRE(path.ok());
  fs::create_directories(path.value());
  return path.value();
}

}  // namespace

TEST_CASE("OpenDbPath names the database current points at, read once") {
  testing::TempDir tmp;
  const std::string dir = tmp.path();
  CHECK_FALSE(HasIndex(dir));
  CHECK(OpenDbPath(dir) == CurrentDbPath(dir));  // no link: the path as it is

  const std::string first = NewDb(dir);
  REQUIRE(Publish(dir, first).ok());
  CHECK(HasIndex(dir));
  CHECK(fs::equivalent(OpenDbPath(dir), first));
  CHECK(fs::path(OpenDbPath(dir)).filename() == "db-1");

  // What a reader resolved stays put while the link moves on, and a
  // publish keeps the database it replaces for such readers.
  const std::string opened = OpenDbPath(dir);
  const std::string second = NewDb(dir);
  REQUIRE(Publish(dir, second).ok());
  CHECK(fs::path(OpenDbPath(dir)).filename() == "db-2");
  CHECK(fs::is_directory(opened));

  // Two publishes on, it goes.
  const std::string third = NewDb(dir);
  REQUIRE(Publish(dir, third).ok());
  CHECK(fs::path(OpenDbPath(dir)).filename() == "db-3");
  CHECK_FALSE(fs::exists(first));
  CHECK(fs::is_directory(second));
}

}  // namespace haku::index
