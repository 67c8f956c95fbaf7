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

// What the extraction of `page` is kept under in the crawl store
// (CrawlStore::GetDerived): the code that extracts (a digest of its
// sources and of its libraries' versions) and every field of the row that
// extraction reads. Rows without a body have none ("").
std::string ExtractionKey(const crawler::StoredPage& page);

// Whether an extraction is worth keeping: a page's text, not a skipped or
// failed one (a PDF that timed out may not next time).
bool KeepsExtraction(const extractor::ExtractedPage& page);

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
