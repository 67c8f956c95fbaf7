// indexer/crawler/progress.cpp -- the live progress line of a crawl.
#include "indexer/crawler/progress.h"

#include <unistd.h>

namespace haku::crawler {

Progress::Progress(bool enabled, std::FILE* out)
    : out_(out), enabled_(enabled && isatty(fileno(out)) == 1) {}

void Progress::Update(int done, int total, int failed, int active_hosts) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  if (done != total && now - last_draw_ < std::chrono::milliseconds(200)) {
    return;
  }
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? done / seconds : 0;
  std::fprintf(out_, "\r\033[K%d/%d fetched, %d failed, %.1f/s, %d hosts", done,
               total, failed, rate, active_hosts);
  std::fflush(out_);
  drawn_ = true;
}

void Progress::Finish() {
  if (!drawn_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace haku::crawler
