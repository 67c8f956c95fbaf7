// analysis/analyzer.h -- the terms a word is indexed and searched under.
//
// Index and query meet only if both turn words into terms alike, so both
// call Forms(). The vocabulary (prefixes) is fixed here:
//   word          the exact normalised form (positional; phrases use it)
//   Zstem         Snowball stem ("Zmaskininlärning"); one term for a stem,
//                 whichever languages' stemmers make it (a query in no
//                 particular language is stemmed in all of them, and its
//                 per-language terms would each open a posting list);
//                 TermForms::stem_langs says which languages made it, for
//                 a searcher to tell a stem from another language's word
//                 of the same letters (searcher/query_builder.cpp)
//   XFword        the word without diacritics, when that differs
//   XGstem        a stem without diacritics, when that differs
//   XLlemma       a dictionary base form (Finnish: Voikko; Swedish: hunspell)
//   XCpart        a part of a compound (Swedish: hunspell; Finnish: Voikko)
// Lemmas and parts come from a Lexicon: the dictionaries themselves when
// indexing (analysis/dictionary_lexicon.h, library haku_language), what the
// index learnt from them when searching (searcher/), so that a search loads
// no dictionary. Without a Lexicon an Analyzer gives stems and folded forms.
// An Analyzer is not thread-safe (stemmers and dictionaries keep state):
// use one per thread. It never throws.
#ifndef HAKU_ANALYSIS_ANALYZER_H_
#define HAKU_ANALYSIS_ANALYZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace haku::analysis {

inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kFoldPrefix = "XF";
inline constexpr std::string_view kFoldStemPrefix = "XG";
inline constexpr std::string_view kLemmaPrefix = "XL";
inline constexpr std::string_view kPartPrefix = "XC";

struct TermForms {
  std::string exact;                      // "" for a word not worth a term
  std::vector<std::string> stems;         // full terms, one per distinct stem of the languages
  // stem_langs[i]: the languages whose stemmers make stems[i] (same length
  // as stems; a Lexicon adds lemmas and parts, never stems).
  std::vector<std::vector<std::string>> stem_langs;
  std::string folded;                     // full term or ""
  std::vector<std::string> folded_stems;  // full terms
  std::vector<std::string> lemmas;        // full terms
  std::vector<std::string> parts;         // full terms
};

// Appends `term` to `terms` unless it is there already.
void AddUniqueTerm(std::vector<std::string>& terms, std::string term);

// Dictionary knowledge of words: lemmas, compound parts, known words.
class Lexicon {
 public:
  virtual ~Lexicon() = default;
  // Appends the lemma (XL) and compound-part (XC) terms of the normalised
  // `word` in `lang` to `forms` (AddUniqueTerm).
  virtual void AddMorphology(std::string_view word, std::string_view lang, TermForms& forms) = 0;
  // The share (0..1) of `words` that the dictionary of `lang` knows; 0 when
  // there is none. Evidence for identifying the language of short texts.
  virtual double KnownShare(std::string_view lang, const std::vector<std::string>& words) = 0;
};

class Analyzer {
 public:
  explicit Analyzer(std::unique_ptr<Lexicon> lexicon = nullptr);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // The forms of one normalised word (Token::norm) in each of `langs`.
  // Cached: the reference is valid until the next call to Forms().
  const TermForms& Forms(std::string_view word, const std::vector<std::string>& langs);
  // The stem term of `word` in `lang`, "" when there is no stemmer for it.
  std::string StemTerm(std::string_view word, std::string_view lang);
  bool HasStemmer(std::string_view lang);
  // The lexicon's KnownShare(); 0 without a lexicon.
  double KnownShare(std::string_view lang, const std::vector<std::string>& words);

 private:
  TermForms Analyze(std::string_view word, const std::vector<std::string>& langs);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_ANALYZER_H_
