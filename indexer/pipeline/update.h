// indexer/pipeline/update.h -- `haku update`: lists -> crawl store -> index.
//
// RunUpdate() parses every source list, records each listed resource,
// fetches pages when asked (crawler), extracts their text (extractor) and
// writes one index document per resource (index), removing resources no
// longer listed. Only one update runs at a time per index directory.
// Nothing is visible to searches until the final commit.
#ifndef HAKU_INDEXER_PIPELINE_UPDATE_H_
#define HAKU_INDEXER_PIPELINE_UPDATE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace haku::pipeline {

struct UpdateOptions {
  std::vector<std::string> sources;  // list files (Markdown, HTML, text)
  std::string index_dir;             // holds the index and the crawl store
  bool rebuild = false;              // write a fresh index from what is stored
  // Warnings (skipped list lines, failed pages), one line each.
  std::function<void(std::string_view)> warn = nullptr;
};

struct UpdateSummary {
  int lists = 0;
  int entries = 0;
  int resources = 0;
  int added = 0;
  int changed = 0;
  int unchanged = 0;
  int removed = 0;
  int failed = 0;
  int warnings = 0;
};

// InvalidArgument / NotFound / IOError for an unreadable list (nothing is
// written then), Busy when another update holds the index, IOError when
// the index cannot be written; the previous index stays searchable.
Result<UpdateSummary> RunUpdate(const UpdateOptions& options);

// "haku: 3 lists, 90 entries, 85 resources: 85 added, 0 changed, ..."
std::string FormatSummary(const UpdateSummary& summary);

}  // namespace haku::pipeline

#endif  // HAKU_INDEXER_PIPELINE_UPDATE_H_
