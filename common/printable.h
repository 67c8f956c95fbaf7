// common/printable.h -- text from outside (a query, a URL) made safe to show
// on a terminal.
#ifndef HAKU_COMMON_PRINTABLE_H_
#define HAKU_COMMON_PRINTABLE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace haku {

// `text` as one line a terminal shows as written: control characters (C0,
// DEL, C1: escape sequences, line breaks) become spaces and bytes that are
// not UTF-8 '?'; cut after at most `max_bytes` bytes, with " ..." when cut.
std::string PrintableLine(std::string_view text, size_t max_bytes = std::string::npos);

}  // namespace haku

#endif  // HAKU_COMMON_PRINTABLE_H_
