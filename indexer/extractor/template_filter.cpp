#include "indexer/extractor/template_filter.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <utility>

namespace haku::extractor {

TemplateFilter::TemplateFilter(TemplateFilterOptions options)
    : options_(options) {}

std::string TemplateFilter::Key(std::string_view host,
                                const ExtractedPage& page) {
  std::string key(host);
  key.push_back('\t');
  std::string_view lang = page.lang_hint;
  for (char c : lang.substr(0, lang.find_first_of("-_"))) {
    key.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

void TemplateFilter::Observe(std::string_view host, const ExtractedPage& page) {
  HostCounts& counts = hosts_[Key(host, page)];
  ++counts.pages;
  std::unordered_set<uint64_t> seen;
  for (const Block& block : page.blocks) {
    if (seen.insert(block.hash).second) ++counts.blocks[block.hash];
  }
}

bool TemplateFilter::IsTemplateIn(const HostCounts& counts,
                                  uint64_t block_hash) const {
  auto it = counts.blocks.find(block_hash);
  if (it == counts.blocks.end()) return false;
  double needed = std::max<double>(
      options_.min_pages, std::ceil(options_.min_share * counts.pages));
  return it->second >= needed;
}

bool TemplateFilter::IsTemplate(std::string_view host,
                                uint64_t block_hash) const {
  std::string prefix = std::string(host) + '\t';
  for (const auto& [key, counts] : hosts_) {
    if (key.starts_with(prefix) && IsTemplateIn(counts, block_hash)) return true;
  }
  return false;
}

void TemplateFilter::Apply(std::string_view host, ExtractedPage& page) const {
  auto host_it = hosts_.find(Key(host, page));
  if (host_it == hosts_.end()) return;
  std::vector<Block> kept;
  kept.reserve(page.blocks.size());
  for (Block& block : page.blocks) {
    if (IsTemplateIn(host_it->second, block.hash)) {
      page.boilerplate.push_back(std::move(block));
    } else {
      kept.push_back(std::move(block));
    }
  }
  page.blocks = std::move(kept);
}

}  // namespace haku::extractor
