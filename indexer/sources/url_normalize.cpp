#include "indexer/sources/url_normalize.h"

#include <curl/curl.h>
#include <unicode/uidna.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace haku::sources {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

// A part of the URL as curl holds it, "" when absent.
std::string GetPart(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(u, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return "";
  }
  std::string out(value);
  curl_free(value);
  return out;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Characters that may stand raw in a path or query besides unreserved ones.
bool IsAllowedRaw(unsigned char c) {
  static constexpr std::string_view kSubDelims = "!$&'()*+,;=:@/?";
  return IsUnreserved(c) || kSubDelims.find(static_cast<char>(c)) != std::string_view::npos;
}

// RFC 3986 6.2.2.1 and 6.2.2.2 over a path or query component.
std::string NormalizePercentEncoding(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
        HexValue(in[i + 2]) >= 0) {
      unsigned char decoded =
          static_cast<unsigned char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      if (IsUnreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        out += '%';
        out += kHex[decoded >> 4];
        out += kHex[decoded & 15];
      }
      i += 2;
    } else if (IsAllowedRaw(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string DropTrackingParameters(std::string_view query) {
  std::string out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view param = query.substr(start, end - start);
    std::string_view name = param.substr(0, param.find('='));
    if (!param.empty() && !IsTrackingParameter(name)) {
      if (!out.empty()) out += '&';
      out += param;
    }
    start = end + 1;
  }
  return out;
}

std::string AsciiLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The host in lower-case ASCII; IDN labels become A-labels (UTS #46).
Result<std::string> NormalizeHost(std::string host) {
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return Status::InvalidArgument("URL has no host");
  bool ascii = std::all_of(host.begin(), host.end(),
                           [](unsigned char c) { return c < 0x80; });
  if (ascii) return AsciiLower(std::move(host));
  UErrorCode err = U_ZERO_ERROR;
  UIDNA* idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII, &err);
  if (U_FAILURE(err)) return Status::InvalidArgument("IDNA unavailable");
  char buf[512];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t n = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()),
                                     buf, sizeof buf, &info, &err);
  uidna_close(idna);
  if (U_FAILURE(err) || info.errors != 0 || n <= 0 || n >= static_cast<int32_t>(sizeof buf)) {
    return Status::InvalidArgument("invalid host name '" + host + "'");
  }
  return AsciiLower(std::string(buf, static_cast<size_t>(n)));
}

// Leading/trailing ASCII whitespace and control characters, which show up
// around URLs copied by hand, never belong to the URL.
std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

Result<std::string> NormalizeParsed(CURLU* u, std::string_view original) {
  std::string scheme = AsciiLower(GetPart(u, CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("not an http(s) URL: " + std::string(original));
  }
  if (!GetPart(u, CURLUPART_USER).empty()) {
    return Status::InvalidArgument("URL with credentials: " + std::string(original));
  }
  Result<std::string> host = NormalizeHost(GetPart(u, CURLUPART_HOST));
  if (!host.ok()) return host.status();
  std::string port = GetPart(u, CURLUPART_PORT);
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) {
    port.clear();
  }
  std::string path = NormalizePercentEncoding(GetPart(u, CURLUPART_PATH));
  if (path.empty()) path = "/";
  std::string query =
      DropTrackingParameters(NormalizePercentEncoding(GetPart(u, CURLUPART_QUERY)));
  std::string out = scheme + "://" + host.value();
  if (!port.empty()) out += ":" + port;
  out += path;
  if (!query.empty()) out += "?" + query;
  return out;
}

}  // namespace

bool IsTrackingParameter(std::string_view param) {
  static constexpr std::string_view kExact[] = {
      "fbclid", "gclid",  "dclid",  "msclkid", "mc_cid", "mc_eid", "_ga",
      "_gl",    "_hsenc", "_hsmi",  "igshid",  "yclid",  "spm"};
  if (param.substr(0, 4) == "utm_") return true;
  return std::find(std::begin(kExact), std::end(kExact), param) != std::end(kExact);
}

Result<std::string> ResolveUrl(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  if (ref.empty()) return Status::InvalidArgument("empty URL");
  if (ref.find_first_of(std::string_view("\0\r\n", 3)) != std::string_view::npos) {
    return Status::InvalidArgument("URL contains a control character");
  }
  CurlUrl u(curl_url());
  if (!u) return Status::IOError("out of memory");
  const unsigned kFlags = CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE;
  if (!base.empty()) {
    std::string b(Trim(base));
    if (curl_url_set(u.get(), CURLUPART_URL, b.c_str(), kFlags) != CURLUE_OK) {
      return Status::InvalidArgument("bad base URL: " + b);
    }
  }
  std::string r(ref);
  CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, r.c_str(), kFlags);
  if (rc != CURLUE_OK) {
    return Status::InvalidArgument("malformed URL '" + r + "': " + curl_url_strerror(rc));
  }
  return NormalizeParsed(u.get(), ref);
}

Result<std::string> NormalizeUrl(std::string_view url) {
  return ResolveUrl("", url);
}

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  if (start < url.size() && url[start] == '[') {  // IPv6 literal
    size_t close = url.find(']', start);
    return close == std::string_view::npos ? "" : std::string(url.substr(start, close + 1 - start));
  }
  size_t end = url.find_first_of(":/?#", start);
  if (end == std::string_view::npos) end = url.size();
  return std::string(url.substr(start, end - start));
}

}  // namespace haku::sources
