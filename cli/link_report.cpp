#include "cli/link_report.h"

#include <filesystem>
#include <memory>

#include "indexer/crawler/crawl_store.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/index_stats.h"

namespace haku::cli {
namespace {

// The store, or nullptr when the index directory has none.
Result<std::unique_ptr<crawler::CrawlStore>> OpenStoreIfAny(const std::string& index_dir) {
  std::string path = index::CrawlStorePath(index_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::unique_ptr<crawler::CrawlStore>();
  return crawler::CrawlStore::Open(path);
}

// The row the index knows when the store has none.
crawler::StoredPage PageFromIndex(const index::IndexedResource& r) {
  crawler::StoredPage page;
  page.url = r.url;
  page.state = crawler::FetchStateFromName(r.state).value_or(crawler::FetchState::kNotFetched);
  page.final_url = r.final_url;
  if (!r.final_url.empty() && r.final_url != r.url) page.redirects.push_back(r.final_url);
  return page;
}

}  // namespace

Result<std::vector<ListedLink>> ReadListedLinks(const std::string& index_dir,
                                                const std::string& db_path) {
  Result<std::vector<index::IndexedResource>> resources =
      index::ReadIndexedResources(db_path);
  if (!resources.ok()) return resources.status();
  Result<std::unique_ptr<crawler::CrawlStore>> store = OpenStoreIfAny(index_dir);
  if (!store.ok()) return store.status();
  std::vector<ListedLink> links;
  for (const index::IndexedResource& r : resources.value()) {
    std::optional<crawler::StoredPage> row;
    if (*store) {
      Result<std::optional<crawler::StoredPage>> got = (*store)->GetMeta(r.url);
      if (!got.ok()) return got.status();
      row = std::move(got.value());
    }
    if (row && row->depth > 0) continue;  // reached by following links, not listed
    ListedLink link;
    link.status = crawler::DescribeLink(row ? *row : PageFromIndex(r));
    link.label = std::string(crawler::LinkStateLabel(link.status));
    link.lists = r.lists;
    links.push_back(std::move(link));
  }
  return links;
}

std::map<std::string, int> CountLabels(const std::vector<ListedLink>& links) {
  std::map<std::string, int> counts;
  for (const ListedLink& l : links) ++counts[l.label];
  return counts;
}

}  // namespace haku::cli
