#include "indexer/extractor/nesting_limiter.h"

#include <algorithm>
#include <array>

namespace haku::extractor {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == ':';
}

std::string LowerName(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

template <size_t N>
bool OneOf(const std::string& name, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// Void elements and elements whose end tag may be omitted do not nest.
bool Counts(const std::string& name) {
  static constexpr std::array<std::string_view, 31> kNoNest = {
      "area", "base", "br", "col", "embed", "hr", "img", "input",
      "link", "meta", "param", "source", "track", "wbr", "p", "li",
      "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
      "tbody", "tfoot", "colgroup", "rp", "rt", "html", "head"};
  return name != "body" && !OneOf(name, kNoNest);
}

bool IsBlock(const std::string& name) {
  static constexpr std::array<std::string_view, 28> kBlocks = {
      "div", "section", "article", "ul", "ol", "table", "blockquote",
      "main", "nav", "header", "footer", "aside", "form", "fieldset",
      "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
      "center", "address", "details", "menu", "dialog"};
  return OneOf(name, kBlocks);
}

bool IsRawText(const std::string& name) {
  return name == "script" || name == "style" || name == "textarea" ||
         name == "title" || name == "xmp";
}

// End of the tag opened at `pos` (index after '>'), honouring quotes.
size_t TagEnd(std::string_view html, size_t pos) {
  char quote = 0;
  for (size_t i = pos; i < html.size(); ++i) {
    char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

size_t SkipTo(std::string_view html, size_t pos, std::string_view what) {
  size_t end = html.find(what, pos);
  return end == std::string_view::npos ? html.size() : end + what.size();
}

// End of a raw-text element's body starting at `pos` (at its "</name").
size_t RawTextEnd(std::string_view html, size_t pos, const std::string& name) {
  std::string close = "</" + name;
  for (size_t i = pos; i < html.size(); ++i) {
    i = html.find('<', i);
    if (i == std::string_view::npos) return html.size();
    if (LowerName(html.substr(i, close.size())) == close) return i;
  }
  return html.size();
}

// One pass; writes the flattened page to `out` when it is not null.
int Scan(std::string_view html, int max_depth, std::string* out) {
  int depth = 0, deepest = 0;
  size_t pos = 0, copied = 0;
  auto replace = [&](size_t from, size_t to, std::string_view with) {
    if (out == nullptr) return;
    out->append(html.substr(copied, from - copied));
    out->append(with);
    copied = to;
  };
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.substr(pos, 4) == "<!--") {
      pos = SkipTo(html, pos + 4, "-->");
      continue;
    }
    bool end_tag = pos + 1 < html.size() && html[pos + 1] == '/';
    size_t name_start = pos + (end_tag ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    if (name_end == name_start) {
      pos = (pos + 1 < html.size() && (html[pos + 1] == '!' ||
                                        html[pos + 1] == '?'))
                ? TagEnd(html, pos)
                : pos + 1;
      continue;
    }
    // Tag names longer than any we care about compare as unknown.
    std::string name = name_end - name_start <= 12
        ? LowerName(html.substr(name_start, name_end - name_start))
        : std::string("x-long");
    size_t tag_end = TagEnd(html, name_end);
    bool self_closing = tag_end >= 2 && html[tag_end - 2] == '/';
    if (!end_tag && IsRawText(name)) {
      pos = RawTextEnd(html, tag_end, name);
      continue;
    }
    if (Counts(name) && !(self_closing && !end_tag)) {
      if (end_tag) {
        if (depth > max_depth) replace(pos, tag_end, IsBlock(name) ? "<br>" : "");
        depth = std::max(0, depth - 1);
      } else {
        ++depth;
        deepest = std::max(deepest, depth);
        if (depth > max_depth) replace(pos, tag_end, IsBlock(name) ? "<br>" : "");
      }
    }
    pos = tag_end;
  }
  if (out != nullptr) out->append(html.substr(copied));
  return deepest;
}

}  // namespace

int EstimateNestingDepth(std::string_view html) {
  return Scan(html, 0, nullptr);
}

bool LimitNesting(std::string_view html, int max_depth, std::string* out) {
  if (EstimateNestingDepth(html) <= max_depth) return false;
  out->clear();
  out->reserve(html.size());
  Scan(html, max_depth, out);
  return true;
}

}  // namespace haku::extractor
