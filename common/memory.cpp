#include "common/memory.h"

#include <dlfcn.h>
#include <malloc.h>

namespace haku {

void ReleaseFreeMemory() {
  // Looked up at run time: the libraries do not know which allocator the
  // program was linked with, and the sanitizer build has none but ASan's.
  using ReleaseFn = void (*)();
  static const ReleaseFn tcmalloc_release =
      reinterpret_cast<ReleaseFn>(::dlsym(RTLD_DEFAULT, "MallocExtension_ReleaseFreeMemory"));
  if (tcmalloc_release != nullptr) {
    tcmalloc_release();
  } else {
    ::malloc_trim(0);
  }
}

}  // namespace haku
