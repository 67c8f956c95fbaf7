// searcher/snippeter.h -- the passage of a text that best shows why it matched.
//
// Picks the window of about `max_bytes` with the most distinct query words
// (any analysed form of them: exact, stem, lemma, diacritic-less, compound
// part, or an exact form starting with a prefix* of the query), trimmed at
// word boundaries, and reports the byte ranges of the matched words. Make
// one Snippeter per query: it remembers which words matched. In a long
// text only the region where the query's words cluster (found by a plain
// byte search) is tokenised.
// Not thread-safe (uses an Analyzer).
#ifndef HAKU_SEARCHER_SNIPPETER_H_
#define HAKU_SEARCHER_SNIPPETER_H_

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"

namespace haku::search {

// What snippets work out for a word whatever the query: its stem in a
// language, its form without diacritics. A Searcher keeps one across its
// searches (a page's words are mostly the common words of its language),
// so that a search stems and folds only words no search before met.
// Emptied when it holds kMaxWords words. Not thread-safe.
class WordMemo {
 public:
  static constexpr size_t kMaxWords = 1 << 16;
  // analyzer.StemTerm(word, lang), valid until the next call.
  const std::string& Stem(analysis::Analyzer& analyzer, const std::string& word,
                          const std::string& lang);
  // analysis::FoldDiacritics(word), valid until the next call.
  const std::string& Folded(const std::string& word);

 private:
  std::unordered_map<std::string, std::string> stems_;  // lang + '\0' + word
  std::unordered_map<std::string, std::string> folded_;
  std::string key_;
};

struct Snippet {
  std::string text;
  std::vector<std::pair<size_t, size_t>> highlights;  // [begin, end) in text
};

class Snippeter {
 public:
  // `terms`: the terms the query asked for (QueryBuilder::terms()), copied;
  // `prefixes`: its wildcard prefixes (QueryBuilder::prefixes()), which must
  // outlive the Snippeter. `stem_langs` (QueryBuilder::stem_langs()): the
  // languages that made each stem term; in text of another of `query_langs`
  // (QueryBuilder::langs()) such a stem is another word and is not marked
  // ("the" is not "theme", though Turkish stems "theme" to "the"). `memo`,
  // if not null, must outlive the Snippeter.
  Snippeter(analysis::Analyzer& analyzer, const std::set<std::string>& terms,
            const std::vector<std::string>& prefixes,
            std::map<std::string, std::vector<std::string>> stem_langs = {},
            const std::vector<std::string>& query_langs = {}, WordMemo* memo = nullptr)
      : analyzer_(analyzer),
        memo_(memo),
        terms_(terms.begin(), terms.end()),
        prefixes_(prefixes),
        stem_langs_(std::move(stem_langs)),
        query_langs_(query_langs.begin(), query_langs.end()) {}

  // `lang`: the language to stem the text in.
  Snippet Make(std::string_view text, const std::string& lang, size_t max_bytes = 240);

 private:
  Snippet MakeIn(std::string_view text, const std::string& lang, size_t max_bytes);
  const std::vector<std::string>& Needles();
  // The first letters (diacritics aside) of the query's stems.
  const std::unordered_set<std::string>& StemInitials();
  bool QueryHasDictionaryScript();
  size_t BestRegion(std::string_view text, size_t max_bytes);
  bool Matches(const std::string& word, const std::vector<std::string>& langs);
  bool MatchesForms(const std::string& word, const std::vector<std::string>& langs);
  bool IsQueryTerm(const std::string& term) const { return terms_.count(term) > 0; }
  // A query term that is a form of a query word in text in `lang`.
  bool IsQueryStem(const std::string& term, const std::string& lang) const;

  analysis::Analyzer& analyzer_;
  WordMemo* memo_;
  // The query's terms, hashed: looked up for every word of every snippet.
  std::unordered_set<std::string> terms_;
  const std::vector<std::string>& prefixes_;
  std::map<std::string, std::vector<std::string>> stem_langs_;
  std::set<std::string> query_langs_;
  std::unordered_map<std::string, bool> seen_;  // lang + '\0' + word -> matched
  std::string key_;  // seen_'s key, built in place
  std::vector<std::string> needles_;
  std::unordered_set<std::string> stem_initials_;
  bool stem_initials_ready_ = false;
  bool needles_ready_ = false;
  int dictionary_script_ = -1;  // QueryHasDictionaryScript(): -1 not yet known
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_SNIPPETER_H_
