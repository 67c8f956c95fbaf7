#include "indexer/extractor/block_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace haku::extractor {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

enum class CharClass { kKeep, kSpace, kDrop };

// Classifies the code point at text[i] and sets *len to its byte length.
CharClass Classify(std::string_view text, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(text[i]);
  *len = 1;
  if (c < 0x80) {
    return (c <= 0x20 || c == 0x7f) ? CharClass::kSpace : CharClass::kKeep;
  }
  auto at = [&](size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  if (c == 0xc2 && at(1) == 0xa0) {
    *len = 2;
    return CharClass::kSpace;
  }
  if (c == 0xe2 && at(1) == 0x80) {
    unsigned char d = at(2);
    *len = 3;
    if (d <= 0x8a || d == 0xaf) return CharClass::kSpace;
    if (d == 0x8b) return CharClass::kDrop;  // ZERO WIDTH SPACE
    *len = 1;
    return CharClass::kKeep;
  }
  if (c == 0xe2 && at(1) == 0x81 && at(2) == 0x9f) {
    *len = 3;
    return CharClass::kSpace;
  }
  if (c == 0xe3 && at(1) == 0x80 && at(2) == 0x80) {
    *len = 3;
    return CharClass::kSpace;
  }
  if (c == 0xef && at(1) == 0xbb && at(2) == 0xbf) {
    *len = 3;
    return CharClass::kDrop;
  }
  return CharClass::kKeep;
}

}  // namespace

void AppendCollapsed(std::string_view text, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 1;
    CharClass cls = Classify(text, i, &len);
    if (cls == CharClass::kSpace) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (cls == CharClass::kKeep) {
      size_t j = i + 1;  // copy a run of ordinary bytes at once
      while (j < text.size()) {
        auto c = static_cast<unsigned char>(text[j]);
        if (c <= 0x20 || c == 0x7f || c == 0xc2 || c == 0xe2 || c == 0xe3 ||
            c == 0xef) {
          break;
        }
        ++j;
      }
      out.append(text.substr(i, j - i));
      len = j - i;
    }
    i += len;
  }
}

void TrimTrailingSpace(std::string& text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  AppendCollapsed(text, out);
  TrimTrailingSpace(out);
  return out;
}

uint64_t BlockHash(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  uint64_t hash = kFnvOffset;
  auto mix = [&hash](const uint8_t* bytes, int32_t n) {
    for (int32_t k = 0; k < n; ++k) {
      hash ^= bytes[k];
      hash *= kFnvPrime;
    }
  };
  bool pending_space = false, started = false;
  int32_t i = 0;
  while (i < length) {
    size_t len = 1;
    CharClass cls = Classify(text, static_cast<size_t>(i), &len);
    if (cls != CharClass::kKeep) {
      pending_space = pending_space || cls == CharClass::kSpace;
      i += static_cast<int32_t>(len);
      continue;
    }
    if (pending_space && started) mix(reinterpret_cast<const uint8_t*>(" "), 1);
    pending_space = false;
    started = true;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xfffd;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    uint8_t buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    mix(buf, n);
  }
  return hash;
}

Block MakeBlock(Block::Kind kind, std::string_view text) {
  Block block;
  block.kind = kind;
  block.text = CollapseWhitespace(text);
  block.hash = BlockHash(block.text);
  return block;
}

}  // namespace haku::extractor
