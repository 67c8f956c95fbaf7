#include "analysis/language_id.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"

namespace haku::analysis {
namespace {

// CLD2's codes that differ from ISO 639-1.
std::string FromCld2(CLD2::Language lang) {
  std::string code = CLD2::LanguageCode(lang);
  if (code == "un" || code == "xx" || code.empty()) return std::string(kUndetermined);
  if (code == "iw") return "he";
  if (code == "zh-Hant") return "zh";
  if (code == "no") return "nb";
  return code;
}

// Candidate languages for the evidence that CLD2 cannot give on short text.
constexpr std::array<std::string_view, 3> kShortTextLanguages = {"en", "sv", "fi"};

struct Marker {
  std::string_view phrase;  // normalised, matched on word boundaries
  std::string_view lang;
};
// Lists say outright what language a resource is in.
constexpr Marker kMarkers[] = {
    {"in swedish", "sv"},   {"på svenska", "sv"},    {"svenskspråkig", "sv"},
    {"in finnish", "fi"},   {"suomeksi", "fi"},      {"på finska", "fi"},
    {"suomenkielinen", "fi"}, {"in english", "en"},  {"på engelska", "en"},
    {"englanniksi", "en"},
};

std::string MarkedLanguage(const std::string& normalized_text) {
  for (const Marker& m : kMarkers) {
    size_t at = normalized_text.find(m.phrase);
    if (at == std::string::npos) continue;
    size_t end = at + m.phrase.size();
    bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(normalized_text[at - 1]));
    bool right = end == normalized_text.size() ||
                 !std::isalpha(static_cast<unsigned char>(normalized_text[end]));
    if (left && right) return std::string(m.lang);
  }
  return "";
}

struct Cld2Result {
  LanguageResult result;
  int text_bytes = 0;
};

Cld2Result RunCld2(std::string_view text, const LanguageHints& hints) {
  std::string declared = PrimaryLanguage(hints.declared);
  CLD2::CLDHints cld_hints = {declared.empty() ? nullptr : declared.c_str(),
                              hints.tld.empty() ? nullptr : hints.tld.c_str(),
                              CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language top = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, &cld_hints,
      CLD2::kCLDFlagBestEffort, lang3, percent3, score3, nullptr, &text_bytes, &reliable);
  Cld2Result out;
  out.text_bytes = text_bytes;
  out.result.lang = FromCld2(top);
  out.result.reliable = reliable && out.result.lang != kUndetermined;
  for (int i = 0; i < 3; ++i) {
    std::string code = FromCld2(lang3[i]);
    if (code != kUndetermined && percent3[i] >= 10) out.result.shares.push_back({code, percent3[i]});
  }
  return out;
}

// Short text: combine marker, letters, dictionaries and CLD2 into scores.
LanguageResult ShortText(std::string_view text, const Cld2Result& cld,
                         const LanguageHints& hints, const LexiconEvidence& lexicon) {
  std::vector<std::string> words;
  std::string normalized;
  for (Token& t : Tokenize(text)) {
    if (t.numeric) continue;
    normalized += t.norm + " ";
    words.push_back(std::move(t.norm));
  }
  LanguageResult out;
  if (std::string marked = MarkedLanguage(normalized); !marked.empty()) {
    out.lang = marked;
    out.reliable = true;
    out.shares = {{marked, 100}};
    return out;
  }
  std::map<std::string, double, std::less<>> score;
  // CLD2 on a few words is a weak witness, "reliable" or not.
  if (cld.result.lang != kUndetermined) score[cld.result.lang] += cld.result.reliable ? 0.7 : 0.3;
  if (normalized.find("å") != std::string::npos) score["sv"] += 0.6;
  if (normalized.find("ä") != std::string::npos || normalized.find("ö") != std::string::npos) {
    score["sv"] += 0.3;  // letters English does not use
    score["fi"] += 0.3;
  }
  std::string declared = PrimaryLanguage(hints.declared);
  if (!declared.empty()) score[declared] += 0.2;
  if (lexicon && !words.empty()) {
    // The dictionaries are the costly witness (a word no dictionary knows
    // takes hunspell ~20 us): ask them likeliest language first, and skip a
    // language that could not reach the best score even if its dictionary
    // knew every word: the verdict is the one asking all of them gives (up
    // to rounding: the terms are summed in another order than before).
    constexpr double kLexiconWeight = 1.5;
    std::vector<std::pair<double, std::string_view>> order;
    for (std::string_view lang : kShortTextLanguages) {
      auto it = score.find(lang);
      order.emplace_back(it == score.end() ? 0.0 : it->second, lang);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    double best = 0;
    for (const auto& [lang, base] : score) best = std::max(best, base);
    for (const auto& [base, lang] : order) {
      if (base + kLexiconWeight < best) continue;
      double& s = score[std::string(lang)];
      s += kLexiconWeight * lexicon(lang, words);
      best = std::max(best, s);
    }
  }
  auto best = std::max_element(score.begin(), score.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best == score.end() || best->second < 0.5) {
    std::string fallback = PrimaryLanguage(hints.fallback);
    out.lang = fallback.empty() ? std::string(kUndetermined) : fallback;
    if (out.lang != kUndetermined) out.shares = {{out.lang, 100}};
    return out;
  }
  out.lang = best->first;
  out.reliable = best->second >= 1.2;
  out.shares = {{out.lang, 100}};
  return out;
}

}  // namespace

LanguageResult IdentifyLanguage(std::string_view text, const LanguageHints& hints,
                                const LexiconEvidence& lexicon) {
  std::string clean = SanitizeUtf8(text);
  Cld2Result cld = RunCld2(clean, hints);
  if (clean.size() >= kShortTextBytes && cld.result.lang != kUndetermined) return cld.result;
  return ShortText(clean, cld, hints, lexicon);
}

LanguageResult IdentifyLanguage(std::string_view text, const LanguageHints& hints,
                                Analyzer& analyzer) {
  return IdentifyLanguage(text, hints, [&analyzer](std::string_view lang,
                                                   const std::vector<std::string>& words) {
    return analyzer.KnownShare(lang, words);
  });
}

}  // namespace haku::analysis
