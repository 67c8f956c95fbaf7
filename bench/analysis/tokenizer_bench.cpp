// bench/analysis/tokenizer_bench.cpp -- Tokenize()'s ASCII fast path against
// ICU's word BreakIterator on real texts: the same tokens, and how much faster.
//
// Usage: tokenizer_bench [--only icu|tokenize] TEXTS...
// Each TEXTS file holds texts separated by NUL bytes (one page each;
// bench/analysis/run makes them from the benchmark corpus).
// Without --only, for each file it prints
//   texts, ascii     texts in the file, and how many are all ASCII
//   lines            all-ASCII lines of every text (snippet-sized pieces)
//   diffs            ASCII texts and lines on which the fast path and ICU
//                    disagree on any token (offsets, norm, numeric, joined)
//   icu tok/s        tokens per second, internal::TokenizeWithIcu on all texts
//   tokenize tok/s   the same through Tokenize() (fast path where ASCII)
// and exits 1 if there is any difference. --only runs one path once over
// every text and nothing else, for callgrind (--toggle-collect=RunOnly*).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"
#include "analysis/tokenizer_internal.h"

namespace {

using haku::analysis::Token;
using Texts = std::vector<std::string>;
using TokenizeFn = std::vector<Token> (*)(std::string_view);

Texts ReadTexts(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Texts texts;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = std::min(all.find('\0', start), all.size());
    if (end > start) texts.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return texts;
}

bool SameTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Token& x, const Token& y) {
    return x.norm == y.norm && x.begin == y.begin && x.end == y.end && x.joined == y.joined &&
           x.numeric == y.numeric;
  });
}

struct Check {
  size_t ascii_texts = 0;
  size_t ascii_lines = 0;
  size_t differences = 0;
};

void CompareAscii(std::string_view text, Check& check) {
  namespace internal = haku::analysis::internal;
  if (!SameTokens(internal::TokenizeAscii(text), internal::TokenizeWithIcu(text))) {
    if (++check.differences <= 5) {
      std::fprintf(stderr, "differs: %.*s\n", static_cast<int>(std::min<size_t>(text.size(), 200)),
                   text.data());
    }
  }
}

Check CompareAll(const Texts& texts) {
  Check check;
  for (const std::string& text : texts) {
    if (haku::analysis::IsAscii(text)) {
      ++check.ascii_texts;
      CompareAscii(text, check);
    }
    std::string_view rest = text;
    while (!rest.empty()) {
      std::string_view line = rest.substr(0, rest.find('\n'));
      rest.remove_prefix(std::min(rest.size(), line.size() + 1));
      if (line.empty() || !haku::analysis::IsAscii(line)) continue;
      ++check.ascii_lines;
      CompareAscii(line, check);
    }
  }
  return check;
}

size_t sink = 0;  // results, so the work is not optimised away

// Tokens per second for `tokenize` over `texts`, the best of three rounds.
double Rate(const Texts& texts, TokenizeFn tokenize) {
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    size_t tokens = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) tokens += tokenize(text).size();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(tokens) / seconds.count());
    sink += tokens;
  }
  return best;
}

// Kept out of line so that callgrind can collect exactly this.
[[gnu::noinline]] size_t RunOnly(const std::vector<Texts>& files, TokenizeFn tokenize) {
  size_t tokens = 0;
  for (const Texts& texts : files) {
    for (const std::string& text : texts) tokens += tokenize(text).size();
  }
  return tokens;
}

}  // namespace

int main(int argc, char** argv) {
  namespace analysis = haku::analysis;
  int first = 1;
  TokenizeFn only = nullptr;
  if (argc > 2 && std::strcmp(argv[1], "--only") == 0) {
    if (std::strcmp(argv[2], "icu") == 0) only = analysis::internal::TokenizeWithIcu;
    if (std::strcmp(argv[2], "tokenize") == 0) only = analysis::Tokenize;
    if (only == nullptr) argc = 0;  // usage
    first = 3;
  }
  if (argc <= first) {
    std::fprintf(stderr, "usage: tokenizer_bench [--only icu|tokenize] TEXTS...\n");
    return 2;
  }
  std::vector<Texts> files;
  for (int i = first; i < argc; ++i) files.push_back(ReadTexts(argv[i]));
  if (only != nullptr) {
    std::printf("%zu tokens\n", RunOnly(files, only));
    return 0;
  }
  std::printf("%-14s %6s %6s %7s %6s %12s %15s %6s\n", "texts", "count", "ascii", "lines", "diffs",
              "icu tok/s", "tokenize tok/s", "gain");
  size_t differences = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const Check check = CompareAll(files[i]);
    differences += check.differences;
    const double icu = Rate(files[i], analysis::internal::TokenizeWithIcu);
    const double fast = Rate(files[i], analysis::Tokenize);
    const char* name = std::strrchr(argv[first + i], '/');
    std::printf("%-14s %6zu %6zu %7zu %6zu %12.0f %15.0f %5.2fx\n", name ? name + 1 : argv[first + i],
                files[i].size(), check.ascii_texts, check.ascii_lines, check.differences, icu, fast,
                fast / icu);
  }
  return differences == 0 && sink != 0 ? 0 : 1;
}
