// common/thread_priority.h -- making a helper thread yield to the thread a
// run waits for.
#ifndef HAKU_COMMON_THREAD_PRIORITY_H_
#define HAKU_COMMON_THREAD_PRIORITY_H_

namespace haku {

// How much nicer than the index writer thread the threads that feed it
// (extraction, analysis) are: on a machine whose cores they fill, the
// writer, which a rebuild waits for, then gets a core of its own.
inline constexpr int kFeederNice = 10;

// Raises the calling thread's nice value by `by` (at most to 19): per thread
// on Linux, and raising it needs no privilege (lowering it again does: call
// it only on threads made for the purpose).
void LowerThreadPriority(int by = kFeederNice);

}  // namespace haku

#endif  // HAKU_COMMON_THREAD_PRIORITY_H_
