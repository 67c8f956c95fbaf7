// common/bounded_cache.h -- memoising a function of a string in bounded
// memory, for the analysers' per-word caches.
//
// Two generations of capacity/2 entries each: when the current one is full
// it becomes the old one (the one before is dropped), and an entry found in
// the old one moves back to the current one. Word frequencies are Zipfian:
// frequent words survive a turnover, where a map emptied when full would
// analyse them again (the analyser's forms cache: ~2% of a rebuild's CPU).
#ifndef HAKU_COMMON_BOUNDED_CACHE_H_
#define HAKU_COMMON_BOUNDED_CACHE_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace haku {

template <typename V>
class BoundedCache {
 public:
  explicit BoundedCache(size_t capacity) : half_(std::max<size_t>(capacity / 2, 1)) {}

  // The value cached for `key`, or null. Valid until the next Find or Put.
  V* Find(std::string_view key) {
    if (auto it = current_.find(key); it != current_.end()) return &it->second;
    auto it = old_.find(key);
    if (it == old_.end()) return nullptr;
    auto node = old_.extract(it);
    MakeRoom();
    return &current_.insert(std::move(node)).position->second;
  }

  // Caches `value` for `key`; the reference is valid until the next Find or Put.
  V& Put(std::string_view key, V value) {
    MakeRoom();
    return current_.insert_or_assign(std::string(key), std::move(value)).first->second;
  }

  size_t size() const { return current_.size() + old_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  void MakeRoom() {
    if (current_.size() < half_) return;
    old_.swap(current_);
    current_.clear();
  }

  size_t half_;
  Map current_;
  Map old_;
};

}  // namespace haku

#endif  // HAKU_COMMON_BOUNDED_CACHE_H_
