#include "indexer/extractor/html_extractor.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "common/file_util.h"
#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {
namespace {

using testing::Body;
using testing::BoilerplateText;
using testing::ExtractHtmlBody;

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

// Golden files, as xapian-omega's htmlparsertest: tests/data/extractor/
// NAME.html is extracted at https://example.org/fixtures/NAME.html and its
// Dump() compared with NAME.expected.txt. HAKU_UPDATE_GOLDEN=1 rewrites the
// expected files (then read the diff).
TEST_CASE("golden fixtures") {
  const char* names[] = {"en_article", "sv_guide",      "fi_news",
                         "nav_heavy",  "link_list",     "broken_markup",
                         "empty",      "head_only"};
  bool update = std::getenv("HAKU_UPDATE_GOLDEN") != nullptr;
  for (const char* name : names) {
    CAPTURE(name);
    std::string html = testing::ReadData(std::string(name) + ".html");
    std::string dump = testing::Dump(
        ExtractHtmlBody(html, "", std::string("fixtures/") + name + ".html"));
    std::string expected_path =
        testing::DataPath(std::string(name) + ".expected.txt");
    if (update) {
      REQUIRE(WriteFileAtomically(expected_path, dump).ok());
      continue;
    }
    Result<std::string> expected = ReadFile(expected_path);
    REQUIRE(expected.ok());
    CHECK(dump == *expected);
  }
}

TEST_CASE("English article: main text without the site around it") {
  ExtractedPage page = ExtractHtmlBody(testing::ReadData("en_article.html"), "",
                                       "posts/sash-window.html");
  CHECK(page.title == "Restoring a Victorian Sash Window | Old House Notes");
  CHECK(page.description ==
        "How we took apart, repaired and rehung the sash windows of a "
        "terraced house.");
  CHECK(page.lang_hint == "en-GB");
  CHECK(page.canonical_url == "https://example.org/posts/sash-window-restoration");
  CHECK(page.modified == "2024-03-18T09:30:00+00:00");
  std::string body = Body(page);
  CHECK(Has(body, "The front bay of our terraced house"));
  CHECK(Has(body, "Lift out the lower sash and cut the cords."));
  // An article's own <footer> is not page-level, but its class says footer.
  CHECK(Has(BoilerplateText(page), "Filed under windows and joinery."));
  for (const char* gone : {"We use cookies", "Home", "Popular posts",
                           "Get our newsletter", "Share on Twitter",
                           "All rights reserved", "Internal editor note",
                           "Sponsored", "tracking code", "enable JavaScript",
                           "Subscribe"}) {
    CAPTURE(gone);
    CHECK_FALSE(Has(body, gone));
  }
  CHECK(Has(BoilerplateText(page), "Popular posts"));
  CHECK(Has(BoilerplateText(page), "Internal editor note"));  // hidden: kept, not body  // hidden: dropped
  REQUIRE(page.headings.size() == 3);
  CHECK(page.headings[0].level == 1);
  CHECK(page.headings[1].text == "Taking the window apart");
  // Paragraph and list boundaries stay block boundaries.
  CHECK(Has(body, "\nPrise out the parting beads.\n"));
  // Links: absolute, fragment dropped, each once, mailto gone.
  CHECK(page.links.front() == "https://example.org/privacy");
  bool found = false;
  for (const auto& l : page.links) {
    CHECK_FALSE(Has(l, "#"));
    found = found || l == "https://example.org/guides/sash-cord.html";
  }
  CHECK(found);
}

TEST_CASE("links_only: the same links and metadata, no text") {
  std::string html = testing::ReadData("en_article.html");
  RawPage raw{"https://example.org/posts/sash-window.html", "text/html", "", "", html};
  ExtractedPage full = Extract(raw);
  ExtractOptions options;
  options.links_only = true;
  ExtractedPage links = Extract(raw, options);
  REQUIRE_FALSE(full.links.empty());
  REQUIRE_FALSE(full.blocks.empty());
  CHECK(links.type == ExtractedPage::Type::kHtml);
  CHECK(links.links == full.links);
  CHECK(links.title == full.title);
  CHECK(links.canonical_url == full.canonical_url);
  CHECK(links.blocks.empty());
  CHECK(links.boilerplate.empty());
  CHECK(links.headings.empty());
}

TEST_CASE("title falls back to og:title, then the first h1") {
  CHECK(ExtractHtmlBody("<meta property='og:title' content='OG'><h1>H</h1>")
            .title == "OG");
  CHECK(ExtractHtmlBody("<title> </title><h1>First <em>heading</em></h1><h1>2</h1>")
            .title == "First heading");
}

TEST_CASE("language hint: html lang, meta, then the Content-Language header") {
  RawPage raw{"https://a.example/", "text/html", "", "de, en", "<p>x</p>"};
  CHECK(Extract(raw).lang_hint == "de");
  raw.body = "<html lang='sv-FI'><p>x</p>";
  CHECK(Extract(raw).lang_hint == "sv-FI");
}

TEST_CASE("modification dates") {
  CHECK(NormalizeDate(" 2024-01-02 ") == "2024-01-02");
  CHECK(NormalizeDate("Tue, 15 Nov 1994 08:12:31 GMT") == "1994-11-15T08:12:31Z");
  CHECK(NormalizeDate("yesterday").empty());
  CHECK(ExtractHtmlBody("<article><time datetime='2022-02-03'>3 Feb</time><p>x</p></article>")
            .modified == "2022-02-03");
  CHECK(ExtractHtmlBody("<time datetime='2022-02-03'>outside an article</time>")
            .modified.empty());
  CHECK(ExtractHtmlBody("<meta http-equiv='last-modified' content='Wed, 01 Jan 2020 10:00:00 GMT'>")
            .modified == "2020-01-01T10:00:00Z");
}

TEST_CASE("hidden blocks are demoted to boilerplate, templates dropped") {
  ExtractedPage page = ExtractHtmlBody(
      "<p>shown</p><p hidden>a</p><p aria-hidden=true>b</p>"
      "<p style='DISPLAY : none'>c</p><p style='visibility:hidden'>d</p>"
      "<p class='x hidden'>e</p><template><p>f</p></template>");
  CHECK(Body(page) == "shown\n");
  CHECK(BoilerplateText(page) == "a\nb\nc\nd\ne\n");
}

TEST_CASE("hidden inline text belongs to its paragraph (toggled variants)") {
  // LibreOffice help writes each module's wording in a <span hidden> that
  // its script reveals; the words are the page's own.
  ExtractedPage page = ExtractHtmlBody(
      "<p><span class='switchinline'><span hidden='true' class='WRITER'>Kahden kappaleen "
      "sisennykset siirtyvät</span></span></p>");
  CHECK(Body(page) == "Kahden kappaleen sisennykset siirtyvät\n");
}

TEST_CASE("link-dense blocks are demoted unless the page is a link list") {
  ExtractedPage page = ExtractHtmlBody(
      "<p>A long paragraph of real prose that mentions <a href=/x>one link</a> "
      "in passing and keeps going for a while.</p>"
      "<div><a href=/a>Alpha</a> | <a href=/b>Beta</a> | <a href=/c>Gamma</a></div>");
  CHECK(Has(Body(page), "real prose"));
  CHECK_FALSE(Has(Body(page), "Alpha"));
  CHECK(Has(BoilerplateText(page), "Alpha | Beta | Gamma"));
  ExtractedPage list = ExtractHtmlBody(testing::ReadData("link_list.html"));
  CHECK(Has(Body(list), "Voikko"));
  CHECK(Has(Body(list), "Omorfi"));
}

TEST_CASE("main and article are preferred; a tiny main falls back to body") {
  ExtractedPage page = ExtractHtmlBody(
      "<div>Site intro outside main</div><main><p>" + std::string(200, 'm') +
      "</p></main>");
  CHECK_FALSE(Has(Body(page), "Site intro"));
  CHECK(Has(BoilerplateText(page), "Site intro"));
  ExtractedPage tiny = ExtractHtmlBody(
      "<main><p>Hi</p></main><div><p>" + std::string(300, 'b') + "</p></div>");
  CHECK(Has(Body(tiny), "bbbb"));
}

TEST_CASE("a page wrapped in one form still has main text") {
  ExtractedPage page = ExtractHtmlBody(
      "<body><form id=aspnetForm><div><p>" + std::string(600, 'w') +
      "</p></div></form></body>");
  CHECK(Has(Body(page), "wwww"));
}

TEST_CASE("empty and odd input") {
  for (const char* html : {"", " ", "<html>", "<!---->", "\0\0"}) {
    CAPTURE(html);
    ExtractedPage page = ExtractHtmlBody(html);
    CHECK(page.type == ExtractedPage::Type::kHtml);
    CHECK(page.blocks.empty());
  }
}

TEST_CASE("max_text_bytes caps the main text") {
  std::string html;
  for (int i = 0; i < 100; ++i) html += "<p>" + std::string(100, 'x') + "</p>";
  ExtractOptions options;
  options.max_text_bytes = 1000;
  RawPage raw{"https://a.example/", "text/html", "", "", html};
  ExtractedPage page = Extract(raw, options);
  CHECK(page.blocks.size() == 10);
}

}  // namespace haku::extractor
