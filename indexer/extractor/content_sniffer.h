// indexer/extractor/content_sniffer.h -- what a response body is.
//
// The declared media type decides; with none (or application/octet-stream)
// the first bytes do. Pure functions; thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_CONTENT_SNIFFER_H_
#define HAKU_INDEXER_EXTRACTOR_CONTENT_SNIFFER_H_

#include <string>
#include <string_view>

namespace haku::extractor {

enum class ContentKind { kHtml, kPdf, kPlainText, kMarkdown, kOther };

// "text/html; charset=x" -> "text/html" (lower case, trimmed).
std::string MediaType(std::string_view content_type);
// The charset parameter of a Content-Type value, or "".
std::string CharsetParam(std::string_view content_type);

// What to extract from a body of `media_type` at `url`. kOther means skip.
ContentKind ClassifyContent(std::string_view media_type, std::string_view url,
                            std::string_view body);

// From the bytes alone: %PDF-, an HTML start, text, or kOther (binary).
ContentKind SniffContent(std::string_view body);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_CONTENT_SNIFFER_H_
