// analysis/language_id.h -- which language a text is in.
//
// Statistical identification by CLD2 (Debian's libcld2), which is accurate on
// paragraphs and unreliable on a few words. For short texts (list entries:
// link text + description) it weighs in further evidence: an explicit
// marker ("(in Swedish!)", "på svenska", "suomeksi"), letters only one
// candidate language uses (å), and, when a LexiconEvidence is installed, the
// share of words each language's dictionary knows. A declared language
// (<html lang>, Content-Language) is a prior only: text that is plainly
// English is English whatever its label says.
// Codes are ISO 639-1 ("en", "sv", "fi"), "und" when unknown.
// IdentifyLanguage() is thread-safe when the evidence callback is.
#ifndef HAKU_ANALYSIS_LANGUAGE_ID_H_
#define HAKU_ANALYSIS_LANGUAGE_ID_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/language_tag.h"

namespace haku::analysis {

struct LanguageHints {
  std::string declared;  // BCP 47 tag from the page or list ("sv", "fi-FI"), may be empty
  std::string tld;       // top-level domain of the URL ("se", "fi"), may be empty
  std::string fallback;  // used when the text gives no evidence (e.g. the list's language)
};

struct LanguageShare {
  std::string lang;
  int percent = 0;
};

struct LanguageResult {
  std::string lang{kUndetermined};  // the primary language
  bool reliable = false;
  std::vector<LanguageShare> shares;  // languages holding >= 10% of the text
};

// For each candidate language, the share (0..1) of the given words that
// its dictionary knows. Installed by whoever owns the dictionaries.
using LexiconEvidence =
    std::function<double(std::string_view lang, const std::vector<std::string>& words)>;

// Texts shorter than this many bytes count as short.
inline constexpr size_t kShortTextBytes = 200;

LanguageResult IdentifyLanguage(std::string_view text, const LanguageHints& hints = {},
                                const LexiconEvidence& lexicon = nullptr);
// The same with the analyzer's lexicon (Analyzer::KnownShare) as evidence.
LanguageResult IdentifyLanguage(std::string_view text, const LanguageHints& hints,
                                Analyzer& analyzer);

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_LANGUAGE_ID_H_
