#include "indexer/extractor/text_extractor.h"

#include <string>
#include <unordered_set>

#include "indexer/extractor/block_text.h"
#include "indexer/extractor/url_resolver.h"

namespace haku::extractor {
namespace {

std::string_view StripIndent(std::string_view line, size_t max) {
  size_t n = 0;
  while (n < line.size() && n < max && line[n] == ' ') ++n;
  return line.substr(n);
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

// "# Title ##" -> level 1, "Title"; 0 when not an ATX heading.
int AtxHeading(std::string_view line, std::string_view* text) {
  line = StripIndent(line, 3);
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6) return 0;
  if (level < line.size() && line[level] != ' ' && line[level] != '\t') {
    return 0;
  }
  std::string_view rest = line.substr(level);
  size_t end = rest.find_last_not_of(" \t\r");
  rest = end == std::string_view::npos ? "" : rest.substr(0, end + 1);
  size_t hashes = rest.find_last_not_of('#');
  if (hashes != std::string_view::npos && hashes + 1 < rest.size() &&
      (rest[hashes] == ' ' || rest[hashes] == '\t')) {
    rest = rest.substr(0, hashes);
  }
  *text = rest;
  return static_cast<int>(level);
}

// A setext underline: 1 for "===", 2 for "---", else 0.
int SetextLevel(std::string_view line) {
  line = StripIndent(line, 3);
  size_t end = line.find_last_not_of(" \t\r");
  if (end == std::string_view::npos) return 0;
  line = line.substr(0, end + 1);
  if (line.find_first_not_of('=') == std::string_view::npos) return 1;
  if (line.find_first_not_of('-') == std::string_view::npos) return 2;
  return 0;
}

bool IsFence(std::string_view line) {
  line = StripIndent(line, 3);
  return line.starts_with("```") || line.starts_with("~~~");
}

// The text after a list marker ("- ", "* ", "+ ", "1. ", "1) "), or npos.
size_t ListItemStart(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) return i;
  if (line[i] == '-' || line[i] == '*' || line[i] == '+') {
    ++i;
  } else {
    size_t d = i;
    while (d < line.size() && d - i < 9 && line[d] >= '0' && line[d] <= '9') {
      ++d;
    }
    if (d == i || d >= line.size() || (line[d] != '.' && line[d] != ')')) {
      return std::string_view::npos;
    }
    i = d + 1;
  }
  if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) {
    return std::string_view::npos;
  }
  return i + 1;
}

class MarkdownInline {
 public:
  MarkdownInline(std::string_view base, std::vector<std::string>* links)
      : base_(base), links_(links) {}

  // `text` without inline markup; link targets go to links_.
  std::string Strip(std::string_view text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if ((c == '[' || (c == '!' && i + 1 < text.size() && text[i + 1] == '[')) &&
          Link(text, &i, &out)) {
        continue;
      }
      if (c == '<' && Tag(text, &i, &out)) continue;
      if (c == '`' || ((c == '*' || c == '_') && i + 1 < text.size() &&
                       text[i + 1] == c)) {
        i += c == '`' ? 1 : 2;
        continue;
      }
      out.push_back(c);
      ++i;
    }
    return out;
  }

 private:
  // [text](url) or ![alt](url); on success *i moves past it.
  bool Link(std::string_view text, size_t* i, std::string* out) {
    size_t open = text[*i] == '!' ? *i + 1 : *i;
    size_t close = text.find(']', open);
    if (close == std::string_view::npos) return false;
    std::string_view label = text.substr(open + 1, close - open - 1);
    if (close + 1 < text.size() && text[close + 1] == '(') {
      size_t end = text.find(')', close + 2);
      if (end == std::string_view::npos) return false;
      std::string_view target = text.substr(close + 2, end - close - 2);
      AddLink(target.substr(0, target.find(' ')));
      *i = end + 1;
    } else {
      *i = close + 1;
    }
    out->append(Strip(label));
    return true;
  }

  // <http://x> keeps the URL; other tags vanish.
  bool Tag(std::string_view text, size_t* i, std::string* out) {
    size_t end = text.find('>', *i);
    if (end == std::string_view::npos || end == *i + 1) return false;
    std::string_view inner = text.substr(*i + 1, end - *i - 1);
    char first = inner[0];
    bool tag_like = (first >= 'a' && first <= 'z') ||
                    (first >= 'A' && first <= 'Z') || first == '/' ||
                    first == '!';
    if (!tag_like) return false;
    if (inner.starts_with("http://") || inner.starts_with("https://")) {
      AddLink(inner);
      out->append(inner);
    } else {
      out->push_back(' ');
    }
    *i = end + 1;
    return true;
  }

  void AddLink(std::string_view target) {
    std::string url = ResolveUrl(base_, target);
    if (!url.empty() && seen_.insert(url).second) links_->push_back(url);
  }

  std::string_view base_;
  std::vector<std::string>* links_;
  std::unordered_set<std::string> seen_;
};

class TextBuilder {
 public:
  TextBuilder(ExtractedPage* page, size_t max_bytes)
      : page_(page), max_bytes_(max_bytes) {}

  void Add(std::string_view line) {
    if (!pending_.empty()) pending_.push_back(' ');
    pending_.append(line);
  }
  bool HasPending() const { return !IsBlank(pending_); }
  std::string TakePending() {
    std::string out;
    out.swap(pending_);
    return out;
  }
  void Flush(Block::Kind kind) { Emit(kind, TakePending()); }

  void Emit(Block::Kind kind, std::string_view text) {
    Block block = MakeBlock(kind, text);
    if (block.text.empty() || bytes_ + block.text.size() > max_bytes_) return;
    bytes_ += block.text.size();
    page_->blocks.push_back(std::move(block));
  }

  void Heading(int level, std::string_view text) {
    Emit(Block::Kind::kHeading, text);
    std::string t = CollapseWhitespace(text);
    if (t.empty()) return;
    if (page_->title.empty()) page_->title = t;
    page_->headings.push_back({level, std::move(t)});
  }

 private:
  ExtractedPage* page_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::string pending_;
};

template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    fn(line);
    pos = end + 1;
  }
}

void ExtractPlain(std::string_view text, TextBuilder& b) {
  ForEachLine(text, [&](std::string_view line) {
    if (IsBlank(line)) {
      b.Flush(Block::Kind::kParagraph);
    } else {
      b.Add(line);
    }
  });
  b.Flush(Block::Kind::kParagraph);
}

void ExtractMarkdown(std::string_view text, TextBuilder& b,
                     MarkdownInline& inl) {
  using Kind = Block::Kind;
  bool in_fence = false;
  Kind kind = Kind::kParagraph;
  std::string code;
  ForEachLine(text, [&](std::string_view line) {
    if (in_fence) {
      if (IsFence(line)) {
        in_fence = false;
        b.Emit(Kind::kPre, code);
        code.clear();
      } else {
        code.append(line).push_back('\n');
      }
      return;
    }
    std::string_view heading;
    int level = 0, setext = 0;
    size_t item = 0;
    if (IsFence(line)) {
      b.Flush(kind);
      in_fence = true;
    } else if (IsBlank(line)) {
      b.Flush(kind);
      kind = Kind::kParagraph;
    } else if ((level = AtxHeading(line, &heading)) > 0) {
      b.Flush(kind);
      b.Heading(level, inl.Strip(heading));
    } else if (b.HasPending() && kind == Kind::kParagraph &&
               (setext = SetextLevel(line)) > 0) {
      b.Heading(setext, b.TakePending());
    } else if ((item = ListItemStart(line)) != std::string_view::npos) {
      b.Flush(kind);
      kind = Kind::kListItem;
      b.Add(inl.Strip(line.substr(item)));
    } else {
      std::string_view l = StripIndent(line, 3);
      while (l.starts_with('>')) l = StripIndent(l.substr(1), 1);
      b.Add(inl.Strip(l));
    }
  });
  if (in_fence) b.Emit(Kind::kPre, code);
  b.Flush(kind);
}

}  // namespace

bool IsMarkdownPath(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::string lower(url);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower.ends_with(".md") || lower.ends_with(".markdown") ||
         lower.ends_with(".mdown");
}

ExtractedPage ExtractText(std::string_view text, const RawPage& page,
                          TextFormat format, const ExtractOptions& options) {
  ExtractedPage out;
  out.type = ExtractedPage::Type::kText;
  out.lang_hint = CollapseWhitespace(
      page.content_language.substr(0, page.content_language.find(',')));
  TextBuilder builder(&out, options.max_text_bytes);
  if (format == TextFormat::kMarkdown) {
    MarkdownInline inl(page.url, &out.links);
    ExtractMarkdown(text, builder, inl);
  } else {
    ExtractPlain(text, builder);
  }
  return out;
}

}  // namespace haku::extractor
