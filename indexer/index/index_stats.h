// indexer/index/index_stats.h -- what an index holds, read without writing:
// counts for `haku status`, the resources for `haku links`.
//
// Each call opens the database read-only, reads and closes it; a concurrent
// update is fine (Xapian readers see the last commit). Plain functions,
// thread-safe. Never throws: Xapian errors become Status.
#ifndef HAKU_INDEXER_INDEX_INDEX_STATS_H_
#define HAKU_INDEXER_INDEX_INDEX_STATS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace haku::index {

struct IndexStats {
  int64_t documents = 0;
  int format = 0;  // haku:format of the index; 0 when it has none
  int expected_format = 0;  // the format this build writes; more: rebuild
  std::map<std::string, int64_t> by_language;  // primary language
  std::map<std::string, int64_t> by_list;      // a document in two lists counts in both
  std::map<std::string, int64_t> by_site;      // host
  std::map<std::string, int64_t> by_type;      // html | pdf | text | none
  std::map<std::string, int64_t> by_state;     // crawler FetchStateName
  std::string last_update;  // JSON the last update stored; empty when none
};

// Counts for the database at `db_path` (e.g. CurrentDbPath(dir)). NotFound
// when there is no database there, IOError when it cannot be read.
Result<IndexStats> ReadIndexStats(const std::string& db_path);

// One indexed document, as `haku links` needs it.
struct IndexedResource {
  std::string url;
  std::string state;      // FetchStateName at index time
  std::string final_url;  // empty when not redirected
  std::vector<std::string> lists;  // names of the lists naming it, sorted, unique
};

// Every document, by URL. Errors as ReadIndexStats().
Result<std::vector<IndexedResource>> ReadIndexedResources(const std::string& db_path);

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_INDEX_STATS_H_
