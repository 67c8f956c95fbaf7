// analysis/swedish_compounds.h -- splits Swedish compounds into dictionary
// words, so that "bröstcancer" is found by "cancer" and "maskininlärning" by
// "inlärning".
//
// The dictionary is Debian's hunspell-sv (sv_SE), whose flags say which words
// may begin, continue or end a compound and with which linking morpheme
// (fogemorfem: läkemedel-s-verket, vecka -> vecko-dag, flicka -> flick-skola).
// A split W = P1 ... Pn is accepted when Hunspell accepts W; each Pi has at
// least 3 letters and is not itself a compound; P1 ... Pn-1 are forms Hunspell
// allows at the start or in the middle of a compound; and Pn is a word it
// allows at the end. Lexicalised compounds that Hunspell lists whole
// ("bröstcancer", "sjukhusvård") are split all the same; the word flags keep
// false splits out ("kontakt" is not kon + takt: "kon" may not begin a
// compound).
//
// Among valid splits the one with the fewest parts wins, then the longest
// first part: "sjukhusvård" -> {"sjukhus", "vård"}, not sjuk + hus + vård.
// Parts are given as dictionary words: a non-final part without its linking
// morpheme ("läkemedels" -> "läkemedel", "vecko" -> "vecka"), the final part
// as written, inflection included ("läkemedelsverket" -> {"läkemedel",
// "verket"}): stem it like any other word.
//
// Not thread-safe: one per thread. Never throws.
#ifndef HAKU_ANALYSIS_SWEDISH_COMPOUNDS_H_
#define HAKU_ANALYSIS_SWEDISH_COMPOUNDS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace haku::analysis {

class SwedishCompounds {
 public:
  // Loads hunspell-sv; nullptr when the dictionary is missing. At most
  // `cache_entries` splits (and as many lemma lists) are cached
  // (common/bounded_cache.h).
  static std::unique_ptr<SwedishCompounds> Create(
      size_t cache_entries = 200000);

  ~SwedishCompounds();
  SwedishCompounds(const SwedishCompounds&) = delete;
  SwedishCompounds& operator=(const SwedishCompounds&) = delete;

  // Parts of the lower-case UTF-8 `word`, at most 4, in order; empty when the
  // word is not a compound, is unknown to Hunspell, or is longer than 60
  // letters. "bröstcancer" -> {"bröst", "cancer"}; "kliniker" -> {}.
  // The reference is valid until the next call to Split().
  const std::vector<std::string>& Split(std::string_view word);

  // Dictionary forms of the lower-case `word` by Hunspell's stemming, for
  // lemma terms: "kortkommandot" -> {"kortkommando"}, "aktuellt" ->
  // {"aktuell"}, "hjälper" -> {"hjälpa", "hjälp"}. Hunspell's stem of a
  // compound it builds itself may be its first part alone ("gruppelement"
  // -> "grupp"): a stem that is not most of the word is left out. Empty
  // for unknown words. Cached; valid until the next call to Lemmas().
  const std::vector<std::string>& Lemmas(std::string_view word);

  // Hunspell knows the word, as written or capitalised ("stockholm"); see
  // SpellDictionary::IsKnownWord. Cached.
  bool IsKnownWord(std::string_view word);

 private:
  struct Impl;
  explicit SwedishCompounds(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_SWEDISH_COMPOUNDS_H_
