#include "analysis/dictionary_lexicon.h"

#include <functional>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/finnish_lemmatizer.h"
#include "analysis/spell_dictionary.h"
#include "analysis/swedish_compounds.h"
#include "common/bounded_cache.h"

namespace haku::analysis {
namespace {

// Adds `from`'s lemma and part terms to `to`.
void AddMorphologyOf(const TermForms& from, TermForms& to) {
  for (const std::string& l : from.lemmas) AddUniqueTerm(to.lemmas, l);
  for (const std::string& p : from.parts) AddUniqueTerm(to.parts, p);
}

class DictionaryLexicon : public Lexicon {
 public:
  explicit DictionaryLexicon(const DictionaryLexiconOptions& options) : options_(options) {}

  void AddMorphology(std::string_view word, std::string_view lang, TermForms& f) override {
    if (lang != "fi" && lang != "sv") return;
    if (options_.shared == nullptr) return Analyse(word, lang, f);
    if (options_.shared->Find(lang, word, f)) return;
    TermForms found;
    Analyse(word, lang, found);
    options_.shared->Put(lang, word, found);
    AddMorphologyOf(found, f);
  }

  double KnownShare(std::string_view lang, const std::vector<std::string>& words) override;

 private:
  void Analyse(std::string_view word, std::string_view lang, TermForms& f) {
    if (lang == "fi") {
      if (!options_.finnish_morphology) return;
      if (FinnishLemmatizer* fi = Finnish()) {
        const FinnishLemmatizer::Analysis& a = fi->Analyze(word);
        for (const std::string& l : a.lemmas) AddUniqueTerm(f.lemmas, std::string(kLemmaPrefix) + l);
        for (const std::string& p : a.compound_parts) {
          AddUniqueTerm(f.parts, std::string(kPartPrefix) + p);
        }
      }
    } else if (lang == "sv") {
      if (!options_.swedish_morphology) return;
      if (SwedishCompounds* sv = Swedish()) {
        for (const std::string& p : sv->Split(word)) AddUniqueTerm(f.parts, std::string(kPartPrefix) + p);
        for (const std::string& l : sv->Lemmas(word)) AddUniqueTerm(f.lemmas, std::string(kLemmaPrefix) + l);
      }
    }
  }


  // Each dictionary is opened on first use; empty (tried) but null when its
  // package is missing.
  template <typename T, typename Open>
  static T* Loaded(std::optional<std::unique_ptr<T>>& slot, Open open) {
    if (!slot) slot = open();
    return slot->get();
  }
  FinnishLemmatizer* Finnish() {
    return Loaded(finnish_, [&] { return FinnishLemmatizer::Create(options_.cache_entries); });
  }
  SwedishCompounds* Swedish() {
    return Loaded(swedish_, [&] { return SwedishCompounds::Create(options_.cache_entries); });
  }
  SpellDictionary* English() {
    return Loaded(english_, [&] {
      return SpellDictionary::Open("en", {.cache_entries = options_.cache_entries});
    });
  }

  DictionaryLexiconOptions options_;
  std::optional<std::unique_ptr<FinnishLemmatizer>> finnish_;
  std::optional<std::unique_ptr<SwedishCompounds>> swedish_;
  std::optional<std::unique_ptr<SpellDictionary>> english_;
};

double DictionaryLexicon::KnownShare(std::string_view lang,
                                     const std::vector<std::string>& words) {
  if (words.empty()) return 0.0;
  std::function<bool(const std::string&)> known;
  if (lang == "fi") {
    if (FinnishLemmatizer* fi = Finnish()) known = [fi](const std::string& w) { return fi->IsKnownWord(w); };
  } else if (lang == "sv") {
    if (SwedishCompounds* sv = Swedish()) known = [sv](const std::string& w) { return sv->IsKnownWord(w); };
  } else if (lang == "en") {
    if (SpellDictionary* en = English()) known = [en](const std::string& w) { return en->IsKnownWord(w); };
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

}  // namespace

struct SharedMorphology::Impl {
  explicit Impl(size_t capacity) : cache(capacity) {}
  std::string& Key(std::string_view lang, std::string_view word) {
    return key.assign(lang).append(1, '\0').append(word);
  }
  std::mutex mu;
  BoundedCache<TermForms> cache;  // lemmas and parts only
  std::string key;                // under mu
};

SharedMorphology::SharedMorphology(size_t capacity) : impl_(std::make_unique<Impl>(capacity)) {}
SharedMorphology::~SharedMorphology() = default;

bool SharedMorphology::Find(std::string_view lang, std::string_view word, TermForms& forms) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  const TermForms* found = impl_->cache.Find(impl_->Key(lang, word));
  if (found == nullptr) return false;
  AddMorphologyOf(*found, forms);
  return true;
}

void SharedMorphology::Put(std::string_view lang, std::string_view word, const TermForms& forms) {
  TermForms entry;
  entry.lemmas = forms.lemmas;
  entry.parts = forms.parts;
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->cache.Put(impl_->Key(lang, word), std::move(entry));
}

std::unique_ptr<Lexicon> MakeDictionaryLexicon(const DictionaryLexiconOptions& options) {
  return std::make_unique<DictionaryLexicon>(options);
}

}  // namespace haku::analysis
