#include "analysis/language_tag.h"

#include <cctype>

namespace haku::analysis {

std::string PrimaryLanguage(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out == "no") return "nb";
  return out;
}

}  // namespace haku::analysis
