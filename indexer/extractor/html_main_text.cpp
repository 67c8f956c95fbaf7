// The main-text walk of the HTML extractor: which elements are content,
// which are boilerplate, which are dropped, and where blocks begin and end.
#include <algorithm>
#include <array>
#include <string>

#include "indexer/extractor/block_text.h"
#include "indexer/extractor/html_internal.h"

namespace haku::extractor::internal {
namespace {

enum class Mode { kMain = 0, kBoilerplate = 1, kDiscard = 2 };

// Link text above this share of a block's bytes demotes the block.
constexpr double kMaxLinkDensity = 0.5;
// If the kept text is below this share of all main text, the page is a
// link list and its link-dense blocks are content after all.
constexpr double kLinkListShare = 0.5;

struct Piece {
  Block block;
  Mode mode = Mode::kMain;
  bool link_dense = false;
  int heading_level = 0;
};

struct State {
  Mode mode = Mode::kMain;
  Block::Kind kind = Block::Kind::kOther;
  int heading_level = 0;
  int link_depth = 0;
  int article_depth = 0;     // inside <article>
  int sectioning_depth = 0;  // inside <article>, <main> or <section>
};

struct Frame {
  const GumboNode* node;
  unsigned next = 0;
  State saved;
  bool block = false;
};

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_BR: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsDiscardTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_MAP: case GUMBO_TAG_APPLET:
      return true;
    default:
      return false;
  }
}

char LowerChar(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `word` equals `lower` (already lower case), ignoring ASCII case.
bool WordIs(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (LowerChar(word[i]) != lower[i]) return false;
  }
  return true;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Calls fn(word) for each word of `value` split on spaces, '-' and '_'.
template <typename Fn>
bool AnyWord(std::string_view value, Fn fn) {
  size_t pos = 0;
  while (pos < value.size()) {
    size_t end = value.find_first_of(" \t\n\r\f-_", pos);
    if (end == std::string_view::npos) end = value.size();
    if (end > pos && fn(value.substr(pos, end - pos))) return true;
    pos = end + 1;
  }
  return false;
}

template <size_t N>
bool InSet(std::string_view word, const std::array<std::string_view, N>& set) {
  for (std::string_view s : set) {
    if (WordIs(word, s)) return true;
  }
  return false;
}

bool IsUnknownTag(const GumboNode* node, std::string_view name) {
  GumboStringPiece piece = node->v.element.original_tag;
  gumbo_tag_from_original_text(&piece);
  return EqualsIgnoreCase(std::string_view(piece.data, piece.length), name);
}

bool IsHidden(const GumboNode* node) {
  if (HasAttr(node, "hidden")) return true;
  if (EqualsIgnoreCase(Attr(node, "aria-hidden"), "true")) return true;
  std::string_view style = Attr(node, "style");
  if (!style.empty()) {
    std::string s;
    for (char c : LowerAscii(style)) {
      if (c != ' ' && c != '\t' && c != '\n') s.push_back(c);
    }
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  std::string_view cls = Attr(node, "class");
  size_t pos = 0;
  while (pos < cls.size()) {  // whole class names only
    size_t end = cls.find_first_of(" \t\n\r\f", pos);
    if (end == std::string_view::npos) end = cls.size();
    std::string_view name = cls.substr(pos, end - pos);
    if (WordIs(name, "hidden") || WordIs(name, "d-none")) return true;
    pos = end + 1;
  }
  return false;
}

bool IsBoilerplateName(const GumboNode* node) {
  static constexpr std::array<std::string_view, 22> kWords = {
      "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb",
      "breadcrumbs", "sidebar", "footer", "cookie", "cookies", "consent",
      "gdpr", "share", "sharing", "social", "toolbar", "masthead",
      "skiplink", "pagination", "pager", "banner"};
  auto check = [](std::string_view word) { return InSet(word, kWords); };
  return AnyWord(Attr(node, "class"), check) || AnyWord(Attr(node, "id"), check);
}

bool IsBoilerplateRole(std::string_view role, const State& s) {
  static constexpr std::array<std::string_view, 9> kRoles = {
      "navigation", "contentinfo", "search", "menu", "menubar",
      "dialog", "alertdialog", "toolbar", "complementary"};
  if (WordIs(role, "banner")) return s.sectioning_depth == 0;
  return InSet(role, kRoles);
}

class Walker {
 public:
  Walker(const GumboNode* root, bool relaxed) : root_(root), relaxed_(relaxed) {}

  std::vector<Piece> Run(const GumboNode* body) {
    state_.mode = body == root_ ? Mode::kMain : Mode::kBoilerplate;
    std::vector<Frame> stack;
    stack.push_back(Frame{body, 0, state_, true});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& children = f.node->v.element.children;
      if (f.next < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[f.next++]);
        Visit(child, stack);
        continue;
      }
      if (f.block) Flush();
      state_ = f.saved;
      stack.pop_back();
    }
    Flush();
    return std::move(pieces_);
  }

 private:
  void Visit(const GumboNode* node, std::vector<Frame>& stack) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      OnText(node->v.text.text);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;  // comments, templates
    GumboTag tag = node->v.element.tag;
    if (IsDiscardTag(tag)) return;
    bool block = IsBlockTag(tag);
    if (block) Flush();
    if (tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR) return;
    State saved = state_;
    Enter(node, tag);
    stack.push_back(Frame{node, 0, saved, block});
  }

  void Enter(const GumboNode* node, GumboTag tag) {
    // The content root is content even inside boilerplate-looking wrappers.
    // Hidden content is not thrown away: pages reveal it (tabs, toggles,
    // LibreOffice help's per-module <span hidden> variants). A hidden block
    // is boilerplate; hidden inline text belongs to the block it stands in.
    Mode mode = IsHidden(node) ? Mode::kBoilerplate : ModeOf(node, tag);
    state_.mode = node == root_ ? Mode::kMain : std::max(state_.mode, mode);
    if (tag == GUMBO_TAG_ARTICLE) ++state_.article_depth;
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
        tag == GUMBO_TAG_SECTION) {
      ++state_.sectioning_depth;
    }
    if (tag == GUMBO_TAG_A && HasAttr(node, "href")) ++state_.link_depth;
    SetKind(tag);
  }

  Mode ModeOf(const GumboNode* node, GumboTag tag) const {
    switch (tag) {
      case GUMBO_TAG_NAV: case GUMBO_TAG_MENU:
        return Mode::kBoilerplate;
      case GUMBO_TAG_FORM:
        return relaxed_ ? Mode::kMain : Mode::kBoilerplate;
      case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
        if (state_.sectioning_depth == 0) return Mode::kBoilerplate;
        break;
      case GUMBO_TAG_ASIDE:
        if (state_.article_depth == 0) return Mode::kBoilerplate;
        break;
      case GUMBO_TAG_UNKNOWN:  // Gumbo 0.10 does not know <dialog>
        if (IsUnknownTag(node, "dialog")) return Mode::kBoilerplate;
        break;
      default:
        break;
    }
    std::string_view role = Attr(node, "role");
    if (!role.empty() && IsBoilerplateRole(role, state_)) {
      return Mode::kBoilerplate;
    }
    if (!relaxed_ && IsBlockTag(tag) && IsBoilerplateName(node)) {
      return Mode::kBoilerplate;
    }
    return Mode::kMain;
  }

  void SetKind(GumboTag tag) {
    using Kind = Block::Kind;
    switch (tag) {
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
      case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        state_.kind = Kind::kHeading;
        state_.heading_level = 1 + (tag - GUMBO_TAG_H1);
        break;
      case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
        state_.kind = Kind::kListItem;
        break;
      case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        state_.kind = Kind::kTableCell;
        break;
      case GUMBO_TAG_PRE:
        state_.kind = Kind::kPre;
        break;
      case GUMBO_TAG_P: case GUMBO_TAG_BLOCKQUOTE:
        if (state_.kind == Kind::kOther) state_.kind = Kind::kParagraph;
        break;
      default:
        break;
    }
  }

  void OnText(const char* text) {
    if (state_.mode == Mode::kDiscard) return;
    size_t before = buffer_.size();
    AppendCollapsed(text, buffer_);
    if (state_.link_depth > 0) link_bytes_ += buffer_.size() - before;
  }

  void Flush() {
    TrimTrailingSpace(buffer_);
    if (!buffer_.empty()) {
      Piece piece;
      piece.block.kind = state_.kind;
      piece.block.hash = BlockHash(buffer_);
      piece.mode = state_.mode;
      piece.heading_level =
          state_.kind == Block::Kind::kHeading ? state_.heading_level : 0;
      piece.link_dense =
          !relaxed_ && piece.heading_level == 0 &&
          static_cast<double>(link_bytes_) >
              kMaxLinkDensity * static_cast<double>(buffer_.size());
      piece.block.text = std::move(buffer_);
      pieces_.push_back(std::move(piece));
    }
    buffer_.clear();
    link_bytes_ = 0;
  }

  const GumboNode* root_;
  bool relaxed_;
  State state_;
  std::string buffer_;
  size_t link_bytes_ = 0;
  std::vector<Piece> pieces_;
};

// A page that is mostly links (an index, a resource list) keeps them.
bool IsLinkList(const std::vector<Piece>& pieces) {
  size_t kept = 0, dense = 0;
  for (const Piece& p : pieces) {
    if (p.mode != Mode::kMain) continue;
    (p.link_dense ? dense : kept) += p.block.text.size();
  }
  return static_cast<double>(kept) <
         kLinkListShare * static_cast<double>(kept + dense);
}

}  // namespace

MainText ExtractMainText(const GumboNode* body, const GumboNode* root,
                         size_t max_text_bytes, bool relaxed) {
  std::vector<Piece> pieces = Walker(root, relaxed).Run(body);
  bool link_list = IsLinkList(pieces);
  MainText out;
  size_t boilerplate_bytes = 0;
  for (Piece& p : pieces) {
    bool main = p.mode == Mode::kMain && (link_list || !p.link_dense);
    size_t& used = main ? out.main_bytes : boilerplate_bytes;
    if (used + p.block.text.size() > max_text_bytes) continue;
    used += p.block.text.size();
    if (main && p.heading_level > 0) {
      out.headings.push_back(Heading{p.heading_level, p.block.text});
    }
    (main ? out.blocks : out.boilerplate).push_back(std::move(p.block));
  }
  return out;
}

}  // namespace haku::extractor::internal
