// analysis/spell_dictionary.h -- one Hunspell dictionary from Debian
// (/usr/share/hunspell, packages hunspell-sv and hunspell-en-us), for the
// question "is this a word of language X?" that language identification asks
// of short texts, and for the word checks SwedishCompounds builds on.
//
// Words are lower-case UTF-8, as the tokenizer gives them. Only UTF-8
// dictionaries are opened (sv_SE and en_US in Debian 12 declare "SET UTF-8");
// Open() refuses others rather than convert.
//
// A SpellDictionary owns its Hunspell handle: not thread-safe, use one per
// thread. Loading takes ~0.1-0.3 s and ~10-40 MB. Never throws.
#ifndef HAKU_ANALYSIS_SPELL_DICTIONARY_H_
#define HAKU_ANALYSIS_SPELL_DICTIONARY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace haku::analysis {

struct SpellDictionaryOptions {
  // Where the .aff and .dic files are (Debian's place).
  std::string directory = "/usr/share/hunspell";
  // IsKnownWord() and Check() verdicts kept (each; common/bounded_cache.h).
  // Hunspell checks only ~20,000 unknown words/s (it tries every way to
  // compose them).
  size_t cache_entries = 200000;
};

class SpellDictionary {
 public:
  // Opens the dictionary for `lang`: "sv" (sv_SE), "en" (en_US), or a full
  // dictionary name such as "sv_FI". nullptr when <directory>/<name>.aff or
  // .dic is missing or the dictionary is not UTF-8.
  static std::unique_ptr<SpellDictionary> Open(
      std::string_view lang, const SpellDictionaryOptions& options = {});

  ~SpellDictionary();
  SpellDictionary(const SpellDictionary&) = delete;
  SpellDictionary& operator=(const SpellDictionary&) = delete;

  // True when Hunspell accepts the lower-case `word` as written or with its
  // first letter upper case (proper nouns: "stockholm", "london").
  // Compounds Hunspell builds itself count as known ("maskininlärning").
  // False for an empty word, invalid UTF-8 or an embedded NUL. Cached.
  bool IsKnownWord(std::string_view word);

  // The raw Hunspell verdict on `word` exactly as written (no case change).
  // Cached (compound splitting asks about the same pieces again and again).
  struct Verdict {
    bool known = false;     // Hunspell accepts the word
    bool compound = false;  // ... only by composing it from dictionary words
  };
  Verdict Check(std::string_view word);

  // Hunspell's stems of `word` ("läkemedels" -> {"läkemedel"}); empty when
  // the word is unknown. Not cached.
  std::vector<std::string> Stems(std::string_view word);

 private:
  struct Impl;
  explicit SpellDictionary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_SPELL_DICTIONARY_H_
