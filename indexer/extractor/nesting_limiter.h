// indexer/extractor/nesting_limiter.h -- a guard against pathological depth.
//
// Gumbo's tree builder scans the stack of open elements for many tags, so a
// page of 100,000 nested <div>s takes seconds to parse (quadratic) and its
// error records grow quadratically. LimitNesting() is a cheap tag-level scan
// run before parsing: when the nesting of elements that need an end tag goes
// deeper than `max_depth`, the tags below that depth are removed (block
// tags become <br>, so text boundaries survive). Text is never removed.
// Thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_NESTING_LIMITER_H_
#define HAKU_INDEXER_EXTRACTOR_NESTING_LIMITER_H_

#include <string>
#include <string_view>

namespace haku::extractor {

// The deepest nesting of elements with required end tags, as a tag scanner
// sees it (no tree building, comments and script/style bodies skipped).
int EstimateNestingDepth(std::string_view html);

// True and `*out` set to the flattened page when the depth exceeds
// `max_depth`; false (and `*out` untouched) otherwise.
bool LimitNesting(std::string_view html, int max_depth, std::string* out);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_NESTING_LIMITER_H_
