// indexer/extractor/extracted_page_codec.h -- an ExtractedPage as bytes, and
// back, so that what was extracted can be kept (crawl store, "derived") and
// a rebuild need not parse the page again.
//
// Every field but `links` is kept (depth crawling takes links from the
// body). Decode() refuses bytes it did not write whole (nullopt): a caller
// extracts the page again.
#ifndef HAKU_INDEXER_EXTRACTOR_EXTRACTED_PAGE_CODEC_H_
#define HAKU_INDEXER_EXTRACTOR_EXTRACTED_PAGE_CODEC_H_

#include <optional>
#include <string>
#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

std::string EncodeExtracted(const ExtractedPage& page);
std::optional<ExtractedPage> DecodeExtracted(std::string_view bytes);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_EXTRACTED_PAGE_CODEC_H_
