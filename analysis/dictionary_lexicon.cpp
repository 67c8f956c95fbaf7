#include "analysis/dictionary_lexicon.h"

#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "analysis/finnish_lemmatizer.h"
#include "analysis/spell_dictionary.h"
#include "analysis/swedish_compounds.h"
#include "common/bounded_cache.h"
#include "lexicon_digest.h"

namespace haku::analysis {
namespace {

// Adds `from`'s lemma and part terms to `to`.
void AddMorphologyOf(const TermForms& from, TermForms& to) {
  for (const std::string& l : from.lemmas) AddUniqueTerm(to.lemmas, l);
  for (const std::string& p : from.parts) AddUniqueTerm(to.parts, p);
}

// A memo's morphology answer: the lemma terms, then the part terms, each
// list a count and length-prefixed terms (lengths as decimal text and ':').
void AppendTerms(const std::vector<std::string>& terms, std::string& out) {
  out.append(std::to_string(terms.size())).append(1, ':');
  for (const std::string& t : terms) out.append(std::to_string(t.size())).append(1, ':').append(t);
}
std::string EncodeMorphology(const TermForms& forms) {
  std::string out;
  AppendTerms(forms.lemmas, out);
  AppendTerms(forms.parts, out);
  return out;
}
// A decimal number and its ':' at `at`, advancing it; nullopt when absent.
std::optional<size_t> ReadNumber(std::string_view in, size_t& at) {
  size_t colon = in.find(':', at);
  if (colon == std::string_view::npos || colon == at || colon - at > 6) return std::nullopt;
  size_t n = 0;
  for (size_t i = at; i < colon; ++i) {
    if (in[i] < '0' || in[i] > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(in[i] - '0');
  }
  at = colon + 1;
  return n;
}
bool ReadTerms(std::string_view in, size_t& at, std::vector<std::string>& terms) {
  std::optional<size_t> count = ReadNumber(in, at);
  if (!count || *count > in.size()) return false;
  for (size_t i = 0; i < *count; ++i) {
    std::optional<size_t> size = ReadNumber(in, at);
    if (!size || *size > in.size() - at) return false;
    terms.emplace_back(in.substr(at, *size));
    at += *size;
  }
  return true;
}
// False for anything EncodeMorphology did not write.
bool DecodeMorphology(std::string_view in, TermForms& forms) {
  size_t at = 0;
  return ReadTerms(in, at, forms.lemmas) && ReadTerms(in, at, forms.parts) && at == in.size();
}

class DictionaryLexicon : public Lexicon {
 public:
  explicit DictionaryLexicon(const DictionaryLexiconOptions& options)
      : options_(options), known_(options.cache_entries) {}

  void AddMorphology(std::string_view word, std::string_view lang, TermForms& f) override {
    if (lang != "fi" && lang != "sv") return;
    if (options_.shared == nullptr) {
      (void)Analyse(word, lang, f);
      return;
    }
    if (options_.shared->Find(lang, word, f)) return;
    TermForms found;
    // What no dictionary answered (one that failed to load, morphology
    // turned off) is no answer to keep, in memory or for the next run.
    if (Analyse(word, lang, found)) options_.shared->Put(lang, word, found);
    AddMorphologyOf(found, f);
  }

  double KnownShare(std::string_view lang, const std::vector<std::string>& words) override;

 private:
  // Whether the dictionary of `lang` knows `word`; nullopt without one.
  std::optional<bool> IsKnown(std::string_view lang, const std::string& word);
  // Adds the dictionary's lemmas and parts of `word`; false when there is
  // no dictionary to ask.
  bool Analyse(std::string_view word, std::string_view lang, TermForms& f) {
    if (lang == "fi") {
      if (!options_.finnish_morphology) return false;
      FinnishLemmatizer* fi = Finnish();
      if (fi == nullptr) return false;
      const FinnishLemmatizer::Analysis& a = fi->Analyze(word);
      for (const std::string& l : a.lemmas) AddUniqueTerm(f.lemmas, std::string(kLemmaPrefix) + l);
      for (const std::string& p : a.compound_parts) {
        AddUniqueTerm(f.parts, std::string(kPartPrefix) + p);
      }
      return true;
    }
    if (lang == "sv") {
      if (!options_.swedish_morphology) return false;
      SwedishCompounds* sv = Swedish();
      if (sv == nullptr) return false;
      for (const std::string& p : sv->Split(word)) AddUniqueTerm(f.parts, std::string(kPartPrefix) + p);
      for (const std::string& l : sv->Lemmas(word)) AddUniqueTerm(f.lemmas, std::string(kLemmaPrefix) + l);
      return true;
    }
    return false;
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
  // IsKnown()'s answers, by language and word: asked again and again
  // (~15 times each), and the shared memo is behind a lock.
  BoundedCache<bool> known_;
  std::string known_key_;
};

double DictionaryLexicon::KnownShare(std::string_view lang,
                                     const std::vector<std::string>& words) {
  if (words.empty() || (lang != "fi" && lang != "sv" && lang != "en")) return 0.0;
  int hits = 0, counted = 0;
  for (const std::string& w : words) {
    // Words every language shares ("ai", "data", names) tell nothing.
    if (w.size() < 2) continue;
    std::optional<bool> known = IsKnown(lang, w);
    if (!known) return 0.0;  // no dictionary for `lang`
    ++counted;
    if (*known) ++hits;
  }
  return counted == 0 ? 0.0 : static_cast<double>(hits) / counted;
}

std::optional<bool> DictionaryLexicon::IsKnown(std::string_view lang, const std::string& word) {
  known_key_.assign(lang).append(1, '\0').append(word);
  if (const bool* cached = known_.Find(known_key_)) return *cached;
  std::optional<bool> known;
  if (options_.shared != nullptr) known = options_.shared->FindKnown(lang, word);
  if (known) {
    known_.Put(known_key_, *known);
    return known;
  }
  if (lang == "fi") {
    if (FinnishLemmatizer* fi = Finnish()) known = fi->IsKnownWord(word);
  } else if (lang == "sv") {
    if (SwedishCompounds* sv = Swedish()) known = sv->IsKnownWord(word);
  } else if (lang == "en") {
    if (SpellDictionary* en = English()) known = en->IsKnownWord(word);
  }
  if (!known) return std::nullopt;
  if (options_.shared != nullptr) options_.shared->PutKnown(lang, word, *known);
  known_.Put(known_key_, *known);
  return known;
}

}  // namespace

struct SharedMorphology::Impl {
  Impl(size_t capacity, LexiconMemo* memo) : cache(capacity), memo(memo) {}
  std::string& Key(std::string_view lang, std::string_view word) {
    return key.assign(lang).append(1, '\0').append(word);
  }
  std::mutex mu;
  BoundedCache<TermForms> cache;  // lemmas and parts only
  std::string key;                // under mu
  LexiconMemo* memo;              // thread-safe itself
};

SharedMorphology::SharedMorphology(size_t capacity, LexiconMemo* memo)
    : impl_(std::make_unique<Impl>(capacity, memo)) {}
SharedMorphology::~SharedMorphology() = default;

bool SharedMorphology::Find(std::string_view lang, std::string_view word, TermForms& forms) {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (const TermForms* found = impl_->cache.Find(impl_->Key(lang, word))) {
      AddMorphologyOf(*found, forms);
      return true;
    }
  }
  std::string value;
  TermForms entry;
  if (impl_->memo == nullptr ||
      !impl_->memo->Find(LexiconMemo::Kind::kMorphology, lang, word, value) ||
      !DecodeMorphology(value, entry)) {
    return false;
  }
  AddMorphologyOf(entry, forms);
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->cache.Put(impl_->Key(lang, word), std::move(entry));
  return true;
}

void SharedMorphology::Put(std::string_view lang, std::string_view word, const TermForms& forms) {
  TermForms entry;
  entry.lemmas = forms.lemmas;
  entry.parts = forms.parts;
  if (impl_->memo != nullptr) {
    impl_->memo->Put(LexiconMemo::Kind::kMorphology, lang, word, EncodeMorphology(entry));
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->cache.Put(impl_->Key(lang, word), std::move(entry));
}

std::optional<bool> SharedMorphology::FindKnown(std::string_view lang, std::string_view word) {
  std::string value;
  if (impl_->memo == nullptr || !impl_->memo->Find(LexiconMemo::Kind::kKnown, lang, word, value) ||
      (value != "0" && value != "1")) {
    return std::nullopt;
  }
  return value == "1";
}

void SharedMorphology::PutKnown(std::string_view lang, std::string_view word, bool known) {
  if (impl_->memo != nullptr) impl_->memo->Put(LexiconMemo::Kind::kKnown, lang, word, known ? "1" : "0");
}

std::unique_ptr<Lexicon> MakeDictionaryLexicon(const DictionaryLexiconOptions& options) {
  return std::make_unique<DictionaryLexicon>(options);
}

namespace {

// "path size mtime" of `path`, or "path -" when it is not there.
std::string FileIdentity(const std::filesystem::path& path) {
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (error) return path.string() + " -\n";
  auto mtime = std::filesystem::last_write_time(path, error);
  return path.string() + " " + std::to_string(size) + " " +
         std::to_string(mtime.time_since_epoch().count()) + "\n";
}

// FileIdentity of every regular file under `dir`, in name order.
std::string TreeIdentity(const std::filesystem::path& dir) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::string out = dir.string() + (files.empty() ? " -\n" : ":\n");
  for (const auto& f : files) out += FileIdentity(f);
  return out;
}

// FileIdentity of each shared library loaded into this process whose file
// name begins with one of `names` ("libhunspell"): an upgrade of a library
// under the same soname changes its file, not its version macros.
std::string LoadedLibraryIdentities(const std::vector<std::string_view>& names) {
  struct Found {
    const std::vector<std::string_view>* names;
    std::vector<std::string> paths;
  } found{&names, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* f = static_cast<Found*>(data);
        std::string_view path = info->dlpi_name != nullptr ? info->dlpi_name : "";
        std::string_view file = path.substr(std::min(path.size(), path.rfind('/') + 1));
        for (std::string_view name : *f->names) {
          if (file.starts_with(name)) f->paths.emplace_back(path);
        }
        return 0;
      },
      &found);
  std::sort(found.paths.begin(), found.paths.end());
  std::string out;
  for (const std::string& path : found.paths) out += FileIdentity(path);
  return out;
}

}  // namespace

std::string LexiconGeneration() {
  std::string out = std::string("code ") + HAKU_LEXICON_DIGEST + "\nvoikko " +
                    FinnishLemmatizer::LibraryVersion() + "\n" +
                    LoadedLibraryIdentities({"libhunspell", "libvoikko"});
  const std::string hunspell = SpellDictionaryOptions{}.directory;
  for (const char* name : {"en_US.aff", "en_US.dic", "sv_SE.aff", "sv_SE.dic"}) {
    out += FileIdentity(hunspell + "/" + name);
  }
  // Where libvoikko looks for its dictionaries (voikkoInit without a path).
  if (const char* paths = std::getenv("VOIKKO_DICTIONARY_PATH")) {
    std::string_view rest = paths;
    while (!rest.empty()) {
      size_t colon = std::min(rest.find(':'), rest.size());
      if (colon > 0) out += TreeIdentity(std::string(rest.substr(0, colon)));
      rest.remove_prefix(std::min(colon + 1, rest.size()));
    }
  }
  if (const char* home = std::getenv("HOME")) out += TreeIdentity(std::string(home) + "/.voikko");
  for (const char* dir : {"/etc/voikko", "/usr/lib/voikko", "/usr/share/voikko"}) {
    out += TreeIdentity(dir);
  }
  return out;
}

}  // namespace haku::analysis
