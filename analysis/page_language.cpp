#include "analysis/page_language.h"

#include <algorithm>
#include <map>

namespace haku::analysis {

LanguageResult ShortTextVerdicts::Identify(std::string_view text, const LanguageHints& hints,
                                           Analyzer& analyzer) {
  key_.assign(hints.declared).append(1, '\0').append(hints.tld).append(1, '\0');
  key_.append(hints.fallback).append(1, '\0').append(text);
  if (const LanguageResult* known = cache_.Find(key_)) return *known;
  return cache_.Put(key_, IdentifyLanguage(text, hints, analyzer));
}

PageLanguages IdentifyPageLanguages(const std::vector<std::string>& blocks,
                                    std::string_view title, const LanguageHints& hints,
                                    Analyzer& analyzer, const PageLanguageOptions& options,
                                    ShortTextVerdicts* verdicts) {
  auto identify_short = [&](std::string_view text, const LanguageHints& h) {
    return verdicts != nullptr ? verdicts->Identify(text, h, analyzer)
                               : IdentifyLanguage(text, h, analyzer);
  };
  PageLanguages out;
  LanguageHints priors{.declared = hints.declared, .tld = hints.tld, .fallback = ""};
  std::map<std::string, double> weight;
  std::vector<size_t> short_blocks;
  double total = 0;
  size_t sampled = 0;
  out.blocks.assign(blocks.size(), "");
  for (size_t i = 0; i < blocks.size(); ++i) {
    const std::string& text = blocks[i];
    if (sampled > options.sample_bytes) continue;
    sampled += text.size();
    total += static_cast<double>(text.size());
    if (text.size() >= options.min_block_bytes) {
      LanguageResult r = IdentifyLanguage(text, priors);
      if (r.lang != kUndetermined) {
        out.blocks[i] = r.lang;
        weight[r.lang] += static_cast<double>(text.size());
        continue;
      }
    }
    short_blocks.push_back(i);
  }
  // Short blocks one by one, with the dictionaries: in a translated manual
  // the short labels are where translated and untranslated text interleave
  // ("Toiminnon käyttäminen:" above an English paragraph), so one verdict
  // for all of them together is wrong for some of them.
  std::string pooled;
  std::vector<size_t> pooled_blocks;
  for (size_t i : short_blocks) {
    LanguageResult r = identify_short(blocks[i], priors);
    if (r.lang == kUndetermined) {
      pooled += blocks[i];
      pooled += '\n';
      pooled_blocks.push_back(i);
      continue;
    }
    out.blocks[i] = r.lang;
    weight[r.lang] += static_cast<double>(blocks[i].size());
  }
  if (!pooled.empty()) {
    LanguageResult r = IdentifyLanguage(pooled, priors, analyzer);
    for (size_t i : pooled_blocks) out.blocks[i] = r.lang;
    if (r.lang != kUndetermined) weight[r.lang] += static_cast<double>(pooled.size());
  }
  if (!title.empty()) {
    LanguageResult r = IdentifyLanguage(title, priors, analyzer);  // titles rarely repeat
    if (r.lang != kUndetermined) {
      double w = std::max(static_cast<double>(title.size()), total * options.title_weight);
      weight[r.lang] += w;
      total += w;
    }
  }
  std::string fallback = PrimaryLanguage(hints.fallback);
  if (!fallback.empty()) out.primary = fallback;
  double best = 0;
  for (const auto& [lang, w] : weight) {
    if (w > best) {
      best = w;
      out.primary = lang;
    }
    int percent = total > 0 ? static_cast<int>(w / total * 100 + 0.5) : 0;
    out.shares.push_back({lang, percent});
    if (total > 0 && w / total * 100 >= options.min_share_percent) out.filter.insert(lang);
  }
  std::stable_sort(out.shares.begin(), out.shares.end(),
                   [](const LanguageShare& a, const LanguageShare& b) { return a.percent > b.percent; });
  if (out.filter.empty()) out.filter.insert(out.primary);
  for (std::string& lang : out.blocks) {
    if (lang.empty() || lang == kUndetermined) lang = out.primary;
  }
  return out;
}

}  // namespace haku::analysis
