// Gumbo helpers and the document metadata pass of the HTML extractor.
#include <strings.h>

#include <utility>

#include "indexer/extractor/block_text.h"
#include "indexer/extractor/html_internal.h"

namespace haku::extractor::internal {
namespace {

const GumboVector* Children(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
  return nullptr;
}

bool InsideArticle(const GumboNode* node) {
  for (const GumboNode* p = node->parent; p != nullptr; p = p->parent) {
    if (IsElement(p, GUMBO_TAG_ARTICLE)) return true;
  }
  return false;
}

void SetOnce(std::string& field, std::string_view value) {
  if (field.empty()) field = CollapseWhitespace(value);
}

void OnMeta(const GumboNode* node, HtmlMetadata* meta) {
  std::string_view key = Attr(node, "name");
  if (key.empty()) key = Attr(node, "property");
  std::string_view equiv = Attr(node, "http-equiv");
  std::string_view content = Attr(node, "content");
  if (EqualsIgnoreCase(key, "description")) SetOnce(meta->description, content);
  if (EqualsIgnoreCase(key, "og:title")) SetOnce(meta->og_title, content);
  if (EqualsIgnoreCase(key, "og:description")) {
    SetOnce(meta->og_description, content);
  }
  if (EqualsIgnoreCase(key, "article:modified_time")) {
    SetOnce(meta->article_modified, content);
  }
  if (EqualsIgnoreCase(key, "dcterms.modified") ||
      EqualsIgnoreCase(key, "dc.date.modified") ||
      EqualsIgnoreCase(key, "dc.modified")) {
    SetOnce(meta->dcterms_modified, content);
  }
  if (EqualsIgnoreCase(key, "last-modified") ||
      EqualsIgnoreCase(equiv, "last-modified")) {
    SetOnce(meta->last_modified, content);
  }
  if (EqualsIgnoreCase(equiv, "content-language")) {
    SetOnce(meta->meta_content_language, content);
  }
}

void OnLink(const GumboNode* node, HtmlMetadata* meta) {
  std::string_view rel = Attr(node, "rel");
  if (EqualsIgnoreCase(CollapseWhitespace(rel), "canonical")) {
    SetOnce(meta->canonical_href, Attr(node, "href"));
  }
}

void OnTime(const GumboNode* node, HtmlMetadata* meta) {
  if (!HasAttr(node, "datetime") || !InsideArticle(node)) return;
  std::string_view prop = Attr(node, "itemprop");
  if (EqualsIgnoreCase(prop, "datemodified") || meta->time_modified.empty()) {
    meta->time_modified = CollapseWhitespace(Attr(node, "datetime"));
  }
}

void OnElement(const GumboNode* node, HtmlMetadata* meta) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_HTML:
      SetOnce(meta->html_lang, Attr(node, "lang"));
      SetOnce(meta->html_lang, Attr(node, "xml:lang"));
      break;
    case GUMBO_TAG_TITLE:
      SetOnce(meta->title, TextContent(node));
      break;
    case GUMBO_TAG_META:
      OnMeta(node, meta);
      break;
    case GUMBO_TAG_LINK:
      OnLink(node, meta);
      break;
    case GUMBO_TAG_BASE:
      if (HasAttr(node, "href")) SetOnce(meta->base_href, Attr(node, "href"));
      break;
    case GUMBO_TAG_H1:
      SetOnce(meta->first_h1, TextContent(node));
      break;
    case GUMBO_TAG_TIME:
      OnTime(node, meta);
      break;
    case GUMBO_TAG_A:
    case GUMBO_TAG_AREA:
      if (HasAttr(node, "href")) meta->hrefs.push_back(Attr(node, "href"));
      break;
    default:
      break;
  }
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool HasAttr(const GumboNode* node, const char* name) {
  return node->type == GUMBO_NODE_ELEMENT &&
         gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

std::string_view Attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attr =
      gumbo_get_attribute(&node->v.element.attributes, name);
  return attr == nullptr ? std::string_view() : attr->value;
}

bool IsElement(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string TextContent(const GumboNode* node) {
  std::string out;
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{node, 0}};
  while (!stack.empty()) {
    auto& [n, next] = stack.back();
    const GumboVector* children = Children(n);
    if (children == nullptr || next >= children->length) {
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[next++]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
        child->type == GUMBO_NODE_WHITESPACE) {
      AppendCollapsed(child->v.text.text, out);
    } else if (child->type == GUMBO_NODE_ELEMENT &&
               child->v.element.tag != GUMBO_TAG_SCRIPT &&
               child->v.element.tag != GUMBO_TAG_STYLE) {
      if (!out.empty() && child->v.element.tag == GUMBO_TAG_BR) {
        AppendCollapsed(" ", out);
      }
      stack.emplace_back(child, 0);
    }
  }
  TrimTrailingSpace(out);
  return out;
}

HtmlMetadata CollectMetadata(const GumboNode* document) {
  HtmlMetadata meta;
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{document, 0}};
  while (!stack.empty()) {
    auto& [n, next] = stack.back();
    const GumboVector* children = Children(n);
    if (children == nullptr || next >= children->length) {
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[next++]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    OnElement(child, &meta);
    stack.emplace_back(child, 0);
  }
  return meta;
}

const GumboNode* FindContentRoot(const GumboNode* body) {
  const GumboNode* article = nullptr;
  int articles = 0;
  std::vector<std::pair<const GumboNode*, unsigned>> stack{{body, 0}};
  while (!stack.empty()) {
    auto& [n, next] = stack.back();
    const GumboVector* children = Children(n);
    if (children == nullptr || next >= children->length) {
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[next++]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    if (IsElement(child, GUMBO_TAG_MAIN) ||
        EqualsIgnoreCase(Attr(child, "role"), "main")) {
      return child;
    }
    if (IsElement(child, GUMBO_TAG_ARTICLE)) {
      if (++articles == 1) article = child;
      continue;  // articles nested in an article do not count
    }
    stack.emplace_back(child, 0);
  }
  return articles == 1 ? article : body;
}

}  // namespace haku::extractor::internal
