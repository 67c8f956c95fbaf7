// analysis/normalizer.h -- one spelling per word, shared by index and query.
//
// NormalizeWord() applies ICU's NFKC_Casefold (compatibility forms and
// ligatures to plain letters, full Unicode case folding, soft hyphens and
// other default-ignorable code points removed) and maps typographic
// apostrophes to '. Swedish and Finnish letters (å, ä, ö) stay distinct.
// FoldDiacritics() is the forgiving form for people who type without them
// ("maskininlarning", "tekoaly"): combining marks removed, ø->o, æ->ae, ...
// Both are pure functions and thread-safe.
#ifndef HAKU_ANALYSIS_NORMALIZER_H_
#define HAKU_ANALYSIS_NORMALIZER_H_

#include <string>
#include <string_view>

namespace haku::analysis {

std::string NormalizeWord(std::string_view utf8);
// NormalizeWord() of an all-ASCII word, into `out` (its buffer reused):
// A-Z folded to a-z, all ASCII being NFKC already.
void NormalizeAsciiWord(std::string_view ascii, std::string& out);
std::string FoldDiacritics(std::string_view normalized);
// True when the UTF-8 text is all ASCII.
bool IsAscii(std::string_view utf8);
// Replaces invalid UTF-8 sequences with U+FFFD (text from outside must pass
// through this before it reaches ICU or Xapian).
std::string SanitizeUtf8(std::string_view bytes);

// `s` cut to at most `max_bytes`, never inside a UTF-8 sequence.
std::string TruncateUtf8(std::string s, size_t max_bytes);

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_NORMALIZER_H_
