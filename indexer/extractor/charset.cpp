#include "indexer/extractor/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace haku::extractor {
namespace {

constexpr size_t kPrescanBytes = 4096;
constexpr size_t kDetectBytes = 64 * 1024;
constexpr int32_t kMinDetectConfidence = 20;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '"' ||
                        s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (IsSpace(s.back()) || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  return s;
}

// A label as browsers read it: lower case, Latin-1 and ASCII as windows-1252.
std::string NormalizeLabel(std::string_view label) {
  std::string l = ToLower(Trim(label));
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" ||
      l == "latin-1" || l == "l1" || l == "us-ascii" || l == "ascii" ||
      l == "iso_8859-1" || l == "cp1252" || l == "x-user-defined") {
    return "windows-1252";
  }
  if (l == "utf8") return "utf-8";
  return l;
}

bool IsUtf8Label(std::string_view l) { return l == "utf-8"; }

bool IsWideLabel(std::string_view l) {
  return l.starts_with("utf-16") || l.starts_with("utf-32") ||
         l == "unicode" || l == "ucs-2";
}

bool KnownToIcu(const std::string& label) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(label.c_str(), &status);
  if (conv != nullptr) ucnv_close(conv);
  return U_SUCCESS(status) && conv != nullptr;
}

bool HasNul(std::string_view bytes) {
  return bytes.substr(0, 512).find('\0') != std::string_view::npos;
}

// Mostly UTF-8: no errors, or errors rare beside real multi-byte text.
bool LooksUtf8(const Utf8Stats& s) {
  return s.invalid == 0 || s.multibyte > 4 * s.invalid;
}

std::string SanitizeUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  std::string out;
  out.reserve(bytes.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(bytes.data() + start, i - start);
    }
  }
  return out;
}

DecodedText DecodeAs(std::string_view bytes, const std::string& label,
                     const Utf8Stats* stats = nullptr) {
  if (IsUtf8Label(label) && stats != nullptr && stats->invalid == 0) {
    return {std::string(bytes), "UTF-8"};
  }
  if (IsUtf8Label(label)) return {SanitizeUtf8(bytes), "UTF-8"};
  Result<std::string> text = ConvertToUtf8(bytes, label);
  if (text.ok()) return {std::move(text).value(), label};
  return {SanitizeUtf8(bytes), "UTF-8"};
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// ICU's guess for bytes that are not UTF-8, or "" when it has none.
std::string Detect(std::string_view bytes, Markup markup) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return "";
  std::string_view sample = bytes.substr(0, kDetectBytes);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()),
                 &status);
  ucsdet_enableInputFilter(det.get(), markup == Markup::kHtml);
  if (U_FAILURE(status)) return "";
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr) return "";
  if (confidence < kMinDetectConfidence) return "";
  std::string label = NormalizeLabel(name);
  if (IsUtf8Label(label) || IsWideLabel(label)) return "";
  return label;
}

// Whether `label` may decode `bytes`; false when the bytes contradict it.
bool LabelFits(const std::string& label, std::string_view bytes,
               const Utf8Stats& stats) {
  if (IsUtf8Label(label)) return LooksUtf8(stats);
  if (IsWideLabel(label)) return HasNul(bytes);
  // A legacy label over valid multi-byte UTF-8 is a mislabel.
  return !(stats.invalid == 0 && stats.multibyte > 0);
}

// Parses the next attribute of a tag at `s` (after "<meta"); false at '>'.
bool NextAttribute(std::string_view& s, std::string_view* name,
                   std::string_view* value) {
  size_t i = s.find_first_not_of(" \t\n\r\f/");
  if (i == std::string_view::npos || s[i] == '>') return false;
  size_t name_end = s.find_first_of(" \t\n\r\f/>=", i);
  if (name_end == std::string_view::npos) name_end = s.size();
  *name = s.substr(i, name_end - i);
  *value = {};
  size_t j = s.find_first_not_of(" \t\n\r\f", name_end);
  if (j == std::string_view::npos || s[j] != '=') {
    s.remove_prefix(name_end);
    return true;
  }
  j = s.find_first_not_of(" \t\n\r\f", j + 1);
  if (j == std::string_view::npos) return false;
  size_t v_end;
  if (s[j] == '"' || s[j] == '\'') {
    v_end = s.find(s[j], j + 1);
    if (v_end == std::string_view::npos) return false;
    *value = s.substr(j + 1, v_end - j - 1);
    ++v_end;
  } else {
    v_end = s.find_first_of(" \t\n\r\f>", j);
    if (v_end == std::string_view::npos) v_end = s.size();
    *value = s.substr(j, v_end - j);
  }
  s.remove_prefix(v_end);
  return true;
}

// The charset of one <meta> tag's attributes (lower case), or "".
std::string MetaTagCharset(std::string_view attrs) {
  std::string_view name, value, content;
  bool content_type = false;
  while (NextAttribute(attrs, &name, &value)) {
    if (name == "charset") return std::string(Trim(value));
    if (name == "http-equiv") content_type = Trim(value) == "content-type";
    if (name == "content") content = value;
  }
  if (!content_type) return "";
  size_t at = content.find("charset");
  if (at == std::string_view::npos) return "";
  std::string_view v = content.substr(at + 7);
  size_t eq = v.find_first_not_of(" \t");
  if (eq == std::string_view::npos || v[eq] != '=') return "";
  v = Trim(v.substr(eq + 1));
  return std::string(v.substr(0, v.find_first_of("; \t")));
}

}  // namespace

std::string_view SniffBom(std::string_view bytes, size_t* bom_length) {
  *bom_length = 0;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    *bom_length = 3;
    return "UTF-8";
  }
  if (bytes.starts_with("\xFF\xFE")) {
    *bom_length = 2;
    return "UTF-16LE";
  }
  if (bytes.starts_with("\xFE\xFF")) {
    *bom_length = 2;
    return "UTF-16BE";
  }
  return "";
}

Utf8Stats ScanUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(
      std::min<size_t>(bytes.size(), INT32_MAX));
  Utf8Stats stats;
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      ++stats.invalid;
    } else {
      ++stats.multibyte;
    }
  }
  return stats;
}

Result<std::string> ConvertToUtf8(std::string_view bytes,
                                  std::string_view charset) {
  std::string name(charset);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || conv == nullptr) {
    return Status::InvalidArgument("unknown charset: " + name);
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  if (bytes.size() > INT32_MAX / 4) bytes = bytes.substr(0, INT32_MAX / 4);
  std::vector<UChar> wide(bytes.size() * 2 + 16);
  int32_t wide_len = ucnv_toUChars(conv, wide.data(),
                                   static_cast<int32_t>(wide.size()),
                                   bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    wide.resize(wide_len + 1);
    wide_len = ucnv_toUChars(conv, wide.data(),
                             static_cast<int32_t>(wide.size()), bytes.data(),
                             static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) {
    return Status::Corruption("cannot convert from " + name + ": " +
                              u_errorName(status));
  }
  std::string out(static_cast<size_t>(wide_len) * 3 + 4, '\0');
  int32_t out_len = 0;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &out_len,
                     wide.data(), wide_len, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) {
    return Status::Corruption("cannot convert to UTF-8 from " + name + ": " +
                              u_errorName(status));
  }
  out.resize(out_len);
  return out;
}

std::string PrescanMetaCharset(std::string_view html) {
  std::string head = ToLower(html.substr(0, kPrescanBytes));
  size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string::npos) {
    if (head.compare(pos, 4, "<!--") == 0) {
      size_t end = head.find("-->", pos + 4);
      if (end == std::string::npos) return "";
      pos = end + 3;
      continue;
    }
    std::string_view rest(head.data() + pos, head.size() - pos);
    pos += 1;
    if (!rest.starts_with("<meta") || rest.size() < 6 ||
        !(IsSpace(rest[5]) || rest[5] == '/')) {
      continue;
    }
    std::string charset = MetaTagCharset(rest.substr(5));
    if (!charset.empty()) return charset;
  }
  return "";
}

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view http_charset,
                         Markup markup) {
  size_t bom_length = 0;
  std::string_view bom = SniffBom(bytes, &bom_length);
  if (!bom.empty()) {
    return DecodeAs(bytes.substr(bom_length), std::string(bom));
  }
  Utf8Stats stats = ScanUtf8(bytes);
  std::vector<std::string> labels;
  if (!http_charset.empty()) labels.push_back(NormalizeLabel(http_charset));
  if (markup == Markup::kHtml) {
    std::string meta = NormalizeLabel(PrescanMetaCharset(bytes));
    if (IsWideLabel(meta)) meta = "utf-8";  // as the HTML standard says
    if (!meta.empty()) labels.push_back(meta);
  }
  for (const std::string& label : labels) {
    if (IsUtf8Label(label) && LooksUtf8(stats)) {
      return DecodeAs(bytes, label, &stats);
    }
    if (!KnownToIcu(label) || !LabelFits(label, bytes, stats)) continue;
    return DecodeAs(bytes, label, &stats);
  }
  if (LooksUtf8(stats)) return DecodeAs(bytes, "utf-8", &stats);
  std::string detected = Detect(bytes, markup);
  if (detected.empty() || !KnownToIcu(detected)) detected = "windows-1252";
  return DecodeAs(bytes, detected);
}

}  // namespace haku::extractor
