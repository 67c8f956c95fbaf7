#include "indexer/extractor/html_extractor.h"

#include <gumbo.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "common/arena.h"
#include "indexer/extractor/block_text.h"
#include "indexer/extractor/html_internal.h"
#include "indexer/extractor/nesting_limiter.h"
#include "indexer/extractor/url_resolver.h"

namespace haku::extractor {
namespace {

using internal::HtmlMetadata;
using internal::MainText;

// Below this much main text under a <main>/<article> root, use <body>.
constexpr size_t kMinRootBytes = 100;
// With no main text but this much boilerplate, retry with relaxed rules.
constexpr size_t kRelaxBoilerplateBytes = 500;

// The tree lives in an arena, freed with the GumboDoc.
class GumboDoc {
 public:
  explicit GumboDoc(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // error records copy the open-element stack
    options.allocator = &Arena::GumboAllocate;
    options.deallocator = &Arena::GumboFree;
    options.userdata = &arena_;
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  }
  GumboDoc(const GumboDoc&) = delete;
  GumboDoc& operator=(const GumboDoc&) = delete;
  const GumboNode* document() const { return output_->document; }
  const GumboNode* root() const { return output_->root; }

 private:
  Arena arena_;
  GumboOutput* output_;
};

const GumboNode* FindBody(const GumboNode* html) {
  const GumboVector& children = html->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (internal::IsElement(child, GUMBO_TAG_BODY)) return child;
  }
  return nullptr;
}

std::string FirstLanguage(std::string_view list) {
  return CollapseWhitespace(list.substr(0, list.find(',')));
}

std::vector<std::string> ResolveLinks(const HtmlMetadata& meta,
                                      std::string_view base) {
  std::vector<std::string> links;
  std::unordered_set<std::string> seen;
  for (std::string_view href : meta.hrefs) {
    std::string url = ResolveUrl(base, href);
    if (!url.empty() && seen.insert(url).second) links.push_back(url);
  }
  return links;
}

std::string PickModified(const HtmlMetadata& meta) {
  for (const std::string* c : {&meta.article_modified, &meta.dcterms_modified,
                               &meta.time_modified, &meta.last_modified}) {
    std::string date = NormalizeDate(*c);
    if (!date.empty()) return date;
  }
  return "";
}

void FillMetadata(const HtmlMetadata& meta, const RawPage& page,
                  ExtractedPage* out) {
  out->title = !meta.title.empty()      ? meta.title
               : !meta.og_title.empty() ? meta.og_title
                                        : meta.first_h1;
  out->description =
      !meta.description.empty() ? meta.description : meta.og_description;
  out->lang_hint = FirstLanguage(meta.html_lang);
  if (out->lang_hint.empty()) {
    out->lang_hint = FirstLanguage(meta.meta_content_language);
  }
  if (out->lang_hint.empty()) {
    out->lang_hint = FirstLanguage(page.content_language);
  }
  std::string base = std::string(page.url);
  if (!meta.base_href.empty()) {
    std::string resolved = ResolveUrl(page.url, meta.base_href);
    if (!resolved.empty()) base = resolved;
  }
  if (!meta.canonical_href.empty()) {
    out->canonical_url = ResolveUrl(base, meta.canonical_href);
  }
  out->modified = PickModified(meta);
  out->links = ResolveLinks(meta, base);
}

MainText ChooseMainText(const GumboNode* body, size_t max_bytes) {
  const GumboNode* root = internal::FindContentRoot(body);
  MainText text = internal::ExtractMainText(body, root, max_bytes, false);
  if (root != body && text.main_bytes < kMinRootBytes) {
    MainText whole = internal::ExtractMainText(body, body, max_bytes, false);
    if (whole.main_bytes > text.main_bytes) text = std::move(whole);
  }
  size_t boilerplate = 0;
  for (const Block& b : text.boilerplate) boilerplate += b.text.size();
  if (text.main_bytes == 0 && boilerplate >= kRelaxBoilerplateBytes) {
    text = internal::ExtractMainText(body, root, max_bytes, true);
  }
  return text;
}

}  // namespace

std::string NormalizeDate(std::string_view value) {
  std::string v = CollapseWhitespace(value);
  auto digits = [&v](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (i >= v.size() || v[i] < '0' || v[i] > '9') return false;
    }
    return true;
  };
  if (digits(0, 4) && v.size() >= 10 && v[4] == '-' && digits(5, 2) &&
      v[7] == '-' && digits(8, 2)) {
    return v;
  }
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                            "May", "Jun", "Jul", "Aug",
                                            "Sep", "Oct", "Nov", "Dec"};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  char month[4] = {0};
  if (std::sscanf(v.c_str(), "%*[^,], %d %3s %d %d:%d:%d", &day, month, &year,
                  &hour, &minute, &second) != 6) {
    return "";
  }
  for (int m = 0; m < 12; ++m) {
    if (std::strcmp(month, kMonths[m]) != 0) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year,
                  m + 1, day, hour, minute, second);
    return buf;
  }
  return "";
}

ExtractedPage ExtractHtml(std::string_view html, const RawPage& page,
                          const ExtractOptions& options) {
  std::string flattened;
  if (LimitNesting(html, options.max_html_depth, &flattened)) html = flattened;
  GumboDoc doc(html);
  ExtractedPage out;
  out.type = ExtractedPage::Type::kHtml;
  FillMetadata(internal::CollectMetadata(doc.document()), page, &out);
  if (options.links_only) return out;
  const GumboNode* body = FindBody(doc.root());
  if (body == nullptr) return out;
  MainText text = ChooseMainText(body, options.max_text_bytes);
  out.blocks = std::move(text.blocks);
  out.boilerplate = std::move(text.boilerplate);
  out.headings = std::move(text.headings);
  return out;
}

}  // namespace haku::extractor
