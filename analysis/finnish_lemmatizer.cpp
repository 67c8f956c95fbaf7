// analysis/finnish_lemmatizer.cpp -- Voikko's analyses turned into lemmas and
// compound parts.
//
// Voikko reports, per reading of a word, BASEFORM ("tulostusalue") and
// WORDBASES, one "+surface(base)" per lexical component:
//   tulostusalueen  +tulost(tulostaa)+us(+us)+alue(alue)
//   yliopistosairaala  +yli+opisto(opisto)+sairaala(sairaala)
//   hyvinvointialueella  +hyvinvointi(hyvin=vointi)+alue(alue)
// A base starting with '+' is a derivational suffix, which joins the part
// before it; a component without a base is a bound prefix, which joins the
// part after it. Non-final surfaces are as written in the word ("tietojen");
// the final part's base form is BASEFORM minus those surfaces.
#include "analysis/finnish_lemmatizer.h"

#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

namespace haku::analysis {
namespace {

constexpr int32_t kMaxWordCodePoints =
    255;  // libvoikko's LIBVOIKKO_MAX_WORD_CHARS
// Runs of adjacent parts are listed only up to this many parts (n(n+1)/2 runs).
constexpr size_t kMaxPartsForRuns = 8;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

// Non-empty, well-formed UTF-8 without NUL, at most kMaxWordCodePoints long.
bool IsAnalysableWord(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  int32_t code_points = 0;
  for (int32_t i = 0; i < length; ++code_points) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c <= 0 || code_points >= kMaxWordCodePoints) return false;
  }
  return code_points > 0;
}

// Simple (per code point) lower-casing; Voikko's output is valid UTF-8.
std::string ToLower(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  std::string result;
  result.reserve(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, u_tolower(c));
    result.append(reinterpret_cast<const char*>(buffer), n);
  }
  return result;
}

// One "+surface(base)" of WORDBASES, lower case.
struct Component {
  std::string surface;
  std::string base;  // "" for a bound prefix, "+us" for a derivational suffix
};

std::vector<Component> ParseWordBases(std::string_view text) {
  std::vector<Component> components;
  size_t i = 0;
  while (i < text.size() && text[i] == '+') {
    const size_t surface_end = text.find_first_of("+(", i + 1);
    Component c;
    c.surface = ToLower(text.substr(i + 1, surface_end - (i + 1)));
    i = surface_end;
    if (i != std::string_view::npos && text[i] == '(') {
      const size_t close = text.find(')', i);
      c.base = ToLower(text.substr(i + 1, close - (i + 1)));
      i = close == std::string_view::npos ? close : close + 1;
    }
    std::erase(c.base, '=');  // "hyvin=vointi": structure inside a base
    components.push_back(std::move(c));
  }
  return components;
}

// A compound part: one lexical component with its derivational suffixes and
// bound prefixes attached.
struct Part {
  std::string surface;  // as written in the word
  std::string base;     // its base form
};

std::vector<Part> GroupComponents(const std::vector<Component>& components) {
  std::vector<Part> parts;
  std::string prefix;  // pending bound prefixes
  for (const Component& c : components) {
    if (c.base.empty()) {
      prefix += c.surface;
    } else if (c.base.front() == '+' && !parts.empty()) {
      parts.back().surface += c.surface;  // derivation: base is the surface
      parts.back().base = parts.back().surface;
    } else {
      parts.push_back({prefix + c.surface, prefix + c.base});
      prefix.clear();
    }
  }
  if (!prefix.empty()) parts.push_back({prefix, prefix});
  return parts;
}

// One reading of the word.
struct Reading {
  std::string lemma;
  std::vector<Part> parts;
};

std::string Attribute(const voikko_mor_analysis* analysis, const char* key) {
  char* value = voikko_mor_analysis_value_cstr(analysis, key);
  if (value == nullptr) return "";
  std::string result(value);
  voikko_free_mor_analysis_value_cstr(value);
  return result;
}

std::vector<Reading> AnalyzeWithVoikko(VoikkoHandle* handle,
                                       const std::string& word) {
  std::unique_ptr<voikko_mor_analysis*, void (*)(voikko_mor_analysis**)>
      analyses(voikkoAnalyzeWordCstr(handle, word.c_str()),
               voikko_free_mor_analysis);
  std::vector<Reading> readings;
  for (size_t i = 0; analyses && analyses.get()[i] != nullptr; ++i) {
    const voikko_mor_analysis* analysis = analyses.get()[i];
    Reading reading{
        ToLower(Attribute(analysis, "BASEFORM")),
        GroupComponents(ParseWordBases(Attribute(analysis, "WORDBASES")))};
    if (!reading.lemma.empty()) readings.push_back(std::move(reading));
  }
  return readings;
}

void AppendUnique(std::string value, std::vector<std::string>* values) {
  if (value.empty()) return;
  if (std::find(values->begin(), values->end(), value) != values->end()) return;
  values->push_back(std::move(value));
}

// Base form of the run of parts [first, last] of `reading`.
std::string RunBaseForm(const Reading& reading, const std::string& last_base,
                        size_t first, size_t last) {
  std::string run;
  for (size_t k = first; k < last; ++k) run += reading.parts[k].surface;
  const bool final_part = last + 1 == reading.parts.size();
  return run + (final_part ? last_base : reading.parts[last].base);
}

void AddCompoundParts(const Reading& reading, std::vector<std::string>* out) {
  const size_t n = reading.parts.size();
  if (n < 2) return;
  std::string head;  // surfaces before the final part
  for (size_t k = 0; k + 1 < n; ++k) head += reading.parts[k].surface;
  const bool splits_lemma =
      reading.lemma.size() > head.size() && reading.lemma.starts_with(head);
  const std::string last_base = splits_lemma ? reading.lemma.substr(head.size())
                                             : reading.parts.back().base;
  for (size_t first = 0; first < n; ++first) {
    for (size_t last = first; last < n; ++last) {
      if (first == 0 && last + 1 == n) continue;  // the whole word
      if (last > first && n > kMaxPartsForRuns) continue;
      std::string part = RunBaseForm(reading, last_base, first, last);
      if (part != reading.lemma) AppendUnique(std::move(part), out);
    }
  }
}

FinnishLemmatizer::Analysis BuildAnalysis(std::vector<Reading> readings,
                                          std::string_view word) {
  FinnishLemmatizer::Analysis result;
  if (readings.empty()) return result;
  std::stable_sort(readings.begin(), readings.end(),
                   [word](const Reading& a, const Reading& b) {
                     if (a.parts.size() != b.parts.size()) {
                       return a.parts.size() < b.parts.size();
                     }
                     return a.lemma == word && b.lemma != word;
                   });
  result.known = true;
  const size_t fewest_parts = readings.front().parts.size();
  for (const Reading& reading : readings) {
    AppendUnique(reading.lemma, &result.lemmas);
    if (reading.parts.size() == fewest_parts) {
      AddCompoundParts(reading, &result.compound_parts);
    }
  }
  return result;
}

}  // namespace

struct FinnishLemmatizer::Impl {
  Impl(VoikkoHandle* voikko, size_t capacity)
      : handle(voikko), cache_capacity(std::max<size_t>(capacity, 1)) {}
  ~Impl() { voikkoTerminate(handle); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  VoikkoHandle* handle;
  size_t cache_capacity;
  std::unordered_map<std::string, Analysis, StringHash, std::equal_to<>> cache;
};

std::unique_ptr<FinnishLemmatizer> FinnishLemmatizer::Create(
    size_t cache_entries) {
  const char* error = nullptr;
  VoikkoHandle* handle = voikkoInit(&error, "fi", nullptr);
  if (handle == nullptr) return nullptr;
  return std::unique_ptr<FinnishLemmatizer>(
      new FinnishLemmatizer(std::make_unique<Impl>(handle, cache_entries)));
}

FinnishLemmatizer::FinnishLemmatizer(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

FinnishLemmatizer::~FinnishLemmatizer() = default;

const FinnishLemmatizer::Analysis& FinnishLemmatizer::Analyze(
    std::string_view word) {
  auto& cache = impl_->cache;
  if (auto it = cache.find(word); it != cache.end()) return it->second;
  if (cache.size() >= impl_->cache_capacity) cache.clear();
  Analysis analysis;
  if (IsAnalysableWord(word)) {
    analysis = BuildAnalysis(
        AnalyzeWithVoikko(impl_->handle, std::string(word)), word);
  }
  return cache.emplace(std::string(word), std::move(analysis)).first->second;
}

bool FinnishLemmatizer::IsKnownWord(std::string_view word) {
  return Analyze(word).known;
}

}  // namespace haku::analysis
