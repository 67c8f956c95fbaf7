#include "common/bounded_cache.h"

#include <doctest/doctest.h>

#include <string>

namespace haku {

TEST_CASE("BoundedCache finds what was put, by string_view") {
  BoundedCache<int> cache(100);
  CHECK(cache.Find("a") == nullptr);
  CHECK(cache.Put("a", 1) == 1);
  std::string key = "a";
  REQUIRE(cache.Find(std::string_view(key)) != nullptr);
  CHECK(*cache.Find("a") == 1);
  cache.Put("a", 2);  // replaced, not doubled
  CHECK(*cache.Find("a") == 2);
  CHECK(cache.size() == 1);
}

TEST_CASE("BoundedCache stays bounded and keeps what is asked for often") {
  BoundedCache<std::string> cache(1000);
  cache.Put("hot", "value");
  for (int i = 0; i < 100000; ++i) {
    std::string k = "cold" + std::to_string(i);
    if (cache.Find(k) == nullptr) cache.Put(k, k);
    CHECK(cache.size() <= 1000);
    if (i % 300 == 0) {
      // Asked more often than a generation turns over: never lost.
      const std::string* hot = cache.Find("hot");
      REQUIRE(hot != nullptr);
      CHECK(*hot == "value");
    }
  }
  // Asked once, 100k keys ago: gone.
  CHECK(cache.Find("cold0") == nullptr);
  // The most recent keys are still there.
  REQUIRE(cache.Find("cold99999") != nullptr);
  CHECK(*cache.Find("cold99999") == "cold99999");
}

}  // namespace haku
