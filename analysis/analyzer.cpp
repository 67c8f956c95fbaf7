#include "analysis/analyzer.h"

#include <xapian.h>

#include <map>

#include "analysis/normalizer.h"

namespace haku::analysis {

class Analyzer::Impl {
 public:
  explicit Impl(AnalyzerOptions options) : options_(options) {}

  // A stemmer per language, created on first use; nullptr when Snowball
  // has none for it.
  Xapian::Stem* Stemmer(std::string_view lang) {
    auto it = stemmers_.find(lang);
    if (it != stemmers_.end()) return it->second.get();
    std::unique_ptr<Xapian::Stem> stem;
    if (lang != kUndetermined && !lang.empty()) {
      try {
        stem = std::make_unique<Xapian::Stem>(std::string(lang));
      } catch (const Xapian::Error&) {
        stem.reset();  // no Snowball stemmer for this language
      }
    }
    Xapian::Stem* raw = stem.get();
    stemmers_.emplace(std::string(lang), std::move(stem));
    return raw;
  }

  std::string Stem(std::string_view word, std::string_view lang) {
    Xapian::Stem* s = Stemmer(lang);
    if (s == nullptr) return "";
    try {
      return (*s)(std::string(word));
    } catch (const Xapian::Error&) {
      return "";
    }
  }

  AnalyzerOptions options_;
  std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers_;
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(options)) {}
Analyzer::~Analyzer() = default;

bool Analyzer::HasStemmer(std::string_view lang) { return impl_->Stemmer(lang) != nullptr; }

std::string Analyzer::StemTerm(std::string_view word, std::string_view lang) {
  std::string stem = impl_->Stem(word, lang);
  if (stem.empty()) return "";
  return std::string(kStemPrefix) + std::string(lang) + ":" + stem;
}

TermForms Analyzer::Forms(std::string_view word, const std::vector<std::string>& langs) {
  TermForms f;
  if (word.empty()) return f;
  f.exact = std::string(word);
  std::string folded = FoldDiacritics(word);
  if (folded != word) f.folded = std::string(kFoldPrefix) + folded;
  for (const std::string& lang : langs) {
    std::string stem = impl_->Stem(word, lang);
    if (stem.empty()) continue;
    f.stems.push_back(std::string(kStemPrefix) + lang + ":" + stem);
    std::string folded_stem = FoldDiacritics(stem);
    if (folded_stem != stem || folded != word) {
      f.folded_stems.push_back(std::string(kFoldStemPrefix) + folded_stem);
    }
  }
  return f;
}

double Analyzer::KnownShare(std::string_view /*lang*/, const std::vector<std::string>& /*words*/) {
  return 0.0;
}

LanguageResult Analyzer::Identify(std::string_view text, const LanguageHints& hints) {
  return IdentifyLanguage(text, hints, [this](std::string_view lang,
                                              const std::vector<std::string>& words) {
    return KnownShare(lang, words);
  });
}

}  // namespace haku::analysis
