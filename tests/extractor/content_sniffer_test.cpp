#include "indexer/extractor/content_sniffer.h"

#include <doctest/doctest.h>

#include <string>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

TEST_CASE("MediaType and CharsetParam") {
  CHECK(MediaType(" Text/HTML ; charset=UTF-8") == "text/html");
  CHECK(MediaType("") == "");
  CHECK(CharsetParam("text/html; Charset=\"ISO-8859-1\"") == "ISO-8859-1");
  CHECK(CharsetParam("text/html").empty());
}

TEST_CASE("SniffContent") {
  struct Case {
    std::string body;
    ContentKind want;
  } cases[] = {
      {"%PDF-1.4\n...", ContentKind::kPdf},
      {"<!DOCTYPE html><p>x", ContentKind::kHtml},
      {"\n  <HTML><body>x", ContentKind::kHtml},
      {"\xEF\xBB\xBF<html>", ContentKind::kHtml},
      {"<!-- generated --> <html>", ContentKind::kHtml},
      {"# README\n\nplain words", ContentKind::kPlainText},
      {"", ContentKind::kPlainText},
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), ContentKind::kOther},
      {std::string("PK\x03\x04\x14\0\0\0", 8), ContentKind::kOther},
      {std::string("\x7f" "ELF\x02\x01\x01\0", 8), ContentKind::kOther},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    CHECK(SniffContent(c.body) == c.want);
  }
}

TEST_CASE("Extract dispatches by type and sniffs octet-stream") {
  struct Case {
    const char* type;
    const char* url;
    std::string body;
    ExtractedPage::Type want;
    const char* reason;
  } cases[] = {
      {"text/html; charset=utf-8", "https://a.example/", "<p>Hi</p>",
       ExtractedPage::Type::kHtml, ""},
      {"application/xhtml+xml", "https://a.example/", "<p>Hi</p>",
       ExtractedPage::Type::kHtml, ""},
      {"", "https://a.example/x", "<!doctype html><p>Hi</p>",
       ExtractedPage::Type::kHtml, ""},
      {"application/octet-stream", "https://a.example/README.md", "# Hi\n",
       ExtractedPage::Type::kText, ""},
      {"text/plain", "https://a.example/notes.txt", "Hi\n",
       ExtractedPage::Type::kText, ""},
      {"image/png", "https://a.example/x.png", "\x89PNG",
       ExtractedPage::Type::kSkipped, "unsupported content type (image/png)"},
      {"text/css", "https://a.example/x.css", "p{}",
       ExtractedPage::Type::kSkipped, "unsupported content type (text/css)"},
      {"application/octet-stream", "https://a.example/x.bin",
       std::string("\0\1\2\3binary", 10), ExtractedPage::Type::kSkipped,
       "binary content (application/octet-stream)"},
      {"", "https://a.example/x", std::string("\0\0\0", 3),
       ExtractedPage::Type::kSkipped, "binary content (no content type)"},
      {"application/pdf", "https://a.example/x.pdf", "not a pdf at all",
       ExtractedPage::Type::kFailed, "not a PDF (no %PDF- header)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.url);
    RawPage raw{c.url, c.type, "", "", c.body};
    ExtractedPage page = Extract(raw);
    CHECK(page.type == c.want);
    CHECK(page.reason == c.reason);
  }
}

}  // namespace haku::extractor
