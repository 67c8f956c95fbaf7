// common/thread_priority.h -- making a helper thread yield to the thread a
// run waits for.
#ifndef HAKU_COMMON_THREAD_PRIORITY_H_
#define HAKU_COMMON_THREAD_PRIORITY_H_

#include <cstddef>
#include <functional>

namespace haku {

// How much nicer than the index writer thread the threads that feed it
// (extraction, analysis) are: on a machine whose cores they fill, the
// writer, which a rebuild waits for, then gets a core of its own.
inline constexpr int kFeederNice = 10;

// Raises the calling thread's nice value by `by` (at most to 19): per thread
// on Linux, and raising it needs no privilege (lowering it again does: call
// it only on threads made for the purpose).
void LowerThreadPriority(int by = kFeederNice);

// Runs fn(0) ... fn(n - 1), each on a thread of its own at kFeederNice, and
// waits for all of them; the caller's priority stays as it is.
void RunOnFeederThreads(size_t n, const std::function<void(size_t)>& fn);

}  // namespace haku

#endif  // HAKU_COMMON_THREAD_PRIORITY_H_
