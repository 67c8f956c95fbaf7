#include "analysis/tokenizer.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "analysis/tokenizer_internal.h"

namespace haku::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.norm);
  return out;
}

// "norm" for a word, "#norm" for a number, "+" before a joined token.
std::vector<std::string> Marked(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    out.push_back((t.joined ? "+" : "") + std::string(t.numeric ? "#" : "") + t.norm);
  }
  return out;
}

bool SameTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].norm != b[i].norm || a[i].begin != b[i].begin || a[i].end != b[i].end ||
        a[i].joined != b[i].joined || a[i].numeric != b[i].numeric) {
      return false;
    }
  }
  return true;
}

std::string Escaped(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    }
  }
  return out + "\"";
}

// Holds the ASCII fast path against ICU on each text it is given; keeps the
// first few texts on which they differ.
class Differential {
 public:
  void Compare(std::string_view text) {
    ++compared_;
    if (SameTokens(internal::TokenizeAscii(text), internal::TokenizeWithIcu(text))) return;
    if (++differences_ <= 10) report_ += " " + Escaped(text);
  }
  size_t compared() const { return compared_; }
  size_t differences() const { return differences_; }
  const std::string& report() const { return report_; }

 private:
  size_t compared_ = 0;
  size_t differences_ = 0;
  std::string report_;
};

// Every string of 1 to `max_length` characters over `alphabet`.
void CompareAllStrings(std::string_view alphabet, size_t max_length, Differential& diff) {
  std::vector<size_t> digits;
  std::string text;
  while (digits.size() <= max_length) {
    if (!text.empty()) diff.Compare(text);
    size_t i = 0;  // odometer increment, least significant first
    while (i < digits.size() && ++digits[i] == alphabet.size()) digits[i++] = 0;
    if (i == digits.size()) digits.push_back(0);
    text.resize(digits.size());
    for (size_t k = 0; k < digits.size(); ++k) text[k] = alphabet[digits[k]];
  }
}

}  // namespace

TEST_CASE("Tokenize keeps versions, domains and codes searchable") {
  CHECK(Words("MIMIC-IV dataset v2.2 at physionet.org!") ==
        std::vector<std::string>{"mimic", "iv", "dataset", "v2.2", "at", "physionet.org"});
  std::vector<Token> t = Tokenize("MIMIC-IV");
  REQUIRE(t.size() == 2);
  CHECK_FALSE(t[0].joined);
  CHECK(t[1].joined);
  CHECK(Words("AI och maskininlärning för kliniker") ==
        std::vector<std::string>{"ai", "och", "maskininlärning", "för", "kliniker"});
  CHECK(Words("Tekoälyn etiikka: periaatteet (2023)") ==
        std::vector<std::string>{"tekoälyn", "etiikka", "periaatteet", "2023"});
}

TEST_CASE("Tokenize reports byte offsets into the original text") {
  std::string text = "Öppna data — vård";
  std::vector<Token> t = Tokenize(text);
  REQUIRE(t.size() == 3);
  CHECK(text.substr(t[0].begin, t[0].end - t[0].begin) == "Öppna");
  CHECK(text.substr(t[2].begin, t[2].end - t[2].begin) == "vård");
  CHECK(Tokenize("").empty());
  CHECK(Tokenize(std::string(100, 'x')).empty());  // over kMaxTokenBytes
}

TEST_CASE("Tokenize on ASCII follows ICU 72's root word rules") {
  // Letters, digits and '_' stay together; a segment is a number when it
  // ends in a digit (or a digit and '_'), whatever it starts with.
  CHECK(Marked("a1 1a 1_ a_b 1__ _1 __") ==
        std::vector<std::string>{"#a1", "1a", "#1_", "a_b", "1__", "#_1", "__"});
  CHECK(Marked("_ x _").size() == 1);  // a lone '_' is no word
  // '.' and '\'' join two letters or two digits; ',' and ';' two digits.
  CHECK(Marked("1.2 a.b a.1 1,000.5 a,b 1;2 rock'n'roll e.g.") ==
        std::vector<std::string>{"#1.2", "a.b", "a", "#1", "#1,000.5", "a", "b", "#1;2",
                                 "rock'n'roll", "e.g"});
  // ICU 72's root rules make '@' a letter and ':' a separator.
  CHECK(Marked("mail user@example.org @ a:b") ==
        std::vector<std::string>{"mail", "user@example.org", "@", "a", "b"});
  CHECK(Marked("MIMIC-IV and/or x -y") ==
        std::vector<std::string>{"mimic", "+iv", "and", "+or", "x", "y"});
  std::vector<Token> t = Tokenize("Tab\tCR\r\nend");
  REQUIRE(t.size() == 3);
  CHECK(t[1].begin == 4);
  CHECK(t[2].begin == 8);
  CHECK(t[2].end == 11);
}

TEST_CASE("Tokenize's ASCII fast path gives ICU's tokens for every short string") {
  // One character of each ASCII word-break class that can matter: letter,
  // digit, ExtendNumLet, MidNumLet, Single_Quote, MidNum, a joiner, a space.
  Differential diff;
  CompareAllStrings("a1_.',- ", 6, diff);
  CHECK(diff.compared() == 299592);
  CHECK_MESSAGE(diff.differences() == 0, diff.report());
}

TEST_CASE("Each ASCII character breaks as its class's representative does") {
  Differential diff;
  for (int c = 0; c < 128; ++c) {
    std::string alphabet = "a1_.,";
    alphabet += static_cast<char>(c);
    CompareAllStrings(alphabet, 3, diff);
  }
  CHECK(diff.compared() == 128 * 258);
  CHECK_MESSAGE(diff.differences() == 0, diff.report());
}

TEST_CASE("Tokenize's ASCII fast path gives ICU's tokens on random text") {
  std::mt19937 random(20240611);
  const std::string common = "aaaaeeeettnnXY0123456789_.'.,;-/ \n";
  Differential diff;
  for (int n = 0; n < 20000; ++n) {
    std::string text(random() % 100, ' ');
    bool long_words = random() % 4 == 0;  // runs past kMaxTokenBytes
    for (char& c : text) {
      if (long_words && random() % 8 != 0) {
        c = 'x';
      } else {
        c = random() % 4 == 0 ? static_cast<char>(random() % 128) : common[random() % common.size()];
      }
    }
    diff.Compare(text);
  }
  CHECK_MESSAGE(diff.differences() == 0, diff.report());
}

TEST_CASE("Tokenize keeps ICU for text that is not all ASCII") {
  std::string text = "data-driven v2.2 café 1,5";
  CHECK(SameTokens(Tokenize(text), internal::TokenizeWithIcu(text)));
  CHECK(Marked(text) == std::vector<std::string>{"data", "+driven", "#v2.2", "café", "#1,5"});
  CHECK(Marked("naïve_x") == std::vector<std::string>{"naïve_x"});
}

}  // namespace haku::analysis
