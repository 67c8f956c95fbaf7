#include "common/printable.h"

namespace haku {

std::string PrintableLine(std::string_view text, size_t max_bytes) {
  std::string line;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n && line.size() < max_bytes) {
    unsigned char c = p[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= n && !(len == 2 && c < 0xC2);
    for (size_t k = 1; valid && k < len; ++k) valid = (p[i + k] & 0xC0) == 0x80;
    if (!valid) {
      line += '?';
      ++i;
    } else if (c < 0x20 || c == 0x7F || (c == 0xC2 && p[i + 1] < 0xA0)) {
      line += ' ';
      i += len;
    } else {
      line.append(text, i, len);
      i += len;
    }
  }
  if (i < n) line += " ...";
  return line;
}

}  // namespace haku
