// analysis/spell_dictionary.cpp -- Hunspell behind a handle.
#include "analysis/spell_dictionary.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <filesystem>
#include <hunspell/atypes.hxx>
#include <hunspell/hunspell.hxx>
#include <system_error>
#include <utility>

#include "common/bounded_cache.h"

namespace haku::analysis {
namespace {

// Hunspell rejects words over MAXWORDLEN (100) characters itself; this only
// spares it the copy of absurdly long input.
constexpr size_t kMaxWordBytes = 4 * MAXWORDLEN;

// Dictionary file name for a short language code; other names pass through.
std::string DictionaryName(std::string_view lang) {
  if (lang == "sv") return "sv_SE";
  if (lang == "en") return "en_US";
  return std::string(lang);
}

bool FileExists(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// Non-empty, well-formed UTF-8 without NUL, short enough for Hunspell.
bool IsCheckableWord(std::string_view word) {
  if (word.empty() || word.size() > kMaxWordBytes) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c <= 0) return false;  // invalid sequence (< 0) or NUL
  }
  return true;
}

// `word` with its first code point upper case ("åre" -> "Åre").
std::string CapitalizeFirst(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(word.size()), c);
  uint8_t upper[U8_MAX_LENGTH];
  int32_t upper_length = 0;
  UBool error = false;
  U8_APPEND(upper, upper_length, U8_MAX_LENGTH, u_toupper(c), error);
  if (error) return std::string(word);
  std::string result(reinterpret_cast<const char*>(upper), upper_length);
  result.append(word.substr(static_cast<size_t>(i)));
  return result;
}

}  // namespace

struct SpellDictionary::Impl {
  Impl(const std::string& aff, const std::string& dic, size_t capacity)
      : hunspell(aff.c_str(), dic.c_str()), known(capacity), verdicts(capacity) {}
  Hunspell hunspell;
  // IsKnownWord()'s own verdicts, though Check()'s could answer it: compound
  // splitting churns that cache, and sharing it cost a 7.7k rebuild ~25%
  // more CPU (language identification asks about the same words again).
  BoundedCache<bool> known;
  BoundedCache<Verdict> verdicts;
};

std::unique_ptr<SpellDictionary> SpellDictionary::Open(
    std::string_view lang, const SpellDictionaryOptions& options) {
  const std::string base = options.directory + "/" + DictionaryName(lang);
  const std::string aff = base + ".aff";
  const std::string dic = base + ".dic";
  if (lang.empty() || !FileExists(aff) || !FileExists(dic)) return nullptr;
  try {
    auto impl = std::make_unique<Impl>(aff, dic, options.cache_entries);
    if (impl->hunspell.get_dict_encoding() != "UTF-8") return nullptr;
    return std::unique_ptr<SpellDictionary>(
        new SpellDictionary(std::move(impl)));
  } catch (...) {  // std::bad_alloc from Hunspell's loader
    return nullptr;
  }
}

SpellDictionary::SpellDictionary(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

SpellDictionary::~SpellDictionary() = default;

bool SpellDictionary::IsKnownWord(std::string_view word) {
  if (const bool* cached = impl_->known.Find(word)) return *cached;
  const bool known = Check(word).known || (IsCheckableWord(word) &&
                                           Check(CapitalizeFirst(word)).known);
  impl_->known.Put(word, known);
  return known;
}

SpellDictionary::Verdict SpellDictionary::Check(std::string_view word) {
  if (const Verdict* cached = impl_->verdicts.Find(word)) return *cached;
  if (!IsCheckableWord(word)) return {};
  int info = 0;
  Verdict verdict;
  try {
    verdict.known = impl_->hunspell.spell(std::string(word), &info);
  } catch (...) {
    return {};
  }
  verdict.compound = verdict.known && (info & SPELL_COMPOUND) != 0;
  impl_->verdicts.Put(word, verdict);
  return verdict;
}

std::vector<std::string> SpellDictionary::Stems(std::string_view word) {
  if (!IsCheckableWord(word)) return {};
  try {
    return impl_->hunspell.stem(std::string(word));
  } catch (...) {
    return {};
  }
}

}  // namespace haku::analysis
