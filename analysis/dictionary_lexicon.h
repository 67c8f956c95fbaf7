// analysis/dictionary_lexicon.h -- the Lexicon of the dictionaries
// themselves, for indexing: Finnish lemmas and compound parts from Voikko,
// Swedish lemmas and compound parts from hunspell-sv, and known words in
// English, Swedish and Finnish for identifying short texts' language.
// Dictionaries load on first use (~0.1-0.3 s each) and are skipped when
// their package is missing. Not thread-safe: one per Analyzer.
#ifndef HAKU_ANALYSIS_DICTIONARY_LEXICON_H_
#define HAKU_ANALYSIS_DICTIONARY_LEXICON_H_

#include <cstddef>
#include <memory>

#include "analysis/analyzer.h"

namespace haku::analysis {

struct DictionaryLexiconOptions {
  // Split Swedish compounds and find their lemmas (hunspell-sv). Known-word
  // evidence (KnownShare) uses the dictionaries either way.
  bool swedish_morphology = true;
  // Finnish lemmas and compound parts (Voikko).
  bool finnish_morphology = true;
  // Analyses and verdicts each dictionary keeps (common/bounded_cache.h).
  size_t cache_entries = 20000;
};

std::unique_ptr<Lexicon> MakeDictionaryLexicon(const DictionaryLexiconOptions& options = {});

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_DICTIONARY_LEXICON_H_
