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
  // Metadata and links only, no text (HTML): what depth crawling needs of
  // each page it fetches, at ~4/5 of the cost, without building the text.
  bool links_only = false;
  int max_pdf_pages = 200;
  size_t max_text_bytes = 4u << 20;  // extracted text beyond this is dropped
  // HTML nested deeper than this is flattened before parsing (Gumbo is
  // quadratic in nesting depth); text is kept, tag structure below is lost.
  int max_html_depth = 512;
  // PDFs are parsed in a forked child process, so a crash or a hang in
  // poppler costs one document, not the indexer. The child is killed after
  // pdf_timeout_ms and limited to pdf_memory_limit_mb of address space
  // (not applied under AddressSanitizer). false parses in process.
  bool pdf_in_subprocess = true;
  int pdf_timeout_ms = 30000;
  size_t pdf_memory_limit_mb = 2048;
};

// Dispatches on the media type of page.content_type (parameters ignored):
// text/html and application/xhtml+xml as HTML, application/pdf as PDF,
// text/plain, text/markdown and text/x-markdown as text. With no type or
// application/octet-stream the body is sniffed: "%PDF-" is a PDF, a leading
// "<!doctype html", "<html", "<head" or "<body" is HTML, other bytes that
// decode as text are text, anything else binary. Every other type, and
// binary bodies, come back kSkipped with the type in `reason`; a PDF that
// cannot be read comes back kFailed with the reason. Text bodies are
// decoded per indexer/extractor/charset.h.
ExtractedPage Extract(const RawPage& page, const ExtractOptions& options = {});

// A stable name for a page type ("html", "pdf", "text", "skipped", "failed").
const char* TypeName(ExtractedPage::Type type);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_EXTRACTOR_H_
