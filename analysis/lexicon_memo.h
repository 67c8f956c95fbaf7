// analysis/lexicon_memo.h -- the dictionaries' answers about words, kept in
// a SQLite file from one indexing run to the next.
//
// Voikko's analysis of a Finnish word, or the hunspell probes that split a
// Swedish compound, cost tens of microseconds a word, and loading the
// dictionaries a few tenths of a second a thread: a quarter of the CPU of a
// 7.7k-page rebuild, which asks the same ~80k questions the previous run
// asked. The memo keeps each answer under (kind, language, word) for one
// generation, a description of the code that asks and the dictionary files
// that answer (LexiconGeneration() in dictionary_lexicon.h); opening a memo
// of another generation empties it.
//
// It is a cache and fails soft: answers are written in batches (Flush(), and
// every few thousand Puts), a memo that stops working is set aside (Find
// misses, Put forgets) and its first error is what Flush() reports; a file
// that is not a memo is replaced when opened, one found damaged in use when
// the memo closes. Thread-safe.
#ifndef HAKU_ANALYSIS_LEXICON_MEMO_H_
#define HAKU_ANALYSIS_LEXICON_MEMO_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace haku::analysis {

class LexiconMemo {
 public:
  enum class Kind : char { kMorphology = 'm', kKnown = 'k' };

  // Opens or creates the memo at `path` for answers of `generation`.
  // IOError when the file can be neither opened nor created.
  static Result<std::unique_ptr<LexiconMemo>> Open(const std::string& path,
                                                   std::string_view generation);
  ~LexiconMemo();  // flushes; an error then is lost
  LexiconMemo(const LexiconMemo&) = delete;
  LexiconMemo& operator=(const LexiconMemo&) = delete;

  // The answer kept for `word` in `lang`, into `value`; false when none.
  bool Find(Kind kind, std::string_view lang, std::string_view word, std::string& value);
  // Keeps `value` as the answer for `word` in `lang`.
  void Put(Kind kind, std::string_view lang, std::string_view word, std::string_view value);
  // Writes the answers put since the last Flush. The memo's first error,
  // once (the memo is set aside from then on).
  Status Flush();

  struct Counts {
    int64_t found = 0;  // Finds answered
    int64_t put = 0;    // answers written or pending
  };
  Counts counts() const;

 private:
  class Impl;
  explicit LexiconMemo(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_LEXICON_MEMO_H_
