// Tests for indexer/crawler/progress.h.
#include "indexer/crawler/progress.h"

#include <doctest/doctest.h>

#include <cstdio>

namespace haku::crawler {
namespace {

TEST_CASE("Progress prints nothing when the stream is not a terminal") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  {
    Progress progress(/*enabled=*/true, file);
    progress.Update(1, 2, 0, 1);
    progress.Update(2, 2, 1, 0);
  }
  CHECK(std::ftell(file) == 0);
  std::fclose(file);
}

}  // namespace
}  // namespace haku::crawler
