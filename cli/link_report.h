// cli/link_report.h -- the listed resources of an index and the health of
// their links, for `haku links` and `haku status`.
//
// A resource is listed when its crawl store row has depth 0, or when it has
// no row (never fetched). Health comes from the crawl store (the last
// check), else from the state the index recorded. Reads only: a missing
// crawl store is not created. Not thread-safe (one CrawlStore per call).
#ifndef HAKU_CLI_LINK_REPORT_H_
#define HAKU_CLI_LINK_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "indexer/crawler/link_health.h"

namespace haku::cli {

struct ListedLink {
  crawler::LinkStatus status;
  std::string label;               // LinkStateLabel()
  std::vector<std::string> lists;  // lists naming it
};

// Every listed resource of the index in `index_dir`, sorted by URL, read
// from its database at `db_path` (index::OpenDbPath(index_dir)).
// NotFound when there is no index, IOError when it or the store cannot be
// read.
Result<std::vector<ListedLink>> ReadListedLinks(const std::string& index_dir,
                                                const std::string& db_path);

// Label -> number of links.
std::map<std::string, int> CountLabels(const std::vector<ListedLink>& links);

}  // namespace haku::cli

#endif  // HAKU_CLI_LINK_REPORT_H_
