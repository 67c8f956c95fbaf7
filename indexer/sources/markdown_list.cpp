// Markdown resource lists through cmark-gfm (CommonMark + GitHub's autolink
// extension for bare URLs and www. domains).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "indexer/sources/list_parser_internal.h"

namespace haku::sources::internal {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// Collects the plain text of a block and the spans of the links in it.
class BlockText {
 public:
  explicit BlockText(int first_line) : line_(first_line) {}

  void Walk(cmark_node* node) {
    for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
      Visit(c);
    }
  }
  const std::string& text() const { return text_; }
  const std::vector<LinkSpan>& links() const { return links_; }

 private:
  void Visit(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        text_ += cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text_ += ' ';
        ++line_;
        break;
      case CMARK_NODE_LINK: {
        LinkSpan span;
        span.begin = text_.size();
        span.line = line_;
        Walk(node);
        span.end = text_.size();
        const char* url = cmark_node_get_url(node);
        span.href = url ? url : "";
        std::string shown = text_.substr(span.begin, span.end - span.begin);
        span.bare = shown == span.href || "http://" + shown == span.href ||
                    "mailto:" + shown == span.href;
        links_.push_back(std::move(span));
        break;
      }
      case CMARK_NODE_HTML_INLINE:
        break;  // inline HTML tags carry no text of their own
      default:
        Walk(node);  // emphasis, strong, strikethrough, image alt text
    }
  }

  int line_;
  std::string text_;
  std::vector<LinkSpan> links_;
};

void WalkBlocks(cmark_node* node, EntrySink& sink) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    cmark_node_type type = cmark_node_get_type(c);
    if (type == CMARK_NODE_HEADING) {
      BlockText block(cmark_node_get_start_line(c));
      block.Walk(c);
      sink.Heading(cmark_node_get_heading_level(c), block.text());
      if (!block.links().empty()) sink.Block(block.text(), block.links());
    } else if (type == CMARK_NODE_PARAGRAPH) {
      BlockText block(cmark_node_get_start_line(c));
      block.Walk(c);
      if (!block.links().empty()) sink.Block(block.text(), block.links());
    } else if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
      continue;  // code and raw HTML are not list entries
    } else {
      WalkBlocks(c, sink);  // lists, items, block quotes, tables
    }
  }
}

cmark_syntax_extension* AutolinkExtension() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  return cmark_find_syntax_extension("autolink");
}

}  // namespace

void ParseMarkdown(std::string_view content, EntrySink& sink) {
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  if (cmark_syntax_extension* ext = AutolinkExtension()) {
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), content.data(), content.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  if (doc) WalkBlocks(doc.get(), sink);
}

}  // namespace haku::sources::internal
