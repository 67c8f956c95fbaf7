#include "common/arena.h"

#include <gumbo.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

namespace haku {
namespace {

bool Aligned(const void* p, size_t align = alignof(std::max_align_t)) {
  return reinterpret_cast<uintptr_t>(p) % align == 0;
}

// The text of every text node under `node`, in document order.
void CollectText(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT) {
    out += node->v.text.text;
    out += '|';
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  const GumboVector& children =
      node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
  for (unsigned i = 0; i < children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(children.data[i]), out);
  }
}

}  // namespace

TEST_CASE("Arena hands out aligned, separate, writable memory of every size") {
  Arena arena;
  struct Piece {
    unsigned char* p;
    size_t n;
  };
  std::vector<Piece> pieces;
  // Small and odd sizes, zero, and sizes beyond a block (they get their own).
  // Alignments mixed: a 16-byte request after 8-byte ones is padded.
  const size_t aligns[] = {alignof(std::max_align_t), 8, 1, 4, 8, 16};
  for (size_t n : {0, 1, 3, 16, 17, 100, 4095, 5000, 70000, 2000000, 7, 300000, 24}) {
    for (int i = 0; i < 50; ++i) {
      size_t align = aligns[(pieces.size() + n) % std::size(aligns)];
      auto* p = static_cast<unsigned char*>(arena.Allocate(n, align));
      REQUIRE(p != nullptr);
      CHECK(Aligned(p, align));
      std::memset(p, static_cast<int>(pieces.size() & 0xff), n);
      pieces.push_back({p, n});
    }
  }
  // Nothing written later overwrote anything handed out earlier.
  for (size_t k = 0; k < pieces.size(); ++k) {
    const Piece& piece = pieces[k];
    for (size_t i = 0; i < piece.n; ++i) {
      if (piece.p[i] != static_cast<unsigned char>(k & 0xff)) {
        FAIL("piece " << k << " (" << piece.n << " bytes) overwritten at byte " << i);
      }
    }
  }
}

TEST_CASE("Arena refuses an alignment that is no power of two or wider than any scalar's") {
  Arena arena;
  CHECK(arena.Allocate(8, 0) == nullptr);
  CHECK(arena.Allocate(8, 12) == nullptr);
  CHECK(arena.Allocate(8, 2 * alignof(std::max_align_t)) == nullptr);
  CHECK(arena.reserved() == 0);
  CHECK(arena.Allocate(8, 2) != nullptr);
}

TEST_CASE("Arena packs small 8-byte-aligned pieces without 16-byte rounding") {
  Arena by8, by16;
  for (int i = 0; i < 100000; ++i) {
    REQUIRE(by8.Allocate(20, 8) != nullptr);
    REQUIRE(by16.Allocate(20, 16) != nullptr);
  }
  // 24 bytes a piece against 32 (plus the same red zones under ASan).
  CHECK(by8.reserved() >= 100000 * 24);
  CHECK(by8.reserved() < by16.reserved());
}

TEST_CASE("Arena takes memory from the system in growing blocks, not per allocation") {
  Arena arena;
  CHECK(arena.reserved() == 0);
  arena.Allocate(10);
  size_t first = arena.reserved();
  CHECK(first > 0);
  for (int i = 0; i < 100; ++i) arena.Allocate(10);
  CHECK(arena.reserved() == first);  // a hundred small allocations fit the first block
  size_t before = arena.reserved();
  for (int i = 0; i < 100000; ++i) arena.Allocate(48);
  // ~5 MB asked for in 100k pieces: a handful of blocks, little slack.
  CHECK(arena.reserved() - before >= 100000 * 48);
  CHECK(arena.reserved() - before < 100000 * 48 * 2);
}

TEST_CASE("Gumbo parses into an arena the same tree as with its own allocator") {
  std::string html = "<!doctype html><title>Tietoa</title><body><main><h1>Otsikko</h1>";
  for (int i = 0; i < 2000; ++i) {
    html += "<li><a href='/p" + std::to_string(i) + "'>Sivu " + std::to_string(i) + "</a> kuvaus";
  }
  html += "<p>Broken <b>nesting <i>here</b> ok</i></table></main>";

  GumboOutput* plain = gumbo_parse(html.c_str());
  std::string expected;
  CollectText(plain->document, expected);
  gumbo_destroy_output(&kGumboDefaultOptions, plain);

  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::GumboAllocate;
  options.deallocator = &Arena::GumboFree;
  options.userdata = &arena;
  GumboOutput* in_arena = gumbo_parse_with_options(&options, html.data(), html.size());
  std::string got;
  CollectText(in_arena->document, got);
  CHECK(got == expected);
  CHECK(got.find("Sivu 1999") != std::string::npos);
  CHECK(arena.reserved() > html.size());  // the tree is in the arena
}

}  // namespace haku
