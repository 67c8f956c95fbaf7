// indexer/crawler/progress.h -- the live progress line of a crawl.
//
// On a terminal, Progress redraws one line on stderr (done/total, failures,
// rate, hosts being fetched), at most a few times a second; elsewhere it
// prints nothing. Used from the crawler's loop thread only.
#ifndef HAKU_INDEXER_CRAWLER_PROGRESS_H_
#define HAKU_INDEXER_CRAWLER_PROGRESS_H_

#include <chrono>
#include <cstdio>

namespace haku::crawler {

class Progress {
 public:
  // Draws only when `enabled` and `out` is a terminal.
  Progress(bool enabled, std::FILE* out);
  ~Progress() { Finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(int done, int total, int failed, int active_hosts);
  // Clears the line (idempotent).
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_PROGRESS_H_
