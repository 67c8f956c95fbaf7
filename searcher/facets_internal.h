// searcher/facets_internal.h -- counts of the matches by language, list,
// site and type ("facets").
//
// Counted from the index's own streams, in docid order: language, site
// (host) and type from their value slots, lists (a resource may sit in
// several) from the postings of the XLIST terms. Reading each matching
// document instead (its values and termlist, ~50 us each) took seconds
// for a word on every page of an 85k-page index. The searcher passes the
// documents of a full, collapsed MSet, so that duplicates collapsed away
// are not counted. The value-stream walk also serves the searcher's count
// of distinct content. Internal to haku_search.
#ifndef HAKU_SEARCHER_FACETS_INTERNAL_H_
#define HAKU_SEARCHER_FACETS_INTERNAL_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace haku::search {

inline constexpr size_t kMaxFacetValues = 50;

// The docids of `mset`, ascending (as value streams and posting lists run).
std::vector<Xapian::docid> SortedDocids(const Xapian::MSet& mset);

// Calls fn(value) for each of `docs` (ascending) that has a value in
// `slot`, walking the slot's value stream once.
template <typename Fn>
void ForEachValue(const Xapian::Database& db, Xapian::valueno slot,
                  const std::vector<Xapian::docid>& docs, Fn fn) {
  Xapian::ValueIterator v = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (Xapian::docid id : docs) {
    if (v == end) return;
    if (v.get_docid() < id) v.skip_to(id);
    if (v != end && v.get_docid() == id) fn(*v);
  }
}

// "lang", "list", "site", "type" -> value -> how many of `docs` have it, at
// most kMaxFacetValues of the most frequent values per facet (ties: in
// byte order). `docs` must be sorted ascending.
std::map<std::string, std::map<std::string, int>> CountFacets(
    const Xapian::Database& db, const std::vector<Xapian::docid>& docs);

}  // namespace haku::search

#endif  // HAKU_SEARCHER_FACETS_INTERNAL_H_
