// indexer/crawler/sha256.h -- SHA-256 of a byte string, for content hashes.
//
// A plain function of its input: thread-safe. FIPS 180-4; no third-party
// dependency (none of ours exposes a digest).
#ifndef HAKU_INDEXER_CRAWLER_SHA256_H_
#define HAKU_INDEXER_CRAWLER_SHA256_H_

#include <string>
#include <string_view>

namespace haku::crawler {

// 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_SHA256_H_
