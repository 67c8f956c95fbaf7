#include "indexer/extractor/template_filter.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <utility>

namespace haku::extractor {

TemplateFilter::TemplateFilter(TemplateFilterOptions options)
    : options_(options) {}

void TemplateFilter::Observe(std::string_view host, const ExtractedPage& page) {
  HostCounts& counts = hosts_[std::string(host)];
  ++counts.pages;
  std::unordered_set<uint64_t> seen;
  for (const Block& block : page.blocks) {
    if (seen.insert(block.hash).second) ++counts.blocks[block.hash];
  }
}

bool TemplateFilter::IsTemplate(std::string_view host,
                                uint64_t block_hash) const {
  auto host_it = hosts_.find(std::string(host));
  if (host_it == hosts_.end()) return false;
  const HostCounts& counts = host_it->second;
  auto it = counts.blocks.find(block_hash);
  if (it == counts.blocks.end()) return false;
  double needed = std::max<double>(
      options_.min_pages, std::ceil(options_.min_share * counts.pages));
  return it->second >= needed;
}

void TemplateFilter::Apply(std::string_view host, ExtractedPage& page) const {
  if (hosts_.find(std::string(host)) == hosts_.end()) return;
  std::vector<Block> kept;
  kept.reserve(page.blocks.size());
  for (Block& block : page.blocks) {
    if (IsTemplate(host, block.hash)) {
      page.boilerplate.push_back(std::move(block));
    } else {
      kept.push_back(std::move(block));
    }
  }
  page.blocks = std::move(kept);
}

}  // namespace haku::extractor
