// bench/analysis/morph_bench.cpp -- speed of FinnishLemmatizer::Analyze,
// SwedishCompounds::Split and SpellDictionary::IsKnownWord, on a cold cache
// and a warm one.
//
// Usage: morph_bench FI_TOKENS SV_TOKENS
// Each file holds lower-case tokens, one a line, in text order (repeats
// included); bench/analysis/run makes them from the benchmark corpus.
// For each analyser it prints
//   miss/s    distinct words analysed once each by a fresh instance
//   hit/s     the whole token stream again on the warm cache
//   stream/s  the token stream through a fresh instance, as an indexer does
//   10M est   seconds for 10 million tokens with 200,000 distinct words
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/finnish_lemmatizer.h"
#include "analysis/spell_dictionary.h"
#include "analysis/swedish_compounds.h"

namespace {

using haku::analysis::FinnishLemmatizer;
using haku::analysis::SpellDictionary;
using haku::analysis::SwedishCompounds;
using Words = std::vector<std::string>;
// Runs one word through an analyser; returns something to keep it honest.
using AnalyseFn = std::function<size_t(const std::string&)>;

Words ReadTokens(const char* path) {
  std::ifstream in(path);
  Words tokens;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) tokens.push_back(line);
  }
  return tokens;
}

Words Distinct(const Words& tokens) {
  std::unordered_set<std::string> seen;
  Words distinct;
  for (const std::string& token : tokens) {
    if (seen.insert(token).second) distinct.push_back(token);
  }
  return distinct;
}

size_t sink = 0;  // results, so the work is not optimised away

// Words per second for running `words` through `analyse`.
double Rate(const Words& words, const AnalyseFn& analyse) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& word : words) sink += analyse(word);
  const std::chrono::duration<double> seconds =
      std::chrono::steady_clock::now() - start;
  return static_cast<double>(words.size()) / seconds.count();
}

struct Figures {
  double miss = 0;
  double hit = 0;
  double stream = 0;
};

void Print(const char* name, const Words& tokens, size_t distinct,
           const Figures& f) {
  const double estimate = 200000 / f.miss + (10e6 - 200000) / f.hit;
  std::printf("%-26s %9zu %8zu %10.0f %11.0f %10.0f %8.1f\n", name,
              tokens.size(), distinct, f.miss, f.hit, f.stream, estimate);
}

// `make` builds a fresh analyser and returns its AnalyseFn.
void BenchCached(const char* name, const Words& tokens,
                 const std::function<AnalyseFn()>& make) {
  const Words distinct = Distinct(tokens);
  Figures f;
  AnalyseFn warm = make();
  f.miss = Rate(distinct, warm);
  f.hit = Rate(tokens, warm);
  f.stream = Rate(tokens, make());
  Print(name, tokens, distinct.size(), f);
}

AnalyseFn Lemmatizer() {
  std::shared_ptr<FinnishLemmatizer> fi = FinnishLemmatizer::Create();
  return [fi](const std::string& w) { return fi->Analyze(w).lemmas.size(); };
}

AnalyseFn Splitter() {
  std::shared_ptr<SwedishCompounds> sv = SwedishCompounds::Create();
  return [sv](const std::string& w) { return sv->Split(w).size(); };
}

AnalyseFn KnownWord(std::string_view lang) {
  std::shared_ptr<SpellDictionary> dictionary = SpellDictionary::Open(lang);
  return [dictionary](const std::string& w) {
    return static_cast<size_t>(dictionary->IsKnownWord(w));
  };
}

bool DictionariesPresent() {
  return FinnishLemmatizer::Create(1) && SwedishCompounds::Create(1) &&
         SpellDictionary::Open("en");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: morph_bench FI_TOKENS SV_TOKENS\n");
    return 2;
  }
  if (!DictionariesPresent()) {
    std::fprintf(stderr,
                 "morph_bench: voikko-fi, hunspell-sv or "
                 "hunspell-en-us missing\n");
    return 1;
  }
  const Words fi = ReadTokens(argv[1]);
  const Words sv = ReadTokens(argv[2]);
  std::printf("%-26s %9s %8s %10s %11s %10s %8s\n", "analyser", "tokens",
              "distinct", "miss/s", "hit/s", "stream/s", "10M est");
  BenchCached("fi FinnishLemmatizer", fi, Lemmatizer);
  BenchCached("sv SwedishCompounds::Split", sv, Splitter);
  BenchCached("sv IsKnownWord", sv, [] { return KnownWord("sv"); });
  BenchCached("en IsKnownWord (sv text)", sv, [] { return KnownWord("en"); });
  std::printf(
      "(10M est: seconds for 10M tokens, 200k distinct: "
      "200k misses + the rest as hits)\n");
  return sink == 0 ? 1 : 0;
}
