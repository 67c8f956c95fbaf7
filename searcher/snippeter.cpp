#include "searcher/snippeter.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>

#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"

namespace haku::search {
namespace {

// Texts longer than this are searched for a passage only in their start:
// a snippet must be cheap, and the start is where pages say what they are.
constexpr size_t kMaxScanBytes = 32 * 1024;

// Needles shorter than this match too much to place a snippet.
constexpr size_t kMinNeedleBytes = 3;
constexpr size_t kMaxNeedleHits = 64;
// Texts up to this many snippet lengths are tokenised whole.
constexpr size_t kRegionFactor = 4;

// ASCII and Latin-1 capitals (UTF-8 C3 80..C3 9E: Å, Ä, Ö, ...) to lower
// case, byte for byte: enough to place a snippet, not to match words. Runs
// over up to kMaxScanBytes of every hit's text, so ASCII capitals are
// folded eight bytes at a time; then the byte after each C3 lead is folded,
// or kept as it was (an ASCII byte after a stray C3 stays as written).
std::string FoldCaseRoughly(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  std::string out(text);
  char* p = out.data();
  const size_t n = out.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    // Per byte, the high bit: the byte is ASCII, >= 'A', > 'Z' (no carries:
    // seven bits plus at most 0x3F stay below 0x100).
    uint64_t low7 = w & ~kHigh;
    uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;
    uint64_t past_z = low7 + (0x80 - 'Z' - 1) * kOnes;
    uint64_t capital = ~w & at_least_a & ~past_z & kHigh;
    w |= capital >> 2;  // 0x80 >> 2: 0x20, the bit 'A'..'Z' lack
    std::memcpy(p + i, &w, 8);
  }
  for (; i < n; ++i) {
    if (p[i] >= 'A' && p[i] <= 'Z') p[i] = static_cast<char>(p[i] + 32);
  }
  for (const void* at = std::memchr(p, 0xC3, n); at != nullptr;) {
    size_t lead = static_cast<size_t>(static_cast<const char*>(at) - p);
    if (lead + 1 >= n) break;
    auto d = static_cast<unsigned char>(text[lead + 1]);
    p[lead + 1] = static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 32 : d);
    at = lead + 2 < n ? std::memchr(p + lead + 2, 0xC3, n - lead - 2) : nullptr;
  }
  return out;
}

// How rare a byte is in text, roughly (by English letter frequencies;
// higher is rarer, anything but a space or a letter rarest): FindAll()
// looks for a needle's rarest byte.
int Rarity(unsigned char c) {
  static constexpr std::string_view kByFrequency = " etaoinsrhldcumfpgwybvkxjqz";
  size_t at = kByFrequency.find(static_cast<char>(c));
  return at == std::string_view::npos ? 100 : static_cast<int>(at);
}

// The offsets of `needle` in `text`, in order, at most `max`: where
// string::find stops at every byte equal to the needle's first (an "e" or
// "d" every few bytes of a 32 KiB text), this stops at its rarest byte.
void FindAll(std::string_view text, std::string_view needle, size_t max,
             const std::function<void(size_t)>& found) {
  if (needle.empty()) return;
  size_t k = 0;
  for (size_t i = 1; i < needle.size(); ++i) {
    if (Rarity(static_cast<unsigned char>(needle[i])) >
        Rarity(static_cast<unsigned char>(needle[k]))) {
      k = i;
    }
  }
  size_t count = 0;
  for (size_t from = k; count < max && from < text.size();) {
    const void* at = std::memchr(text.data() + from, needle[k], text.size() - from);
    if (at == nullptr) break;
    size_t pos = static_cast<size_t>(static_cast<const char*>(at) - text.data()) - k;
    if (text.compare(pos, needle.size(), needle) == 0) {
      found(pos);
      ++count;
    }
    from = pos + k + 1;
  }
}

// Characters that ICU's word rules ($dictionary in word.txt) hand to a
// dictionary engine: Chinese, Japanese, Korean syllables, and the complex
// context scripts (Thai, Lao, Khmer, Burmese, the Tai scripts). The first
// such text a process breaks loads the script's engine (~0.5 ms, more than
// the rest of a snippet), or for Korean, which ICU ships no dictionary for,
// builds the set of the script's characters (~0.3 ms).
bool IsDictionaryScript(UChar32 c) {
  if (c < 0x0E00) return false;  // Thai, the first of them, starts here
  if (c >= 0xAC00 && c <= 0xD7A3) return true;  // $HangulSyllable
  if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return true;
  // Katakana letters and the marks the word breaker counts with them
  // (prolonged sound, voicing, vertical repeat), some of script Common.
  if (u_getIntPropertyValue(c, UCHAR_WORD_BREAK) == U_WB_KATAKANA) return true;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &err);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA;
}

bool HasDictionaryScript(std::string_view text) {
  for (int32_t i = 0, n = static_cast<int32_t>(text.size()); i < n;) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (IsDictionaryScript(c)) return true;
  }
  return false;
}

// `text` with each character of a dictionary script replaced by spaces, byte
// for byte (offsets stay valid), and for each such character a token of
// its byte range with an empty norm (nothing matches it); "" and no
// tokens when it has none.
std::string BlankDictionaryScripts(std::string_view text, std::vector<analysis::Token>& blanked) {
  std::string out;
  for (int32_t i = 0, n = static_cast<int32_t>(text.size()); i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (!IsDictionaryScript(c)) continue;
    if (out.empty()) out.assign(text);
    auto b = static_cast<size_t>(start), len = static_cast<size_t>(i - start);
    out.replace(b, len, len, ' ');
    analysis::Token& t = blanked.emplace_back();
    t.begin = b;
    t.end = b + len;
  }
  return out;
}

// A word's first letter without its diacritics ("ä" -> "a"), "" for none.
std::string FirstLetter(std::string_view word) {
  if (word.empty()) return "";
  auto first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return std::string(1, static_cast<char>(first));
  int32_t end = 0;
  UChar32 c;
  U8_NEXT(word.data(), end, static_cast<int32_t>(word.size()), c);
  std::string folded = analysis::FoldDiacritics(word.substr(0, static_cast<size_t>(end)));
  return folded.empty() ? std::string(word.substr(0, static_cast<size_t>(end))) : folded;
}

// The stemmers that only strip endings, so that a stem begins with its
// word's first letter (diacritics aside: German "über" -> "uber"). Checked
// over the 380,465 words of the 85k-page index, and by their algorithms;
// not others, some of which strip prefixes or initial mutations
// (Indonesian "membaca" -> "baca", Irish "b'dir" -> "dir", Tamil's
// demonstratives, Greek and Yiddish prefixes) or transliterate (Serbian).
bool StemKeepsFirstLetter(std::string_view lang) {
  static constexpr std::string_view kSuffixOnly[] = {"ca", "da", "de", "en", "es", "fi", "fr", "hu",
                                                     "it", "nb", "nl", "nn", "no", "pt", "ro", "ru",
                                                     "sv"};
  return std::find(std::begin(kSuffixOnly), std::end(kSuffixOnly), lang) != std::end(kSuffixOnly);
}

size_t Utf8Floor(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

const std::string& WordMemo::Stem(analysis::Analyzer& analyzer, const std::string& word,
                                  const std::string& lang) {
  key_.assign(lang).push_back('\0');
  key_.append(word);
  if (auto it = stems_.find(key_); it != stems_.end()) return it->second;
  if (stems_.size() >= kMaxWords) stems_.clear();
  return stems_.emplace(key_, analyzer.StemTerm(word, lang)).first->second;
}

const std::string& WordMemo::Folded(const std::string& word) {
  if (auto it = folded_.find(word); it != folded_.end()) return it->second;
  if (folded_.size() >= kMaxWords) folded_.clear();
  return folded_.emplace(word, analysis::FoldDiacritics(word)).first->second;
}

bool Snippeter::Matches(const std::string& word, const std::vector<std::string>& langs) {
  // One hash look-up for a word met before (most of a text's words).
  key_.assign(langs.empty() ? std::string_view() : std::string_view(langs[0]));
  key_.push_back('\0');
  key_.append(word);
  if (auto it = seen_.find(key_); it != seen_.end()) return it->second;
  bool matched = IsQueryTerm(word) ||
                 std::any_of(prefixes_.begin(), prefixes_.end(),
                             [&](const std::string& p) { return word.compare(0, p.size(), p) == 0; }) ||
                 MatchesForms(word, langs);
  seen_.emplace(key_, matched);
  return matched;
}

bool Snippeter::IsQueryStem(const std::string& term, const std::string& lang) const {
  if (!IsQueryTerm(term)) return false;
  auto it = stem_langs_.find(term);
  if (it == stem_langs_.end() || !query_langs_.contains(lang)) return true;
  return std::find(it->second.begin(), it->second.end(), lang) != it->second.end();
}

bool Snippeter::MatchesForms(const std::string& word, const std::vector<std::string>& langs) {
  for (const std::string& lang : langs) {
    // Stemming is most of a snippet's cost: only words that begin like
    // some query stem are stemmed.
    if (StemKeepsFirstLetter(lang) && !StemInitials().contains(FirstLetter(word))) continue;
    if (memo_ != nullptr ? IsQueryStem(memo_->Stem(analyzer_, word, lang), lang)
                         : IsQueryStem(analyzer_.StemTerm(word, lang), lang)) {
      return true;
    }
  }
  // Lemmas, compound parts and diacritic-less forms need the full (slow)
  // analysis: only for words that hold some query term's bytes.
  std::string folded = analysis::IsAscii(word) ? std::string()
                       : memo_ != nullptr      ? memo_->Folded(word)
                                               : analysis::FoldDiacritics(word);
  const std::vector<std::string>& needles = Needles();
  bool candidate = std::any_of(needles.begin(), needles.end(), [&](const std::string& n) {
    return word.find(n) != std::string::npos ||
           (!folded.empty() && folded.find(n) != std::string::npos);
  });
  if (!candidate) return false;
  const analysis::TermForms& f = analyzer_.Forms(word, langs);
  auto any = [&](const std::vector<std::string>& v) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& t) { return IsQueryTerm(t); });
  };
  // The text's stems are its language's (langs: that one or none).
  auto any_stem = [&](const std::vector<std::string>& v) {
    return !langs.empty() && std::any_of(v.begin(), v.end(), [&](const std::string& t) {
      return IsQueryStem(t, langs[0]);
    });
  };
  if (!f.folded.empty() && IsQueryTerm(f.folded)) return true;
  return any_stem(f.stems) || any(f.lemmas) || any_stem(f.folded_stems) || any(f.parts);
}

const std::unordered_set<std::string>& Snippeter::StemInitials() {
  if (stem_initials_ready_) return stem_initials_;
  stem_initials_ready_ = true;
  for (const std::string& t : terms_) {
    if (t.starts_with(analysis::kStemPrefix)) {
      stem_initials_.insert(FirstLetter(std::string_view(t).substr(analysis::kStemPrefix.size())));
    }
  }
  return stem_initials_;
}

// Whether a query term is written in a dictionary script: only then can a
// word of such text match, and only then is such text broken into words.
bool Snippeter::QueryHasDictionaryScript() {
  if (dictionary_script_ < 0) {
    dictionary_script_ = std::any_of(terms_.begin(), terms_.end(), HasDictionaryScript) ||
                         std::any_of(prefixes_.begin(), prefixes_.end(), HasDictionaryScript);
  }
  return dictionary_script_ > 0;
}

// Bytes of the query terms as they may appear inside text words: exact
// forms, the bodies of stems, lemmas and compound parts (most inflected
// forms start with their stem), wildcard prefixes.
const std::vector<std::string>& Snippeter::Needles() {
  if (needles_ready_) return needles_;
  needles_ready_ = true;
  std::set<std::string> out(prefixes_.begin(), prefixes_.end());
  for (const std::string& t : terms_) {
    std::string_view body = t;
    if (!body.empty() && body[0] == 'Z') {
      body.remove_prefix(1);
    } else if (body.size() > 2 && body[0] == 'X') {
      body.remove_prefix(2);
    }
    out.emplace(body);
  }
  for (const std::string& n : out) {
    if (n.size() >= kMinNeedleBytes) needles_.push_back(n);
  }
  return needles_;
}

// Where in `text` the query's words cluster most: the start of the
// `max_bytes` window holding the most distinct needles (0 when none is
// found). Cheap: byte search over a case-folded copy, no tokenising.
size_t Snippeter::BestRegion(std::string_view text, size_t max_bytes) {
  std::string folded = FoldCaseRoughly(text);
  std::vector<std::pair<size_t, size_t>> at;  // offset, needle
  const std::vector<std::string>& needles = Needles();
  for (size_t n = 0; n < needles.size(); ++n) {
    FindAll(folded, needles[n], kMaxNeedleHits, [&](size_t pos) { at.emplace_back(pos, n); });
  }
  std::sort(at.begin(), at.end());
  // A window from each found needle, slid: how often each needle is in it.
  std::vector<size_t> in_window(needles.size(), 0);
  size_t best = 0, best_count = 0, distinct = 0, end = 0;
  for (size_t i = 0; i < at.size(); ++i) {
    if (i > 0 && --in_window[at[i - 1].second] == 0) --distinct;
    for (; end < at.size() && at[end].first - at[i].first <= max_bytes; ++end) {
      if (in_window[at[end].second]++ == 0) ++distinct;
    }
    if (distinct > best_count) {
      best_count = distinct;
      best = at[i].first;
    }
  }
  return best;
}

Snippet Snippeter::Make(std::string_view text, const std::string& lang, size_t max_bytes) {
  text = text.substr(0, Utf8Floor(text, std::min(text.size(), kMaxScanBytes)));
  // Long texts: tokenise only around the region where the words cluster.
  size_t from = 0, to = text.size();
  if (text.size() > kRegionFactor * max_bytes) {
    size_t at = BestRegion(text, max_bytes);
    from = at > max_bytes ? at - max_bytes : 0;
    size_t space = text.find_first_of(" \n\t", from);
    if (from > 0 && space != std::string_view::npos && space < at) from = space + 1;
    to = Utf8Floor(text, std::min(text.size(), at + 2 * max_bytes));
  }
  Snippet s = MakeIn(text.substr(from, to - from), lang, max_bytes);
  if (from > 0 && s.text.rfind("… ", 0) != 0) {
    s.text.insert(0, "… ");
    for (auto& [b, e] : s.highlights) {
      b += 4;
      e += 4;
    }
  }
  if (to < text.size() && !s.text.ends_with(" …")) s.text += " …";
  return s;
}

Snippet Snippeter::MakeIn(std::string_view text, const std::string& lang, size_t max_bytes) {
  std::vector<std::string> langs;
  if (analyzer_.HasStemmer(lang)) langs.push_back(lang);
  // Text in a script the query does not use cannot match: blanked, it is
  // not broken into words (Latin words inside it still are). Each of its
  // characters stands in the token list as an unmatchable token (empty
  // norm), so that the snippet can still begin and end inside it.
  std::vector<analysis::Token> chars;
  std::string blanked = QueryHasDictionaryScript() ? std::string() : BlankDictionaryScripts(text, chars);
  std::vector<analysis::Token> tokens =
      analysis::Tokenize(blanked.empty() ? text : std::string_view(blanked));
  if (!chars.empty()) {
    std::vector<analysis::Token> all;
    all.reserve(tokens.size() + chars.size());
    std::merge(std::make_move_iterator(tokens.begin()), std::make_move_iterator(tokens.end()),
               std::make_move_iterator(chars.begin()), std::make_move_iterator(chars.end()),
               std::back_inserter(all),
               [](const analysis::Token& a, const analysis::Token& b) { return a.begin < b.begin; });
    tokens = std::move(all);
  }
  std::vector<size_t> hits;  // token indexes that match
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].norm.empty() && Matches(tokens[i].norm, langs)) hits.push_back(i);
  }
  // The window starting at a hit that covers the most distinct matched words.
  size_t best_begin = 0, best_score = 0;
  for (size_t h = 0; h < hits.size(); ++h) {
    std::set<std::string> seen;
    size_t start = tokens[hits[h]].begin;
    for (size_t k = h; k < hits.size() && tokens[hits[k]].end - start <= max_bytes; ++k) {
      seen.insert(tokens[hits[k]].norm);
    }
    if (seen.size() > best_score) {
      best_score = seen.size();
      best_begin = start;
    }
  }
  // Begin a little before the first match, at a word start.
  size_t begin = 0;
  if (best_score > 0) {
    size_t lead = max_bytes / 5;
    size_t want = best_begin > lead ? best_begin - lead : 0;
    for (const analysis::Token& t : tokens) {
      if (t.begin >= want) {
        begin = std::min(t.begin, best_begin);
        break;
      }
    }
  }
  size_t end = std::min(text.size(), begin + max_bytes);
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->end <= end && it->begin >= begin) {
      end = (end == text.size()) ? end : it->end;
      break;
    }
  }
  end = Utf8Floor(text, end);
  // Copy the window with whitespace runs collapsed, mapping offsets.
  Snippet out;
  out.text = begin > 0 ? "… " : "";
  std::vector<size_t> at(end - begin + 1);
  for (size_t i = begin; i < end; ++i) {
    at[i - begin] = out.text.size();
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!out.text.empty() && out.text.back() != ' ') out.text += ' ';
    } else {
      out.text += c;
    }
  }
  at[end - begin] = out.text.size();
  for (size_t i : hits) {
    const analysis::Token& t = tokens[i];
    if (t.begin < begin || t.end > end) continue;
    out.highlights.emplace_back(at[t.begin - begin], at[t.end - begin]);
  }
  while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
  if (end < text.size()) out.text += " …";
  return out;
}

}  // namespace haku::search
