// common/memory.h -- giving freed heap back to the system.
#ifndef HAKU_COMMON_MEMORY_H_
#define HAKU_COMMON_MEMORY_H_

namespace haku {

// Returns the allocator's free pages to the system: tcmalloc's page heap
// when the program runs on tcmalloc (haku-admin links it), else glibc's
// arenas (malloc_trim). For after a phase that freed far more than the rest
// of the run will need (a parsed 8 MB list page).
void ReleaseFreeMemory();

}  // namespace haku

#endif  // HAKU_COMMON_MEMORY_H_
