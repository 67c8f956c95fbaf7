// indexer/sources/list_parser.h -- resource lists to ResourceEntry values.
//
// Three formats: Markdown (CommonMark + GitHub autolinks, through
// cmark-gfm: inline and reference links, <autolinks>, bare URLs and
// www. domains), HTML (every <a href>, through Gumbo) and plain text (bare
// URLs and www. domains, one entry per URL). Headings give each entry its
// section path; a list's leading title heading is the list's title, not a
// section. Links that are not http(s) (mailto:, #anchors, relative links
// without a base URL) are not resources and are passed over silently;
// an http(s) link that cannot be parsed is skipped with a warning naming the
// file and line. Parsing never fails on content. Thread-safe.
#ifndef HAKU_INDEXER_SOURCES_LIST_PARSER_H_
#define HAKU_INDEXER_SOURCES_LIST_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "indexer/sources/resource.h"

namespace haku::sources {

enum class ListFormat { kMarkdown, kHtml, kText };

struct ParsedList {
  std::string name;   // list name given to ParseList / the file stem
  std::string title;  // the list's own title (first heading), may be empty
  std::vector<ResourceEntry> entries;
  std::vector<std::string> warnings;  // "file:line: what was skipped"
};

// Markdown for .md/.markdown, HTML for .html/.htm, text for anything else,
// unless the content says otherwise (an HTML document in a .txt file).
ListFormat GuessFormat(std::string_view path, std::string_view content);

// `origin` names the list in warnings (a path or URL); `base_url` resolves
// relative links (empty: relative links are skipped).
ParsedList ParseList(std::string_view content, ListFormat format,
                     std::string_view name, std::string_view origin,
                     std::string_view base_url = "");

// Reads and parses a list file. NotFound / IOError for an unreadable file;
// InvalidArgument for a binary (non-text) file or one that is not UTF-8
// text. An empty list parses to no entries and is not an error.
Result<ParsedList> ParseListFile(const std::string& path);

// The list name for a path or URL: its last path segment without extension.
std::string ListNameFor(std::string_view path);

// Collapses entries with the same URL into one Resource each, in order of
// first appearance; an entry repeated at the same list and line is dropped.
std::vector<Resource> MergeEntries(const std::vector<ResourceEntry>& entries);

}  // namespace haku::sources

#endif  // HAKU_INDEXER_SOURCES_LIST_PARSER_H_
