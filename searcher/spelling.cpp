#include "searcher/spelling_internal.h"

#include <algorithm>

#include "common/printable.h"

namespace haku::search {

std::string SuggestSpelling(TermFreqs& freqs, const BuiltQuery& query, int total,
                            const SpellingOptions& options) {
  std::vector<QueryWord> words = query.words;
  if (words.size() > options.max_words) words.resize(options.max_words);
  // From the last word back, so that earlier byte ranges stay valid.
  std::sort(words.begin(), words.end(),
            [](const QueryWord& a, const QueryWord& b) { return a.begin > b.begin; });
  std::string text = query.text;
  bool changed = false;
  size_t limit = text.size();
  for (const QueryWord& w : words) {
    if (w.end > limit || w.norm.size() < options.min_word_bytes) continue;
    Xapian::doccount freq = freqs.Get(w.norm);
    // A word the index holds in another form (a Finnish inflection met
    // through its lemma) is no misspelling: "kaavioihin" (into the charts)
    // is not "kaavoihin" (into the formulas).
    if ((freq > 0 || w.known) && total >= options.few_hits) continue;
    std::string better = freqs.db().get_spelling_suggestion(w.norm, options.max_edit_distance);
    if (better.empty() || better == w.norm || freqs.Get(better) <= freq) continue;
    text.replace(w.begin, w.end - w.begin, better);
    limit = w.begin;
    changed = true;
  }
  // Shown as it is: the query's control characters become spaces.
  return changed ? PrintableLine(text) : "";
}

}  // namespace haku::search
