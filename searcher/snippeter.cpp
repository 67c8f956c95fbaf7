#include "searcher/snippeter.h"

#include <algorithm>

#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"

namespace haku::search {
namespace {

// Texts longer than this are searched for a passage only in their start:
// a snippet must be cheap, and the start is where pages say what they are.
constexpr size_t kMaxScanBytes = 32 * 1024;

size_t Utf8Floor(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

}  // namespace

bool Snippeter::Matches(const std::string& word, const std::vector<std::string>& langs) {
  if (terms_.count(word)) return true;
  for (const std::string& p : prefixes_) {
    if (word.compare(0, p.size(), p) == 0) return true;
  }
  std::string key = (langs.empty() ? std::string() : langs[0]) + '\0' + word;
  auto [it, inserted] = seen_.try_emplace(key, false);
  if (inserted) it->second = MatchesForms(word, langs);
  return it->second;
}

bool Snippeter::MatchesForms(const std::string& word, const std::vector<std::string>& langs) {
  analysis::TermForms f = analyzer_.Forms(word, langs);
  auto any = [&](const std::vector<std::string>& v) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& t) { return terms_.count(t) > 0; });
  };
  if (!f.folded.empty() && terms_.count(f.folded)) return true;
  return any(f.stems) || any(f.lemmas) || any(f.folded_stems) || any(f.parts);
}

Snippet Snippeter::Make(std::string_view text, const std::string& lang, size_t max_bytes) {
  text = text.substr(0, Utf8Floor(text, std::min(text.size(), kMaxScanBytes)));
  std::vector<std::string> langs;
  if (analyzer_.HasStemmer(lang)) langs.push_back(lang);
  std::vector<analysis::Token> tokens = analysis::Tokenize(text);
  std::vector<size_t> hits;  // token indexes that match
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (Matches(tokens[i].norm, langs)) hits.push_back(i);
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
