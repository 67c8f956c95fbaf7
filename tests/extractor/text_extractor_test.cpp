#include "indexer/extractor/text_extractor.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {
namespace {

ExtractedPage Md(std::string_view text) {
  RawPage raw{"https://github.com/o/r/blob/main/README.md", "text/markdown", "",
              "", text};
  return Extract(raw);
}

}  // namespace

TEST_CASE("plain text: paragraphs are blocks") {
  RawPage raw{"https://a.example/notes.txt", "text/plain", "", "fi",
              "Ensimmäinen kappale\njatkuu tässä.\n\n\nToinen kappale.\r\n"};
  ExtractedPage page = Extract(raw);
  CHECK(page.type == ExtractedPage::Type::kText);
  CHECK(page.title.empty());
  CHECK(page.lang_hint == "fi");
  CHECK(testing::Body(page) == "Ensimmäinen kappale jatkuu tässä.\nToinen kappale.\n");
}

TEST_CASE("plain text in Latin-1 is decoded") {
  std::string body = testing::Encode("Smörgåsbord på Åland.", "ISO-8859-1");
  RawPage raw{"https://a.example/a.txt", "text/plain; charset=iso-8859-1", "", "",
              body};
  ExtractedPage page = Extract(raw);
  CHECK(testing::Body(page) == "Smörgåsbord på Åland.\n");
  CHECK(page.charset == "windows-1252");
}

TEST_CASE("Markdown: headings, lists, code, inline markup") {
  ExtractedPage page = Md(
      "Haku\n====\n\n"
      "A **search engine** for [curated lists](docs/lists.md) and "
      "<https://example.org/x>.\n\n"
      "## Install ##\n\n"
      "- Debian 12\n- `cmake` and\n  ninja\n\n"
      "1. Build it\n2) Run it\n\n"
      "```sh\ncmake -S . -B build\n```\n\n"
      "### Suomeksi\n\n"
      "> Hakukone kuratoiduille listoille.\n\n"
      "![logo](logo.png)\n"
      "#hashtag is not a heading\n");
  CHECK(page.title == "Haku");
  REQUIRE(page.headings.size() == 3);
  CHECK(page.headings[0].level == 1);
  CHECK(page.headings[1].text == "Install");
  CHECK(page.headings[1].level == 2);
  CHECK(page.headings[2].text == "Suomeksi");
  CHECK(testing::Body(page) ==
        "Haku\n"
        "A search engine for curated lists and https://example.org/x.\n"
        "Install\n"
        "Debian 12\n"
        "cmake and ninja\n"
        "Build it\n"
        "Run it\n"
        "cmake -S . -B build\n"
        "Suomeksi\n"
        "Hakukone kuratoiduille listoille.\n"
        "logo #hashtag is not a heading\n");
  CHECK(page.blocks[0].kind == Block::Kind::kHeading);
  CHECK(page.blocks[3].kind == Block::Kind::kListItem);
  CHECK(page.blocks[7].kind == Block::Kind::kPre);
  REQUIRE(page.links.size() == 3);
  CHECK(page.links[0] == "https://github.com/o/r/blob/main/docs/lists.md");
  CHECK(page.links[1] == "https://example.org/x");
}

TEST_CASE("text/plain named .md is Markdown") {
  RawPage raw{"https://a.example/CHANGES.md?raw=1", "text/plain", "", "",
              "# Changes\n\nFixed.\n"};
  CHECK(Extract(raw).title == "Changes");
  CHECK(IsMarkdownPath("https://a.example/README.MARKDOWN"));
  CHECK_FALSE(IsMarkdownPath("https://a.example/md"));
}

TEST_CASE("unterminated fence and odd lines do not crash") {
  for (const char* text : {"```", "#", "######", "####### seven", "[", "![",
                           "[a](", "<", "1.", "-", "\n\n\n", ""}) {
    CAPTURE(text);
    CHECK(Md(text).type == ExtractedPage::Type::kText);
  }
}

}  // namespace haku::extractor
