// indexer/extractor/template_filter.h -- site templates: blocks (headers,
// menus, footers) that repeat on most pages of one site.
//
// Two passes: Observe() every extracted page of a site, then Apply() to each
// page, which moves template blocks from `blocks` to `boilerplate`. Not
// thread-safe; memory is one counter per distinct block hash per host.
//
// Pages are counted per host and language (the primary subtag of
// page.lang_hint): a multilingual site translates its template, so each
// translation only repeats across the pages of its own language.
// IsTemplate() answers for any language of the host.
#ifndef HAKU_INDEXER_EXTRACTOR_TEMPLATE_FILTER_H_
#define HAKU_INDEXER_EXTRACTOR_TEMPLATE_FILTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

struct TemplateFilterOptions {
  double min_share = 0.3;  // a block on at least this share of a host's pages ...
  int min_pages = 4;       // ... and on at least this many pages is template
};

class TemplateFilter {
 public:
  explicit TemplateFilter(TemplateFilterOptions options = {});
  // Counts each distinct block hash of `page` once for `host`.
  void Observe(std::string_view host, const ExtractedPage& page);
  // Moves the template blocks of `page` to page.boilerplate.
  void Apply(std::string_view host, ExtractedPage& page) const;
  bool IsTemplate(std::string_view host, uint64_t block_hash) const;

 private:
  struct HostCounts {
    int pages = 0;
    std::unordered_map<uint64_t, int> blocks;
  };
  // "host\tlang": the counts of one language of one host.
  static std::string Key(std::string_view host, const ExtractedPage& page);
  bool IsTemplateIn(const HostCounts& counts, uint64_t block_hash) const;

  TemplateFilterOptions options_;
  std::unordered_map<std::string, HostCounts> hosts_;
};

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_TEMPLATE_FILTER_H_
