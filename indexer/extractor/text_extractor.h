// indexer/extractor/text_extractor.h -- plain text and Markdown (raw
// README files) to an ExtractedPage.
//
// Plain text: paragraphs (separated by blank lines) are blocks; no title.
// Markdown: ATX ("# x") and setext headings are headings and kHeading
// blocks, the first one the title; list items are kListItem blocks, fenced
// code a kPre block; inline markup is stripped ([text](url) keeps the text,
// its URL joins `links`; ![alt](src) keeps alt; **, __, ` and HTML tags
// go). Thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_TEXT_EXTRACTOR_H_
#define HAKU_INDEXER_EXTRACTOR_TEXT_EXTRACTOR_H_

#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

enum class TextFormat { kPlain, kMarkdown };

// `text` must be UTF-8. type is kText; charset is left to the caller.
ExtractedPage ExtractText(std::string_view text, const RawPage& page,
                          TextFormat format, const ExtractOptions& options);

// Whether a URL's path names a Markdown file (.md, .markdown, .mdown).
bool IsMarkdownPath(std::string_view url);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_TEXT_EXTRACTOR_H_
