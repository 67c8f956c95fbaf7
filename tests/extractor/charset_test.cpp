#include "indexer/extractor/charset.h"

#include <doctest/doctest.h>

#include <string>

#include "indexer/extractor/extractor.h"
#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {
namespace {

using testing::Encode;
using testing::ExtractHtmlBody;

// Swedish and Finnish text with every letter Latin-1 needs for them.
constexpr const char* kSwedish =
    "Räksmörgås och ålgräs: Ängelholm, Örebro och Åre.";
constexpr const char* kFinnish =
    "Hyvää päivää! Öljyä, jäätelöä ja säätiedotus Äänekoskelta.";

std::string Page(std::string_view head, std::string_view text) {
  return "<!DOCTYPE html><html><head>" + std::string(head) +
         "<title>T</title></head><body><p>" + std::string(text) +
         "</p></body></html>";
}

}  // namespace

TEST_CASE("PrescanMetaCharset reads <meta charset> and http-equiv") {
  struct Case {
    const char* html;
    const char* want;
  } cases[] = {
      {"<meta charset=\"ISO-8859-1\">", "iso-8859-1"},
      {"<META CHARSET=windows-1252>", "windows-1252"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=utf-8\">",
       "utf-8"},
      {"<meta content='text/html; charset=koi8-r' http-equiv='content-type'>",
       "koi8-r"},
      {"<!-- <meta charset=\"big5\"> --><meta charset=\"utf-8\">", "utf-8"},
      {"<meta name=\"description\" content=\"charset=fake\">", ""},
      {"<p>no meta</p>", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.html);
    CHECK(PrescanMetaCharset(c.html) == c.want);
  }
}

TEST_CASE("SniffBom") {
  size_t n = 0;
  CHECK(SniffBom("\xEF\xBB\xBFx", &n) == "UTF-8");
  CHECK(n == 3);
  CHECK(SniffBom("\xFF\xFEx", &n) == "UTF-16LE");
  CHECK(SniffBom("\xFE\xFFx", &n) == "UTF-16BE");
  CHECK(SniffBom("plain", &n).empty());
  CHECK(n == 0);
}

TEST_CASE("Latin-1, windows-1252 and UTF-16 pages decode to the same text") {
  struct Case {
    const char* name;
    std::string body;
    const char* http_charset;
    const char* want_text;
  };
  std::string sv = Page("<meta charset=\"iso-8859-1\">", kSwedish);
  std::string fi = Page("<meta http-equiv=\"Content-Type\" "
                        "content=\"text/html; charset=windows-1252\">",
                        std::string(kFinnish) + " \xE2\x80\x9CLainaus\xE2\x80\x9D \xE2\x82\xAC");
  Case cases[] = {
      {"sv iso-8859-1 by meta", Encode(sv, "ISO-8859-1"), "", kSwedish},
      {"sv iso-8859-1 by header", Encode(Page("", kSwedish), "ISO-8859-1"),
       "ISO-8859-1", kSwedish},
      {"fi windows-1252 (curly quotes, euro)", Encode(fi, "windows-1252"), "",
       "Äänekoskelta. \xE2\x80\x9CLainaus\xE2\x80\x9D \xE2\x82\xAC"},
      {"fi UTF-16LE with BOM",
       "\xFF\xFE" + Encode(Page("", kFinnish), "UTF-16LE"), "", kFinnish},
      {"sv UTF-16BE with BOM, header says latin1",
       "\xFE\xFF" + Encode(Page("", kSwedish), "UTF-16BE"), "iso-8859-1",
       kSwedish},
      {"UTF-8 with BOM", "\xEF\xBB\xBF" + Page("", kFinnish), "", kFinnish},
      {"labelled UTF-8, bytes Latin-1",
       Encode(Page("<meta charset=\"utf-8\">", kSwedish), "ISO-8859-1"),
       "utf-8", kSwedish},
      {"labelled Latin-1, bytes UTF-8", Page("", kFinnish), "iso-8859-1",
       kFinnish},
      {"no label, Latin-1 bytes (detector)",
       Encode(Page("", std::string(kSwedish) + " " + kSwedish), "ISO-8859-1"),
       "", kSwedish},
      {"unknown label falls through", Page("<meta charset=\"x-nonsense\">",
                                           kFinnish),
       "bogus-charset", kFinnish},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ExtractedPage page = ExtractHtmlBody(c.body, c.http_charset);
    REQUIRE(page.type == ExtractedPage::Type::kHtml);
    REQUIRE(page.blocks.size() == 1);
    CHECK(page.blocks[0].text.find(c.want_text) != std::string::npos);
    CHECK(page.title == "T");
  }
}

TEST_CASE("the charset that was used is reported") {
  CHECK(ExtractHtmlBody(Encode(Page("", kSwedish), "ISO-8859-1"), "latin1")
            .charset == "windows-1252");
  CHECK(ExtractHtmlBody(Page("", kSwedish), "").charset == "UTF-8");
  CHECK(ExtractHtmlBody("\xFF\xFE" + Encode(Page("", kSwedish), "UTF-16LE"))
            .charset == "UTF-16LE");
}

TEST_CASE("invalid sequences become U+FFFD, never a crash") {
  // Mostly valid UTF-8 with one broken byte: stays UTF-8.
  std::string body = Page("<meta charset=utf-8>", std::string(kFinnish) +
                                                      " bad\xFF byte " +
                                                      kSwedish);
  ExtractedPage page = ExtractHtmlBody(body);
  REQUIRE(page.blocks.size() == 1);
  CHECK(page.charset == "UTF-8");
  CHECK(page.blocks[0].text.find("bad\xEF\xBF\xBD byte") != std::string::npos);
  // Odd-length UTF-16 and lone surrogates.
  std::string utf16 = "\xFF\xFE" + Encode("<p>abc</p>", "UTF-16LE") + "\x00\xD8\x41";
  CHECK(ExtractHtmlBody(utf16).type == ExtractedPage::Type::kHtml);
  // Every byte value.
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (const char* cs : {"", "utf-8", "shift_jis", "utf-16", "gb18030"}) {
    CAPTURE(cs);
    CHECK(ExtractHtmlBody("<p>" + all + all, cs).type ==
          ExtractedPage::Type::kHtml);
  }
}

TEST_CASE("ConvertToUtf8 reports an unknown charset") {
  Result<std::string> r = ConvertToUtf8("abc", "no-such-charset");
  CHECK_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  Result<std::string> ok = ConvertToUtf8("\xE5", "windows-1252");
  REQUIRE(ok.ok());
  CHECK(*ok == "\xC3\xA5");
}

}  // namespace haku::extractor
