// indexer/index/index_document.h -- everything the index holds about one
// resource: its list context and, when it was fetched, the page itself.
#ifndef HAKU_INDEXER_INDEX_INDEX_DOCUMENT_H_
#define HAKU_INDEXER_INDEX_INDEX_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace haku::index {

// Where a resource is listed.
struct ListContext {
  std::string list;                   // list name
  std::vector<std::string> sections;  // heading path
  std::string link_text;
  std::string description;
  int line = 0;
  std::string list_lang;  // the list's own language, a fallback for short entries
};

struct TextBlock {
  std::string text;
  bool heading = false;
};

struct IndexDocument {
  std::string url;  // normalised; the key
  std::vector<ListContext> contexts;  // at least one for a listed resource

  // The fetched page; all empty when it was not fetched or had no text.
  std::string fetch_state = "not_fetched";  // crawler FetchStateName
  std::string final_url;
  std::string content_type;  // "html", "pdf", "text", "" (none)
  int64_t fetched_at = 0;
  std::string title;
  std::string description;
  std::string lang_hint;   // declared by the page
  std::vector<TextBlock> blocks;         // main text, headings marked
  std::vector<std::string> boilerplate;  // template text: low weight
  std::string content_hash;
  std::vector<std::string> redirects;
  int depth = 0;
  std::string parent_url;
};

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_INDEX_DOCUMENT_H_
