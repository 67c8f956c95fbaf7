#include "indexer/extractor/content_sniffer.h"

#include <array>

#include "indexer/extractor/charset.h"
#include "indexer/extractor/text_extractor.h"

namespace haku::extractor {
namespace {

constexpr size_t kSniffBytes = 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n\"'");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n\"'");
  return std::string(s.substr(b, e - b + 1));
}

bool StartsWithHtml(std::string_view head) {
  static constexpr std::array<std::string_view, 6> kStarts = {
      "<!doctype html", "<html", "<head", "<body", "<title", "<meta"};
  std::string lower = Lower(head.substr(0, 32));
  for (std::string_view s : kStarts) {
    if (lower.starts_with(s)) return true;
  }
  // A comment first, then HTML.
  if (lower.starts_with("<!--")) {
    size_t end = head.find("-->");
    if (end == std::string_view::npos) return false;
    std::string_view rest = head.substr(end + 3);
    size_t lt = rest.find_first_not_of(" \t\r\n");
    return lt != std::string_view::npos && StartsWithHtml(rest.substr(lt));
  }
  return false;
}

// Binary: NUL bytes or many control characters in the first KiB, unless a
// UTF-16 BOM explains the NULs.
bool LooksBinary(std::string_view head) {
  size_t bom = 0;
  std::string_view kind = SniffBom(head, &bom);
  if (kind == "UTF-16LE" || kind == "UTF-16BE") return false;
  size_t controls = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
        c != 0x1b) {
      ++controls;
    }
  }
  return controls * 20 > head.size();
}

}  // namespace

std::string MediaType(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';'))));
}

std::string CharsetParam(std::string_view content_type) {
  std::string lower = Lower(content_type);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string_view rest = std::string_view(content_type).substr(at + 8);
  return Trim(rest.substr(0, rest.find(';')));
}

ContentKind SniffContent(std::string_view body) {
  std::string_view head = body.substr(0, kSniffBytes);
  if (head.substr(0, 5) == "%PDF-") return ContentKind::kPdf;
  if (LooksBinary(head)) return ContentKind::kOther;
  size_t bom = 0;
  SniffBom(head, &bom);
  std::string_view rest = head.substr(bom);
  size_t start = rest.find_first_not_of(" \t\r\n\f");
  if (start != std::string_view::npos && StartsWithHtml(rest.substr(start))) {
    return ContentKind::kHtml;
  }
  return ContentKind::kPlainText;
}

ContentKind ClassifyContent(std::string_view media_type, std::string_view url,
                            std::string_view body) {
  if (media_type == "text/html" || media_type == "application/xhtml+xml") {
    return ContentKind::kHtml;
  }
  if (media_type == "application/pdf" || media_type == "application/x-pdf") {
    return ContentKind::kPdf;
  }
  if (media_type == "text/markdown" || media_type == "text/x-markdown") {
    return ContentKind::kMarkdown;
  }
  if (media_type == "text/plain") {
    return IsMarkdownPath(url) ? ContentKind::kMarkdown
                               : ContentKind::kPlainText;
  }
  if (!media_type.empty() && media_type != "application/octet-stream" &&
      media_type != "binary/octet-stream" &&
      media_type != "application/unknown") {
    return ContentKind::kOther;
  }
  ContentKind sniffed = SniffContent(body);
  if (sniffed == ContentKind::kPlainText && IsMarkdownPath(url)) {
    return ContentKind::kMarkdown;
  }
  return sniffed;
}

}  // namespace haku::extractor
