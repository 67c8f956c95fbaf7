#include "common/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace haku {

void LowerThreadPriority(int by) {
  const auto self = static_cast<id_t>(gettid());
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, self);  // -1 is a valid value
  if (errno != 0) return;
  (void)setpriority(PRIO_PROCESS, self, std::min(19, nice + by));
}

}  // namespace haku
