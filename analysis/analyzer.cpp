#include "analysis/analyzer.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "analysis/finnish_lemmatizer.h"
#include "analysis/normalizer.h"
#include "analysis/spell_dictionary.h"
#include "analysis/swedish_compounds.h"

namespace haku::analysis {

// Analyses kept per Analyzer (~400 bytes each, one Analyzer per thread);
// the cache is emptied when full. Word frequencies are Zipfian: a small
// cache catches most tokens, and memory stays bounded on large corpora.
constexpr size_t kFormsCacheEntries = 20000;
// The same for the dictionaries' own caches.
constexpr size_t kMorphologyCacheEntries = 20000;

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

  // Dictionaries load on first use (Voikko takes a while to start) and
  // stay null when their package is missing.
  FinnishLemmatizer* Finnish() {
    if (!options_.morphology) return nullptr;
    if (!finnish_tried_) {
      finnish_ = FinnishLemmatizer::Create(kMorphologyCacheEntries);
      finnish_tried_ = true;
    }
    return finnish_.get();
  }
  SwedishCompounds* Swedish() {
    if (!options_.morphology || !options_.swedish_compounds) return nullptr;
    if (!swedish_tried_) {
      swedish_ = SwedishCompounds::Create(kMorphologyCacheEntries);
      swedish_tried_ = true;
    }
    return swedish_.get();
  }
  SpellDictionary* English() {
    if (!english_tried_) {
      english_ = SpellDictionary::Open("en", {.cache_entries = kMorphologyCacheEntries});
      english_tried_ = true;
    }
    return english_.get();
  }

  AnalyzerOptions options_;
  std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers_;
  std::unordered_map<std::string, TermForms> forms_cache_;
  std::string key_;  // Forms()' lookup key, reused
  std::unique_ptr<FinnishLemmatizer> finnish_;
  std::unique_ptr<SwedishCompounds> swedish_;
  std::unique_ptr<SpellDictionary> english_;
  bool finnish_tried_ = false;
  bool swedish_tried_ = false;
  bool english_tried_ = false;
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(options)) {}
Analyzer::~Analyzer() = default;

bool Analyzer::HasStemmer(std::string_view lang) { return impl_->Stemmer(lang) != nullptr; }

std::string Analyzer::StemTerm(std::string_view word, std::string_view lang) {
  std::string stem = impl_->Stem(word, lang);
  if (stem.empty()) return "";
  return std::string(kStemPrefix) + std::string(lang) + ":" + stem;
}

const TermForms& Analyzer::Forms(std::string_view word, const std::vector<std::string>& langs) {
  // Words repeat (Zipf): analyse each (word, languages) once.
  std::string& key = impl_->key_;
  key.assign(word);
  for (const std::string& l : langs) key.append(1, '\0').append(l);
  auto cached = impl_->forms_cache_.find(key);
  if (cached != impl_->forms_cache_.end()) return cached->second;
  TermForms f = Analyze(word, langs);
  if (impl_->forms_cache_.size() >= kFormsCacheEntries) impl_->forms_cache_.clear();
  return impl_->forms_cache_.emplace(key, std::move(f)).first->second;
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
    f.stems.push_back(std::string(kStemPrefix) + lang + ":" + stem);
    std::string folded_stem = FoldDiacritics(stem);
    if (folded_stem != stem || folded != word) {
      f.folded_stems.push_back(std::string(kFoldStemPrefix) + folded_stem);
    }
    AddMorphology(word, lang, f);
  }
  return f;
}

void Analyzer::AddMorphology(std::string_view word, std::string_view lang, TermForms& f) {
  auto add_unique = [](std::vector<std::string>& v, std::string term) {
    if (std::find(v.begin(), v.end(), term) == v.end()) v.push_back(std::move(term));
  };
  if (lang == "fi") {
    if (FinnishLemmatizer* fi = impl_->Finnish()) {
      const FinnishLemmatizer::Analysis& a = fi->Analyze(word);
      for (const std::string& l : a.lemmas) add_unique(f.lemmas, std::string(kLemmaPrefix) + l);
      for (const std::string& p : a.compound_parts) {
        add_unique(f.parts, std::string(kPartPrefix) + p);
      }
    }
  } else if (lang == "sv") {
    if (SwedishCompounds* sv = impl_->Swedish()) {
      for (const std::string& p : sv->Split(word)) add_unique(f.parts, std::string(kPartPrefix) + p);
      for (const std::string& l : sv->Lemmas(word)) add_unique(f.lemmas, std::string(kLemmaPrefix) + l);
    }
  }
}

double Analyzer::KnownShare(std::string_view lang, const std::vector<std::string>& words) {
  if (words.empty()) return 0.0;
  std::function<bool(const std::string&)> known;
  if (lang == "fi") {
    if (FinnishLemmatizer* fi = impl_->Finnish()) known = [fi](const std::string& w) { return fi->IsKnownWord(w); };
  } else if (lang == "sv") {
    if (SwedishCompounds* sv = impl_->Swedish()) known = [sv](const std::string& w) { return sv->IsKnownWord(w); };
  } else if (lang == "en") {
    if (SpellDictionary* en = impl_->English()) known = [en](const std::string& w) { return en->IsKnownWord(w); };
  }
  if (!known) return 0.0;
  int hits = 0, counted = 0;
  for (const std::string& w : words) {
    // Words every language shares ("ai", "data", names) tell nothing.
    if (w.size() < 2) continue;
    ++counted;
    if (known(w)) ++hits;
  }
  return counted == 0 ? 0.0 : static_cast<double>(hits) / counted;
}

LanguageResult Analyzer::Identify(std::string_view text, const LanguageHints& hints) {
  return IdentifyLanguage(text, hints, [this](std::string_view lang,
                                              const std::vector<std::string>& words) {
    return KnownShare(lang, words);
  });
}

}  // namespace haku::analysis
