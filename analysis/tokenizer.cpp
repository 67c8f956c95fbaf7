#include "analysis/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <array>
#include <cstdint>
#include <memory>

#include "analysis/normalizer.h"
#include "analysis/tokenizer_internal.h"

namespace haku::analysis {
namespace {

// Word segments, in text order, made tokens: over-long ones dropped, and
// each marked `joined` when it follows the previous token across a joiner.
class TokenCollector {
 public:
  explicit TokenCollector(std::string_view text) : text_(text) {}

  // `normalize(word, norm)` sets the token's norm from its text; an empty
  // norm drops it.
  template <typename Normalize>
  void Add(size_t begin, size_t end, bool numeric, Normalize normalize) {
    if (end - begin > kMaxTokenBytes) {
      prev_end_ = std::string_view::npos;
      return;
    }
    Token& t = tokens_.emplace_back();
    normalize(text_.substr(begin, end - begin), t.norm);
    if (t.norm.empty()) {
      tokens_.pop_back();
      return;
    }
    t.begin = begin;
    t.end = end;
    t.numeric = numeric;
    t.joined = prev_end_ != std::string_view::npos && FollowsJoiner(begin);
    prev_end_ = end;
  }

  std::vector<Token> Take() { return std::move(tokens_); }

 private:
  bool FollowsJoiner(size_t begin) const {
    return begin == prev_end_ + 1 && (text_[prev_end_] == '-' || text_[prev_end_] == '/');
  }

  std::string_view text_;
  size_t prev_end_ = std::string_view::npos;
  std::vector<Token> tokens_;
};

void Normalize(std::string_view word, std::string& norm) { norm = NormalizeWord(word); }

// A word break iterator for this thread: creating one loads ICU's rules,
// which costs far more than a typical text.
icu::BreakIterator* ThreadWordIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err)) it.reset();
    return it;
  }();
  return iterator.get();
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// ICU 72's Word_Break classes of the ASCII characters, as its root word
// rules use them (tokenizer_internal.h). kOther never joins a word.
enum class AsciiClass : uint8_t { kOther, kLetter, kDigit, kExtendNumLet, kMidNumLet, kMidNum };

constexpr std::array<AsciiClass, 128> MakeAsciiClasses() {
  std::array<AsciiClass, 128> classes{};  // all kOther
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = AsciiClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = AsciiClass::kLetter;
  classes['@'] = AsciiClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = AsciiClass::kDigit;
  classes['_'] = AsciiClass::kExtendNumLet;
  classes['.'] = AsciiClass::kMidNumLet;
  classes['\''] = AsciiClass::kMidNumLet;  // Single_Quote: the same rules in ASCII
  classes[','] = AsciiClass::kMidNum;
  classes[';'] = AsciiClass::kMidNum;
  return classes;
}

constexpr std::array<AsciiClass, 128> kAsciiClasses = MakeAsciiClasses();

AsciiClass ClassAt(std::string_view text, size_t i) {
  return kAsciiClasses[static_cast<unsigned char>(text[i]) & 0x7F];
}

// Letters, digits and '_' never break from each other (WB5, 8-10, 13a-b).
bool InWord(AsciiClass c) {
  return c == AsciiClass::kLetter || c == AsciiClass::kDigit || c == AsciiClass::kExtendNumLet;
}

// WB6-7 and WB11-12: `mid` stays inside a word between two letters or two
// digits.
bool JoinsAcross(AsciiClass last, AsciiClass mid, AsciiClass next) {
  using enum AsciiClass;
  if (last == kLetter) return mid == kMidNumLet && next == kLetter;
  if (last == kDigit) return (mid == kMidNumLet || mid == kMidNum) && next == kDigit;
  return false;
}

enum class SegmentKind { kNone, kWord, kNumber };

// ICU's rule status of a segment, from the rule that matched its last
// character: 100 (number) after a digit or digit + '_', 200 (word) after a
// letter or a '_' that follows a letter or '_', 0 for a lone '_'.
SegmentKind KindOf(AsciiClass last, AsciiClass before_last) {
  if (last == AsciiClass::kDigit) return SegmentKind::kNumber;
  if (last == AsciiClass::kLetter) return SegmentKind::kWord;
  if (before_last == AsciiClass::kDigit) return SegmentKind::kNumber;
  return before_last == AsciiClass::kOther ? SegmentKind::kNone : SegmentKind::kWord;
}

struct AsciiSegment {
  size_t end = 0;
  SegmentKind kind = SegmentKind::kNone;
};

// The segment that starts at `begin`, an InWord() character.
AsciiSegment ScanSegment(std::string_view text, size_t begin) {
  AsciiClass last = ClassAt(text, begin);
  AsciiClass before_last = AsciiClass::kOther;
  size_t i = begin + 1;
  while (i < text.size()) {
    AsciiClass c = ClassAt(text, i);
    if (InWord(c)) {
      before_last = last;
      last = c;
      ++i;
      continue;
    }
    if (i + 1 == text.size()) break;
    AsciiClass next = ClassAt(text, i + 1);
    if (!JoinsAcross(last, c, next)) break;
    before_last = c;
    last = next;
    i += 2;
  }
  return {i, KindOf(last, before_last)};
}

}  // namespace

namespace internal {

std::vector<Token> TokenizeWithIcu(std::string_view text) {
  icu::BreakIterator* it = ThreadWordIterator();
  if (it == nullptr || text.empty()) return {};
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err));
  if (U_FAILURE(err)) return {};
  it->setText(ut.get(), err);
  if (U_FAILURE(err)) return {};
  TokenCollector tokens(text);
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    int32_t status = it->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
    tokens.Add(static_cast<size_t>(start), static_cast<size_t>(end),
               status < UBRK_WORD_NUMBER_LIMIT, Normalize);
  }
  return tokens.Take();
}

std::vector<Token> TokenizeAscii(std::string_view text) {
  TokenCollector tokens(text);
  for (size_t i = 0; i < text.size();) {
    if (!InWord(ClassAt(text, i))) {
      ++i;
      continue;
    }
    AsciiSegment segment = ScanSegment(text, i);
    if (segment.kind != SegmentKind::kNone) {
      tokens.Add(i, segment.end, segment.kind == SegmentKind::kNumber, NormalizeAsciiWord);
    }
    i = segment.end;
  }
  return tokens.Take();
}

}  // namespace internal

std::vector<Token> Tokenize(std::string_view text) {
  return IsAscii(text) ? internal::TokenizeAscii(text) : internal::TokenizeWithIcu(text);
}

}  // namespace haku::analysis
