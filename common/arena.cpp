#include "common/arena.h"

#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
// Under ASan, what is not handed out stays poisoned, and each allocation is
// followed by a poisoned gap: an overrun is reported as it would be on the
// heap.
constexpr size_t kRedzone = 32;
#define HAKU_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define HAKU_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
constexpr size_t kRedzone = 0;
#define HAKU_POISON(p, n) ((void)(p), (void)(n))
#define HAKU_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace haku {

Arena::~Arena() {
  for (const auto& [b, size] : blocks_) {
    HAKU_UNPOISON(b, size);
    std::free(b);
  }
}

void* Arena::Allocate(size_t n) {
  constexpr size_t kAlign = alignof(std::max_align_t);
  const size_t asked = n;
  if (asked > (size_t{1} << 40)) return nullptr;  // no page needs this; keeps the sums below in range
  n = ((n + kAlign - 1) & ~(kAlign - 1)) + kRedzone;
  if (asked == 0) n += kAlign;
  if (n > left_) {
    // Blocks double up to kMaxBlock, so a small page costs one or two; a
    // request larger than a quarter block gets a block of its own and
    // leaves the current one in use.
    size_t size = n > block_size_ / 4 ? n : block_size_;
    void* block = std::malloc(size);
    if (block == nullptr) return nullptr;
    try {
      blocks_.emplace_back(block, size);
    } catch (...) {  // no exception may cross Gumbo's C frames
      std::free(block);
      return nullptr;
    }
    reserved_ += size;
    HAKU_POISON(block, size);
    if (size != block_size_) {
      HAKU_UNPOISON(block, asked);
      return block;
    }
    next_ = static_cast<char*>(block);
    left_ = size;
    if (block_size_ < kMaxBlock) block_size_ *= 2;
  }
  void* p = next_;
  next_ += n;
  left_ -= n;
  HAKU_UNPOISON(p, asked);
  return p;
}

void* Arena::GumboAllocate(void* arena, size_t n) {
  return static_cast<Arena*>(arena)->Allocate(n);
}

void Arena::GumboFree(void* /*arena*/, void* /*p*/) {}

}  // namespace haku
