#include "searcher/term_freqs.h"

namespace haku::search {

Xapian::doccount TermFreqs::Get(const std::string& term) {
  if (const Xapian::doccount* freq = cache_.Find(term)) return *freq;
  Xapian::doccount freq = db_.get_termfreq(term);
  cache_.Put(term, freq);
  return freq;
}

}  // namespace haku::search
