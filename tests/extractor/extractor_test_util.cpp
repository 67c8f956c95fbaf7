#include "tests/extractor/extractor_test_util.h"

#include <unicode/ucnv.h>

#include <stdexcept>
#include <vector>

#include "common/file_util.h"
#include "tests/test_util.h"

namespace haku::extractor::testing {
namespace {

const char* KindName(Block::Kind kind) {
  switch (kind) {
    case Block::Kind::kParagraph: return "paragraph";
    case Block::Kind::kHeading: return "heading";
    case Block::Kind::kListItem: return "list-item";
    case Block::Kind::kTableCell: return "table-cell";
    case Block::Kind::kPre: return "pre";
    case Block::Kind::kOther: return "other";
  }
  return "?";
}

void Field(std::string& out, const char* name, const std::string& value) {
  if (!value.empty()) out += std::string(name) + ": " + value + "\n";
}

}  // namespace

std::string Dump(const ExtractedPage& page) {
  std::string out = std::string("type: ") + TypeName(page.type) + "\n";
  Field(out, "reason", page.reason);
  Field(out, "title", page.title);
  Field(out, "description", page.description);
  Field(out, "lang", page.lang_hint);
  Field(out, "canonical", page.canonical_url);
  Field(out, "modified", page.modified);
  Field(out, "charset", page.charset);
  for (const Heading& h : page.headings) {
    out += "heading " + std::to_string(h.level) + ": " + h.text + "\n";
  }
  for (const Block& b : page.blocks) {
    out += std::string("block ") + KindName(b.kind) + ": " + b.text + "\n";
  }
  for (const Block& b : page.boilerplate) out += "boilerplate: " + b.text + "\n";
  for (const std::string& l : page.links) out += "link: " + l + "\n";
  return out;
}

std::string Body(const ExtractedPage& page) {
  std::string out;
  for (const Block& b : page.blocks) out += b.text + "\n";
  return out;
}

std::string BoilerplateText(const ExtractedPage& page) {
  std::string out;
  for (const Block& b : page.boilerplate) out += b.text + "\n";
  return out;
}

std::string Encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::vector<char> out(utf8.size() * 4 + 16);
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(),
                           static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(u_errorName(status));
  return std::string(out.data(), static_cast<size_t>(n));
}

std::string DataPath(const std::string& name) {
  return haku::testing::SourceDir() + "/tests/data/extractor/" + name;
}

std::string ReadData(const std::string& name) {
  Result<std::string> data = ReadFile(DataPath(name));
  if (!data.ok()) throw std::runtime_error(data.status().ToString());
  return std::move(data).value();
}

ExtractedPage ExtractHtmlBody(std::string_view body, std::string_view charset,
                              std::string_view path) {
  std::string url = "https://example.org/" + std::string(path);
  RawPage raw{url, "text/html", charset, "", body};
  return Extract(raw);
}

}  // namespace haku::extractor::testing
