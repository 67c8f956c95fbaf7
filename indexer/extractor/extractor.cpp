#include "indexer/extractor/extractor.h"

#include "indexer/extractor/charset.h"
#include "indexer/extractor/content_sniffer.h"
#include "indexer/extractor/html_extractor.h"
#include "indexer/extractor/pdf_extractor.h"
#include "indexer/extractor/text_extractor.h"

namespace haku::extractor {
namespace {

ExtractedPage Skipped(std::string reason) {
  ExtractedPage page;
  page.type = ExtractedPage::Type::kSkipped;
  page.reason = std::move(reason);
  return page;
}

std::string TypeForReason(std::string_view media_type) {
  return media_type.empty() ? "no content type" : std::string(media_type);
}

// A UTF-16 body that turns out to be HTML once decoded.
bool DecodedIsHtml(const std::string& utf8) {
  return SniffContent(utf8) == ContentKind::kHtml;
}

}  // namespace

const char* TypeName(ExtractedPage::Type type) {
  switch (type) {
    case ExtractedPage::Type::kHtml: return "html";
    case ExtractedPage::Type::kPdf: return "pdf";
    case ExtractedPage::Type::kText: return "text";
    case ExtractedPage::Type::kSkipped: return "skipped";
    case ExtractedPage::Type::kFailed: return "failed";
  }
  return "unknown";
}

ExtractedPage Extract(const RawPage& page, const ExtractOptions& options) {
  std::string media_type = MediaType(page.content_type);
  std::string charset(page.charset);
  if (charset.empty()) charset = CharsetParam(page.content_type);
  ContentKind kind = ClassifyContent(media_type, page.url, page.body);
  if (kind == ContentKind::kOther) {
    bool binary = media_type.empty() || media_type.ends_with("octet-stream");
    return Skipped((binary ? "binary content (" : "unsupported content type (") +
                   TypeForReason(media_type) + ")");
  }
  if (kind == ContentKind::kPdf) return ExtractPdf(page.body, options);
  bool html = kind == ContentKind::kHtml;
  DecodedText text = DecodeToUtf8(page.body, charset,
                                  html ? Markup::kHtml : Markup::kText);
  if (!html && media_type.empty() && DecodedIsHtml(text.utf8)) html = true;
  ExtractedPage out =
      html ? ExtractHtml(text.utf8, page, options)
           : ExtractText(text.utf8, page,
                         kind == ContentKind::kMarkdown ? TextFormat::kMarkdown
                                                        : TextFormat::kPlain,
                         options);
  out.charset = std::move(text.charset);
  return out;
}

}  // namespace haku::extractor
