// analysis/finnish_lemmatizer.h -- Finnish lemmas and compound parts from
// libvoikko (Debian packages libvoikko1 + voikko-fi), with a cache.
//
// Voikko knows Finnish morphology, consonant gradation included, where the
// Snowball stemmer does not: "potilaiden" -> "potilas", "helsingissä" ->
// "helsinki", "tulostusalueen" -> "tulostusalue". It is slow (tens of
// thousands of words/s), so every analysis is cached; a corpus has far fewer
// distinct words than tokens.
//
// Compound parts are the base forms of the word's parts AND of every run of
// adjacent parts shorter than the whole word, so both readings of a compound
// can be matched: "tekoälyetiikka" (Voikko: teko + äly + etiikka) gives
// {"teko", "tekoäly", "äly", "älyetiikka", "etiikka"}. Voikko splits down to
// lexicon entries, so "tekoäly" exists only as such a run; a caller that wants
// fewer terms can keep the runs that are themselves known words.
//
// A FinnishLemmatizer owns one Voikko handle: not thread-safe, use one per
// thread. Never throws.
#ifndef HAKU_ANALYSIS_FINNISH_LEMMATIZER_H_
#define HAKU_ANALYSIS_FINNISH_LEMMATIZER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace haku::analysis {

class FinnishLemmatizer {
 public:
  // Loads Voikko's Finnish dictionary; nullptr when it is missing (package
  // voikko-fi not installed). At most `cache_entries` analyses are kept
  // (~300 bytes each; common/bounded_cache.h).
  static std::unique_ptr<FinnishLemmatizer> Create(
      size_t cache_entries = 200000);

  // libvoikko's version, as the loaded library reports it.
  static std::string LibraryVersion();

  ~FinnishLemmatizer();
  FinnishLemmatizer(const FinnishLemmatizer&) = delete;
  FinnishLemmatizer& operator=(const FinnishLemmatizer&) = delete;

  struct Analysis {
    // Base forms, lower case, most likely first: readings with fewer compound
    // parts first, then a base form equal to the word itself, then Voikko's
    // order. "potilaiden" -> {"potilas"}; "kuusi" -> {"kuusi", "kuu"}.
    // Empty when the word is unknown (the caller falls back to a stemmer).
    std::vector<std::string> lemmas;
    // Base forms of the compound's parts and of runs of adjacent parts, by
    // reading in order of position then length, without the whole word; empty
    // for a simple word. Derivational suffixes stay attached to their part
    // ("tulostusalueen" -> {"tulostus", "alue"}, not "tulostaa"). A bound
    // prefix (epä-, yli-, esi-, erikois-) is never a part, nor is what
    // follows it alone: "yliopistosairaalan" -> {"yliopisto", "sairaala"},
    // "epäonnistuminen" -> {} (not "onnistua"). Only the readings with the
    // fewest parts count ("maailmanpankki" -> {"maailma", "pankki"}, not
    // maa + ilma + pankki).
    std::vector<std::string> compound_parts;
    // Voikko recognised the word (in any capitalisation: "helsingissä").
    bool known = false;
  };

  // Analysis of the lower-case UTF-8 `word`; an unknown Analysis for empty
  // input, invalid UTF-8 or words over 255 characters. The reference is
  // valid until the next call to Analyze() or IsKnownWord().
  const Analysis& Analyze(std::string_view word);

  // Voikko knows `word` (Analyze(word).known): spell-check evidence for
  // identifying the language of short texts. Case-insensitive, unlike
  // Voikko's own spell checker, which rejects "helsingissä".
  bool IsKnownWord(std::string_view word);

 private:
  struct Impl;
  explicit FinnishLemmatizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_FINNISH_LEMMATIZER_H_
