#include "indexer/extractor/template_filter.h"

#include <doctest/doctest.h>

#include <string>

#include "indexer/extractor/block_text.h"

namespace haku::extractor {
namespace {

ExtractedPage PageWith(std::initializer_list<std::string> texts) {
  ExtractedPage page;
  page.type = ExtractedPage::Type::kHtml;
  for (const std::string& t : texts) {
    page.blocks.push_back(MakeBlock(Block::Kind::kParagraph, t));
  }
  return page;
}

}  // namespace

TEST_CASE("blocks repeated on most of a host's pages move to boilerplate") {
  TemplateFilter filter;
  std::vector<ExtractedPage> pages;
  for (int i = 0; i < 10; ++i) {
    pages.push_back(PageWith({"Site Menu", "Unique text " + std::to_string(i),
                              i < 2 ? "Rare block" : "Other " + std::to_string(i),
                              "site menu"}));  // same hash: counted once
    filter.Observe("a.example", pages.back());
  }
  filter.Observe("b.example", PageWith({"Unique text 1"}));
  for (ExtractedPage& p : pages) filter.Apply("a.example", p);
  CHECK(pages[3].blocks.size() == 2);
  CHECK(pages[3].blocks[0].text == "Unique text 3");
  CHECK(pages[3].boilerplate.size() == 2);
  CHECK(pages[0].blocks[1].text == "Rare block");  // 2 of 10 pages
  CHECK(filter.IsTemplate("a.example", BlockHash("SITE MENU")));
  CHECK_FALSE(filter.IsTemplate("b.example", BlockHash("site menu")));
  CHECK_FALSE(filter.IsTemplate("c.example", BlockHash("site menu")));
}

TEST_CASE("a small site needs min_pages before anything is template") {
  TemplateFilter filter({.min_share = 0.3, .min_pages = 4});
  ExtractedPage a = PageWith({"Header", "A"}), b = PageWith({"Header", "B"});
  filter.Observe("s.example", a);
  filter.Observe("s.example", b);
  filter.Apply("s.example", a);
  CHECK(a.blocks.size() == 2);
}

}  // namespace haku::extractor

namespace haku::extractor {

TEST_CASE("templates are counted per language of a host") {
  TemplateFilter filter;
  std::vector<ExtractedPage> pages;
  for (int i = 0; i < 30; ++i) {
    const char* lang = i % 3 == 0 ? "en-US" : i % 3 == 1 ? "sv" : "fi";
    const char* label = i % 3 == 0 ? "Related Topics"
                        : i % 3 == 1 ? "Närliggande ämnen" : "Aiheeseen liittyvää";
    ExtractedPage p = PageWith({"Text " + std::to_string(i)});
    if (i < 12) p.blocks.push_back(MakeBlock(Block::Kind::kParagraph, label));
    p.lang_hint = lang;
    filter.Observe("help.example.org", p);
    pages.push_back(std::move(p));
  }
  // Each label is on 4 of the 10 pages of its language (12% of the host).
  for (ExtractedPage& p : pages) filter.Apply("help.example.org", p);
  CHECK(pages[1].blocks.size() == 1);
  CHECK(pages[1].boilerplate.at(0).text == "Närliggande ämnen");
  CHECK(filter.IsTemplate("help.example.org", BlockHash("related topics")));
}

}  // namespace haku::extractor
