// analysis/tokenizer.h -- words of a text by Unicode's rules (UAX #29 via
// ICU), with their byte offsets for snippets.
//
// Version numbers ("2.2"), domains ("physionet.org") and words with inner
// apostrophes stay whole, as UAX #29 keeps them. A hyphenated code such as
// "MIMIC-IV" gives the tokens "mimic" and "iv", the second marked
// `joined`, so that the analyzer can also index the joined form "mimiciv".
// An all-ASCII text is split without ICU, by ICU's rules restricted to ASCII
// (tokenizer_internal.h): the same tokens for a quarter of the instructions.
// Thread-safe (each thread keeps its own ICU break iterator).
#ifndef HAKU_ANALYSIS_TOKENIZER_H_
#define HAKU_ANALYSIS_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace haku::analysis {

struct Token {
  std::string norm;    // NormalizeWord() of the token's text
  size_t begin = 0;    // byte offsets into the tokenized text
  size_t end = 0;
  bool joined = false; // follows the previous token across a single '-' or '/'
  bool numeric = false;
};

// Tokens longer than this many bytes (base64, hashes) are dropped.
inline constexpr size_t kMaxTokenBytes = 64;

// `text` must be valid UTF-8 (see SanitizeUtf8).
std::vector<Token> Tokenize(std::string_view text);

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_TOKENIZER_H_
