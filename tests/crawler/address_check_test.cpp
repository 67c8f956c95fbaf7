// Tests for indexer/crawler/address_check.h.
#include "indexer/crawler/address_check.h"

#include <doctest/doctest.h>

namespace haku::crawler {
namespace {

TEST_CASE("Non-public addresses are recognised, IPv4 and IPv6") {
  const char* blocked[] = {"127.0.0.1",
                           "127.1.2.3",
                           "10.0.0.1",
                           "172.16.0.1",
                           "172.31.255.255",
                           "192.168.1.1",
                           "169.254.169.254",
                           "100.64.0.1",
                           "0.0.0.0",
                           "224.0.0.1",
                           "239.255.255.250",
                           "255.255.255.255",
                           "192.0.2.1",
                           "::",
                           "::1",
                           "fc00::1",
                           "fd12:3456::1",
                           "fe80::1",
                           "ff02::1",
                           "::ffff:127.0.0.1",
                           "::ffff:10.1.2.3",
                           "64:ff9b::a9fe:a9fe",
                           "2001:db8::1",
                           "not an address",
                           ""};
  for (const char* a : blocked) {
    CAPTURE(a);
    CHECK_FALSE(IsPublicAddress(a));
  }
  const char* open[] = {"93.184.216.34", "8.8.8.8",     "172.32.0.1",
                        "192.169.0.1",   "100.128.0.1", "2606:4700::1111",
                        "::ffff:8.8.8.8"};
  for (const char* a : open) {
    CAPTURE(a);
    CHECK(IsPublicAddress(a));
  }
}

}  // namespace
}  // namespace haku::crawler
