// indexer/sources/list_parser_internal.h -- shared by the format parsers.
#ifndef HAKU_INDEXER_SOURCES_LIST_PARSER_INTERNAL_H_
#define HAKU_INDEXER_SOURCES_LIST_PARSER_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "indexer/sources/list_parser.h"

namespace haku::sources::internal {

struct LinkSpan;

// Collects entries and warnings for one list; owns the section path.
class EntrySink {
 public:
  EntrySink(ParsedList& out, std::string_view origin, std::string_view base_url);

  // A heading of `level` (1..6). The first heading of a list, when it comes
  // before any entry, is the list's title.
  void Heading(int level, std::string_view text);
  // A list item, paragraph or line and the links in it. Each link becomes
  // an entry: its text is the link text (for a bare URL, the words before
  // it), its description the rest of the block.
  void Block(std::string_view text, const std::vector<struct LinkSpan>& links);
  void Warn(int line, std::string_view what);
  // Text lists have no title heading: every heading is a section.
  void set_title_rule(bool on) { title_rule_ = on; }

 private:
  ParsedList& out_;
  std::string origin_;
  std::string base_url_;
  std::string self_url_;  // the list's own normalised URL, if it has one
  std::vector<std::pair<int, std::string>> headings_;  // (level, text)
  int title_level_ = 0;
  bool title_rule_ = true;
};

// A link inside a block's text: bytes [begin, end) of the text show it.
struct LinkSpan {
  size_t begin = 0;
  size_t end = 0;
  std::string href;
  bool bare = false;  // the text is the URL itself (autolink, bare URL)
  int line = 0;
};

// Whitespace runs to one space, trimmed.
std::string CollapseSpace(std::string_view s);

// Bare URLs (http://, https://, www.) in a line of text, with their byte
// offsets. Trailing punctuation that closes the sentence is not part of
// the URL; a closing parenthesis is, when the URL opened one.
struct BareUrl {
  size_t begin = 0;
  size_t end = 0;
  std::string url;  // as written, "http://" prefixed for www. domains
};
std::vector<BareUrl> FindBareUrls(std::string_view text);

void ParseMarkdown(std::string_view content, EntrySink& sink);
void ParseHtml(std::string_view content, EntrySink& sink);
void ParseText(std::string_view content, EntrySink& sink);

}  // namespace haku::sources::internal

#endif  // HAKU_INDEXER_SOURCES_LIST_PARSER_INTERNAL_H_
