#include "analysis/page_language.h"

#include <algorithm>
#include <map>

namespace haku::analysis {

PageLanguages IdentifyPageLanguages(const std::vector<std::string>& blocks,
                                    std::string_view title, const LanguageHints& hints,
                                    Analyzer& analyzer, const PageLanguageOptions& options) {
  PageLanguages out;
  LanguageHints priors{.declared = hints.declared, .tld = hints.tld, .fallback = ""};
  std::map<std::string, double> weight;
  std::string short_text;
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
    short_text += text;
    short_text += '\n';
    short_blocks.push_back(i);
  }
  if (!short_text.empty()) {
    LanguageResult r = analyzer.Identify(short_text, priors);
    for (size_t i : short_blocks) out.blocks[i] = r.lang;
    if (r.lang != kUndetermined) weight[r.lang] += static_cast<double>(short_text.size());
  }
  if (!title.empty()) {
    LanguageResult r = analyzer.Identify(title, priors);
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
