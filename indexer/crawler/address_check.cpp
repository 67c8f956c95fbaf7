// indexer/crawler/address_check.cpp -- special-purpose address ranges
// (IANA IPv4/IPv6 special-purpose registries).
#include "indexer/crawler/address_check.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace haku::crawler {
namespace {

struct Range4 {
  uint32_t base;
  int bits;
};

constexpr Range4 kBlocked4[] = {
    {0x00000000, 8},   // 0/8 "this network"
    {0x0A000000, 8},   // 10/8 private
    {0x64400000, 10},  // 100.64/10 shared (CGNAT)
    {0x7F000000, 8},   // 127/8 loopback
    {0xA9FE0000, 16},  // 169.254/16 link-local (cloud metadata)
    {0xAC100000, 12},  // 172.16/12 private
    {0xC0000000, 24},  // 192.0.0/24 protocol assignments
    {0xC0000200, 24},  // 192.0.2/24 documentation
    {0xC0A80000, 16},  // 192.168/16 private
    {0xC6120000, 15},  // 198.18/15 benchmarking
    {0xC6336400, 24},  // 198.51.100/24 documentation
    {0xCB007100, 24},  // 203.0.113/24 documentation
    {0xE0000000, 4},   // 224/4 multicast
    {0xF0000000, 4},   // 240/4 reserved, incl. broadcast
};

bool IsPublic4(uint32_t host_order) {
  for (const Range4& r : kBlocked4) {
    uint32_t mask = r.bits == 0 ? 0 : ~uint32_t{0} << (32 - r.bits);
    if ((host_order & mask) == r.base) return false;
  }
  return true;
}

uint32_t Load4(const unsigned char* b) {
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 |
         uint32_t{b[3]};
}

bool IsPublic6(const in6_addr& a) {
  const unsigned char* b = a.s6_addr;
  static const unsigned char kZero[16] = {};
  if (std::memcmp(b, kZero, 15) == 0 && (b[15] == 0 || b[15] == 1)) {
    return false;  // :: and ::1
  }
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) carry IPv4.
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0,    0,
                                            0, 0, 0, 0, 0xff, 0xff};
  static const unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0) {
    return IsPublic4(Load4(b + 12));
  }
  if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 ULA
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;  // fec0::/10
  if (b[0] == 0xff) return false;                           // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return false;  // 2001:db8::/32 documentation
  }
  return true;
}

}  // namespace

bool IsPublicAddress(const sockaddr* address) {
  if (address == nullptr) return false;
  if (address->sa_family == AF_INET) {
    sockaddr_in in4;
    std::memcpy(&in4, address, sizeof in4);
    return IsPublic4(ntohl(in4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, address, sizeof in6);
    return IsPublic6(in6.sin6_addr);
  }
  return false;
}

bool IsPublicAddress(std::string_view numeric) {
  std::string text(numeric);
  in_addr a4;
  if (inet_pton(AF_INET, text.c_str(), &a4) == 1) {
    return IsPublic4(ntohl(a4.s_addr));
  }
  in6_addr a6;
  if (inet_pton(AF_INET6, text.c_str(), &a6) == 1) return IsPublic6(a6);
  return false;
}

std::string AddressToString(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    sockaddr_in in4;
    std::memcpy(&in4, address, sizeof in4);
    inet_ntop(AF_INET, &in4.sin_addr, buf, sizeof buf);
  } else if (address->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, address, sizeof in6);
    inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof buf);
  }
  return buf;
}

}  // namespace haku::crawler
