// indexer/crawler/robots.h -- robots.txt per RFC 9309.
//
// RobotsRules holds the rules of one robots.txt that apply to one crawler
// (its product token, e.g. "haku"). It is a plain value, immutable after
// Parse(): thread-compatible. Matching follows RFC 9309 2.2: the group of
// our product token (case-insensitive; several matching groups combine),
// else the "*" group, else allow all; within it the longest matching
// Allow/Disallow pattern wins, Allow on a tie; `*` matches any run of
// characters and a final `$` anchors the end; percent-encoding is
// normalised before comparing. /robots.txt itself is always allowed.
#ifndef HAKU_INDEXER_CRAWLER_ROBOTS_H_
#define HAKU_INDEXER_CRAWLER_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haku::crawler {

// Bytes of a robots.txt that are parsed; the rest is ignored (RFC 9309
// 2.5 asks for at least 500 KiB).
inline constexpr size_t kMaxRobotsBytes = 500 * 1024;

class RobotsRules {
 public:
  // No rules: everything allowed (also what a 4xx robots.txt means).
  RobotsRules() = default;
  // Everything but /robots.txt disallowed (a 5xx or unreachable robots.txt).
  static RobotsRules DisallowAll();
  // The rules of `body` (its first kMaxRobotsBytes) for `product_token`.
  // Never fails: unknown or malformed lines are skipped.
  static RobotsRules Parse(std::string_view body,
                           std::string_view product_token);

  // `path` is the URL's path with its "?query", e.g. "/a/b.html?x=1".
  bool IsAllowed(std::string_view path) const;
  // Crawl-delay of the chosen group, in seconds (not part of RFC 9309,
  // widely used), nullopt when absent or malformed.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    std::string pattern;  // percent-normalised
    bool allow;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  bool disallow_all_ = false;
};

// The product token of a User-Agent: "haku/0.1 (+https://x)" -> "haku".
std::string_view ProductToken(std::string_view user_agent);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_ROBOTS_H_
