// searcher/index_lexicon.h -- the lemmas and compound parts of query words,
// as the index learnt them from the dictionaries: the indexer stores each
// word form it analysed with its XL and XC terms as a Xapian synonym
// (index::SynonymKey), so a search loads neither Voikko nor hunspell (their
// libraries, ~3 ms of a search command's start, and ~1-2 ms to load Voikko's
// dictionary). A form no indexed page uses gets no compound parts, and only
// itself as a lemma (a base form meets its indexed inflections).
#ifndef HAKU_SEARCHER_INDEX_LEXICON_H_
#define HAKU_SEARCHER_INDEX_LEXICON_H_

#include <xapian.h>

#include <functional>
#include <map>
#include <string>

#include "analysis/analyzer.h"

namespace haku::search {

class IndexLexicon : public analysis::Lexicon {
 public:
  // `db` must outlive the lexicon.
  explicit IndexLexicon(const Xapian::Database& db) : db_(db) {}

  void AddMorphology(std::string_view word, std::string_view lang,
                     analysis::TermForms& forms) override;
  // No dictionaries: 0.
  double KnownShare(std::string_view lang, const std::vector<std::string>& words) override;

 private:
  // Whether the indexer stored lemmas of `lang` at all (Finnish and Swedish do).
  bool HasMorphology(std::string_view lang);

  const Xapian::Database& db_;
  std::map<std::string, bool, std::less<>> has_morphology_;
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_INDEX_LEXICON_H_
