// analysis/page_language.h -- the languages of a whole page, block by block.
//
// A page from a translated manual is often partly untranslated: a page
// labelled Swedish may be half English. IdentifyPageLanguages() judges each
// long block by its own text (CLD2 is accurate on paragraphs), the short
// blocks together and the title with the analyzer's dictionaries (short-text
// evidence), weighs each verdict by its bytes, and returns the primary
// language, every language holding a substantial share of the page, and
// the language of each block, so that each block can be analysed in its own
// language. The declared language (hints.declared) is a prior only.
// Not thread-safe: it uses the caller's Analyzer (one per thread).
#ifndef HAKU_ANALYSIS_PAGE_LANGUAGE_H_
#define HAKU_ANALYSIS_PAGE_LANGUAGE_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/language_id.h"
#include "common/bounded_cache.h"

namespace haku::analysis {

struct PageLanguageOptions {
  // Blocks after this many bytes of text are not looked at (their language
  // is the primary one); enough for a confident verdict.
  size_t sample_bytes = 32 * 1024;
  // A language with at least this percentage of the page's weight is one of
  // its filter languages (a page is found under each of them).
  int min_share_percent = 15;
  // Blocks shorter than this are judged with the dictionaries (short-text
  // evidence) rather than by CLD2 alone; those that give no evidence, together.
  size_t min_block_bytes = 80;
  // The title weighs at least this fraction of the body text, and never less
  // than its own bytes. 0: its bytes, like a heading. (A translated title
  // over an untranslated page must not make the page Finnish: measured on
  // bench/langid/pages-gold.tsv, a quarter misjudged 4 of 164 pages.)
  double title_weight = 0.0;
};

struct PageLanguages {
  std::string primary{kUndetermined};  // hints.fallback when the text tells nothing
  std::set<std::string> filter;        // languages holding >= min_share_percent
  std::vector<LanguageShare> shares;   // every identified language, largest first
  std::vector<std::string> blocks;     // the language of each block (never empty)
};

// Verdicts on short texts, remembered: labels repeat from page to page
// ("Syntax:", "Example", "Related Topics"; about half of the short blocks of
// a translated manual), and each costs CLD2 and the dictionaries. Bounded;
// not thread-safe: one per thread, beside its Analyzer.
class ShortTextVerdicts {
 public:
  explicit ShortTextVerdicts(size_t capacity = 4096) : cache_(capacity) {}
  // IdentifyLanguage(text, hints, analyzer), from memory when asked before.
  LanguageResult Identify(std::string_view text, const LanguageHints& hints, Analyzer& analyzer);

 private:
  BoundedCache<LanguageResult> cache_;
  std::string key_;
};

// `blocks` are the page's main-text blocks in reading order, `title` its
// title (may be empty). hints.declared and hints.tld are priors;
// hints.fallback is the primary language when no block gives evidence.
// `verdicts`, when given, remembers short texts' verdicts across pages.
// Never throws.
PageLanguages IdentifyPageLanguages(const std::vector<std::string>& blocks,
                                    std::string_view title, const LanguageHints& hints,
                                    Analyzer& analyzer, const PageLanguageOptions& options = {},
                                    ShortTextVerdicts* verdicts = nullptr);

}  // namespace haku::analysis

#endif  // HAKU_ANALYSIS_PAGE_LANGUAGE_H_
