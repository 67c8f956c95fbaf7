#include "indexer/extractor/extracted_page_codec.h"

#include <cstdint>
#include <vector>

namespace haku::extractor {
namespace {

// "hx" and the layout's version.
constexpr std::string_view kMagic = "hx1";

class Writer {
 public:
  void Number(uint64_t n) {
    while (n >= 0x80) {
      out_.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
  }
  void Text(std::string_view s) {
    Number(s.size());
    out_ += s;
  }
  void Blocks(const std::vector<Block>& blocks) {
    Number(blocks.size());
    for (const Block& b : blocks) {
      Number(static_cast<uint64_t>(b.kind));
      Text(b.text);
      Number(b.hash);
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Reads what Writer wrote; any read past the end or out of range fails the
// whole decoding (ok() false) and yields zeros.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }
  uint64_t Number() {
    uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return Fail();
      auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      n |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return n;
    }
    return Fail();
  }
  std::string Text() {
    uint64_t size = Number();
    if (size > in_.size()) {
      Fail();
      return {};
    }
    std::string s(in_.substr(0, size));
    in_.remove_prefix(size);
    return s;
  }
  std::vector<Block> Blocks() {
    std::vector<Block> blocks;
    uint64_t n = Number();
    if (n > in_.size() / 3) {  // a block takes 3 bytes at least
      Fail();
      return blocks;
    }
    blocks.resize(n);
    for (Block& b : blocks) {
      uint64_t kind = Number();
      if (kind > static_cast<uint64_t>(Block::Kind::kOther)) Fail();
      b.kind = static_cast<Block::Kind>(ok_ ? kind : 0);
      b.text = Text();
      b.hash = Number();
    }
    return blocks;
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

std::string EncodeExtracted(const ExtractedPage& page) {
  Writer w;
  w.out() += kMagic;
  w.Number(static_cast<uint64_t>(page.type));
  for (const std::string* s : {&page.reason, &page.title, &page.description, &page.lang_hint,
                               &page.canonical_url, &page.modified, &page.charset}) {
    w.Text(*s);
  }
  w.Number(page.headings.size());
  for (const Heading& h : page.headings) {
    w.Number(static_cast<uint64_t>(h.level));
    w.Text(h.text);
  }
  w.Blocks(page.blocks);
  w.Blocks(page.boilerplate);
  return std::move(w.out());
}

std::optional<ExtractedPage> DecodeExtracted(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) return std::nullopt;
  Reader r(bytes.substr(kMagic.size()));
  ExtractedPage page;
  uint64_t type = r.Number();
  if (type > static_cast<uint64_t>(ExtractedPage::Type::kFailed)) return std::nullopt;
  page.type = static_cast<ExtractedPage::Type>(type);
  for (std::string* s : {&page.reason, &page.title, &page.description, &page.lang_hint,
                         &page.canonical_url, &page.modified, &page.charset}) {
    *s = r.Text();
  }
  uint64_t headings = r.Number();
  if (headings > bytes.size() / 2) return std::nullopt;  // a heading takes 2 bytes at least
  page.headings.resize(headings);
  for (Heading& h : page.headings) {
    h.level = static_cast<int>(r.Number() & 0xff);
    h.text = r.Text();
  }
  page.blocks = r.Blocks();
  page.boilerplate = r.Blocks();
  if (!r.ok() || !r.done()) return std::nullopt;
  return page;
}

}  // namespace haku::extractor
