// analysis/tokenizer_internal.h -- the two ways Tokenize() finds words,
// exposed so that tests and benchmarks can hold one against the other.
//
// TokenizeWithIcu() is the reference: ICU's word BreakIterator (UAX #29 as
// ICU implements it, root locale) over any valid UTF-8 text.
// TokenizeAscii() gives exactly the same tokens for an all-ASCII text without
// ICU, from ICU 72's root word rules restricted to ASCII:
//   letters       A-Z a-z @        ('@' is ALetter in ICU's root rules)
//   digits        0-9
//   ExtendNumLet  _
//   MidNumLet     . '              (between two letters or two digits)
//   MidNum        , ;              (between two digits)
//   everything else (space, CR, LF, ':', '-', '/', ...) ends a word.
// A segment's ICU rule status comes from its last two characters: it is a
// number (status 100) when it ends in a digit or in a digit and '_'; a
// lone '_' is no word at all (status 0).
// Both are pure functions and thread-safe.
#ifndef HAKU_ANALYSIS_TOKENIZER_INTERNAL_H_
#define HAKU_ANALYSIS_TOKENIZER_INTERNAL_H_

#include <string_view>
#include <vector>

#include "analysis/tokenizer.h"

namespace haku::analysis::internal {

// `text` must be valid UTF-8.
std::vector<Token> TokenizeWithIcu(std::string_view text);

// `text` must be all ASCII (IsAscii()); other bytes end words as
// punctuation does, which differs from ICU.
std::vector<Token> TokenizeAscii(std::string_view text);

}  // namespace haku::analysis::internal

#endif  // HAKU_ANALYSIS_TOKENIZER_INTERNAL_H_
