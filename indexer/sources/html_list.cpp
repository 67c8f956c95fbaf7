// HTML resource lists through Gumbo: every <a href>, in the block (li, p,
// dd, td ...) it stands in, under the headings before it.
#include <gumbo.h>

#include <memory>
#include <string_view>

#include "common/arena.h"
#include "indexer/sources/list_parser_internal.h"

namespace haku::sources::internal {
namespace {

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_LI: case GUMBO_TAG_P: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_DIV: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_TABLE: case GUMBO_TAG_MAIN:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

bool Skipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD;
}

struct Block {
  std::string text;
  std::vector<LinkSpan> links;
};

class Walker {
 public:
  explicit Walker(EntrySink& sink) : sink_(sink) {}

  // Iterative over an explicit stack: hostile nesting depth cannot
  // overflow the call stack.
  void Run(GumboNode* root) {
    blocks_.emplace_back();  // the document's own text
    std::vector<Frame> stack;
    stack.push_back({root, 0, false, std::string::npos, 0});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector* children = Children(f.node);
      if (children && f.next_child < children->length) {
        auto* child = static_cast<GumboNode*>(children->data[f.next_child++]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
            child->type == GUMBO_NODE_CDATA) {
          blocks_.back().text += child->v.text.text;
        } else if (child->type == GUMBO_NODE_ELEMENT && !Skipped(child->v.element.tag)) {
          stack.push_back(Open(child));
        }
        continue;
      }
      Close(f);
      stack.pop_back();
    }
    Flush(0);
  }

 private:
  struct Frame {
    GumboNode* node;
    size_t next_child;
    bool opened_block;
    size_t link_index;  // for <a href>: its index in the block's links
    int heading;        // 1..6 for h1..h6
  };

  static const GumboVector* Children(GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    return nullptr;
  }

  Frame Open(GumboNode* node) {
    Frame f{node, 0, false, std::string::npos, 0};
    GumboTag tag = node->v.element.tag;
    f.heading = HeadingLevel(tag);
    if (f.heading || IsBlock(tag)) {
      blocks_.emplace_back();
      f.opened_block = true;
    } else if (tag == GUMBO_TAG_BR) {
      blocks_.back().text += ' ';
    } else if (tag == GUMBO_TAG_A) {
      GumboAttribute* href = gumbo_get_attribute(&node->v.element.attributes, "href");
      if (href) {
        LinkSpan span;
        span.begin = blocks_.back().text.size();
        span.href = href->value;
        span.line = static_cast<int>(node->v.element.start_pos.line);
        f.link_index = blocks_.back().links.size();
        blocks_.back().links.push_back(std::move(span));
      }
    }
    return f;
  }

  void Close(const Frame& f) {
    if (f.link_index != std::string::npos) {
      Block& block = blocks_.back();
      LinkSpan& span = block.links[f.link_index];
      span.end = block.text.size();
      std::string shown =
          CollapseSpace(std::string_view(block.text).substr(span.begin, span.end - span.begin));
      span.bare = shown.empty() || shown == span.href;
    }
    if (f.opened_block) Flush(f.heading);
  }

  // Ends the innermost block: a heading or the links in it go to the sink.
  void Flush(int heading) {
    Block block = std::move(blocks_.back());
    blocks_.pop_back();
    if (heading) sink_.Heading(heading, block.text);
    if (!block.links.empty()) sink_.Block(block.text, block.links);
    // A block's text does not run on into its parent's.
    if (!blocks_.empty()) blocks_.back().text += ' ';
  }

  EntrySink& sink_;
  std::vector<Block> blocks_;
};

}  // namespace

void ParseHtml(std::string_view content, EntrySink& sink) {
  // The tree lives in the arena, freed on return.
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  options.allocator = &Arena::GumboAllocate;
  options.deallocator = &Arena::GumboFree;
  options.userdata = &arena;
  const GumboOutput* out = gumbo_parse_with_options(&options, content.data(), content.size());
  if (!out) return;
  Walker(sink).Run(out->document);
}

}  // namespace haku::sources::internal
