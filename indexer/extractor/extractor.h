// indexer/extractor/extractor.h -- fetched bytes to clean UTF-8 text.
//
// Extract() turns one response (HTML, PDF, plain text or Markdown) into an
// ExtractedPage: title, description, language hint, headings and main-text
// blocks without navigation boilerplate, links for depth crawling. It never
// throws and never crashes on hostile input; an unsupported type is
// returned as kSkipped, a broken document (corrupt PDF) as kFailed, each
// with its reason. Extract() is thread-safe (no shared state).
#ifndef HAKU_INDEXER_EXTRACTOR_EXTRACTOR_H_
#define HAKU_INDEXER_EXTRACTOR_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haku::extractor {

struct RawPage {
  std::string_view url;               // final URL, to resolve relative links
  std::string_view content_type;      // media type from the response ("" unknown)
  std::string_view charset;           // charset parameter from the response
  std::string_view content_language;  // Content-Language header
  std::string_view body;
};

struct Heading {
  int level = 1;  // 1..6
  std::string text;
};

struct Block {
  enum class Kind { kParagraph, kHeading, kListItem, kTableCell, kPre, kOther };
  Kind kind = Kind::kParagraph;
  std::string text;   // UTF-8, whitespace collapsed, one block = one unit
  uint64_t hash = 0;  // of the normalised text, for site-template detection
};

struct ExtractedPage {
  enum class Type { kHtml, kPdf, kText, kSkipped, kFailed };
  Type type = Type::kSkipped;
  std::string reason;        // for kSkipped / kFailed: one line
  std::string title;
  std::string description;
  std::string lang_hint;     // BCP 47 as found (<html lang>, Content-Language, PDF)
  std::string canonical_url;
  std::string modified;      // ISO 8601 date when the page marks one
  std::string charset;       // what the bytes were decoded from
  std::vector<Heading> headings;
  std::vector<Block> blocks;       // main text, in reading order
  std::vector<Block> boilerplate;  // text judged navigation/template (low weight)
  std::vector<std::string> links;  // absolute http(s) URLs, fragments dropped
};

struct ExtractOptions {
  int max_pdf_pages = 200;
  size_t max_text_bytes = 4u << 20;  // extracted text beyond this is dropped
};

ExtractedPage Extract(const RawPage& page, const ExtractOptions& options = {});

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_EXTRACTOR_H_
