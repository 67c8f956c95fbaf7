// tests/searcher/test_index.h -- small real haku indexes for searcher tests,
// written with IndexWriter into a temporary directory.
#ifndef HAKU_TESTS_SEARCHER_TEST_INDEX_H_
#define HAKU_TESTS_SEARCHER_TEST_INDEX_H_

#include <memory>
#include <string>
#include <vector>

#include "indexer/index/index_document.h"
#include "searcher/searcher.h"
#include "tests/test_util.h"

namespace haku::search::testing {

// A fetched page (or, with no blocks, a listed link that was not fetched).
struct Page {
  std::string url{};
  std::string list{};
  std::string section{};
  std::string link_text{};
  std::string description{};
  std::string title{};
  std::vector<std::string> blocks{};
  std::string hash{};
  std::string final_url{};
  std::string state = "ok";
  std::string type = "html";
  std::string list_lang = "en";
  std::string lang_hint{};  // the page's declared language (<html lang>)
  std::vector<std::string> boilerplate{};  // template and hidden text
};

index::IndexDocument ToDocument(const Page& page);

class TestIndex {
 public:
  // Writes `pages` and publishes the index; REQUIREs every step.
  explicit TestIndex(const std::vector<Page>& pages);
  const std::string& dir() const { return dir_.path(); }
  Searcher& searcher() { return *searcher_; }
  // Search() that must succeed.
  SearchResults Search(const SearchRequest& request);
  SearchResults Search(const std::string& query);
  std::vector<std::string> Urls(const std::string& query);

 private:
  haku::testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

// English, Swedish and Finnish pages, a duplicate, a broken link, a PDF and
// two URLs redirected to one page.
std::vector<Page> SamplePages();

}  // namespace haku::search::testing

#endif  // HAKU_TESTS_SEARCHER_TEST_INDEX_H_
