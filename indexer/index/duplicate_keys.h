// indexer/index/duplicate_keys.h -- which collapse keys more than one page has.
//
// Pages with the same content collapse into one search result. Xapian's
// collapsing reads the key (kSlotContentHash) of every candidate page of
// every search; yet few keys repeat (28 of 84,509 pages at 85k). So each
// commit lists the keys that do in the metadata (kMetaDuplicateKeys), and
// a search reads the keys of the pages it shows, collapsing only those in
// the list. An index without the list (written before it, or with more
// repeating keys than kMaxListedDuplicateKeys) collapses with Xapian.
#ifndef HAKU_INDEXER_INDEX_DUPLICATE_KEYS_H_
#define HAKU_INDEXER_INDEX_DUPLICATE_KEYS_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace haku::index {

inline constexpr std::string_view kMetaDuplicateKeys = "haku:duplicate-keys";
inline constexpr size_t kMaxListedDuplicateKeys = 4096;

// The metadata value listing the keys of kSlotContentHash that more than
// one document of `db` has; "" (no list) when there are too many.
std::string ListDuplicateKeys(const Xapian::Database& db);

// The keys that ListDuplicateKeys() listed; nullopt when `value` is no list.
std::optional<std::unordered_set<std::string>> ParseDuplicateKeys(std::string_view value);

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_DUPLICATE_KEYS_H_
