// indexer/extractor/block_text.h -- text units of an extracted page: the
// whitespace rule every extractor applies, and the stable block hash the
// site-template filter counts.
//
// Free functions on plain values; thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_BLOCK_TEXT_H_
#define HAKU_INDEXER_EXTRACTOR_BLOCK_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

// Appends UTF-8 `text` to `out`, turning every run of whitespace (ASCII
// whitespace and control characters, NO-BREAK SPACE, the Unicode spaces
// U+2000..U+200A, U+202F, U+205F, U+3000) into one space; zero-width spaces
// and BOMs vanish. `out` never starts with a space and never gets two in a
// row; it may end with one (TrimTrailingSpace()).
void AppendCollapsed(std::string_view text, std::string& out);
void TrimTrailingSpace(std::string& text);
// AppendCollapsed() into an empty string, trimmed.
std::string CollapseWhitespace(std::string_view text);

// FNV-1a 64 over the Unicode case-folded UTF-8 text, whitespace collapsed.
// The same text gives the same hash in every build and run.
uint64_t BlockHash(std::string_view text);

// A block of `kind` holding `text` (collapsed as above) and its hash.
Block MakeBlock(Block::Kind kind, std::string_view text);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_BLOCK_TEXT_H_
