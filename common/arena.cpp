#include "common/arena.h"

#include <cstdint>
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

void* Arena::Allocate(size_t n, size_t align) {
  if (align == 0 || (align & (align - 1)) != 0 || align > alignof(std::max_align_t)) return nullptr;
  const size_t asked = n;
  if (asked > (size_t{1} << 40)) return nullptr;  // no page needs this; keeps the sums below in range
  n = ((n + align - 1) & ~(align - 1)) + kRedzone;
  if (asked == 0) n += align;
  // Padding that brings the next free byte to `align` (blocks start
  // aligned for anything).
  size_t pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  if (n + pad > left_) {
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
    pad = 0;
    if (block_size_ < kMaxBlock) block_size_ *= 2;
  }
  void* p = next_ + pad;
  next_ += pad + n;
  left_ -= pad + n;
  HAKU_UNPOISON(p, asked);
  return p;
}

void* Arena::GumboAllocate(void* arena, size_t n) {
  return static_cast<Arena*>(arena)->Allocate(n, kGumboAlign);
}

void Arena::GumboFree(void* /*arena*/, void* /*p*/) {}

}  // namespace haku
