#include "indexer/extractor/url_resolver.h"

#include <algorithm>
#include <vector>

namespace haku::extractor {
namespace {

struct UrlParts {
  std::string scheme;  // lower case, without ':'
  std::string authority;
  std::string path;
  std::string query;  // with '?', or empty
  bool has_authority = false;
};

bool IsSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// Trims spaces and removes tabs and newlines, as browsers do.
std::string CleanRef(std::string_view ref) {
  std::string out;
  for (char c : ref) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  size_t b = out.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  size_t e = out.find_last_not_of(' ');
  std::replace(out.begin(), out.end(), '\\', '/');
  return out.substr(b, e - b + 1);
}

// Splits `url` (fragment already removed). `scheme` stays empty for a
// relative reference.
UrlParts Split(std::string_view url) {
  UrlParts p;
  size_t colon = url.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    bool ok = IsSchemeChar(url[0], true);
    for (size_t i = 1; ok && i < colon; ++i) ok = IsSchemeChar(url[i], false);
    if (ok) {
      p.scheme = Lower(url.substr(0, colon));
      url.remove_prefix(colon + 1);
    }
  }
  if (url.starts_with("//")) {
    url.remove_prefix(2);
    size_t end = url.find_first_of("/?");
    p.authority = Lower(url.substr(0, end));
    p.has_authority = true;
    url = end == std::string_view::npos ? "" : url.substr(end);
  }
  size_t q = url.find('?');
  p.path = std::string(url.substr(0, q));
  if (q != std::string_view::npos) p.query = std::string(url.substr(q));
  return p;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  bool absolute = path.starts_with('/');
  size_t pos = absolute ? 1 : 0;
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(pos, end - pos);
    trailing_slash = false;
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = true;
    } else if (seg == ".") {
      trailing_slash = true;
    } else {
      out.push_back(seg);
    }
    pos = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result += '/';
    result += out[i];
  }
  if (trailing_slash && !result.ends_with('/')) result += '/';
  return result;
}

// Built with append(): GCC 12 -O3 warns (-Wrestrict, falsely) on operator+.
std::string MergePaths(const UrlParts& base, std::string_view ref_path) {
  std::string merged;
  size_t slash = base.path.rfind('/');
  if (base.has_authority && base.path.empty()) {
    merged.push_back('/');
  } else if (slash != std::string::npos) {
    merged.append(base.path, 0, slash + 1);
  }
  merged.append(ref_path);
  return merged;
}

std::string Join(const UrlParts& p) {
  std::string path = p.path.empty() ? "/" : p.path;
  return p.scheme + "://" + p.authority + path + p.query;
}

bool IsHttp(const UrlParts& p) {
  return (p.scheme == "http" || p.scheme == "https") && p.has_authority &&
         !p.authority.empty();
}

}  // namespace

std::string ResolveUrl(std::string_view base_url, std::string_view ref_url) {
  std::string ref = CleanRef(ref_url);
  ref = ref.substr(0, ref.find('#'));
  if (ref.empty()) return "";
  UrlParts r = Split(ref);
  if (!r.scheme.empty()) {
    if (!IsHttp(r)) return "";
    r.path = RemoveDotSegments(r.path);
    return Join(r);
  }
  std::string base_clean = CleanRef(base_url);
  UrlParts b = Split(base_clean.substr(0, base_clean.find('#')));
  if (!IsHttp(b)) return "";
  UrlParts t;
  t.scheme = b.scheme;
  t.has_authority = true;
  if (r.has_authority) {
    t.authority = r.authority;
    t.path = RemoveDotSegments(r.path);
    t.query = r.query;
  } else {
    t.authority = b.authority;
    if (r.path.empty()) {
      t.path = b.path;
      t.query = r.query.empty() ? b.query : r.query;
    } else {
      t.path = RemoveDotSegments(r.path.starts_with('/') ? r.path
                                                         : MergePaths(b, r.path));
      t.query = r.query;
    }
  }
  if (!IsHttp(t)) return "";
  return Join(t);
}

std::string UrlHost(std::string_view url) {
  UrlParts p = Split(url.substr(0, url.find('#')));
  std::string host = p.authority;
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  if (!host.starts_with('[')) host = host.substr(0, host.find(':'));
  return host;
}

}  // namespace haku::extractor
