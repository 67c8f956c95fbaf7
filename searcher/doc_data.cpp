#include "searcher/doc_data.h"

#include <cstdint>

namespace haku::search {
namespace {

// Values nested deeper than this are refused as malformed (nlohmann has no
// limit; IndexWriter writes depth 3).
constexpr int kMaxDepth = 64;

// A recursive-descent reader over `in_`: each function returns false on
// malformed input. A known key holding another type sets `wrong_type_`
// and reading goes on (the rest may still be malformed).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  DocDataStatus Document(DocData& data) {
    if (in_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // a byte order mark: nlohmann skips it
    SkipSpace();
    if (!Peek('{') || !Object(data)) return DocDataStatus::kMalformed;
    SkipSpace();
    if (pos_ != in_.size()) return DocDataStatus::kMalformed;
    return wrong_type_ ? DocDataStatus::kWrongType : DocDataStatus::kOk;
  }

 private:
  bool Object(DocData& data) {
    return Members([&](std::string_view key) {
      if (key == "url") return String(&data.url);
      if (key == "final_url") return String(&data.final_url);
      if (key == "title") return String(&data.title);
      if (key == "description") return String(&data.description);
      if (key == "lang") return String(&data.lang);
      if (key == "langs") return Strings(&data.langs);
      if (key == "type") return String(&data.type);
      if (key == "state") return String(&data.state);
      if (key == "contexts") return Contexts(&data.contexts);
      return Skip(1);
    });
  }

  bool Context(DocContext& c) {
    return Members([&](std::string_view key) {
      if (key == "list") return String(&c.list);
      if (key == "sections") return Strings(&c.sections);
      if (key == "link_text") return String(&c.link_text);
      if (key == "description") return String(&c.description);
      return Skip(3);
    });
  }

  // '{' (key ':' value (',' key ':' value)*)? '}', `member(key)` reading
  // each value.
  template <typename Fn>
  bool Members(Fn member) {
    SkipSpace();
    if (!Eat('{')) return TypeMismatch();
    SkipSpace();
    if (Eat('}')) return true;
    for (;;) {
      SkipSpace();
      std::string key;
      if (!Peek('"') || !StringBody(&key)) return false;
      SkipSpace();
      if (!Eat(':')) return false;
      SkipSpace();
      if (!member(std::string_view(key))) return false;
      SkipSpace();
      if (Eat('}')) return true;
      if (!Eat(',')) return false;
    }
  }

  // A string value into `out` (null and other types are a wrong type).
  bool String(std::string* out) {
    if (!Peek('"')) return TypeMismatch();
    out->clear();
    return StringBody(out);
  }

  bool Strings(std::vector<std::string>* out) {
    out->clear();
    return Elements([&] { return String(&out->emplace_back()); });
  }

  bool Contexts(std::vector<DocContext>* out) {
    out->clear();
    if (Literal("null")) return true;  // iterated by nlohmann as empty
    return Elements([&] { return Context(out->emplace_back()); });
  }

  // '[' (value (',' value)*)? ']', `element()` reading each value.
  template <typename Fn>
  bool Elements(Fn element) {
    if (!Eat('[')) return TypeMismatch();
    SkipSpace();
    if (Eat(']')) return true;
    for (;;) {
      SkipSpace();
      if (!element()) return false;
      SkipSpace();
      if (Eat(']')) return true;
      if (!Eat(',')) return false;
    }
  }

  // Any value, checked and dropped.
  bool Skip(int depth) {
    if (depth > kMaxDepth || pos_ >= in_.size()) return false;
    switch (in_[pos_]) {
      case '"':
        return StringBody(nullptr);
      case '{':
        return Members([&](std::string_view) { return Skip(depth + 1); });
      case '[':
        return Elements([&] { return Skip(depth + 1); });
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number();
    }
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool Number() {
    Eat('-');
    if (Eat('0')) {
    } else if (!Digits()) {
      return false;
    }
    if (Eat('.') && !Digits()) return false;
    if (Eat('e') || Eat('E')) {
      if (!Eat('+')) Eat('-');
      if (!Digits()) return false;
    }
    return true;
  }

  bool Digits() {
    size_t start = pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  // The string at `pos_` (its opening quote), unescaped into `out` unless
  // null. Refuses what RFC 8259 does: raw control characters, unknown
  // escapes, unpaired surrogates, bytes that are not UTF-8.
  bool StringBody(std::string* out) {
    ++pos_;  // the opening quote
    for (;;) {
      size_t run = pos_;
      while (pos_ < in_.size()) {
        auto c = static_cast<unsigned char>(in_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      if (out != nullptr) out->append(in_.data() + run, pos_ - run);
      if (pos_ >= in_.size()) return false;
      auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        size_t len = Utf8Length(pos_);
        if (len == 0) return false;
        if (out != nullptr) out->append(in_.data() + pos_, len);
        pos_ += len;
        continue;
      }
      if (!Escape(out)) return false;
    }
  }

  // The length of the UTF-8 sequence at `at` (RFC 3629: no overlong forms,
  // surrogates or code points past U+10FFFF), 0 if it is none.
  size_t Utf8Length(size_t at) const {
    auto byte = [&](size_t i) -> unsigned {
      return at + i < in_.size() ? static_cast<unsigned char>(in_[at + i]) : 0u;
    };
    unsigned b0 = byte(0);
    auto cont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
      unsigned b = byte(i);
      return b >= lo && b <= hi;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
  }

  // The escape at `pos_` (its backslash).
  bool Escape(std::string* out) {
    static constexpr std::string_view kNamed = "\"\\/bfnrt";
    static constexpr std::string_view kMeant = "\"\\/\b\f\n\r\t";
    if (pos_ + 1 >= in_.size()) return false;
    char e = in_[pos_ + 1];
    pos_ += 2;
    if (e == 'u') return UnicodeEscape(out);
    size_t i = kNamed.find(e);
    if (i == std::string_view::npos) return false;
    if (out != nullptr) out->push_back(kMeant[i]);
    return true;
  }

  // After "\u": four hex digits, and for a high surrogate a "\u" low one.
  bool UnicodeEscape(std::string* out) {
    int32_t cp = Hex4();
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (pos_ + 1 >= in_.size() || in_[pos_] != '\\' || in_[pos_ + 1] != 'u') return false;
      pos_ += 2;
      int32_t low = Hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (out != nullptr) AppendUtf8(static_cast<uint32_t>(cp), *out);
    return true;
  }

  int32_t Hex4() {
    if (pos_ + 4 > in_.size()) return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = in_[pos_++];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  static void AppendUtf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // A value of another type than the key's where one was expected: noted
  // and skipped.
  bool TypeMismatch() {
    wrong_type_ = true;
    return Skip(1);
  }

  bool Literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  void SkipSpace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\r' || in_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < in_.size() && in_[pos_] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool wrong_type_ = false;
};

}  // namespace

DocDataStatus ParseDocData(std::string_view json, DocData& data) {
  DocDataStatus status = Reader(json).Document(data);
  if (status != DocDataStatus::kOk) data = DocData();
  return status;
}

}  // namespace haku::search
