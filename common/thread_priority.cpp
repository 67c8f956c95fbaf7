#include "common/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <vector>

namespace haku {

void LowerThreadPriority(int by) {
  const auto self = static_cast<id_t>(gettid());
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, self);  // -1 is a valid value
  if (errno != 0) return;
  (void)setpriority(PRIO_PROCESS, self, std::min(19, nice + by));
}

void RunOnFeederThreads(size_t n, const std::function<void(size_t)>& fn) {
  std::vector<std::thread> pool;
  for (size_t t = 0; t < n; ++t) {
    pool.emplace_back([&fn, t] {
      LowerThreadPriority();
      fn(t);
    });
  }
  for (std::thread& th : pool) th.join();
}

}  // namespace haku
