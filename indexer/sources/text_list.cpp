// Plain-text resource lists: one entry per bare URL (http://, https://,
// www.). A short line without a URL that follows a blank line and is
// followed by text is a section heading ("? Data:", "Open-Access Textbooks").
#include <vector>

#include "indexer/sources/list_parser_internal.h"

namespace haku::sources::internal {
namespace {

constexpr size_t kMaxHeadingBytes = 80;

std::vector<std::string_view> SplitLines(std::string_view content) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == content.size()) break;
    start = end + 1;
  }
  return lines;
}

bool Blank(std::string_view line) { return CollapseSpace(line).empty(); }

}  // namespace

void ParseText(std::string_view content, EntrySink& sink) {
  std::vector<std::string_view> lines = SplitLines(content);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    int line_no = static_cast<int>(i + 1);
    std::vector<BareUrl> urls = FindBareUrls(line);
    if (urls.empty()) {
      bool after_blank = i == 0 || Blank(lines[i - 1]);
      bool before_text = i + 1 < lines.size() && !Blank(lines[i + 1]);
      if (after_blank && before_text && !Blank(line) && line.size() <= kMaxHeadingBytes) {
        sink.Heading(1, line);
      }
      continue;
    }
    std::vector<LinkSpan> links;
    for (BareUrl& u : urls) {
      links.push_back({u.begin, u.end, std::move(u.url), true, line_no});
    }
    sink.Block(line, links);
  }
}

}  // namespace haku::sources::internal
