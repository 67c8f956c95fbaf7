// The site-template check over the make-corpus pages (LibreOffice help in
// en-us, sv and fi): after TemplateFilter the header, menus and hidden
// debug footer of every page must be gone from the extracted bodies.
// Builds the corpus into $HAKU_BINARY_DIR/corpus3 on first use (a few
// seconds after apt-get update); skips only if make-corpus is absent.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/file_util.h"
#include "indexer/extractor/extractor.h"
#include "indexer/extractor/template_filter.h"
#include "tests/test_util.h"

namespace haku::extractor {
namespace {

namespace fs = std::filesystem;

std::string CorpusDir() {
  const char* bin = std::getenv("HAKU_BINARY_DIR");
  return std::string(bin ? bin : ".") + "/corpus3";
}

std::vector<std::string> Manifest(const std::string& dir) {
  std::ifstream in(dir + "/manifest.tsv");
  std::vector<std::string> rel;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) rel.push_back(line.substr(0, line.find('\t')));
  return rel;
}

// The template text of the help pages, in all three languages.
const char* kTemplateBlocks[] = {
    "LibreOffice 7.4 Help", "LibreOffice 7.4 Hjälp", "LibreOffice 7.4:n ohje",
    "Module", "Modul", "Moduuli", "Contents", "Innehåll", "Sisällys",
    "Index 🔎︎", "Help content debug info:"};
const char* kTemplatePrefixes[] = {"Help content debug info", "This page is: /text/",
                                   "Title is: "};

// The page's real content: from <div id="DisplayArea" to the search frame
// (the test may know the layout; the extractor must not).
std::string ContentArea(const std::string& html) {
  size_t begin = html.find("<div id=\"DisplayArea\"");
  size_t end = html.find("<div id=\"SearchFrame\"");
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    return "";
  }
  return html.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("make-corpus: site template text is absent from bodies") {
  std::string script = haku::testing::SharedDir() + "/bench/make-corpus";
  if (!fs::exists(script)) {
    MESSAGE("SKIPPED: " << script << " not found; cannot build the corpus");
    return;
  }
  std::string dir = CorpusDir();
  auto built = haku::testing::RunCommand("'" + script + "' '" + dir + "'");
  REQUIRE_MESSAGE(built.exit_code == 0, "make-corpus failed: " << built.err);
  std::vector<std::string> rel = Manifest(dir);
  REQUIRE(rel.size() > 7000);

  std::vector<ExtractedPage> pages;
  std::vector<std::string> content_areas;  // the test knows the site's layout
  pages.reserve(rel.size());
  TemplateFilter filter;
  for (const std::string& r : rel) {
    Result<std::string> html = ReadFile(dir + "/" + r);
    REQUIRE(html.ok());
    std::string url = "https://help.libreoffice.org/7.4/" + r;
    pages.push_back(Extract(RawPage{url, "text/html", "", "", *html}));
    content_areas.push_back(ContentArea(*html));
    REQUIRE(pages.back().type == ExtractedPage::Type::kHtml);
    filter.Observe("help.libreoffice.org", pages.back());
  }
  size_t leaks = 0, empty = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    filter.Apply("help.libreoffice.org", pages[i]);
    if (pages[i].blocks.empty()) ++empty;
    for (const Block& b : pages[i].blocks) {
      bool leak = false;
      for (const char* t : kTemplateBlocks) {
        // "Innehåll" may also be a real heading inside the content area.
        leak = leak || (b.text == t && content_areas[i].find(">" + b.text + "<") ==
                                           std::string::npos);
      }
      for (const char* p : kTemplatePrefixes) leak = leak || b.text.starts_with(p);
      if (leak && ++leaks <= 20) MESSAGE(rel[i] << ": leaked \"" << b.text << "\"");
    }
  }
  CHECK(leaks == 0);
  CHECK(empty < pages.size() / 100);  // the real text is still there
}

}  // namespace haku::extractor
