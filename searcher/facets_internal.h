// searcher/facets_internal.h -- counts of the matches by language, list,
// site and type ("facets"), gathered while Xapian ranks them.
//
// Language, site (host) and type are single-valued slots, counted by
// Xapian's ValueCountMatchSpy; a resource may sit in several lists, so
// lists are counted from its XLIST terms. The searcher feeds it every
// document of a full MSet (rather than attaching the spies to the match),
// so that duplicates collapsed away are not counted. Internal to
// haku_search; not thread-safe.
#ifndef HAKU_SEARCHER_FACETS_INTERNAL_H_
#define HAKU_SEARCHER_FACETS_INTERNAL_H_

#include <map>
#include <memory>
#include <string>

#include <xapian.h>

namespace haku::search {

class FacetCounter {
 public:
  FacetCounter();
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // Counts one matching document.
  void Add(const Xapian::Document& doc);
  // "lang", "list", "site", "type" -> value -> matches, at most
  // kMaxFacetValues of the most frequent values per facet.
  std::map<std::string, std::map<std::string, int>> Counts() const;

 private:
  class ListSpy;
  Xapian::ValueCountMatchSpy lang_, site_, type_;
  std::unique_ptr<ListSpy> lists_;
};

inline constexpr size_t kMaxFacetValues = 50;

}  // namespace haku::search

#endif  // HAKU_SEARCHER_FACETS_INTERNAL_H_
