// searcher/searcher.h -- ranked search over a haku index.
//
// A Searcher opens the index's current database read-only. Queries are
// written in the query language of searcher/query_parser.h and analysed in
// every language the index holds (or only those of the language filter),
// so a Swedish or Finnish word meets its inflected forms whichever
// language its page was in; exact forms weigh more than stems, stems more
// than diacritic-less and compound-part matches.
// Pages with the same content (content hash) collapse into the best ranked
// one, which names the others in SearchHit::duplicates; so do hits of one
// result page with the same final URL.
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
  std::vector<std::string> sections;  // section names (any heading of the path)
  int limit = -1;  // -1: 10 for a query, every match for a filter-only listing
  int offset = 0;
  bool snippets = true;
  bool facets = false;       // fill SearchResults::facets (counts every match)
  bool exact_total = false;  // count every match, however many (slower on big indexes)
  bool spelling = true;      // suggest a correction when words are unknown or hits few
};

struct ListPlace {
  std::string list;
  std::vector<std::string> sections;
};

struct SearchHit {
  int rank = 0;  // 1-based, counting the offset
  std::string url;
  std::string final_url;  // where the page was fetched from after redirects; "" if not fetched
  std::string title;
  std::string lang;
  std::vector<std::string> langs;
  std::vector<ListPlace> places;  // every list and section it is listed in
  std::string snippet;            // plain text
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges in snippet
  double score = 0;
  std::string type;   // html, pdf, text, none
  std::string state;  // fetch state ("ok", "not_found", "not_fetched", ...)
  std::vector<std::string> duplicates;  // URLs of the same page, collapsed into this hit
};

struct SearchResults {
  std::string query;
  int total = 0;  // matches (exact unless the index is large)
  std::vector<SearchHit> hits;
  std::string note;  // one line, e.g. how a malformed query was read
  std::string suggestion;  // "did you mean": the query with words corrected, or ""
  std::map<std::string, std::map<std::string, int>> facets;  // lang/list/site/type -> value -> count
};

class Searcher {
 public:
  // NotFound when there is no index at `index_dir` (run `haku update`),
  // NotSupported for an index of another format version, IOError when it
  // cannot be read.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& index_dir);
  ~Searcher();

  // InvalidArgument when the request has neither words nor a filter;
  // IOError when the index cannot be read. A query that does not parse is
  // no error: its words are searched and SearchResults::note says so.
  Result<SearchResults> Search(const SearchRequest& request);
  // The resources closest to the one at `url` (as indexed: normalised),
  // itself excluded: a query of the terms that best tell its page apart
  // (Xapian's relevance-feedback expand set). `request.query` is ignored;
  // its filters, limit and offset apply. NotFound when `url` is not in the
  // index.
  Result<SearchResults> Similar(const std::string& url, const SearchRequest& request);
  // The languages the index holds.
  const std::vector<std::string>& languages() const;
  // For a Searcher kept open (haku serve): catches up with what updates
  // published since it opened, a new database behind `current` or a new
  // revision of the same one. Cheap when nothing changed (a readlink and
  // Xapian's revision check). On error (the index became unreadable or of
  // another format) this Searcher keeps the index it had.
  Status Refresh();

 private:
  class Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  // Runs `fn`, turning Xapian errors into Status (reopening once when the
  // index changed underneath).
  template <typename Fn>
  Result<SearchResults> Guarded(Fn fn);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_SEARCHER_H_
