// indexer/crawler/address_check.h -- is an address one the crawler may
// connect to by default?
//
// The crawler checks the address it is about to connect to (after DNS, on
// every redirect hop), so a listed page cannot send it into a local network
// or a cloud metadata service. Plain functions, thread-safe.
#ifndef HAKU_INDEXER_CRAWLER_ADDRESS_CHECK_H_
#define HAKU_INDEXER_CRAWLER_ADDRESS_CHECK_H_

#include <sys/socket.h>

#include <string>
#include <string_view>

namespace haku::crawler {

// False for unspecified, loopback, private (RFC 1918, RFC 4193 fc00::/7),
// shared (100.64/10), link-local, multicast, reserved and broadcast
// addresses, IPv4 ones also when mapped into IPv6; true otherwise. False for
// a family other than AF_INET/AF_INET6.
bool IsPublicAddress(const sockaddr* address);

// Same for a numeric address ("10.0.0.1", "::1"); false when not numeric.
bool IsPublicAddress(std::string_view numeric);

// The numeric form of `address` ("127.0.0.1", "::1"), empty when unknown.
std::string AddressToString(const sockaddr* address);

}  // namespace haku::crawler

#endif  // HAKU_INDEXER_CRAWLER_ADDRESS_CHECK_H_
