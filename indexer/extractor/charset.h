// indexer/extractor/charset.h -- fetched bytes to UTF-8.
//
// Which charset to trust, in order: a byte order mark, the HTTP header's
// charset, then (HTML only) <meta charset> / <meta http-equiv> in the first
// 4 KiB, then ICU's charset detector. A label is not trusted when the bytes
// contradict it: "UTF-8" over bytes that are mostly not UTF-8, or a legacy
// single-byte label over bytes that are valid multi-byte UTF-8. Labels
// ISO-8859-1 and US-ASCII decode as windows-1252 (as browsers do).
// Conversion uses ICU; invalid sequences become U+FFFD. Thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_CHARSET_H_
#define HAKU_INDEXER_EXTRACTOR_CHARSET_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace haku::extractor {

enum class Markup { kHtml, kText };

struct DecodedText {
  std::string utf8;     // valid UTF-8, BOM removed
  std::string charset;  // what the bytes were decoded from, e.g. "UTF-8"
};

// Never fails: with no usable label and an undecided detector the bytes are
// read as windows-1252, which maps every byte.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view http_charset,
                         Markup markup);

// "UTF-8", "UTF-16LE", "UTF-16BE" when `bytes` starts with that BOM, else "";
// *bom_length gets the BOM's length (0 without one).
std::string_view SniffBom(std::string_view bytes, size_t* bom_length);

// The charset named by the first <meta charset> or <meta http-equiv=
// "Content-Type" content="...; charset=X"> in the first 4 KiB, or "".
std::string PrescanMetaCharset(std::string_view html);

// `bytes` in `charset` (any name ICU knows) to UTF-8, bad sequences as
// U+FFFD. InvalidArgument when ICU knows no such charset.
Result<std::string> ConvertToUtf8(std::string_view bytes,
                                  std::string_view charset);

// Counts for the "does the label fit the bytes" test.
struct Utf8Stats {
  size_t multibyte = 0;  // valid sequences of two or more bytes
  size_t invalid = 0;    // ill-formed sequences
};
Utf8Stats ScanUtf8(std::string_view bytes);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_CHARSET_H_
