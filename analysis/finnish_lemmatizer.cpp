// analysis/finnish_lemmatizer.cpp -- Voikko's analyses turned into lemmas and
// compound parts.
//
// Voikko reports, per reading of a word, BASEFORM, STRUCTURE (the written
// word, '=' before each compound part) and WORDBASES, one "+surface(base)"
// per morpheme:
//   tulostusalueen     =pppppppp=pppppp +tulost(tulostaa)+us(+us)+alue(alue)
//   asetusvalinnoista  =pppppp=ppppppppppp
//   +aset(asettaa)+us(+us)+vali(valita)+n+ta(+ta) yliopistosairaala
//   =ppp=pppppp=ppppppppp  +yli+opisto(opisto)+sairaala(sairaala)
// Morphemes are grouped into parts where STRUCTURE says. A part of one
// morpheme with a base has that base; a part of several (a derivation:
// "aset" + "us") has its written form; a part without any base is a bound
// prefix ("yli", "epä", "erikois"). Non-final surfaces are as written in the
// word ("tietojen"); the final part's base is BASEFORM minus them.
#include "analysis/finnish_lemmatizer.h"

#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

#include "common/bounded_cache.h"

namespace haku::analysis {
namespace {

constexpr int32_t kMaxWordCodePoints =
    255;  // libvoikko's LIBVOIKKO_MAX_WORD_CHARS
// Runs of adjacent parts are listed only up to this many parts (n(n+1)/2 runs).
constexpr size_t kMaxPartsForRuns = 8;

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
struct Morpheme {
  std::string surface;
  std::string base;  // "" for a bound morpheme, "+us" for a derivational one
};

std::vector<Morpheme> ParseWordBases(std::string_view text) {
  std::vector<Morpheme> morphemes;
  size_t i = 0;
  while (i < text.size() && text[i] == '+') {
    const size_t surface_end = text.find_first_of("+(", i + 1);
    Morpheme m;
    m.surface = ToLower(text.substr(i + 1, surface_end - (i + 1)));
    i = surface_end;
    if (i != std::string_view::npos && text[i] == '(') {
      const size_t close = text.find(')', i);
      m.base = ToLower(text.substr(i + 1, close - (i + 1)));
      i = close == std::string_view::npos ? close : close + 1;
    }
    std::erase(m.base, '=');  // "hyvin=vointi": structure inside a base
    morphemes.push_back(std::move(m));
  }
  return morphemes;
}

// Where STRUCTURE starts a part, in characters: "=ppp=pppp" -> {0, 3}.
std::vector<size_t> PartStarts(std::string_view structure) {
  std::vector<size_t> starts;
  size_t position = 0;
  for (char c : structure) {
    if (c == '=') {
      starts.push_back(position);
    } else {
      ++position;
    }
  }
  return starts;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(),
      [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A compound part: its morphemes as written and its base form.
struct Part {
  std::string surface;
  std::string base;
  bool bound = false;  // a bound prefix: no base form of its own
};

Part MakePart(const std::vector<const Morpheme*>& morphemes) {
  Part part;
  for (const Morpheme* m : morphemes) part.surface += m->surface;
  const std::string& base = morphemes.front()->base;
  const bool lexical = morphemes.size() == 1 && !base.empty() && base[0] != '+';
  part.base = lexical ? base : part.surface;
  part.bound = morphemes.size() == 1 && base.empty();
  return part;
}

std::vector<Part> GroupIntoParts(const std::vector<Morpheme>& morphemes,
                                 const std::vector<size_t>& starts) {
  std::vector<std::vector<const Morpheme*>> groups;
  size_t position = 0;
  for (const Morpheme& m : morphemes) {
    if (groups.empty() ||
        std::find(starts.begin(), starts.end(), position) != starts.end()) {
      groups.emplace_back();
    }
    groups.back().push_back(&m);
    position += CodePoints(m.surface);
  }
  std::vector<Part> parts;
  for (const auto& group : groups) parts.push_back(MakePart(group));
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
        GroupIntoParts(ParseWordBases(Attribute(analysis, "WORDBASES")),
                       PartStarts(Attribute(analysis, "STRUCTURE")))};
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

// A run of parts stands on its own unless it ends in a bound prefix or begins
// right after one: "epäonnistuminen" gives no "onnistua", "yliopisto" no
// "opisto".
bool IsFreeRun(const std::vector<Part>& parts, size_t first, size_t last) {
  return !parts[last].bound && (first == 0 || !parts[first - 1].bound);
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
      if (!IsFreeRun(reading.parts, first, last)) continue;
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
      : handle(voikko), cache(capacity) {}
  ~Impl() { voikkoTerminate(handle); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  VoikkoHandle* handle;
  BoundedCache<Analysis> cache;
};

std::string FinnishLemmatizer::LibraryVersion() {
  const char* version = voikkoGetVersion();
  return version != nullptr ? version : "";
}

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
  if (const Analysis* cached = impl_->cache.Find(word)) return *cached;
  Analysis analysis;
  if (IsAnalysableWord(word)) {
    analysis = BuildAnalysis(
        AnalyzeWithVoikko(impl_->handle, std::string(word)), word);
  }
  return impl_->cache.Put(word, std::move(analysis));
}

bool FinnishLemmatizer::IsKnownWord(std::string_view word) {
  return Analyze(word).known;
}

}  // namespace haku::analysis
