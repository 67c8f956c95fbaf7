// analysis/language_tag.h -- language codes as haku writes them: ISO 639-1
// ("en", "sv", "fi"), "und" when unknown.
#ifndef HAKU_ANALYSIS_LANGUAGE_TAG_H_
#define HAKU_ANALYSIS_LANGUAGE_TAG_H_

#include <string>
#include <string_view>

namespace haku::analysis {

inline constexpr std::string_view kUndetermined = "und";

// The primary subtag of a BCP 47 tag, lower case: "sv-SE" -> "sv", "" -> "".
// "no" becomes "nb", as CLD2 reports Norwegian.
std::string PrimaryLanguage(std::string_view tag);

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_LANGUAGE_TAG_H_
