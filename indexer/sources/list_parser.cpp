#include "indexer/sources/list_parser.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>
#include <tuple>

#include "common/file_util.h"
#include "indexer/sources/list_parser_internal.h"
#include "indexer/sources/url_normalize.h"

namespace haku::sources {
namespace internal {
namespace {

constexpr size_t kMaxDescription = 600;
constexpr size_t kMaxBareName = 80;

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Punctuation that joins a link to its description ("[X](u): text",
// "1. Name: url", "X - text") is not part of either.
std::string TrimJoiners(std::string s) {
  static constexpr std::string_view kLead = " \t:;,-–—|*?#>";
  static constexpr std::string_view kTrail = " \t:;,-–—|*(";
  auto is_lead = [](char c) { return kLead.find(c) != std::string_view::npos; };
  auto is_trail = [](char c) { return kTrail.find(c) != std::string_view::npos; };
  size_t b = 0;
  while (b < s.size() && is_lead(s[b])) ++b;
  // List numbering: "1." "2)" at the start.
  size_t d = b;
  while (d < s.size() && std::isdigit(static_cast<unsigned char>(s[d]))) ++d;
  if (d > b && d < s.size() && (s[d] == '.' || s[d] == ')') &&
      (d + 1 == s.size() || IsSpace(s[d + 1]))) {
    b = d + 1;
    while (b < s.size() && is_lead(s[b])) ++b;
  }
  size_t e = s.size();
  while (e > b && is_trail(s[e - 1])) --e;
  s = s.substr(b, e - b);
  // "(in Swedish!)" -> "in Swedish!" when the parentheses wrap it all.
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')' &&
      std::count(s.begin(), s.end(), '(') == 1) {
    s = s.substr(1, s.size() - 2);
  }
  return CollapseSpace(s);
}

// Cuts a long description to about kMaxDescription bytes at a word boundary
// (never inside a UTF-8 sequence).
std::string Cap(std::string s) {
  if (s.size() <= kMaxDescription) return s;
  size_t cut = s.rfind(' ', kMaxDescription);
  if (cut == std::string::npos || cut < kMaxDescription / 2) {
    cut = kMaxDescription;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  return s.substr(0, cut) + " …";
}

}  // namespace

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsSpace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

EntrySink::EntrySink(ParsedList& out, std::string_view origin, std::string_view base_url)
    : out_(out), origin_(origin), base_url_(base_url) {
  if (!base_url_.empty()) self_url_ = NormalizeUrl(base_url_).value_or_empty();
}

void EntrySink::Heading(int level, std::string_view text) {
  std::string clean = TrimJoiners(CollapseSpace(text));
  if (clean.empty()) return;
  if (title_rule_ && out_.title.empty() && out_.entries.empty() && headings_.empty() &&
      title_level_ == 0) {
    out_.title = clean;
    title_level_ = level;
    return;
  }
  while (!headings_.empty() && headings_.back().first >= level) headings_.pop_back();
  headings_.emplace_back(level, clean);
}

void EntrySink::Warn(int line, std::string_view what) {
  out_.warnings.push_back(origin_ + ":" + std::to_string(line) + ": " + std::string(what));
}

void EntrySink::Block(std::string_view text, const std::vector<LinkSpan>& links) {
  size_t prev_end = 0;
  for (size_t i = 0; i < links.size(); ++i) {
    const LinkSpan& link = links[i];
    size_t text_begin = link.begin;
    std::string link_text;
    if (link.bare) {
      // The words between the previous link and this one name it.
      link_text = TrimJoiners(std::string(text.substr(prev_end, link.begin - prev_end)));
      // A sentence before a URL describes it; only a short phrase names it.
      if (link_text.size() > kMaxBareName) link_text.clear();
      if (!link_text.empty()) text_begin = prev_end;
      if (link_text.empty() && i > 0 && links[0].bare) {
        link_text = TrimJoiners(std::string(text.substr(0, links[0].begin)));
      }
    } else {
      link_text = CollapseSpace(text.substr(link.begin, link.end - link.begin));
    }
    prev_end = link.end;
    if (link.href.empty()) continue;
    Result<std::string> url = ResolveUrl(base_url_, link.href);
    if (!url.ok()) {
      std::string_view href = link.href;
      bool looks_http = href.substr(0, 4) == "http" || href.substr(0, 4) == "www.";
      if (looks_http) Warn(link.line, "skipped link: " + url.status().message());
      continue;
    }
    // The description: the block without this link and its name, and
    // without the other bare URLs (they are entries of their own).
    std::string rest;
    size_t pos = 0;
    for (size_t k = 0; k <= links.size(); ++k) {
      size_t cut_begin = text.size(), cut_end = text.size();
      if (k < links.size()) {
        if (k == i) {
          cut_begin = text_begin;
          cut_end = link.end;
        } else if (links[k].bare) {
          cut_begin = links[k].begin;
          cut_end = links[k].end;
        } else {
          continue;
        }
      }
      if (cut_begin < pos) cut_begin = pos;
      rest.append(text.substr(pos, cut_begin - pos));
      rest += ' ';
      pos = std::max(pos, cut_end);
    }
    // "#section" links and links back to the list itself are navigation.
    if (!self_url_.empty() && url.value() == self_url_) continue;
    ResourceEntry e;
    e.url = std::move(url.value());
    e.link_text = std::move(link_text);
    e.description = Cap(TrimJoiners(CollapseSpace(rest)));
    for (const auto& h : headings_) e.headings.push_back(h.second);
    e.list_name = out_.name;
    e.line = link.line;
    out_.entries.push_back(std::move(e));
  }
}

std::vector<BareUrl> FindBareUrls(std::string_view text) {
  std::vector<BareUrl> found;
  size_t i = 0;
  while (i < text.size()) {
    size_t http = text.find("http", i);
    size_t www = text.find("www.", i);
    size_t at = std::min(http, www);
    if (at == std::string_view::npos) break;
    bool is_www = at == www && at != http;
    std::string_view tail = text.substr(at);
    bool scheme = tail.substr(0, 7) == "http://" || tail.substr(0, 8) == "https://";
    bool boundary = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    if (!boundary || (!scheme && !is_www)) {
      i = at + 1;
      continue;
    }
    size_t end = at;
    while (end < text.size() && !IsSpace(static_cast<unsigned char>(text[end])) &&
           text[end] != '<' && text[end] != '>' && text[end] != '"') {
      ++end;
    }
    // Sentence punctuation after a URL is not part of it; ')' only when the
    // URL opened no parenthesis.
    while (end > at) {
      char c = text[end - 1];
      std::string_view u = text.substr(at, end - at);
      if (std::string_view(".,;:!?'").find(c) != std::string_view::npos ||
          (c == ')' && std::count(u.begin(), u.end(), '(') < std::count(u.begin(), u.end(), ')')) ||
          c == ']' || c == '}') {
        --end;
      } else {
        break;
      }
    }
    std::string url(text.substr(at, end - at));
    if (is_www) {
      // A www. domain needs a dot after the label: "www.example.org".
      if (url.find('.', 4) == std::string::npos) {
        i = end > at ? end : at + 1;
        continue;
      }
      url = "http://" + url;
    }
    found.push_back({at, end, std::move(url)});
    i = end > at ? end : at + 1;
  }
  return found;
}

}  // namespace internal

ListFormat GuessFormat(std::string_view path, std::string_view content) {
  std::string ext(path.substr(path.rfind('.') == std::string_view::npos ? path.size()
                                                                         : path.rfind('.')));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return ListFormat::kHtml;
  if (ext == ".md" || ext == ".markdown" || ext == ".mdown") return ListFormat::kMarkdown;
  std::string head(content.substr(0, 512));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos) {
    return ListFormat::kHtml;
  }
  return ListFormat::kText;
}

std::string ListNameFor(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t q = path.find_first_of("?#");
  if (q != std::string_view::npos) path = path.substr(0, q);
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

ParsedList ParseList(std::string_view content, ListFormat format, std::string_view name,
                     std::string_view origin, std::string_view base_url) {
  ParsedList out;
  out.name = std::string(name);
  internal::EntrySink sink(out, origin, base_url);
  switch (format) {
    case ListFormat::kMarkdown:
      internal::ParseMarkdown(content, sink);
      break;
    case ListFormat::kHtml:
      internal::ParseHtml(content, sink);
      break;
    case ListFormat::kText:
      sink.set_title_rule(false);
      internal::ParseText(content, sink);
      break;
  }
  return out;
}

namespace {

// A list must be text: no NUL bytes and valid UTF-8 (a stray Latin-1 byte
// would be mangled silently otherwise).
Status CheckText(const std::string& path, std::string_view content) {
  if (content.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(path + ": not a text file (binary content)");
  }
  size_t i = 0;
  int line = 1;
  while (i < content.size()) {
    unsigned char c = static_cast<unsigned char>(content[i]);
    if (c == '\n') ++line;
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= content.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(content[i + k]) & 0xC0) == 0x80;
    }
    if (!ok) {
      return Status::InvalidArgument(path + ":" + std::to_string(line) +
                                     ": not UTF-8 text (convert the list to UTF-8)");
    }
    i += len;
  }
  return Status::OK();
}

}  // namespace

Result<ParsedList> ParseListFile(const std::string& path) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.status();
  Status text = CheckText(path, content.value());
  if (!text.ok()) return text;
  std::string_view body = content.value();
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 BOM
  return ParseList(body, GuessFormat(path, body), ListNameFor(path), path);
}

std::vector<Resource> MergeEntries(const std::vector<ResourceEntry>& entries) {
  std::vector<Resource> out;
  std::unordered_map<std::string, size_t> index;
  std::set<std::tuple<std::string, std::string, int>> seen;
  for (const ResourceEntry& e : entries) {
    if (!seen.insert({e.url, e.list_name, e.line}).second) continue;
    auto [it, inserted] = index.try_emplace(e.url, out.size());
    if (inserted) out.push_back(Resource{e.url, {}});
    out[it->second].entries.push_back(e);
  }
  return out;
}

}  // namespace haku::sources
