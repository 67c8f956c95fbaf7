// analysis/analyzer.h -- the terms a word is indexed and searched under.
//
// Index and query meet only if both turn words into terms alike, so both
// call Forms(). The vocabulary (prefixes) is fixed here:
//   word          the exact normalised form (positional; phrases use it)
//   Z<lang>:stem  Snowball stem in that language ("Zsv:maskininlärning")
//   XFword        the word without diacritics, when that differs
//   XGstem        a stem without diacritics, when that differs
//   XLlemma       a dictionary base form (Finnish: Voikko)
//   XCpart        a part of a compound (Swedish: hunspell; Finnish: Voikko)
// An Analyzer is not thread-safe (stemmers and dictionaries keep state):
// use one per thread. It never throws.
#ifndef HAKU_ANALYSIS_ANALYZER_H_
#define HAKU_ANALYSIS_ANALYZER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/language_id.h"

namespace haku::analysis {

inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kFoldPrefix = "XF";
inline constexpr std::string_view kFoldStemPrefix = "XG";
inline constexpr std::string_view kLemmaPrefix = "XL";
inline constexpr std::string_view kPartPrefix = "XC";

struct TermForms {
  std::string exact;                      // "" for a word not worth a term
  std::vector<std::string> stems;         // full terms, one per language with a stemmer
  std::string folded;                     // full term or ""
  std::vector<std::string> folded_stems;  // full terms
  std::vector<std::string> lemmas;        // full terms
  std::vector<std::string> parts;         // full terms
};

struct AnalyzerOptions {
  bool morphology = true;  // Voikko lemmas and compound parts when installed
  // Split Swedish compounds into parts (hunspell-sv). Documents need it;
  // queries need not (a query word meets documents' parts as an XC term
  // directly), and loading the dictionary costs ~0.2 s per process.
  bool swedish_compounds = true;
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // The forms of one normalised word (Token::norm) in each of `langs`.
  // Cached: the reference is valid until the next call to Forms().
  const TermForms& Forms(std::string_view word, const std::vector<std::string>& langs);
  // The stem term of `word` in `lang`, "" when there is no stemmer for it.
  std::string StemTerm(std::string_view word, std::string_view lang);
  bool HasStemmer(std::string_view lang);
  // For IdentifyLanguage on short texts: the share of `words` that the
  // dictionary of `lang` knows (0 when there is no dictionary).
  double KnownShare(std::string_view lang, const std::vector<std::string>& words);
  // IdentifyLanguage with this analyzer's dictionaries as evidence.
  LanguageResult Identify(std::string_view text, const LanguageHints& hints = {});

 private:
  TermForms Analyze(std::string_view word, const std::vector<std::string>& langs);
  void AddMorphology(std::string_view word, std::string_view lang, TermForms& forms);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_ANALYZER_H_
