// searcher/query_builder.h -- query text to a Xapian query.
//
// Each word becomes the OR of its analysed forms, weighted: the exact form
// (1.0) above its stems (kStemWeight), lemmas, diacritic-less forms and
// compound parts. Words are combined with OR, so BM25 ranks pages with more
// of them first. Not thread-safe (uses an Analyzer).
#ifndef HAKU_SEARCHER_QUERY_BUILDER_H_
#define HAKU_SEARCHER_QUERY_BUILDER_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace haku::search {

struct QueryWeights {
  double exact = 1.0;
  double stem = 0.8;
  double lemma = 0.8;
  double folded = 0.5;
  double part = 0.4;
};

class QueryBuilder {
 public:
  QueryBuilder(analysis::Analyzer& analyzer, std::vector<std::string> langs,
               QueryWeights weights = {});

  // The query for free text; an empty query when it has no words.
  Xapian::Query Build(std::string_view text);
  // Every term the last Build() asked for, for highlighting.
  const std::set<std::string>& terms() const { return terms_; }

 private:
  Xapian::Query WordQuery(const std::string& word);

  analysis::Analyzer& analyzer_;
  std::vector<std::string> langs_;
  QueryWeights weights_;
  std::set<std::string> terms_;
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_QUERY_BUILDER_H_
