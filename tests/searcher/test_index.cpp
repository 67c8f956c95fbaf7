#include "tests/searcher/test_index.h"

#include <doctest/doctest.h>

#include "indexer/index/index_dir.h"
#include "indexer/index/index_writer.h"

namespace haku::search::testing {

index::IndexDocument ToDocument(const Page& page) {
  index::IndexDocument doc;
  doc.url = page.url;
  index::ListContext c;
  c.list = page.list;
  if (!page.section.empty()) c.sections = {page.section};
  c.link_text = page.link_text;
  c.description = page.description;
  c.list_lang = page.list_lang;
  doc.contexts.push_back(c);
  doc.fetch_state = page.state;
  doc.final_url = page.final_url;
  doc.content_type = page.type;
  doc.title = page.title;
  doc.lang_hint = page.lang_hint;
  for (const std::string& b : page.blocks) doc.blocks.push_back({b, false});
  doc.boilerplate = page.boilerplate;
  doc.content_hash = page.hash;
  return doc;
}

TestIndex::TestIndex(const std::vector<Page>& pages) {
  Result<std::string> db = index::NewDbPath(dir());
  REQUIRE(db.ok());
  {
    Result<std::unique_ptr<index::IndexWriter>> writer = index::IndexWriter::Open(*db, true);
    REQUIRE_MESSAGE(writer.ok(), writer.status().ToString());
    for (const Page& p : pages) REQUIRE((*writer)->Put(ToDocument(p)).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  REQUIRE(index::Publish(dir(), *db).ok());
  Result<std::unique_ptr<Searcher>> s = Searcher::Open(dir());
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  searcher_ = std::move(s.value());
}

SearchResults TestIndex::Search(const SearchRequest& request) {
  Result<SearchResults> r = searcher_->Search(request);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r.value());
}

SearchResults TestIndex::Search(const std::string& query) {
  SearchRequest request;
  request.query = query;
  return Search(request);
}

std::vector<std::string> TestIndex::Urls(const std::string& query) {
  std::vector<std::string> urls;
  for (const SearchHit& h : Search(query).hits) urls.push_back(h.url);
  return urls;
}

std::vector<Page> SamplePages() {
  std::vector<Page> pages;
  pages.push_back({.url = "https://en.example/ml",
                   .list = "ai-list",
                   .section = "Courses",
                   .link_text = "Machine learning for clinicians",
                   .title = "Machine learning for clinicians",
                   .blocks = {"Machine learning methods help clinicians predict outcomes in "
                              "intensive care units. The course covers trained models and their "
                              "learning curves."},
                   .hash = "h-ml"});
  Page mirror = pages.back();
  mirror.url = "https://mirror.example/ml";
  mirror.list = "mirror-list";
  pages.push_back(mirror);
  pages.push_back({.url = "https://sv.example/ai",
                   .list = "nordic",
                   .section = "Videos",
                   .link_text = "AI och maskininlärning för kliniker",
                   .title = "AI och maskininlärning för kliniker",
                   .blocks = {"Kursen handlar om maskininlärning inom vården och omsorgen. "
                              "Forskarna tränade modeller på journaldata från sjukhusen i "
                              "Sverige och jämförde resultaten med läkarnas bedömningar."},
                   .hash = "h-sv",
                   .list_lang = "sv"});
  pages.push_back({.url = "https://fi.example/tekoaly",
                   .list = "nordic",
                   .section = "Ohjeet",
                   .link_text = "Tekoälyn eettiset periaatteet",
                   .title = "Tekoälyn eettiset periaatteet julkishallinnossa",
                   .blocks = {"Tekoälyä käytetään yhä useammin julkishallinnossa. Nämä "
                              "periaatteet koskevat potilaiden tietoja ja niiden käyttöä "
                              "terveydenhuollossa ja sosiaalihuollossa."},
                   .hash = "h-fi",
                   .list_lang = "fi"});
  pages.push_back({.url = "https://broken.example/gone",
                   .list = "ai-list",
                   .section = "Datasets",
                   .link_text = "Gone dataset",
                   .description = "an intensive care dataset that moved away",
                   .state = "not_found",
                   .type = ""});
  pages.push_back({.url = "https://docs.pdf.example/report.pdf",
                   .list = "ai-list",
                   .section = "Reports",
                   .link_text = "Open data report",
                   .title = "Open data in healthcare",
                   .blocks = {"A report on open data and data sharing in healthcare."},
                   .hash = "h-pdf",
                   .type = "pdf"});
  pages.push_back({.url = "https://short.example/x",
                   .list = "ai-list",
                   .link_text = "Unicorn registry",
                   .title = "The unicorn registry",
                   .blocks = {"Every unicorn in the registry, sorted by horn length."},
                   .hash = "h-u1",
                   .final_url = "https://unicorns.example/registry"});
  pages.push_back({.url = "https://short2.example/y",
                   .list = "ai-list",
                   .link_text = "Unicorns",
                   .title = "The unicorn registry",
                   .blocks = {"Every unicorn in the registry, sorted by horn length today."},
                   .hash = "h-u2",
                   .final_url = "https://unicorns.example/registry"});
  return pages;
}

}  // namespace haku::search::testing
