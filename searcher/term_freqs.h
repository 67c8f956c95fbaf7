// searcher/term_freqs.h -- a database's term frequencies, remembered.
//
// Building one query asks the index whether each analysed form of each word
// exists (exact, stems, folded forms, lemmas, parts, title terms), how many
// pages hold a stem or a language, and spelling asks again; Xapian answers
// each by descending the postlist B-tree anew, one 8 KB pread per block it
// does not hold at that moment (it keeps no block cache across look-ups).
// A searcher kept open (haku serve) meets the same stems and language terms
// in query after query. TermFreqs answers each term once per database
// revision, in bounded memory (common/bounded_cache.h). Clear() it when the
// database is reopened. Not thread-safe; internal to haku_search; may throw
// Xapian::Error (Searcher catches it).
#ifndef HAKU_SEARCHER_TERM_FREQS_H_
#define HAKU_SEARCHER_TERM_FREQS_H_

#include <xapian.h>

#include <string>

#include "common/bounded_cache.h"

namespace haku::search {

class TermFreqs {
 public:
  // Terms remembered (~100 bytes each).
  static constexpr size_t kCapacity = 1 << 15;

  // `db` must outlive this.
  explicit TermFreqs(const Xapian::Database& db) : db_(db) {}

  // The number of pages holding `term` (0: the index lacks it).
  Xapian::doccount Get(const std::string& term);
  bool Exists(const std::string& term) { return Get(term) > 0; }
  // Forgets everything: after the database was reopened.
  void Clear() { cache_ = BoundedCache<Xapian::doccount>(kCapacity); }

  const Xapian::Database& db() const { return db_; }

 private:
  const Xapian::Database& db_;
  BoundedCache<Xapian::doccount> cache_{kCapacity};
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_TERM_FREQS_H_
