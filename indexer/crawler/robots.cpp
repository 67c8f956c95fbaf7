// indexer/crawler/robots.cpp -- RFC 9309 parser and matcher.
#include "indexer/crawler/robots.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haku::crawler {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool IsTokenChar(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// RFC 9309 2.2.2: escapes of unreserved characters are decoded, other
// escapes upper-cased, non-ASCII octets escaped.
std::string NormalizeEscapes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      auto decoded = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 +
                                                HexValue(s[i + 2]));
      if (IsUnreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        AppendEscaped(out, decoded);
      }
      i += 2;
    } else if (c >= 0x80) {
      AppendEscaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Does `pattern` (with `*` and a final `$`) match a prefix of `path`?
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Glob matching with backtracking to the last `*`.
  size_t p = 0, s = 0, star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size() && (!anchored || s == path.size())) return true;
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && star_s < path.size()) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
}

std::optional<double> ParseDelay(std::string_view value) {
  double seconds = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) {
    return std::nullopt;
  }
  return seconds;
}

// The rules collected for one kind of group (ours or "*").
struct GroupRules {
  bool seen = false;
  std::vector<std::pair<std::string, bool>> rules;  // pattern, allow
  std::optional<double> crawl_delay;
};

// Line-by-line state of the parser (RFC 9309 2.1: a group is one or more
// user-agent lines followed by rules).
class Parser {
 public:
  explicit Parser(std::string_view product) : product_(product) {}
  void Line(std::string_view line);
  const GroupRules& Chosen() const { return ours_.seen ? ours_ : star_; }

 private:
  void UserAgent(std::string_view value);
  void AddToCurrent(std::string_view key, std::string_view value);

  std::string_view product_;
  GroupRules ours_, star_;
  bool in_agent_lines_ = false;
  bool current_ours_ = false, current_star_ = false;
};

void Parser::Line(std::string_view line) {
  if (size_t hash = line.find('#'); hash != std::string_view::npos) {
    line = line.substr(0, hash);
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view key = Trim(line.substr(0, colon));
  std::string_view value = Trim(line.substr(colon + 1));
  if (EqualsNoCase(key, "user-agent")) {
    UserAgent(value);
    return;
  }
  in_agent_lines_ = false;
  AddToCurrent(key, value);
}

void Parser::UserAgent(std::string_view value) {
  if (!in_agent_lines_) current_ours_ = current_star_ = false;
  in_agent_lines_ = true;
  if (value == "*") {
    current_star_ = star_.seen = true;
    return;
  }
  size_t n = 0;
  while (n < value.size() && IsTokenChar(value[n])) ++n;
  if (n > 0 && EqualsNoCase(value.substr(0, n), product_)) {
    current_ours_ = ours_.seen = true;
  }
}

void Parser::AddToCurrent(std::string_view key, std::string_view value) {
  bool allow = EqualsNoCase(key, "allow");
  bool rule = allow || EqualsNoCase(key, "disallow");
  bool delay = EqualsNoCase(key, "crawl-delay");
  for (GroupRules* group :
       {current_ours_ ? &ours_ : nullptr, current_star_ ? &star_ : nullptr}) {
    if (group == nullptr) continue;
    if (rule && !value.empty()) {
      group->rules.emplace_back(NormalizeEscapes(value), allow);
    } else if (delay && !group->crawl_delay) {
      group->crawl_delay = ParseDelay(value);
    }
  }
}

}  // namespace

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  return rules;
}

RobotsRules RobotsRules::Parse(std::string_view body,
                               std::string_view product_token) {
  body = body.substr(0, kMaxRobotsBytes);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  Parser parser(product_token);
  while (!body.empty()) {
    size_t end = body.find_first_of("\r\n");
    parser.Line(body.substr(0, end));
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
  const GroupRules& chosen = parser.Chosen();
  RobotsRules rules;
  for (const auto& [pattern, allow] : chosen.rules) {
    rules.rules_.push_back({pattern, allow});
  }
  rules.crawl_delay_ = chosen.crawl_delay;
  return rules;
}

bool RobotsRules::IsAllowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  std::string normalized = NormalizeEscapes(path);
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, normalized)) continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow)) {
      best = &rule;
    }
  }
  return best == nullptr || best->allow;
}

std::string_view ProductToken(std::string_view user_agent) {
  size_t n = 0;
  while (n < user_agent.size() && IsTokenChar(user_agent[n])) ++n;
  return user_agent.substr(0, n);
}

}  // namespace haku::crawler
