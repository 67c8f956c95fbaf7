#include "indexer/extractor/block_text.h"

#include <doctest/doctest.h>

namespace haku::extractor {

TEST_CASE("CollapseWhitespace folds every kind of space") {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"   ", ""},
      {"a", "a"},
      {"  a \t\n b  ", "a b"},
      {"no\xC2\xA0" "break", "no break"},       // U+00A0
      {"ideo\xE3\x80\x80space", "ideo space"},  // U+3000
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},   // U+200B vanishes
      {"\xEF\xBB\xBF" "bom", "bom"},
      {"ctrl\x01\x02x", "ctrl x"},
      {"r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s", "r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s"},
      {"quote \xE2\x80\x99s", "quote \xE2\x80\x99s"},  // U+2019 is not a space
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(CollapseWhitespace(c.in) == c.out);
  }
}

TEST_CASE("BlockHash is FNV-1a 64 of case-folded, collapsed text") {
  // Fixed values: the hash must not change between builds or runs.
  CHECK(BlockHash("") == 14695981039346656037ull);
  CHECK(BlockHash("a") == 0xaf63dc4c8601ec8cull);
  CHECK(BlockHash("Hello  World") == BlockHash("hello world"));
  CHECK(BlockHash(" hello world\n") == BlockHash("hello world"));
  CHECK(BlockHash("\xC3\x84NGELHOLM") == BlockHash("\xC3\xA4ngelholm"));
  CHECK(BlockHash("Innehåll") != BlockHash("Index"));
}

TEST_CASE("MakeBlock collapses text and hashes it") {
  Block b = MakeBlock(Block::Kind::kListItem, "  Lift   out\nthe sash ");
  CHECK(b.kind == Block::Kind::kListItem);
  CHECK(b.text == "Lift out the sash");
  CHECK(b.hash == BlockHash("lift out the sash"));
}

}  // namespace haku::extractor
