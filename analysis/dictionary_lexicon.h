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
#include <optional>
#include <string>
#include <string_view>

#include "analysis/analyzer.h"
#include "analysis/lexicon_memo.h"

namespace haku::analysis {

// The lemma and compound-part terms of words, shared by the Lexicons of
// several threads: each thread's own caches would analyse a word again that
// another thread already did (with two indexing threads, about half of all
// analyses). Bounded (common/bounded_cache.h); thread-safe. With a memo,
// what is not in memory is looked up there, and every answer the
// dictionaries give, known words included, is kept there for the next run.
class SharedMorphology {
 public:
  static constexpr size_t kDefaultCapacity = 20000;
  // `memo` (may be null) must outlive this.
  explicit SharedMorphology(size_t capacity = kDefaultCapacity, LexiconMemo* memo = nullptr);
  ~SharedMorphology();
  SharedMorphology(const SharedMorphology&) = delete;
  SharedMorphology& operator=(const SharedMorphology&) = delete;

  // Adds the remembered terms of `word` in `lang` to `forms`; false when
  // there are none remembered.
  bool Find(std::string_view lang, std::string_view word, TermForms& forms);
  // Remembers `forms`' lemmas and parts as those of `word` in `lang`.
  void Put(std::string_view lang, std::string_view word, const TermForms& forms);
  // Whether the dictionary of `lang` knows `word`, from the memo; nullopt
  // when it has no answer (or there is no memo).
  std::optional<bool> FindKnown(std::string_view lang, std::string_view word);
  void PutKnown(std::string_view lang, std::string_view word, bool known);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct DictionaryLexiconOptions {
  // Split Swedish compounds and find their lemmas (hunspell-sv). Known-word
  // evidence (KnownShare) uses the dictionaries either way.
  bool swedish_morphology = true;
  // Finnish lemmas and compound parts (Voikko).
  bool finnish_morphology = true;
  // Analyses and verdicts each dictionary keeps (common/bounded_cache.h).
  size_t cache_entries = 20000;
  // Lemmas and parts other threads' Lexicons found (of the same options);
  // null: none shared. Not owned: must outlive the Lexicon.
  SharedMorphology* shared = nullptr;
};

std::unique_ptr<Lexicon> MakeDictionaryLexicon(const DictionaryLexiconOptions& options = {});

// What the dictionary Lexicon's answers depend on, for a LexiconMemo: a
// digest of the code that asks (this library's dictionary sources, at
// build time), the Voikko library's version, and the size and modification
// time of the hunspell and Voikko libraries loaded and of each dictionary
// file (hunspell's en_US and sv_SE, every file under Voikko's search path),
// so that upgrading a library or dictionary package starts a new memo.
std::string LexiconGeneration();

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_DICTIONARY_LEXICON_H_
