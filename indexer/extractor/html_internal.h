// indexer/extractor/html_internal.h -- the parts of the HTML extractor
// (Gumbo helpers, metadata, main text); used only by html_*.cpp.
#ifndef HAKU_INDEXER_EXTRACTOR_HTML_INTERNAL_H_
#define HAKU_INDEXER_EXTRACTOR_HTML_INTERNAL_H_

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/extractor/extractor.h"

namespace haku::extractor::internal {

// The attribute's value ("" when absent) and whether it is present.
std::string_view Attr(const GumboNode* node, const char* name);
bool HasAttr(const GumboNode* node, const char* name);
bool IsElement(const GumboNode* node, GumboTag tag);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// The node's text, whitespace collapsed (script/style/template skipped).
std::string TextContent(const GumboNode* node);

// What the whole document says about itself; strings as found.
struct HtmlMetadata {
  std::string title, og_title, description, og_description;
  std::string html_lang, meta_content_language;
  std::string base_href, canonical_href;
  std::string first_h1;
  // Modification date candidates, best first in ExtractHtml's order.
  std::string article_modified, dcterms_modified, time_modified,
      last_modified;
  std::vector<std::string_view> hrefs;  // <a href>, <area href>, in order
};
HtmlMetadata CollectMetadata(const GumboNode* document);

// The content root: the first <main> or role=main element, else the only
// <article>, else `body`.
const GumboNode* FindContentRoot(const GumboNode* body);

struct MainText {
  std::vector<Block> blocks;
  std::vector<Block> boilerplate;
  std::vector<Heading> headings;
  size_t main_bytes = 0;
};
// Walks `body` (iteratively; depth costs heap, not stack). `relaxed`
// switches off the class/id, form and link-density rules.
MainText ExtractMainText(const GumboNode* body, const GumboNode* root,
                         size_t max_text_bytes, bool relaxed);

}  // namespace haku::extractor::internal

#endif  // HAKU_INDEXER_EXTRACTOR_HTML_INTERNAL_H_
