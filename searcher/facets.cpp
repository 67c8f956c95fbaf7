#include "searcher/facets_internal.h"

#include <algorithm>

#include "indexer/index/schema.h"

namespace haku::search {
namespace {

// The kMaxFacetValues most frequent values (more frequent first, then in
// byte order), with their counts.
std::map<std::string, int> Top(const std::map<std::string, int>& counts) {
  std::vector<std::pair<int, const std::string*>> order;
  for (const auto& [value, n] : counts) order.emplace_back(n, &value);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (order.size() > kMaxFacetValues) order.resize(kMaxFacetValues);
  std::map<std::string, int> out;
  for (const auto& [n, value] : order) out[*value] = n;
  return out;
}

// Values of `slot` among `docs`.
std::map<std::string, int> CountValues(const Xapian::Database& db, Xapian::valueno slot,
                                       const std::vector<Xapian::docid>& docs) {
  std::map<std::string, int> counts;
  ForEachValue(db, slot, docs, [&](const std::string& value) { ++counts[value]; });
  return counts;
}

// Lists among `docs`: each XLIST term's postings intersected with them.
std::map<std::string, int> CountLists(const Xapian::Database& db,
                                      const std::vector<Xapian::docid>& docs) {
  const std::string prefix(index::kListPrefix);
  std::map<std::string, int> counts;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    int n = 0;
    Xapian::PostingIterator p = db.postlist_begin(*t);
    const Xapian::PostingIterator p_end = db.postlist_end(*t);
    for (Xapian::docid id : docs) {
      if (p == p_end) break;
      if (*p < id) p.skip_to(id);
      if (p != p_end && *p == id) ++n;
    }
    if (n > 0) counts[(*t).substr(prefix.size())] = n;
  }
  return counts;
}

}  // namespace

std::vector<Xapian::docid> SortedDocids(const Xapian::MSet& mset) {
  std::vector<Xapian::docid> docs(mset.begin(), mset.end());
  std::sort(docs.begin(), docs.end());
  return docs;
}

std::map<std::string, std::map<std::string, int>> CountFacets(
    const Xapian::Database& db, const std::vector<Xapian::docid>& docs) {
  return {{"lang", Top(CountValues(db, index::kSlotLang, docs))},
          {"list", Top(CountLists(db, docs))},
          {"site", Top(CountValues(db, index::kSlotHost, docs))},
          {"type", Top(CountValues(db, index::kSlotType, docs))}};
}

}  // namespace haku::search
