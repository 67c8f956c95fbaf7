#include "analysis/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

#include "analysis/normalizer.h"

namespace haku::analysis {
namespace {

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

bool IsJoiner(std::string_view text, size_t prev_end, size_t begin) {
  return begin == prev_end + 1 && (text[prev_end] == '-' || text[prev_end] == '/');
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  icu::BreakIterator* it = ThreadWordIterator();
  if (it == nullptr || text.empty()) return tokens;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err));
  if (U_FAILURE(err)) return tokens;
  it->setText(ut.get(), err);
  if (U_FAILURE(err)) return tokens;
  size_t prev_end = std::string_view::npos;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    int32_t status = it->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
    auto b = static_cast<size_t>(start), e = static_cast<size_t>(end);
    if (e - b > kMaxTokenBytes) {
      prev_end = std::string_view::npos;
      continue;
    }
    Token t;
    t.norm = NormalizeWord(text.substr(b, e - b));
    if (t.norm.empty()) continue;
    t.begin = b;
    t.end = e;
    t.numeric = status < UBRK_WORD_NUMBER_LIMIT;
    t.joined = prev_end != std::string_view::npos && IsJoiner(text, prev_end, b);
    prev_end = e;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace haku::analysis
