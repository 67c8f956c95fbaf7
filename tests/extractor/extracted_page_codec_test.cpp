// Tests for indexer/extractor/extracted_page_codec.h: what a rebuild reads
// back instead of extracting a page again must be what extraction gave.
#include "indexer/extractor/extracted_page_codec.h"

#include <doctest/doctest.h>

#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {
namespace {

void CheckBlocks(const std::vector<Block>& a, const std::vector<Block>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].kind == b[i].kind);
    CHECK(a[i].text == b[i].text);
    CHECK(a[i].hash == b[i].hash);
  }
}

void CheckSame(const ExtractedPage& a, const ExtractedPage& b) {
  CHECK(a.type == b.type);
  CHECK(a.reason == b.reason);
  CHECK(a.title == b.title);
  CHECK(a.description == b.description);
  CHECK(a.lang_hint == b.lang_hint);
  CHECK(a.canonical_url == b.canonical_url);
  CHECK(a.modified == b.modified);
  CHECK(a.charset == b.charset);
  REQUIRE(a.headings.size() == b.headings.size());
  for (size_t i = 0; i < a.headings.size(); ++i) {
    CHECK(a.headings[i].level == b.headings[i].level);
    CHECK(a.headings[i].text == b.headings[i].text);
  }
  CheckBlocks(a.blocks, b.blocks);
  CheckBlocks(a.boilerplate, b.boilerplate);
}

}  // namespace

TEST_CASE("an extracted page decodes to what was encoded, links aside") {
  for (const char* name : {"sv_guide.html", "fi_news.html", "nav_heavy.html", "en_article.html",
                           "broken_markup.html", "empty.html"}) {
    CAPTURE(name);
    ExtractedPage page = testing::ExtractHtmlBody(testing::ReadData(name));
    std::string bytes = EncodeExtracted(page);
    std::optional<ExtractedPage> back = DecodeExtracted(bytes);
    REQUIRE(back.has_value());
    CheckSame(*back, page);
    CHECK(back->links.empty());
  }
  // The fields these pages leave empty, and kinds and levels of every value.
  ExtractedPage odd;
  odd.type = ExtractedPage::Type::kPdf;
  odd.reason = "r";
  odd.canonical_url = "https://example.org/c";
  odd.modified = "2026-12-03";
  odd.headings = {{6, "h6"}, {1, ""}};
  odd.blocks = {{Block::Kind::kOther, "x", ~uint64_t{0}}, {Block::Kind::kPre, "", 0}};
  odd.boilerplate = {{Block::Kind::kTableCell, std::string(300, 'b'), 1u << 31}};
  std::optional<ExtractedPage> back = DecodeExtracted(EncodeExtracted(odd));
  REQUIRE(back.has_value());
  CheckSame(*back, odd);
}

TEST_CASE("bytes the encoder did not write whole decode to nothing") {
  ExtractedPage page = testing::ExtractHtmlBody(testing::ReadData("sv_guide.html"));
  REQUIRE(page.blocks.size() > 2);
  std::string bytes = EncodeExtracted(page);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CAPTURE(cut);
    CHECK_FALSE(DecodeExtracted(std::string_view(bytes).substr(0, cut)).has_value());
  }
  CHECK_FALSE(DecodeExtracted(bytes + "x").has_value());
  CHECK_FALSE(DecodeExtracted("hx0" + bytes.substr(3)).has_value());
  std::string bad_type = bytes;
  bad_type[3] = 9;  // the type, after the magic
  CHECK_FALSE(DecodeExtracted(bad_type).has_value());
}

}  // namespace haku::extractor
