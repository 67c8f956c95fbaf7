// indexer/pipeline/update.h -- `haku update`: lists -> crawl store -> index.
//
// RunUpdate() parses every source list (a file, or an http(s) URL fetched
// through the crawler), records each listed resource, fetches the listed
// pages (and same-site pages up to a depth) into the crawl store, extracts
// their text, drops each site's template blocks, and writes one index
// document per resource, removing resources no longer listed and pages
// reached only through them. Only one update runs at a time per index
// directory (a kernel lock, released if the process dies). Nothing is
// visible to searches until the final commit; --rebuild writes a new
// database from the crawl store and swaps it in atomically.
#ifndef HAKU_INDEXER_PIPELINE_UPDATE_H_
#define HAKU_INDEXER_PIPELINE_UPDATE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "indexer/crawler/crawler.h"

namespace haku::pipeline {

struct UpdateOptions {
  std::vector<std::string> sources;  // list files or http(s) URLs of lists
  std::string index_dir;             // holds the index and the crawl store
  bool fetch = true;                 // false: index what the store holds, no network
  bool rebuild = false;              // a fresh index from the crawl store, no fetching
  crawler::CrawlOptions crawl;       // politeness, limits, depth, max age
  // Warnings (skipped list lines, failed pages), one line each.
  std::function<void(std::string_view)> warn = nullptr;
};

struct UpdateSummary {
  int lists = 0;
  int entries = 0;
  int resources = 0;  // listed
  int pages = 0;      // documents, depth-discovered pages included
  int fetched = 0;    // bodies downloaded this run
  int added = 0;
  int changed = 0;
  int unchanged = 0;
  int removed = 0;
  int failed = 0;  // listed resources whose page is broken
  int warnings = 0;
  int64_t finished_at = 0;  // unix seconds
};

// InvalidArgument / NotFound / IOError for an unreadable list (nothing is
// written then), Busy when another update holds the index, NotSupported
// for an index of an older format (rebuild it), IOError when the index or
// the crawl store cannot be written; the previous index stays searchable.
Result<UpdateSummary> RunUpdate(const UpdateOptions& options);

// "haku: 5 lists, 90 entries, 85 resources, 85 pages: 85 added, ..."
std::string FormatSummary(const UpdateSummary& summary);

}  // namespace haku::pipeline

#endif  // HAKU_INDEXER_PIPELINE_UPDATE_H_
