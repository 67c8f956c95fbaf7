#include "indexer/pipeline/page_text.h"

#include <set>

#include "common/memory.h"
#include "extraction_digest.h"
#include "indexer/sources/url_normalize.h"

namespace haku::pipeline {

extractor::ExtractedPage ExtractStored(const crawler::StoredPage& page,
                                       const extractor::ExtractOptions& options) {
  if (page.state != crawler::FetchState::kOk || page.body.empty()) {
    extractor::ExtractedPage none;
    none.type = extractor::ExtractedPage::Type::kSkipped;
    none.reason = "no body";
    return none;
  }
  extractor::RawPage raw;
  raw.url = page.final_url.empty() ? page.url : page.final_url;
  raw.content_type = page.content_type;
  raw.charset = page.charset;
  raw.content_language = page.content_language;
  raw.body = page.body;
  return extractor::Extract(raw, options);
}

std::string ExtractionKey(const crawler::StoredPage& page) {
  if (page.state != crawler::FetchState::kOk || page.content_hash.empty()) return "";
  std::string key = "extraction " HAKU_EXTRACTION_DIGEST;
  for (const std::string* field : {&page.content_hash, &page.url, &page.final_url,
                                   &page.content_type, &page.charset, &page.content_language}) {
    key += '\n';
    key += *field;
  }
  return key;
}

bool KeepsExtraction(const extractor::ExtractedPage& page) {
  using Type = extractor::ExtractedPage::Type;
  return page.type == Type::kHtml || page.type == Type::kPdf || page.type == Type::kText;
}

void FillFetch(const crawler::StoredPage& page, index::IndexDocument& doc) {
  doc.fetch_state = std::string(crawler::FetchStateName(page.state));
  doc.final_url = page.final_url;
  doc.fetched_at = page.fetched_at;
  doc.redirects = page.redirects;
  doc.depth = page.depth;
  doc.parent_url = page.parent_url;
  doc.content_hash = page.content_hash;
}

void FillText(const extractor::ExtractedPage& extracted, index::IndexDocument& doc) {
  using Type = extractor::ExtractedPage::Type;
  if (extracted.type != Type::kHtml && extracted.type != Type::kPdf &&
      extracted.type != Type::kText) {
    return;
  }
  doc.content_type = extractor::TypeName(extracted.type);
  doc.title = extracted.title;
  doc.description = extracted.description;
  doc.lang_hint = extracted.lang_hint;
  for (const extractor::Block& b : extracted.blocks) {
    doc.blocks.push_back({b.text, b.kind == extractor::Block::Kind::kHeading});
  }
  for (const extractor::Block& b : extracted.boilerplate) doc.boilerplate.push_back(b.text);
}

std::vector<std::string> LinksOf(const crawler::StoredPage& page) {
  std::vector<std::string> out;
  {
    extractor::ExtractOptions links_only;
    links_only.links_only = true;
    extractor::ExtractedPage extracted = ExtractStored(page, links_only);
    std::set<std::string> seen;
    for (const std::string& link : extracted.links) {
      Result<std::string> url = sources::NormalizeUrl(link);
      if (url.ok() && seen.insert(url.value()).second) out.push_back(std::move(url.value()));
    }
  }
  if (page.body.size() >= kLargePageBytes) ReleaseFreeMemory();
  return out;
}

}  // namespace haku::pipeline
