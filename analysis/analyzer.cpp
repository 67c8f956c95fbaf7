#include "analysis/analyzer.h"

#include <xapian.h>

#include <algorithm>
#include <map>

#include "analysis/language_tag.h"
#include "analysis/normalizer.h"
#include "common/bounded_cache.h"

namespace haku::analysis {

// Analyses kept per Analyzer (~450 bytes each, one Analyzer per thread).
// Word frequencies are Zipfian: a small cache catches most tokens, and
// memory stays bounded on large corpora.
constexpr size_t kFormsCacheEntries = 20000;

class Analyzer::Impl {
 public:
  explicit Impl(std::unique_ptr<Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

  // A stemmer per language, created on first use; nullptr when Snowball
  // has none for it.
  Xapian::Stem* Stemmer(std::string_view lang) {
    auto it = stemmers_.find(lang);
    if (it != stemmers_.end()) return it->second.get();
    std::unique_ptr<Xapian::Stem> stem;
    if (lang != kUndetermined && !lang.empty()) {
      // fallback: no exception for a language without a Snowball stemmer.
      // A search analyses its words in every language of the index
      // (dozens), and the first exceptions of a process alone cost more
      // than a short query.
      try {
        stem = std::make_unique<Xapian::Stem>(std::string(lang), /*fallback=*/true);
        if (stem->is_none()) stem.reset();
      } catch (const Xapian::Error&) {
        stem.reset();
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

  std::unique_ptr<Lexicon> lexicon_;
  std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers_;
  BoundedCache<TermForms> forms_cache_{kFormsCacheEntries};
  std::string key_;  // Forms()' lookup key, reused
};

void AddUniqueTerm(std::vector<std::string>& terms, std::string term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

Analyzer::Analyzer(std::unique_ptr<Lexicon> lexicon)
    : impl_(std::make_unique<Impl>(std::move(lexicon))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

bool Analyzer::HasStemmer(std::string_view lang) { return impl_->Stemmer(lang) != nullptr; }

std::string Analyzer::StemTerm(std::string_view word, std::string_view lang) {
  std::string stem = impl_->Stem(word, lang);
  if (stem.empty()) return "";
  return std::string(kStemPrefix) + stem;
}

const TermForms& Analyzer::Forms(std::string_view word, const std::vector<std::string>& langs) {
  // Words repeat (Zipf): analyse each (word, languages) once.
  std::string& key = impl_->key_;
  key.assign(word);
  for (const std::string& l : langs) key.append(1, '\0').append(l);
  if (const TermForms* cached = impl_->forms_cache_.Find(key)) return *cached;
  return impl_->forms_cache_.Put(key, Analyze(word, langs));
}

TermForms Analyzer::Analyze(std::string_view word, const std::vector<std::string>& langs) {
  TermForms f;
  if (word.empty()) return f;
  f.exact = std::string(word);
  std::string folded = FoldDiacritics(word);
  if (folded != word) f.folded = std::string(kFoldPrefix) + folded;
  for (const std::string& lang : langs) {
    std::string stem = impl_->Stem(word, lang);
    if (stem.empty()) continue;
    std::string term = std::string(kStemPrefix) + stem;
    auto at = std::find(f.stems.begin(), f.stems.end(), term);
    if (at == f.stems.end()) {
      f.stems.push_back(std::move(term));
      f.stem_langs.push_back({lang});
    } else {
      f.stem_langs[static_cast<size_t>(at - f.stems.begin())].push_back(lang);
    }
    std::string folded_stem = FoldDiacritics(stem);
    if (folded_stem != stem || folded != word) {
      AddUniqueTerm(f.folded_stems, std::string(kFoldStemPrefix) + folded_stem);
    }
    if (impl_->lexicon_) impl_->lexicon_->AddMorphology(word, lang, f);
  }
  return f;
}

double Analyzer::KnownShare(std::string_view lang, const std::vector<std::string>& words) {
  return impl_->lexicon_ ? impl_->lexicon_->KnownShare(lang, words) : 0.0;
}

}  // namespace haku::analysis
