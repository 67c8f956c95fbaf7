#include "indexer/index/duplicate_keys.h"

#include <algorithm>
#include <vector>

#include "indexer/index/schema.h"

namespace haku::index {
namespace {
// The list: "keys N\n", then each key as one length byte and its bytes.
constexpr std::string_view kHeader = "keys ";
}  // namespace

std::string ListDuplicateKeys(const Xapian::Database& db) {
  std::vector<std::string> keys;
  keys.reserve(db.get_value_freq(kSlotContentHash));
  for (auto it = db.valuestream_begin(kSlotContentHash); it != db.valuestream_end(kSlotContentHash);
       ++it) {
    keys.push_back(*it);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> repeated;
  for (size_t i = 1; i < keys.size(); ++i) {
    if (keys[i] != keys[i - 1] || (!repeated.empty() && repeated.back() == keys[i])) continue;
    if (keys[i].size() > 255 || repeated.size() == kMaxListedDuplicateKeys) return "";
    repeated.push_back(keys[i]);
  }
  std::string out = std::string(kHeader) + std::to_string(repeated.size()) + "\n";
  for (const std::string& k : repeated) {
    out.push_back(static_cast<char>(k.size()));
    out += k;
  }
  return out;
}

std::optional<std::unordered_set<std::string>> ParseDuplicateKeys(std::string_view value) {
  if (!value.starts_with(kHeader)) return std::nullopt;
  size_t eol = value.find('\n');
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view count = value.substr(kHeader.size(), eol - kHeader.size());
  if (count.empty() || count.find_first_not_of("0123456789") != std::string_view::npos ||
      count.size() > 6) {
    return std::nullopt;
  }
  size_t n = std::stoul(std::string(count));
  std::unordered_set<std::string> keys;
  for (size_t at = eol + 1; at < value.size();) {
    size_t size = static_cast<unsigned char>(value[at]);
    if (at + 1 + size > value.size()) return std::nullopt;
    keys.emplace(value.substr(at + 1, size));
    at += 1 + size;
  }
  if (keys.size() != n) return std::nullopt;
  return keys;
}

}  // namespace haku::index
