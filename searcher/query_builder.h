// searcher/query_builder.h -- query text to a Xapian query.
//
// Parses the text (searcher/query_parser.h) and turns each node into Xapian
// terms. A plain word becomes the OR of its analysed forms, weighted: the
// exact form (1.0) above its stems, lemmas, diacritic-less forms and
// compound parts. Plain words are combined with OR, so BM25 ranks pages
// with more of them first; +word is required (AND_MAYBE), -word excluded
// (AND_NOT). Phrases match exact forms at consecutive positions; prefix*
// expands over exact forms (the most frequent kMaxWildcardTerms). Filters
// (site:, lang:, ...) at the top level become a separate filter, combined
// like the command-line flags: values of one field OR, fields AND.
// Text that does not parse is searched as plain words, with a note.
// Internal to haku_search (it exposes Xapian). Not thread-safe (uses an
// Analyzer); never throws.
#ifndef HAKU_SEARCHER_QUERY_BUILDER_H_
#define HAKU_SEARCHER_QUERY_BUILDER_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "searcher/query_parser.h"
#include "searcher/term_freqs.h"

namespace haku::search {

struct QueryWeights {
  double exact = 1.0;
  double stem = 0.8;
  double lemma = 0.8;
  double folded = 0.5;
  double part = 0.4;
  // Extra weight, as a share of their sum, for pages that match every
  // optional plain word of a query (tuned on queries-dev.tsv: 0.2).
  double coordination = 0.2;
  // Weight of a title holding two neighbouring words of the query (or the
  // one word of a one-word query), in any of their forms (tuned: 0.3-0.6
  // alike).
  double title_match = 0.5;
};

// Query texts longer than this are cut (at a character boundary).
inline constexpr size_t kMaxQueryBytes = 4096;
// A prefix* stands for at most this many exact forms, the most frequent.
inline constexpr Xapian::termcount kMaxWildcardTerms = 100;

// A word of the query that spelling may correct.
struct QueryWord {
  std::string norm;  // its exact (normalised) form
  size_t begin = 0;  // byte range in BuiltQuery::text
  size_t end = 0;
  bool known = false;  // a plain word the index holds in some form (as written, stem, lemma, ...)
};

struct BuiltQuery {
  std::string text;              // the query as read: valid UTF-8, cut to kMaxQueryBytes
  Xapian::Query query;           // the ranked part; empty when only filters (or nothing)
  Xapian::Query filter;          // site:, lang:, ... from the text; empty when none
  std::string note;              // one line when the text was not read as written
  std::vector<QueryWord> words;  // plain and phrase words, in order
};

class QueryBuilder {
 public:
  QueryBuilder(analysis::Analyzer& analyzer, std::vector<std::string> langs,
               QueryWeights weights = {});

  // The database searched, when known, through its remembered term
  // frequencies: forms absent from it are left out of queries (each would
  // still open a posting list). `freqs` must outlive Build(). (Lemmas and
  // compound parts of query words come from the Analyzer's Lexicon: the
  // searcher's is searcher/index_lexicon.h.)
  void set_database(TermFreqs* freqs) {
    freqs_ = freqs;
    scopes_.clear();
  }

  BuiltQuery Build(std::string_view text);
  // Every term the last Build() asked for, and its wildcard prefixes: for
  // highlighting.
  const std::set<std::string>& terms() const { return terms_; }
  const std::vector<std::string>& prefixes() const { return prefixes_; }
  // For each stem term (Z, XG) of the last Build(), the languages whose
  // stemmers made it from a query word: in a page of another of the
  // query's languages the term is some other word ("theme" is Turkish
  // "the" by its stemmer, not English "the").
  const std::map<std::string, std::vector<std::string>>& stem_langs() const { return stem_langs_; }
  // The languages query words are analysed in.
  const std::vector<std::string>& langs() const { return langs_; }

  // The boolean term of a filter ("site", "physionet.org") -> "Hphysionet.org";
  // "" for an unknown field. Values are normalised as the index stores them.
  static std::string FilterTerm(std::string_view field, std::string_view value);
  // The terms any of which satisfies a filter. A language filter also
  // admits pages that declare the language (<html lang>) but whose text is
  // mostly another one: an untranslated page of a Swedish manual is still
  // part of it. Searcher ranks pages whose text is in the language first.
  static std::vector<std::string> FilterTerms(std::string_view field, std::string_view value);

 private:
  Xapian::Query Compile(const QueryNode& node, BuiltQuery& out);
  Xapian::Query CompileGroup(const QueryNode& node, BuiltQuery& out,
                             std::map<std::string, std::vector<std::string>>* filters);
  Xapian::Query CompileAnd(const QueryNode& node, BuiltQuery& out);
  // Plain words; `core`, when given, gets them as written and stemmed only.
  Xapian::Query Words(const QueryNode& leaf, BuiltQuery& out, Xapian::Query* core = nullptr);
  Xapian::Query Phrase(const QueryNode& leaf, BuiltQuery& out);
  Xapian::Query Wildcard(const QueryNode& leaf);
  // `known`, when given, says whether the index holds the word in any form.
  Xapian::Query WordQuery(const std::string& word, Xapian::Query* core = nullptr,
                          bool* known = nullptr);
  // The pages a stem (its Z term) made by the stemmers of `langs` is
  // matched on: see the .cpp. Decided once per stem and languages.
  struct StemScope {
    bool dropped = false;  // no page is in those languages
    Xapian::Query langs;   // their L terms; empty: every page
  };
  const StemScope& Scope(const std::string& stem, const std::vector<std::string>& langs);
  // `term` (the stem under any prefix: Z, XG, S) within its stem's scope;
  // empty when dropped.
  Xapian::Query StemQuery(const std::string& term, const std::string& stem,
                          const std::vector<std::string>& langs);
  // The queries of the stems of `f` under `prefix` (Z, XG) that the index
  // holds; records the stems' languages.
  std::vector<Xapian::Query> StemQueries(std::string_view prefix, const analysis::TermForms& f);
  // Pages in a language (the frequency of its L term `lang_term`).
  Xapian::doccount LangPages(const std::string& lang_term);
  // The database holds `term` (true when no database was given).
  bool InIndex(const std::string& term) const { return freqs_ == nullptr || freqs_->Exists(term); }
  void PlainWords(BuiltQuery& out);
  // A word on (nearly) every page of the index; by its page count.
  bool IsUbiquitous(const std::string& word) const;
  bool IsUbiquitousFreq(Xapian::doccount freq) const;
  size_t CountUbiquitous(const QueryNode& node) const;
  // Adds a word's title terms when collect_title_words_.
  void CollectTitleWords(const analysis::TermForms& f);
  Xapian::Query WithTitleMatches(Xapian::Query query);

  analysis::Analyzer& analyzer_;
  std::vector<std::string> langs_;
  QueryWeights weights_;
  TermFreqs* freqs_ = nullptr;
  std::set<std::string> terms_;
  std::map<std::string, std::vector<std::string>> stem_langs_;
  std::map<std::string, StemScope> scopes_;  // stem + '\0' + languages
  // Title terms of each plain word of the query (S + exact, stems, lemmas).
  std::vector<std::vector<Xapian::Query>> title_words_;
  bool collect_title_words_ = false;
  size_t query_words_ = 0;  // words the query being built asks for
  size_t ubiquitous_words_ = 0;  // ... of them on (nearly) every page
  bool may_drop_ = false;  // the words being built are optional, at the top level
  std::vector<std::string> prefixes_;
};

}  // namespace haku::search

#endif  // HAKU_SEARCHER_QUERY_BUILDER_H_
