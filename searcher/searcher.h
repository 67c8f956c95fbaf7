// searcher/searcher.h -- ranked search over a haku index.
//
// A Searcher opens the index's current database read-only. Queries are
// analysed in every language the index holds (or only those of the
// language filter), so a Swedish or Finnish word meets its inflected forms
// whichever language its page was in; exact forms weigh more than stems,
// stems more than diacritic-less and compound-part matches.
// A Searcher is not thread-safe; open one per thread. It never throws.
#ifndef HAKU_SEARCHER_SEARCHER_H_
#define HAKU_SEARCHER_SEARCHER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace haku::search {

struct SearchRequest {
  std::string query;               // may be empty when a filter is given
  std::vector<std::string> langs;  // ISO 639-1; any of them
  std::vector<std::string> lists;  // list names; any of them
  std::vector<std::string> sites;  // host names, a parent domain matches its subdomains
  std::vector<std::string> types;  // html, pdf, text, none
  int limit = -1;  // -1: 10 for a query, every match for a filter-only listing
  int offset = 0;
  bool snippets = true;
  bool facets = false;
};

struct ListPlace {
  std::string list;
  std::vector<std::string> sections;
};

struct SearchHit {
  int rank = 0;  // 1-based, counting the offset
  std::string url;
  std::string title;
  std::string lang;
  std::vector<std::string> langs;
  std::vector<ListPlace> places;  // every list and section it is listed in
  std::string snippet;            // plain text
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges in snippet
  double score = 0;
  std::string type;   // html, pdf, text, none
  std::string state;  // fetch state ("ok", "not_found", "not_fetched", ...)
};

struct SearchResults {
  std::string query;
  int total = 0;  // matches (exact unless the index is large)
  std::vector<SearchHit> hits;
  std::string note;  // e.g. how a malformed query was read
  std::map<std::string, std::map<std::string, int>> facets;  // lang/list/site/type -> value -> count
};

class Searcher {
 public:
  // NotFound when there is no index at `index_dir` (run `haku update`),
  // NotSupported for an index of another format version, IOError when it
  // cannot be read.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& index_dir);
  ~Searcher();

  Result<SearchResults> Search(const SearchRequest& request);
  // The languages the index holds.
  const std::vector<std::string>& languages() const;

 private:
  class Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_SEARCHER_H_
