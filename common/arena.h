// common/arena.h -- a bump allocator whose memory is freed all at once.
// For parsers that make millions of small allocations which all die
// together (Gumbo's tree of one page): no per-allocation header or
// size-class rounding, and no freed small blocks left interleaved with the
// rest of the program's heap afterwards.
#ifndef HAKU_COMMON_ARENA_H_
#define HAKU_COMMON_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace haku {

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // `n` bytes aligned to `align` (a power of two, at most that of any
  // scalar type), freed with the arena; null when the system has no more
  // memory.
  void* Allocate(size_t n, size_t align = alignof(std::max_align_t));
  // Bytes taken from the system so far.
  size_t reserved() const { return reserved_; }

  // GumboOptions::allocator / deallocator, with the arena as userdata.
  // Gumbo's frees are ignored (its temporaries are ~20% of a parse's
  // bytes), and so is gumbo_destroy_output: the arena frees the output.
  // Gumbo's structs hold pointers, sizes, ints and (GumboError) a
  // uint64_t, nothing wider: its blocks are aligned to kGumboAlign (8 on
  // x86-64), not 16 (an 8 MB page makes 3 million allocations averaging
  // 28 bytes: 16-byte rounding cost ~20 MB).
  static void* GumboAllocate(void* arena, size_t n);
  static void GumboFree(void* arena, void* p);

 private:
  static constexpr size_t kGumboAlign =
      alignof(void*) > alignof(std::uint64_t) ? alignof(void*) : alignof(std::uint64_t);
  static constexpr size_t kFirstBlock = 16 << 10;
  static constexpr size_t kMaxBlock = 1 << 20;

  std::vector<std::pair<void*, size_t>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t block_size_ = kFirstBlock;
  size_t reserved_ = 0;
};

}  // namespace haku

#endif  // HAKU_COMMON_ARENA_H_
