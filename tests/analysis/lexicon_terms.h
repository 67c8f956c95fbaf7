// tests/analysis/lexicon_terms.h -- what a Lexicon says of words, for
// comparing Lexicons.
#ifndef HAKU_TESTS_ANALYSIS_LEXICON_TERMS_H_
#define HAKU_TESTS_ANALYSIS_LEXICON_TERMS_H_

#include <string>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"

namespace haku::analysis::testing {

using Words = std::vector<std::string>;

// Lemma and part terms of `words` in `lang` from `lexicon`, word by word.
inline std::vector<std::pair<Words, Words>> Terms(Lexicon& lexicon, const std::string& lang,
                                                  const Words& words) {
  std::vector<std::pair<Words, Words>> out;
  for (const std::string& w : words) {
    TermForms f;
    lexicon.AddMorphology(w, lang, f);
    out.emplace_back(f.lemmas, f.parts);
  }
  return out;
}

}  // namespace haku::analysis::testing

#endif  // HAKU_TESTS_ANALYSIS_LEXICON_TERMS_H_
