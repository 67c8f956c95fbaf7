// searcher/spelling_internal.h -- "did you mean": the query with unknown
// words replaced by the likeliest known word.
//
// The index writer adds every exact word to Xapian's spelling dictionary;
// Xapian picks, within two edits, the most frequent. Internal to
// haku_search; may throw Xapian::Error (Searcher catches it).
#ifndef HAKU_SEARCHER_SPELLING_INTERNAL_H_
#define HAKU_SEARCHER_SPELLING_INTERNAL_H_

#include <string>

#include <xapian.h>

#include "searcher/query_builder.h"
#include "searcher/term_freqs.h"

namespace haku::search {

struct SpellingOptions {
  int few_hits = 3;               // below this many matches, known words are checked too
  size_t max_words = 8;           // words looked up at most, from the start
  size_t min_word_bytes = 3;      // shorter words are left alone
  unsigned max_edit_distance = 2;
};

// The query text with each correctable word replaced, or "" when there is
// nothing to suggest. A word is corrected when the index holds it in no
// form (QueryWord::known; or the query found fewer than `few_hits`) and
// the dictionary knows a more frequent word within `max_edit_distance`
// edits. Frequencies come from `freqs` (the searcher's, for its database).
std::string SuggestSpelling(TermFreqs& freqs, const BuiltQuery& query, int total,
                            const SpellingOptions& options = {});

}  // namespace haku::search

#endif  // HAKU_SEARCHER_SPELLING_INTERNAL_H_
