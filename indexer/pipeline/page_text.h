// indexer/pipeline/page_text.h -- a crawl store row to index text: runs
// the extractor and maps its result onto an IndexDocument.
#ifndef HAKU_INDEXER_PIPELINE_PAGE_TEXT_H_
#define HAKU_INDEXER_PIPELINE_PAGE_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/crawler/crawl_store.h"
#include "indexer/extractor/extractor.h"
#include "indexer/index/index_document.h"

namespace haku::pipeline {

// A page this large (the 8 MB list of 85k links, itself a listed resource)
// costs ~10x its size while extracted (its HTML tree), and leaves that much
// freed heap behind, which the allocator keeps resident unless told.
inline constexpr size_t kLargePageBytes = 1 << 20;

// The extracted page for a stored row (kSkipped when it has no body).
extractor::ExtractedPage ExtractStored(const crawler::StoredPage& page,
                                       const extractor::ExtractOptions& options = {});

// Fills the fetch fields of `doc` (state, final URL, content hash, ...)
// from the stored row: all its signature needs (no body).
void FillFetch(const crawler::StoredPage& page, index::IndexDocument& doc);
// Fills the page text fields of `doc` (type, title, blocks, ...) from the
// extraction of its row.
void FillText(const extractor::ExtractedPage& extracted, index::IndexDocument& doc);

// Normalised absolute http(s) links of an HTML row, for depth crawling.
// After a large page, the freed heap goes back to the system.
std::vector<std::string> LinksOf(const crawler::StoredPage& page);

}  // namespace haku::pipeline

#endif  // HAKU_INDEXER_PIPELINE_PAGE_TEXT_H_
