#include "analysis/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace haku::analysis {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
    return U_SUCCESS(err) ? n : nullptr;
  }();
  return instance;
}

const icu::Normalizer2* Nfd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(err);
    return U_SUCCESS(err) ? n : nullptr;
  }();
  return instance;
}

// Letters with no decomposition that people still type without their mark.
const char* FoldSpecial(UChar32 c) {
  switch (c) {
    case 0x00F8: return "o";   // ø
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x0111: return "d";   // đ
    case 0x0142: return "l";   // ł
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    case 0x0131: return "i";   // dotless i
    default: return nullptr;
  }
}

}  // namespace

bool IsAscii(std::string_view utf8) {
  return std::all_of(utf8.begin(), utf8.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string TruncateUtf8(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

std::string SanitizeUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  int32_t i = 0;
  int32_t valid_from = 0;  // start of the run of valid bytes not yet copied
  const int32_t n = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.append(bytes.substr(static_cast<size_t>(valid_from), static_cast<size_t>(start - valid_from)));
      out += "\xEF\xBF\xBD";
      valid_from = i;
    }
  }
  out.append(bytes.substr(static_cast<size_t>(valid_from)));
  return out;
}

void NormalizeAsciiWord(std::string_view ascii, std::string& out) {
  out.assign(ascii);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string NormalizeWord(std::string_view utf8) {
  // ASCII is NFKC already, and its only case folding is A-Z: the common
  // case, without ICU's UTF-16 round trip.
  if (IsAscii(utf8)) {
    std::string out;
    NormalizeAsciiWord(utf8, out);
    return out;
  }
  const icu::Normalizer2* norm = NfkcCasefold();
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  in.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), "'");
  in.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2018)), "'");
  in.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), "'");
  std::string out;
  if (norm == nullptr) {
    in.foldCase().toUTF8String(out);
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString folded = norm->normalize(in, err);
  if (U_FAILURE(err)) {
    in.foldCase().toUTF8String(out);
    return out;
  }
  folded.toUTF8String(out);
  return out;
}

std::string FoldDiacritics(std::string_view normalized) {
  if (IsAscii(normalized)) return std::string(normalized);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  const icu::Normalizer2* nfd = Nfd();
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd ? nfd->normalize(in, err) : in;
  if (U_FAILURE(err)) decomposed = in;
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (const char* special = FoldSpecial(c)) {
      out += icu::UnicodeString(special);
    } else {
      out += c;
    }
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace haku::analysis
