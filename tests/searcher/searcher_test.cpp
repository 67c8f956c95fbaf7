// Searcher over small real indexes: each query form and filter, highlighting,
// spelling, collapsing, facets, similar resources and hostile queries.
#include "searcher/searcher.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_set>

#include <xapian.h>

#include "analysis/dictionary_lexicon.h"
#include "analysis/lexicon_memo.h"
#include "analysis/normalizer.h"
#include "indexer/index/document_builder.h"
#include "indexer/index/duplicate_keys.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/schema.h"
#include "searcher/result_format.h"
#include "searcher/snippeter.h"
#include "tests/searcher/test_index.h"

namespace haku::search {
namespace {

using nlohmann::json;
using testing::Page;
using testing::SamplePages;
using testing::TestIndex;
using Urls = std::vector<std::string>;

TestIndex& Sample() {
  static TestIndex* index = new TestIndex(SamplePages());
  return *index;
}

std::set<std::string> AsSet(const Urls& urls) { return {urls.begin(), urls.end()}; }

// The highlighted words of a hit, as text.
std::vector<std::string> Marked(const SearchHit& hit) {
  std::vector<std::string> out;
  for (auto [b, e] : hit.highlights) out.push_back(hit.snippet.substr(b, e - b));
  return out;
}

const SearchHit* Find(const SearchResults& r, const std::string& url) {
  for (const SearchHit& h : r.hits) {
    if (h.url == url) return &h;
  }
  return nullptr;
}

// A request for `query` in pages of `lang` (--lang).
SearchRequest InLanguage(std::string query, std::string lang) {
  SearchRequest r;
  r.query = std::move(query);
  r.langs = {std::move(lang)};
  return r;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("plain words find their inflected forms in three languages") {
  TestIndex& ix = Sample();
  CHECK(ix.Urls("maskininlärningen").at(0) == "https://sv.example/ai");
  CHECK(ix.Urls("tekoäly").at(0) == "https://fi.example/tekoaly");
  CHECK(ix.Urls("maskininlarning").at(0) == "https://sv.example/ai");
  Urls learn = ix.Urls("learn");
  REQUIRE(!learn.empty());
  CHECK((learn[0] == "https://en.example/ml" || learn[0] == "https://mirror.example/ml"));
}

TEST_CASE("a word on most pages is matched as written beside other words, in every form alone") {
  std::vector<Page> pages;
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    pages.push_back({.url = "https://r.example/" + n, .list = "l", .link_text = "Page " + n,
                     .blocks = {"A national registry of patients, volume " + n + "."},
                     .hash = "h-r" + n});
  }
  pages.push_back({.url = "https://r.example/sweden", .list = "l", .link_text = "Nordic",
                   .blocks = {"Quality registries in Sweden."}, .hash = "h-se"});
  pages.push_back({.url = "https://r.example/other", .list = "l", .link_text = "Other",
                   .blocks = {"Regional registries of cancer."}, .hash = "h-o"});
  TestIndex ix(pages);
  // Alone, "registry" (on 4 of 6 pages) also meets "registries".
  CHECK(ix.Urls("registry").size() == 6);
  // Beside another word it is matched as written: the page with only
  // "registries" and not the other word is left out; the one with the other
  // word still ranks first.
  Urls both = ix.Urls("registry sweden");
  REQUIRE(!both.empty());
  CHECK(both[0] == "https://r.example/sweden");
  CHECK(std::find(both.begin(), both.end(), "https://r.example/other") == both.end());
  CHECK(both.size() == 5);
}

TEST_CASE("a word on every page, beside one that is not, only ranks titles") {
  // A manual of 60 pages, each with "LibreOffice help"; two about drawing.
  std::vector<Page> pages;
  const char* topics[] = {"Draw shapes and lines.", "Draw connectors between shapes.",
                          "Calc sums a column.", "Writer prints a letter.", "Impress shows slides."};
  for (int i = 0; i < 60; ++i) {
    std::string n = std::to_string(i);
    pages.push_back({.url = "https://lo.example/" + n, .list = "l", .link_text = "Help " + n,
                     .blocks = {std::string(i < 2 ? topics[i] : topics[2 + i % 3]) +
                                " LibreOffice help, page " + n + "."},
                     .hash = "h-lo" + n});
  }
  TestIndex ix(pages);
  // "libreoffice" and "help" are on every page: beside "draw" they select
  // nothing, and the pages with "draw" are the matches.
  SearchResults r = ix.Search("draw libreoffice help");
  CHECK(r.total == 2);
  CHECK(AsSet(ix.Urls("draw libreoffice")) ==
        std::set<std::string>{"https://lo.example/0", "https://lo.example/1"});
  // Alone, or only beside each other, they match every page; required, they
  // stay required; excluded, they still exclude.
  CHECK(ix.Search("libreoffice").total == 60);
  CHECK(ix.Search("libreoffice help").total == 60);
  CHECK(ix.Search("+libreoffice draw").total == 60);
  CHECK(ix.Search("draw -libreoffice").total == 0);
  // Their words are still marked.
  REQUIRE(!r.hits.empty());
  CHECK(Has(Marked(r.hits[0]), "LibreOffice"));
  // In a handful of pages a word on all of them is no stopword: matched.
  TestIndex few(std::vector<Page>(pages.begin(), pages.begin() + 5));
  CHECK(few.Search("draw libreoffice").total == 5);
}

TEST_CASE("phrases match exact forms in order") {
  TestIndex& ix = Sample();
  CHECK(AsSet(ix.Urls("\"intensive care\"")) ==
        std::set<std::string>{"https://en.example/ml", "https://broken.example/gone"});
  CHECK(ix.Urls("\"care intensive\"").empty());
  CHECK(ix.Urls("\"open data\"") == Urls{"https://docs.pdf.example/report.pdf"});
}

TEST_CASE("document data is the JSON every reader needs; the snippet text is a value, raw") {
  index::DocumentBuilder builder;
  std::set<std::string> langs;
  Page page{.url = "https://example.org/quotes", .list = "l", .title = "Quotes",
            .blocks = {"He said \"hei\" and\nleft \\ back {not json}"}};
  Xapian::Document doc = builder.Build(testing::ToDocument(page), langs);
  json j = json::parse(doc.get_data(), nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j.value("url", "") == "https://example.org/quotes");
  CHECK(j.value("title", "") == "Quotes");
  CHECK_FALSE(j.contains("text"));
  CHECK(doc.get_value(index::kSlotText).find("He said \"hei\" and\nleft \\ back {not json}") !=
        std::string::npos);
  CHECK(index::DocumentBuilder::UrlOf(doc) == "https://example.org/quotes");
  // A listed link never fetched has no text to keep.
  Page unfetched{.url = "https://example.org/gone", .list = "l", .link_text = "Gone",
                 .state = "not_found", .type = ""};
  Xapian::Document none = builder.Build(testing::ToDocument(unfetched), langs);
  CHECK(none.get_value(index::kSlotText).empty());
  CHECK(json::parse(none.get_data(), nullptr, false).is_object());
}

TEST_CASE("AND, OR, NOT, +word and -word") {
  TestIndex& ix = Sample();
  CHECK(ix.Urls("clinicians AND intensive") == Urls{"https://en.example/ml"});
  CHECK(ix.Urls("intensive NOT clinicians") == Urls{"https://broken.example/gone"});
  CHECK(ix.Urls("intensive AND NOT clinicians") == Urls{"https://broken.example/gone"});
  CHECK(ix.Urls("+intensive -clinicians") == Urls{"https://broken.example/gone"});
  CHECK(AsSet(ix.Urls("unicorn OR tekoäly")).count("https://fi.example/tekoaly") == 1);
  // Plain words: any of them, pages with more of them first.
  Urls any = ix.Urls("intensive clinicians");
  REQUIRE(any.size() == 2);
  CHECK(any[1] == "https://broken.example/gone");
  // A leading NOT lists everything else.
  SearchResults not_ml = ix.Search("NOT learning");
  CHECK(Find(not_ml, "https://en.example/ml") == nullptr);
  CHECK(not_ml.total >= 4);
}

TEST_CASE("prefix* expands over exact forms") {
  TestIndex& ix = Sample();
  CHECK(ix.Urls("maskininl*") == Urls{"https://sv.example/ai"});
  CHECK(ix.Urls("tekoäl*") == Urls{"https://fi.example/tekoaly"});
  SearchResults r = ix.Search("unicor*");
  REQUIRE(!r.hits.empty());
  CHECK(Has(Marked(r.hits[0]), "unicorn"));
}

TEST_CASE("field filters in the query, as the flags") {
  TestIndex& ix = Sample();
  CHECK(ix.Urls("title:machine") == Urls{"https://en.example/ml"});
  CHECK(ix.Urls("title:intensive").empty());  // only in the body
  CHECK(ix.Urls("site:pdf.example") == Urls{"https://docs.pdf.example/report.pdf"});
  CHECK(ix.Urls("site:https://docs.pdf.example/") == Urls{"https://docs.pdf.example/report.pdf"});
  CHECK(ix.Urls("lang:sv") == Urls{"https://sv.example/ai"});
  CHECK(AsSet(ix.Urls("list:nordic")) ==
        std::set<std::string>{"https://sv.example/ai", "https://fi.example/tekoaly"});
  CHECK(ix.Urls("section:videos") == Urls{"https://sv.example/ai"});
  CHECK(ix.Urls("type:pdf") == Urls{"https://docs.pdf.example/report.pdf"});
  CHECK(ix.Urls("data -site:pdf.example").empty() == false);
  CHECK(Find(ix.Search("data -site:pdf.example"), "https://docs.pdf.example/report.pdf") ==
        nullptr);
  // Values of one field: any; fields: all; flags and query text: both.
  CHECK(AsSet(ix.Urls("lang:sv lang:fi")) ==
        std::set<std::string>{"https://sv.example/ai", "https://fi.example/tekoaly"});
  CHECK(ix.Urls("lang:sv list:ai-list").empty());
  SearchResults both = ix.Search(InLanguage("list:nordic", "fi"));
  REQUIRE(both.hits.size() == 1);
  CHECK(both.hits[0].url == "https://fi.example/tekoaly");
  SearchRequest videos;
  videos.sections = {"Videos"};
  CHECK(ix.Search(videos).total == 1);
}

TEST_CASE("snippets highlight inflected forms") {
  TestIndex& ix = Sample();
  SearchResults sv = ix.Search("modell");
  const SearchHit* h = Find(sv, "https://sv.example/ai");
  REQUIRE(h != nullptr);
  CHECK(Has(Marked(*h), "modeller"));
  SearchResults fi = ix.Search("tekoäly");
  REQUIRE(!fi.hits.empty());
  CHECK(Has(Marked(fi.hits[0]), "Tekoälyä"));
  SearchResults en = ix.Search("predicting");
  REQUIRE(!en.hits.empty());
  CHECK(Has(Marked(en.hits[0]), "predict"));
  std::string html = json::parse(FormatJson(en))["results"][0]["snippet_html"];
  CHECK(html.find("<mark>predict</mark>") != std::string::npos);
}

TEST_CASE("a stem another language's stemmer makes is not that word in English pages") {
  // Turkish's stemmer makes "the" of "theme": in English pages, "the" is
  // English "the", neither a match for "theme" nor a word to mark.
  std::vector<Page> pages = {
      {.url = "https://en.example/theme", .list = "l", .link_text = "Themes",
       .blocks = {"Choose a theme for the slides: the theme sets the colours and the fonts."},
       .hash = "h-theme"},
      {.url = "https://en.example/cat", .list = "l", .link_text = "Cats",
       .blocks = {"The cat sat on the mat, and the dog slept by the door of the house."},
       .hash = "h-cat"},
      {.url = "https://en.example/sea", .list = "l", .link_text = "Sea",
       .blocks = {"The boats left the harbour at dawn and came back with the evening tide."},
       .hash = "h-sea"},
      // "thede" ("the" with the locative ending) is Turkish's "the" too.
      {.url = "https://tr.example/", .list = "l", .link_text = "Türkçe",
       .blocks = {"Bu sayfa, sunumunuz için bir tema seçmenize yardımcı olur. Temalar, slaytlarınızın "
                  "renklerini ve yazı tiplerini birlikte değiştirir; thede ve sunuma uyumlu bir "
                  "görünüm verir."},
       .hash = "h-tr", .list_lang = "tr"},
  };
  TestIndex ix(pages);
  // The index holds Turkish pages, so queries are stemmed in Turkish too.
  REQUIRE(ix.Search(InLanguage("sayfa", "tr")).hits.size() == 1);
  SearchResults r = ix.Search("theme");
  // The English page about themes, and the Turkish page whose word the
  // Turkish stem does stand for; not the English pages with "the".
  CHECK(r.total == 2);
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].url == "https://en.example/theme");
  CHECK(Marked(r.hits[0]) == std::vector<std::string>{"theme", "theme"});
  CHECK(r.hits[1].url == "https://tr.example/");
  CHECK(Marked(r.hits[1]) == std::vector<std::string>{"thede"});
  // Beside another word, too.
  Urls both = ix.Urls("theme colours");
  CHECK(both.at(0) == "https://en.example/theme");
  CHECK(std::find(both.begin(), both.end(), "https://en.example/cat") == both.end());
  CHECK(std::find(both.begin(), both.end(), "https://en.example/sea") == both.end());
}

TEST_CASE("snippets mark words whose stem begins unlike them: diacritics, prefixes") {
  std::vector<Page> pages = {
      {.url = "https://de.example/", .list = "l", .link_text = "Deutsch",
       .blocks = {"Dieses Kapitel gibt einen Überblick über die Funktionen der Tabellenkalkulation "
                  "und erklärt, wie man Daten sortiert und filtert."},
       .hash = "h-de", .list_lang = "de"},
      {.url = "https://id.example/", .list = "l", .link_text = "Bahasa",
       .blocks = {"Saya sedang membaca buku tentang sejarah Indonesia di perpustakaan kota setiap "
                  "hari Minggu bersama teman-teman saya."},
       .hash = "h-id", .list_lang = "id"},
  };
  TestIndex ix(pages);
  // German's stemmer makes "uber" of "über": a stem that begins with the
  // word's letter without its diacritics.
  SearchResults de = ix.Search(InLanguage("übers", "de"));
  REQUIRE(de.hits.size() == 1);
  CHECK(Has(Marked(de.hits[0]), "über"));
  // Indonesian's stemmer strips prefixes: "dibaca" and "membaca" are "baca".
  SearchResults id = ix.Search("dibaca");
  REQUIRE(id.hits.size() == 1);
  CHECK(id.hits[0].url == "https://id.example/");
  CHECK(Marked(id.hits[0]) == std::vector<std::string>{"membaca"});
}

TEST_CASE("snippets: a stemmer that strips prefixes still has its words marked (Tamil)") {
  // Tamil's stemmer strips the demonstratives "இந்த" (this) and "அந்த"
  // (that): both words below stem to "தப்பையன்", which begins with neither
  // word's first letter.
  analysis::Analyzer analyzer;
  const std::string query = "இந்தப்பையன்";
  const std::string stem = analyzer.StemTerm(query, "ta");
  REQUIRE(stem == analyzer.StemTerm("அந்தப்பையனுக்கு", "ta"));
  std::vector<std::string> prefixes;
  Snippeter snippeter(analyzer, {query, stem}, prefixes, {{stem, {"ta"}}}, {"ta"});
  Snippet s = snippeter.Make("அவன் அந்தப்பையனுக்கு ஒரு புத்தகம் கொடுத்தான்.", "ta");
  REQUIRE(s.highlights.size() == 1);
  auto [b, e] = s.highlights[0];
  CHECK(s.text.substr(b, e - b) == "அந்தப்பையனுக்கு");
}

TEST_CASE("snippets in Chinese text: a Latin word and a Chinese word are highlighted") {
  Page zh{.url = "https://zh.example/", .list = "l", .link_text = "Chinese page",
          .title = "重症监护", .blocks = {"本页面介绍机器学习数据集。MIMIC 是一个重症监护数据库，研究人员可以申请访问。"},
          .hash = "h-zh", .list_lang = "zh"};
  TestIndex ix({zh});
  // The query has no Chinese: the Chinese text is not broken into words,
  // and the Latin word inside it is still found and marked.
  SearchResults latin = ix.Search("mimic");
  REQUIRE(latin.hits.size() == 1);
  CHECK(Marked(latin.hits[0]) == std::vector<std::string>{"MIMIC"});
  CHECK(latin.hits[0].snippet.find("重症监护数据库") != std::string::npos);
  // A Chinese query: the text is broken with ICU's dictionary, as when indexed.
  SearchResults chinese = ix.Search("数据库");
  REQUIRE(chinese.hits.size() == 1);
  // (ICU reads 数据库 here as 数据 + 库, in the query as in the page.)
  CHECK(Has(Marked(chinese.hits[0]), "数据"));
  CHECK(Has(Marked(chinese.hits[0]), "库"));
}

TEST_CASE("snippets in Korean text: a Latin word and a Korean word are highlighted") {
  Page ko{.url = "https://ko.example/", .list = "l", .link_text = "Korean page",
          .title = "집중 치료", .blocks = {"이 페이지는 기계 학습 데이터를 소개합니다. MIMIC 데이터베이스는 연구자에게 공개됩니다."},
          .hash = "h-ko", .list_lang = "ko"};
  TestIndex ix({ko});
  SearchResults latin = ix.Search("mimic");
  REQUIRE(latin.hits.size() == 1);
  CHECK(Marked(latin.hits[0]) == std::vector<std::string>{"MIMIC"});
  CHECK(latin.hits[0].snippet.find("데이터베이스는") != std::string::npos);
  SearchResults korean = ix.Search("데이터베이스는");
  REQUIRE(korean.hits.size() == 1);
  CHECK(Marked(korean.hits[0]) == std::vector<std::string>{"데이터베이스는"});
}

TEST_CASE("a long Chinese page's snippet keeps Chinese text around a Latin match") {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "本页面介绍机器学习数据集和相关工具。";
  Page zh{.url = "https://zh-long.example/", .list = "l", .link_text = "Chinese page",
          .title = "数据", .blocks = {filler + "MIMIC 是一个重症监护数据库。" + filler},
          .hash = "h-zh-long", .list_lang = "zh"};
  TestIndex ix({zh});
  SearchResults r = ix.Search("mimic");
  REQUIRE(r.hits.size() == 1);
  const SearchHit& h = r.hits[0];
  CHECK(Marked(h) == std::vector<std::string>{"MIMIC"});
  // Cut inside the Chinese text, not at the one Latin word: context on
  // both sides, most of the snippet length used.
  size_t at = h.snippet.find("MIMIC");
  REQUIRE(at != std::string::npos);
  CHECK(at > 20);
  CHECK(h.snippet.size() - at > 60);
  CHECK(h.snippet.size() > 150);
  CHECK(h.snippet.find("重症监护") != std::string::npos);
}

TEST_CASE("in a long page the snippet shows the passage where the words are") {
  std::string filler;
  for (int i = 0; i < 200; ++i) filler += "Lorem ipsum dolor sit amet. ";
  Page long_page{.url = "https://long.example/", .list = "l", .link_text = "Long page",
                 .title = "Long page",
                 .blocks = {filler + "Forskarna tränade modeller på journaldata. " + filler},
                 .hash = "h-long", .list_lang = "sv"};
  TestIndex ix({long_page});
  SearchResults r = ix.Search("modell journaldata");
  REQUIRE(r.hits.size() == 1);
  const SearchHit& h = r.hits[0];
  CHECK(h.snippet.rfind("… ", 0) == 0);
  CHECK(h.snippet.ends_with(" …"));
  CHECK(Has(Marked(h), "modeller"));
  CHECK(Has(Marked(h), "journaldata"));
}

TEST_CASE("in a long text the passage is found whatever the case of its words") {
  // The passage is placed by a byte search over a roughly case-folded copy
  // (ASCII and Latin-1 capitals, eight bytes at a time): capitals at every
  // offset of an eight-byte word, and Latin-1 capitals.
  analysis::Analyzer analyzer;
  std::vector<std::string> prefixes;
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "lorem ipsum dolor sit amet. ";
  for (size_t shift = 0; shift < 8; ++shift) {
    for (std::string word : {"MODELLER", "Modeller", "mODELLER", "ÄLGARNA", "Älgarna"}) {
      CAPTURE(shift);
      CAPTURE(word);
      std::string query = analysis::NormalizeWord(word);
      Snippeter snippeter(analyzer, {query}, prefixes);
      std::string text = filler + std::string(shift, 'x') + " " + word + " " + filler;
      Snippet s = snippeter.Make(text, "sv");
      REQUIRE(s.highlights.size() == 1);
      auto [b, e] = s.highlights[0];
      CHECK(s.text.substr(b, e - b) == word);
    }
  }
}

TEST_CASE("in a long text the passage is found by each word's rarest letter, near misses aside") {
  // The byte search looks for a needle's rarest byte ("z" of "quartz") and
  // compares around it: near misses sharing that byte, the needle at the
  // very start or end of the text.
  analysis::Analyzer analyzer;
  std::vector<std::string> prefixes;
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "lorem ipsum dolor sit amet. ";
  std::string misses;
  for (int i = 0; i < 30; ++i) misses += "uartz quartx quarz zquart ";
  struct Case {
    std::string text;
    std::string marked;
  };
  const Case cases[] = {
      {"zz " + misses + filler + "the quartz clock " + filler + misses, "quartz"},
      {"quartz " + filler + filler + misses, "quartz"},
      {filler + misses + filler + " quartz", "quartz"},
      {misses + filler + misses + " Quartz.", "Quartz"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text.size());
    Snippeter snippeter(analyzer, {"quartz"}, prefixes);
    Snippet s = snippeter.Make(c.text, "en");
    REQUIRE(s.highlights.size() == 1);
    auto [b, e] = s.highlights[0];
    CHECK(s.text.substr(b, e - b) == c.marked);
  }
}

TEST_CASE("snippets made with a word memo kept across queries are those made without one") {
  // One memo, as a Searcher keeps it, through queries in several languages:
  // a stem is remembered per language ("theme" is "the" in Turkish only).
  analysis::Analyzer analyzer;
  std::vector<std::string> prefixes;
  WordMemo memo;
  struct Query {
    std::set<std::string> terms;
    std::string lang;  // of the text
    std::string text;
  };
  const Query queries[] = {
      {{"theme", "Zthem"}, "en", "Choose a theme for the slides: the themes set the colours."},
      {{"theme", "Zthe"}, "tr", "Bu sayfa thede tema seçmenize yardımcı olur; the theme."},
      {{"modell", "Zmodell"}, "sv", "Språkmodeller och modellen för maskininlärning, Älgarna."},
      {{"tekoäly", "Ztekoäly", "XFtekoaly"}, "fi", "Tekoälyä ja tekoälyn mallit; TEKOALY ilman."},
      {{"uber", "Zuber"}, "de", "Einen Überblick über die Funktionen, übers Wochenende."},
      {{"theme", "Zthem"}, "en", "Choose a theme for the slides: the themes set the colours."},
  };
  for (int pass = 0; pass < 2; ++pass) {  // the second pass finds every word in the memo
    for (const Query& q : queries) {
      CAPTURE(q.text);
      Snippeter with(analyzer, q.terms, prefixes, {{"Zthe", {"tr"}}}, {"en", "tr"}, &memo);
      Snippeter without(analyzer, q.terms, prefixes, {{"Zthe", {"tr"}}}, {"en", "tr"});
      Snippet a = with.Make(q.text, q.lang), b = without.Make(q.text, q.lang);
      CHECK(a.text == b.text);
      CHECK(a.highlights == b.highlights);
      CHECK_FALSE(b.highlights.empty());
    }
  }
}

TEST_CASE("a word memo is emptied when full and then answers as before") {
  analysis::Analyzer analyzer;
  WordMemo memo;
  size_t differ = 0;
  for (size_t i = 0; i < WordMemo::kMaxWords + 10; ++i) {
    std::string word = "ord" + std::to_string(i) + "ar";
    differ += memo.Stem(analyzer, word, "sv") != analyzer.StemTerm(word, "sv");
  }
  CHECK(differ == 0);
  CHECK(memo.Stem(analyzer, "modellerna", "sv") == analyzer.StemTerm("modellerna", "sv"));
  CHECK(memo.Stem(analyzer, "modellerna", "en") == analyzer.StemTerm("modellerna", "en"));
  CHECK(memo.Folded("älgarnas") == "algarnas");
  CHECK(memo.Folded("älgarnas") == "algarnas");
}

TEST_CASE("an index of a newer format, or unreadable, says what to do") {
  haku::testing::TempDir dir;
  const std::string index_dir = dir.File("index");
  REQUIRE(index::EnsureDir(index_dir).ok());
  const std::string db = index_dir + "/db-1";
  {
    auto writer = index::IndexWriter::Open(db, /*truncate=*/true);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->Put(testing::ToDocument(testing::SamplePages()[0])).ok());
    REQUIRE((*writer)->SetMetadata(std::string(index::kMetaFormat),
                                   std::to_string(index::kFormatVersion + 1)).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  REQUIRE(index::Publish(index_dir, db).ok());
  auto newer = Searcher::Open(index_dir);
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.status().message().find("newer haku") != std::string::npos);
  CHECK(newer.status().message().find("upgrade haku") != std::string::npos);

  const std::string garbage = index_dir + "/db-2";
  std::filesystem::create_directories(garbage);
  haku::testing::WriteFile(garbage + "/iamglass", "not a database");
  REQUIRE(index::Publish(index_dir, garbage).ok());
  auto unreadable = Searcher::Open(index_dir);
  REQUIRE_FALSE(unreadable.ok());
  CHECK(unreadable.status().message().find("cannot read index") != std::string::npos);
  CHECK(unreadable.status().message().find("haku update --rebuild") != std::string::npos);
}

TEST_CASE("did you mean") {
  TestIndex& ix = Sample();
  SearchResults r = ix.Search("maskinlärning");
  CHECK(r.suggestion == "maskininlärning");
  CHECK(json::parse(FormatJson(r))["suggestion"] == "maskininlärning");
  CHECK(FormatHuman(r, {}).find("Did you mean: maskininlärning") != std::string::npos);
  CHECK(ix.Search("intensiv care").suggestion == "intensive care");
  CHECK(ix.Search("intensive care").suggestion.empty());
  // The query's control characters never reach a terminal through it.
  const std::string shown = ix.Search("intensiv\x1b[2J care\x07\xc2\x9b").suggestion;
  CHECK(shown.starts_with("intensive [2J care"));
  CHECK(std::all_of(shown.begin(), shown.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && static_cast<unsigned char>(c) != 0xC2;
  }));
  SearchRequest quiet;
  quiet.query = "maskinlärning";
  quiet.spelling = false;
  CHECK(ix.Search(quiet).suggestion.empty());
}

TEST_CASE("the spelling dictionary of a new index is the one documents written one by one make") {
  // A new database counts its words once every document is in; an index
  // that had documents counts each document's words as it is written.
  std::vector<Page> pages = testing::SamplePages();
  TestIndex fresh(pages);
  haku::testing::TempDir dir;
  const std::string db_path = dir.File("db");
  {
    auto writer = index::IndexWriter::Open(db_path, /*truncate=*/true);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->Put(testing::ToDocument(pages[0])).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  {
    auto writer = index::IndexWriter::Open(db_path);  // had documents: counted one by one
    REQUIRE(writer.ok());
    for (size_t i = 1; i < pages.size(); ++i) {
      REQUIRE((*writer)->Put(testing::ToDocument(pages[i])).ok());
    }
    REQUIRE((*writer)->Commit().ok());
  }
  auto words = [](const Xapian::Database& db) {
    std::vector<std::pair<std::string, Xapian::doccount>> out;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
      out.emplace_back(*it, it.get_termfreq());
    }
    return out;
  };
  auto made_new = words(Xapian::Database(index::OpenDbPath(fresh.dir())));
  CHECK(made_new.size() > 40);
  CHECK(made_new == words(Xapian::Database(db_path)));
}

TEST_CASE("builders on two threads write what one writes, and leave the caller's priority alone") {
  // The builder threads lower their own priority (for the writer thread);
  // the calling thread could never raise its own again.
  std::vector<Page> pages = testing::SamplePages();
  std::vector<index::IndexDocument> docs;
  for (const Page& p : pages) docs.push_back(testing::ToDocument(p));
  haku::testing::TempDir dir;
  auto write = [&](const std::string& name, int threads) {
    auto writer = index::IndexWriter::Open(dir.File(name), /*truncate=*/true);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->PutBatch(docs, threads).ok());
    REQUIRE((*writer)->Commit().ok());
    Xapian::Database db(dir.File(name));
    std::vector<std::string> terms;
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
      for (auto it = db.termlist_begin(id); it != db.termlist_end(id); ++it) {
        terms.push_back(std::to_string(id) + " " + *it + " " + std::to_string(it.get_wdf()));
      }
    }
    return terms;
  };
  const auto self = static_cast<id_t>(gettid());
  const int nice_before = getpriority(PRIO_PROCESS, self);
  const auto two = write("two", 2);
  CHECK(getpriority(PRIO_PROCESS, self) == nice_before);
  CHECK(two.size() > 200);
  CHECK(two == write("one", 1));
}

namespace {

// Everything a database holds: every term with its frequencies, every
// document's terms (wdf, positions), values and data, the metadata,
// spelling words and synonyms.
std::vector<std::string> IndexContents(const std::string& path) {
  Xapian::Database db(path);
  std::vector<std::string> out = {"docs " + std::to_string(db.get_doccount()) + " " +
                                  std::to_string(db.get_lastdocid())};
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    out.push_back(*it + " " + std::to_string(it.get_termfreq()) + " " +
                  std::to_string(db.get_collection_freq(*it)));
  }
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    Xapian::Document doc = db.get_document(*d);
    std::string id = std::to_string(*d) + " ";
    out.push_back(id + "data " + doc.get_data());
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      out.push_back(id + "value " + std::to_string(v.get_valueno()) + " " + *v);
    }
    for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
      std::string line = id + *t + " " + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        line += " " + std::to_string(*p);
      }
      out.push_back(line);
    }
  }
  for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) {
    out.push_back("metadata " + *it + " " + db.get_metadata(*it));
  }
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    out.push_back("spelling " + *it + " " + std::to_string(it.get_termfreq()));
  }
  for (auto it = db.synonym_keys_begin(); it != db.synonym_keys_end(); ++it) {
    for (auto syn = db.synonyms_begin(*it); syn != db.synonyms_end(*it); ++syn) {
      out.push_back("synonym " + *it + " " + *syn);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("an index written with the dictionaries' answers from a memo is the one written without") {
  std::vector<Page> pages = testing::SamplePages();
  haku::testing::TempDir dir;
  const std::string memo_path = dir.File("lexicon.sqlite");
  // Writes `pages` into a new database `name`, with `memo` (may be null).
  auto write = [&](const std::string& name, analysis::LexiconMemo* memo) {
    auto writer = index::IndexWriter::Open(dir.File(name), /*truncate=*/true);
    REQUIRE(writer.ok());
    (*writer)->UseLexiconMemo(memo);
    std::vector<index::IndexDocument> docs;
    for (const Page& p : pages) docs.push_back(testing::ToDocument(p));
    REQUIRE((*writer)->PutBatch(docs, 2).ok());
    REQUIRE((*writer)->Commit().ok());
    return dir.File(name);
  };
  const auto without = IndexContents(write("without", nullptr));
  // Lemma and compound-part terms, which only the dictionaries give.
  CHECK(std::count_if(without.begin(), without.end(),
                      [](const std::string& t) { return t.starts_with("XC"); }) > 3);
  const std::string generation = analysis::LexiconGeneration();
  {
    auto memo = analysis::LexiconMemo::Open(memo_path, generation);
    REQUIRE(memo.ok());
    CHECK(IndexContents(write("first", memo->get())) == without);
    CHECK((*memo)->counts().put > 50);
  }
  auto memo = analysis::LexiconMemo::Open(memo_path, generation);
  REQUIRE(memo.ok());
  CHECK(IndexContents(write("second", memo->get())) == without);
  CHECK((*memo)->counts().found > 50);
  CHECK((*memo)->counts().put == 0);  // every answer was in the memo
}

TEST_CASE("a compacted copy holds everything the database holds, and searches the same") {
  std::vector<index::IndexDocument> docs;
  for (const Page& p : testing::SamplePages()) docs.push_back(testing::ToDocument(p));
  haku::testing::TempDir dir;
  // Each in an index directory of its own, for searches.
  const std::string written_dir = dir.File("written"), compacted_dir = dir.File("compacted");
  REQUIRE(index::EnsureDir(written_dir).ok());
  REQUIRE(index::EnsureDir(compacted_dir).ok());
  const std::string written = written_dir + "/db-1";
  {
    auto writer = index::IndexWriter::Open(written, /*truncate=*/true);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->PutBatch(docs, 2).ok());
    REQUIRE((*writer)->Remove(docs[1].url).ok());  // a gap in the document ids
    const std::string changed(index::kMetaChangedSinceCompaction);
    REQUIRE((*writer)->SetMetadata(changed, "5").ok());
    REQUIRE((*writer)->Commit().ok());
  }
  const std::string compacted = compacted_dir + "/db-1";
  REQUIRE(index::CompactInto(written, compacted).ok());
  // The copy counts no changes since its compaction; all else is the same.
  std::vector<std::string> contents = IndexContents(written);
  const std::string count_line = "metadata " + std::string(index::kMetaChangedSinceCompaction) + " 5";
  REQUIRE(std::erase(contents, count_line) == 1);
  CHECK(contents.size() > 200);
  CHECK(IndexContents(compacted) == contents);

  // Searched through `current`, as `haku search` does: the same results.
  REQUIRE(index::Publish(written_dir, written).ok());
  REQUIRE(index::Publish(compacted_dir, compacted).ok());
  auto search = [&](const std::string& index_dir, const std::string& query) {
    auto searcher = Searcher::Open(index_dir);
    REQUIRE(searcher.ok());
    SearchRequest request;
    request.query = query;
    auto results = (*searcher)->Search(request);
    REQUIRE(results.ok());
    std::vector<std::string> out = {std::to_string(results->total)};
    for (const SearchHit& h : results->hits) out.push_back(h.url + " " + h.snippet);
    return out;
  };
  for (const char* query : {"learning", "maskininlärning", "clinicians predict", "\"machine learning\""}) {
    CAPTURE(query);
    std::vector<std::string> before = search(written_dir, query);
    CHECK(before.size() > 1);
    CHECK(search(compacted_dir, query) == before);
  }

  // Never over an existing path; nothing left behind when it fails.
  Status exists = index::CompactInto(written, compacted);
  CHECK_FALSE(exists.ok());
  CHECK(IndexContents(compacted) == contents);  // untouched
  const std::string missing_out = dir.File("db-out");
  Status missing = index::CompactInto(dir.File("no-such-db"), missing_out);
  CHECK_FALSE(missing.ok());
  CHECK(missing.message().find("no-such-db") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(missing_out));
}

TEST_CASE("did you mean: not for a word the index holds in another form") {
  // "kaavioihin" (into the charts) is on no page as written, but its lemma
  // is on three; the dictionary knows "kaavoihin" (into the formulas), one
  // letter away. A correct Finnish inflection is no misspelling.
  std::vector<Page> pages;
  const char* charts[] = {"Kaavioita voi muokata ja niiden värejä voi vaihtaa taulukkolaskennassa.",
                          "Kaavioiden otsikot ja selitteet näytetään kaavion yläpuolella.",
                          "Kaaviossa näkyvät tiedot päivittyvät, kun taulukon arvoja muutetaan."};
  for (int i = 0; i < 3; ++i) {
    pages.push_back({.url = "https://fi.example/kaavio" + std::to_string(i), .list = "l",
                     .link_text = "Kaaviot " + std::to_string(i), .blocks = {charts[i]},
                     .hash = "h-k" + std::to_string(i), .list_lang = "fi"});
  }
  for (int i = 0; i < 4; ++i) {
    pages.push_back({.url = "https://fi.example/kaava" + std::to_string(i), .list = "l",
                     .link_text = "Kaavat " + std::to_string(i),
                     .blocks = {"Soluviittauksia voi lisätä kaavoihin napsauttamalla soluja."},
                     .hash = "h-f" + std::to_string(i), .list_lang = "fi"});
  }
  TestIndex ix(pages);
  SearchResults inflected = ix.Search("kaavioihin");
  CHECK(inflected.total == 3);
  CHECK(inflected.suggestion.empty());
  // A misspelling the index holds in no form is still corrected.
  CHECK(ix.Search("kaavoihn").suggestion == "kaavoihin");
}

TEST_CASE("pages with one SHA-256 collapse, by its first 8 bytes") {
  const std::string a = "06aa7d173641e6cd79fa7484b17175f52c5740a116c3db566e5bed7c47fcf9f0";
  const std::string b = "4a8c282290ff21a50108a537a2f55331cd9be8ec14404852460e86ba0a8160bc";
  TestIndex ix({{.url = "https://a.example/w", .list = "L", .title = "Walrus",
                 .blocks = {"The walrus page."}, .hash = a},
                {.url = "https://b.example/w", .list = "L", .title = "Walrus",
                 .blocks = {"The walrus page."}, .hash = a},
                {.url = "https://c.example/w", .list = "L", .title = "Walrus facts",
                 .blocks = {"Another walrus page."}, .hash = b}});
  SearchResults r = ix.Search("walrus");
  REQUIRE(r.hits.size() == 2);
  size_t with_duplicate = r.hits[0].duplicates.empty() ? 1 : 0;
  CHECK(r.hits[1 - with_duplicate].duplicates.empty());
  REQUIRE(r.hits[with_duplicate].duplicates.size() == 1);
  CHECK(AsSet({r.hits[with_duplicate].url, r.hits[with_duplicate].duplicates[0]}) ==
        std::set<std::string>{"https://a.example/w", "https://b.example/w"});
  // What the index keeps per page: 8 raw bytes, not 64 hex characters.
  CHECK(index::CollapseKey(a) == std::string("\x06\xaa\x7d\x17\x36\x41\xe6\xcd", 8));
  CHECK(index::CollapseKey("h-not-hex") == "h-not-hex");
}

// Results as compared across the two ways of collapsing: URL, rank and
// the duplicates named (as a set: they come in docid order either way).
std::vector<std::string> Described(const SearchResults& r) {
  std::vector<std::string> out = {"total " + std::to_string(r.total)};
  for (const SearchHit& h : r.hits) {
    std::set<std::string> dups(h.duplicates.begin(), h.duplicates.end());
    std::string line = std::to_string(h.rank) + " " + h.url + " [";
    for (const std::string& d : dups) line += d + " ";
    out.push_back(line + "]");
  }
  return out;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// Each request's results with the index's list of repeating keys, then
// with Xapian's collapsing (the list removed, as in an index written before
// it): the same pages, ranks, duplicates and totals.
void CheckCollapsedAsXapian(TestIndex& ix, const std::vector<SearchRequest>& requests) {
  std::vector<std::vector<std::string>> listed;
  for (const SearchRequest& r : requests) listed.push_back(Described(ix.Search(r)));
  const std::string db_path = index::OpenDbPath(ix.dir());
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
    db.set_metadata(std::string(index::kMetaDuplicateKeys), "");
    db.commit();
  }
  REQUIRE(ix.searcher().Refresh().ok());
  for (size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(requests[i].query);
    CAPTURE(requests[i].offset);
    CAPTURE(requests[i].limit);
    std::vector<std::string> collapsed = Described(ix.Search(requests[i]));
    CHECK(Joined(collapsed) == Joined(listed[i]));
  }
}

std::vector<SearchRequest> Grid(const std::vector<std::string>& queries,
                                const std::vector<int>& offsets, const std::vector<int>& limits) {
  std::vector<SearchRequest> requests;
  for (const std::string& q : queries) {
    for (int offset : offsets) {
      for (int limit : limits) {
        SearchRequest r;
        r.query = q;
        r.offset = offset;
        r.limit = limit;
        r.snippets = false;
        requests.push_back(r);
      }
    }
  }
  return requests;
}

TEST_CASE("a page of results collapses by the index's list of repeating keys as Xapian would") {
  // Eight walrus pages: three share one content, two another, three alone;
  // titles make the ranking interleave the copies with the others.
  std::vector<Page> pages;
  const char* hashes[] = {"h-a", "h-b", "h-a", "h-c", "h-b", "h-a", "h-d", "h-e"};
  for (int i = 0; i < 8; ++i) {
    std::string n = std::to_string(i);
    pages.push_back({.url = "https://w" + n + ".example/", .list = i % 2 ? "odd" : "even",
                     .title = std::string(i % 3 ? "Walrus" : "Walrus walrus") + " page " + n,
                     .blocks = {"The walrus " + std::string(i, 'w') + " lives on ice."},
                     .hash = hashes[i]});
  }
  TestIndex ix(pages);
  REQUIRE(index::ParseDuplicateKeys(Xapian::Database(index::OpenDbPath(ix.dir()))
                                        .get_metadata(std::string(index::kMetaDuplicateKeys))) ==
          std::unordered_set<std::string>{"h-a", "h-b"});
  // Five distinct contents match "walrus": one page each, paging included.
  std::set<std::string> paged;
  for (int offset = 0; offset < 6; ++offset) {
    SearchRequest r;
    r.query = "walrus";
    r.offset = offset;
    r.limit = 1;
    for (const SearchHit& h : ix.Search(r).hits) paged.insert(h.url);
  }
  CHECK(paged.size() == 5);
  CheckCollapsedAsXapian(ix, Grid({"walrus", "ice", "list:odd", "walrus list:even", "walrus -ice"},
                                  {0, 1, 2, 3, 4, 6}, {1, 2, 3, 10}));
}

TEST_CASE("many copies of a page, and more than a hundred matches, collapse as Xapian would") {
  // 150 seal pages: the first 60 are six contents ten times over (copies
  // next to each other: a listing's first pages are all copies of one), the
  // other 90 are each their own.
  std::vector<Page> pages;
  for (int i = 0; i < 150; ++i) {
    std::string n = std::to_string(i);
    std::string hash = i < 60 ? "h-copy" + std::to_string(i / 10) : "h-own" + n;
    pages.push_back({.url = "https://s" + n + ".example/", .list = "L",
                     .title = "Seal page " + n,
                     .blocks = {"The seal " + std::string(1 + i % 7, 's') + " rests on a rock."},
                     .hash = hash});
  }
  TestIndex ix(pages);
  SearchRequest listing;
  listing.query = "list:L";
  listing.snippets = false;
  SearchResults all = ix.Search(listing);
  CHECK(all.total == 96);
  CHECK(all.hits.size() == 96);
  CheckCollapsedAsXapian(ix, Grid({"list:L", "seal", "rock list:L"}, {0, 1, 3, 50, 95, 96, 140},
                                  {-1, 1, 3, 10, 100}));
}

TEST_CASE("each commit lists the content keys that repeat, and only those") {
  TestIndex ix({{.url = "https://a.example/", .list = "L", .blocks = {"Seal."}, .hash = "h-1"},
                {.url = "https://b.example/", .list = "L", .blocks = {"Seal."}, .hash = "h-1"},
                {.url = "https://c.example/", .list = "L", .blocks = {"Otter."}, .hash = "h-2"}});
  const std::string db_path = index::OpenDbPath(ix.dir());
  auto listed = [&] {
    return index::ParseDuplicateKeys(
        Xapian::Database(db_path).get_metadata(std::string(index::kMetaDuplicateKeys)));
  };
  CHECK(listed() == std::unordered_set<std::string>{"h-1"});
  CHECK(ix.Search("seal").hits.at(0).duplicates.size() == 1);
  {
    Result<std::unique_ptr<index::IndexWriter>> writer = index::IndexWriter::Open(db_path);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->Remove("https://b.example/").ok());
    REQUIRE((*writer)->Put(testing::ToDocument(
        {.url = "https://d.example/", .list = "L", .blocks = {"Otter."}, .hash = "h-2"})).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  CHECK(listed() == std::unordered_set<std::string>{"h-2"});
  REQUIRE(ix.searcher().Refresh().ok());
  CHECK(ix.Search("seal").hits.at(0).duplicates.empty());
  SearchResults otter = ix.Search("otter");
  REQUIRE(otter.hits.size() == 1);
  CHECK(otter.hits[0].duplicates.size() == 1);
  // A list that is not one reads as none: searches collapse with Xapian.
  CHECK_FALSE(index::ParseDuplicateKeys("keys 2\n\x04h-").has_value());
  CHECK_FALSE(index::ParseDuplicateKeys("").has_value());
  CHECK(index::ParseDuplicateKeys("keys 0\n") == std::unordered_set<std::string>{});
}

TEST_CASE("duplicates collapse into one result that names the others") {
  TestIndex& ix = Sample();
  SearchResults same_content = ix.Search("clinicians");
  REQUIRE(same_content.hits.size() == 1);
  const SearchHit& h = same_content.hits[0];
  CHECK(AsSet({h.url, h.duplicates.at(0)}) ==
        std::set<std::string>{"https://en.example/ml", "https://mirror.example/ml"});
  json j = json::parse(FormatJson(same_content));
  CHECK(j["results"][0]["duplicates"].size() == 1);

  SearchResults same_final = ix.Search("unicorn");
  REQUIRE(same_final.hits.size() == 1);
  CHECK(same_final.hits[0].duplicates.size() == 1);
  CHECK(same_final.hits[0].rank == 1);

  SearchRequest count;
  count.query = "clinicians";
  count.exact_total = true;
  count.limit = 0;
  CHECK(ix.Search(count).total == 1);
  // A count is what Xapian's collapsing counts (the facets path uses it),
  // whatever mix of duplicates, single pages and pages without a hash.
  for (std::vector<std::string> langs : {std::vector<std::string>{}, {"sv"}, {"en"}}) {
    count.langs = langs;  // a language filter adds fixed-weight boosts
    for (const char* q : {"clinicians", "dataset", "intensive", "unicorn", "list:nordic", "type:html", "zzqqxx"}) {
      CAPTURE(q);
      CAPTURE(langs.size());
      count.query = q;
      count.facets = false;
      int counted = ix.Search(count).total;
      count.facets = true;
      CHECK(counted == ix.Search(count).total);
    }
  }
}

TEST_CASE("facets count the matches by language, list, site and type") {
  TestIndex& ix = Sample();
  SearchRequest r;
  r.query = "list:nordic";
  r.facets = true;
  SearchResults res = ix.Search(r);
  CHECK(res.facets["lang"] == std::map<std::string, int>{{"fi", 1}, {"sv", 1}});
  CHECK(res.facets["list"] == std::map<std::string, int>{{"nordic", 2}});
  CHECK(res.facets["site"] == std::map<std::string, int>{{"fi.example", 1}, {"sv.example", 1}});
  CHECK(res.facets["type"] == std::map<std::string, int>{{"html", 2}});
  json j = json::parse(FormatJson(res));
  for (const char* facet : {"lang", "list", "site", "type"}) {
    CAPTURE(facet);
    CHECK(j["facets"][facet].is_object());
  }
  r.query = "intensive";
  res = ix.Search(r);
  // The duplicate of the English page is not counted.
  CHECK(res.facets["type"] == std::map<std::string, int>{{"html", 1}, {"none", 1}});
  CHECK(FormatFacets(res).find("type: html 1, none 1") != std::string::npos);
  // Lists counted from postings that begin after the first match.
  r.query = "list:nordic OR clinicians";
  res = ix.Search(r);
  CHECK(res.facets["list"]["nordic"] == 2);
  CHECK(res.facets["list"].size() >= 2);
  r.query = "zzqqxxnomatch";
  res = ix.Search(r);
  for (const char* facet : {"lang", "list", "site", "type"}) {
    CAPTURE(facet);
    CHECK(res.facets[facet].empty());
  }
}

TEST_CASE("broken links show their fetch state") {
  TestIndex& ix = Sample();
  SearchResults r = ix.Search("gone");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].state == "not_found");
  CHECK(r.hits[0].type == "none");
  CHECK(FormatHuman(r, {}).find("(link: not_found)") != std::string::npos);
}

TEST_CASE("paging, counting and the output formats") {
  TestIndex& ix = Sample();
  SearchRequest r;
  r.query = "data OR intensive OR unicorn OR tekoäly OR maskininlärning";
  SearchResults all = ix.Search(r);
  REQUIRE(all.hits.size() >= 4);
  r.offset = 1;
  r.limit = 2;
  SearchResults page = ix.Search(r);
  REQUIRE(page.hits.size() == 2);
  CHECK(page.hits[0].url == all.hits[1].url);
  CHECK(page.hits[0].rank == 2);

  std::string tsv = FormatTsv(all);
  CHECK(std::count(tsv.begin(), tsv.end(), '\n') == static_cast<long>(all.hits.size()));
  CHECK(tsv.substr(0, 2) == "1\t");
  std::string human = FormatHuman(all, {.color = false});
  CHECK(human.find('\033') == std::string::npos);
  CHECK(FormatHuman(all, {.color = true}).find("\033[1m") != std::string::npos);
}

TEST_CASE("JSON has the documented shape") {
  TestIndex& ix = Sample();
  SearchRequest r;
  r.query = "maskinlärning OR intensive";
  r.facets = true;
  json j = json::parse(FormatJson(ix.Search(r)));
  CHECK(j["query"].is_string());
  CHECK(j["total"].is_number_integer());
  CHECK(j["suggestion"].is_string());
  REQUIRE(j["results"].is_array());
  REQUIRE(!j["results"].empty());
  for (const json& hit : j["results"]) {
    for (const char* key : {"url", "title", "lang", "snippet", "snippet_html", "type", "state"}) {
      CAPTURE(key);
      CHECK(hit[key].is_string());
    }
    for (const char* key : {"langs", "lists", "sections", "duplicates"}) {
      CAPTURE(key);
      REQUIRE(hit[key].is_array());
      for (const json& v : hit[key]) CHECK(v.is_string());
    }
    CHECK(hit["rank"].is_number_integer());
    CHECK(hit["score"].is_number());
    CHECK(hit.size() == 13);
  }
  for (const auto& [facet, counts] : j["facets"].items()) {
    for (const auto& [value, count] : counts.items()) CHECK(count.is_number_integer());
  }
}

TEST_CASE("similar resources") {
  TestIndex& ix = Sample();
  SearchRequest r;
  Result<SearchResults> s = ix.searcher().Similar("https://short.example/x", r);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  REQUIRE(!s->hits.empty());
  CHECK(s->hits[0].url == "https://short2.example/y");
  for (const SearchHit& h : s->hits) CHECK(h.url != "https://short.example/x");
  CHECK(ix.searcher().Similar("HTTPS://SHORT.example/x#top", r).ok());
  Result<SearchResults> missing = ix.searcher().Similar("https://nowhere.example/", r);
  CHECK(missing.status().code() == Status::Code::kNotFound);
}

TEST_CASE("hostile queries never crash and never return a raw error") {
  TestIndex& ix = Sample();
  std::string long_query;
  for (int i = 0; i < 20000; ++i) long_query += "intensive ";
  std::string deep(5000, '(');
  std::string nots;
  for (int i = 0; i < 3000; ++i) nots += "NOT ";
  // As deep as the parser allows, a word beside each group: building the
  // query must not do work that doubles with each level.
  std::string nested;
  for (int i = 0; i < 31; ++i) nested += "intensive (";
  nested += "care" + std::string(31, ')');
  const std::string hostile[] = {
      long_query,
      std::string(100000, 'a'),
      "AND OR NOT",
      "AND",
      "+ - * ( ) \"",
      "\"intensive care",
      "\"\"\"",
      "intensive\"care\"",
      deep + "intensive",
      nots + "intensive",
      nested,
      ")))",
      std::string("intensive\0care", 14),
      "\x01\x02\x03\x1b[31m intensive \x7f",
      "\xff\xfe\xfd intensive \xc3",
      "\xed\xa0\x80 surrogate",
      "site: lang: title:",
      "site:" + std::string(1000, 'x'),
      "title:" + std::string(300, 'y') + "*",
      "*",
      "a*",
      "-intensive -care -data",
      "NOT NOT NOT",
      "title:\"\"",
  };
  for (const std::string& q : hostile) {
    CAPTURE(q.substr(0, 40));
    SearchRequest r;
    r.query = q;
    r.facets = true;
    Result<SearchResults> res = ix.searcher().Search(r);
    if (!res.ok()) {
      CHECK(res.status().code() == Status::Code::kInvalidArgument);
      continue;
    }
    CHECK(res->note.find('\n') == std::string::npos);
    CHECK(!json::parse(FormatJson(*res)).is_discarded());
  }
  CHECK(!ix.Search("\"intensive care").note.empty());
  CHECK(ix.Search("\"intensive care").total >= 1);
  CHECK(ix.Search(long_query).note.find("too long") != std::string::npos);
}

TEST_CASE("errors: no index, nothing to search for") {
  haku::testing::TempDir empty;
  Result<std::unique_ptr<Searcher>> none = Searcher::Open(empty.path());
  REQUIRE(!none.ok());
  CHECK(none.status().code() == Status::Code::kNotFound);
  CHECK(none.status().message().find("haku update") != std::string::npos);
  Result<SearchResults> blank = Sample().searcher().Search(SearchRequest{});
  CHECK(blank.status().code() == Status::Code::kInvalidArgument);
}

// An untranslated page of a Swedish manual is part of it (--lang sv finds
// it) but ranks below pages whose text is Swedish; under --lang en the
// English original ranks above its untranslated twin.
TEST_CASE("a language filter admits declared pages and ranks detected ones first") {
  const std::string en_text =
      "Defining print ranges in Calc. Select the cells that you want to print, then choose "
      "Format - Print Ranges - Define. Only the cells in the print range are printed.";
  TestIndex index({
      Page{.url = "https://help.example/sv/ranges.html", .list = "help",
           .title = "Definiera utskriftsområden i Calc",
           .blocks = {"Definiera utskriftsområden i Calc. Markera de celler som du vill skriva "
                      "ut och välj sedan Format - Utskriftsområden - Definiera. Endast cellerna "
                      "i utskriftsområdet skrivs ut."},
           .hash = "h-sv", .lang_hint = "sv"},
      Page{.url = "https://help.example/sv/untranslated.html", .list = "help",
           .title = "Defining Print Ranges", .blocks = {en_text}, .hash = "h-en-sv",
           .lang_hint = "sv"},
      Page{.url = "https://help.example/en/untranslated.html", .list = "help",
           .title = "Defining Print Ranges", .blocks = {en_text}, .hash = "h-en",
           .lang_hint = "en"},
  });
  SearchResults r = index.Search(InLanguage("Calc", "sv"));
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].url == "https://help.example/sv/ranges.html");
  CHECK(r.hits[1].url == "https://help.example/sv/untranslated.html");
  CHECK(r.hits[1].lang == "en");  // indexed as what it is

  // Under --lang sv the query is also analysed in English, the language
  // that pages declaring Swedish are written in: "printing" meets the
  // English stem of "printed"; Swedish analysis alone would not.
  r = index.Search(InLanguage("printing", "sv"));
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].url == "https://help.example/sv/untranslated.html");

  r = index.Search(InLanguage("print ranges", "en"));
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].url == "https://help.example/en/untranslated.html");
}

TEST_CASE("template and hidden text is searchable, below the page's own text") {
  // LibreOffice help keeps per-module text in <span hidden>: page text all
  // the same, demoted by the extractor.
  TestIndex index({
      Page{.url = "https://help.example/autocorrect", .list = "help",
           .title = "AutoCorrect", .blocks = {"Sets the options for replacing text as you type."},
           .hash = "h1",
           .boilerplate = {"Word Completion: completes words that you type often."}},
      Page{.url = "https://help.example/completion", .list = "help",
           .title = "Word Completion",
           .blocks = {"Word Completion: completes words that you type often."}, .hash = "h2"},
      Page{.url = "https://help.example/other", .list = "help", .title = "Print ranges",
           .blocks = {"Select the cells that you want to print."}, .hash = "h3"},
  });
  Urls urls = index.Urls("completes");
  CHECK(urls == Urls{"https://help.example/completion", "https://help.example/autocorrect"});
}

TEST_CASE("a page with every word of the query ranks above one with some of them, more often") {
  // Plain BM25 scores both alike or "partial" higher: four of each of two
  // words against one of each of three. Coordination puts "all" first.
  std::vector<Page> pages = {
      Page{.url = "https://help.example/all", .list = "help", .title = "Note",
           .blocks = {"tokenizer stemmer lemmatizer note note note note note"}, .hash = "a"},
      Page{.url = "https://help.example/partial", .list = "help", .title = "Note",
           .blocks = {"tokenizer tokenizer tokenizer tokenizer stemmer stemmer stemmer stemmer"},
           .hash = "p"},
      Page{.url = "https://help.example/other", .list = "help", .title = "Note",
           .blocks = {"lemmatizer note note note note note note note"}, .hash = "o"},
  };
  for (int i = 0; i < 6; ++i) {
    pages.push_back(Page{.url = "https://help.example/p" + std::to_string(i), .list = "help",
                         .title = "Note", .blocks = {"a page about something else entirely"},
                         .hash = "p" + std::to_string(i)});
  }
  TestIndex index(pages);
  Urls urls = index.Urls("tokenizer stemmer lemmatizer");
  REQUIRE(urls.size() == 3);
  CHECK(urls[0] == "https://help.example/all");
  CHECK(urls[1] == "https://help.example/partial");
}

TEST_CASE("Swedish lemmas from the index meet what Snowball leaves apart") {
  // Snowball stems "aktuellt" to itself and "aktuella" to "aktuell"; the
  // lemma (hunspell-sv at index time, an index synonym at query time) joins
  // them. The synonym is of a form the index holds: here, on the other page.
  TestIndex index({
      Page{.url = "https://help.example/sv/datakalla", .list = "hjälp", .title = "Datakälla",
           .blocks = {"Visar datakällan för det aktuella dokumentet. Du kan redigera "
                      "tabellerna i databasen direkt i fönstret."},
           .hash = "d", .list_lang = "sv", .lang_hint = "sv"},
      Page{.url = "https://help.example/sv/annat", .list = "hjälp", .title = "Utskrift",
           .blocks = {"Skriver ut dokumentet på den skrivare som är aktuellt vald i dialogrutan."},
           .hash = "u", .list_lang = "sv", .lang_hint = "sv"},
  });
  SearchResults r = index.Search(InLanguage("aktuellt", "sv"));
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].url == "https://help.example/sv/annat");  // the exact form first
  CHECK(r.hits[1].url == "https://help.example/sv/datakalla");
}

TEST_CASE("Finnish lemmas and compound parts of a query word come from the index's synonyms") {
  // The search binary loads no Voikko. "helsingissä" (Snowball: "helsing")
  // reaches the page that says "Helsinki" (Snowball: "helsink") through the
  // lemma the indexer stored for the form "helsingissä" (the other page),
  // and "tietokannan" a page that only has the compound
  // "potilastietokanta", through its part "tietokanta".
  TestIndex index({
      Page{.url = "https://fi.example/helsinki", .list = "apu", .title = "Kaupunki",
           .blocks = {"Helsinki on Suomen pääkaupunki ja suurin kaupunki."},
           .hash = "a", .list_lang = "fi", .lang_hint = "fi"},
      Page{.url = "https://fi.example/tilastot", .list = "apu", .title = "Tilastot",
           .blocks = {"Tilastot julkaistaan helsingissä vuosittain. Tiedot löytyvät "
                      "tietokannan taulukoista."},
           .hash = "b", .list_lang = "fi", .lang_hint = "fi"},
      Page{.url = "https://fi.example/rekisteri", .list = "apu", .title = "Rekisteri",
           .blocks = {"Potilastietokanta sisältää hoitojaksot."},
           .hash = "c", .list_lang = "fi", .lang_hint = "fi"},
  });
  auto urls = [&](const std::string& query) {
    SearchRequest request;
    request.langs = {"fi"};
    request.query = query;
    std::set<std::string> out;
    for (const SearchHit& h : index.Search(request).hits) out.insert(h.url);
    return out;
  };
  CHECK(urls("helsingissä").count("https://fi.example/helsinki") == 1);
  CHECK(urls("tietokannan").count("https://fi.example/rekisteri") == 1);
}

TEST_CASE("a title holding two of the query's words ranks first") {
  // The page named by the query against one that repeats its words in its
  // text and has one of them in its title: plain BM25 puts that one first.
  std::string text;
  for (int i = 0; i < 6; ++i) text += "print ranges ";
  TestIndex index({
      Page{.url = "https://help.example/ranges", .list = "help", .title = "Defining Print Ranges",
           .blocks = {"Choose Format, then Define, and select the cells."}, .hash = "r"},
      Page{.url = "https://help.example/printing", .list = "help", .title = "Ranges",
           .blocks = {text}, .hash = "p"},
      Page{.url = "https://help.example/cells", .list = "help", .title = "Cells",
           .blocks = {"Cells hold numbers and text; a range is a block of cells."}, .hash = "c"},
  });
  Urls urls = index.Urls("print ranges");
  REQUIRE(urls.size() >= 2);
  CHECK(urls[0] == "https://help.example/ranges");
}

}  // namespace haku::search

namespace haku::search {

namespace {
// What `haku update --rebuild` does to `dir`: a new database of `page` alone, published.
void PublishRebuild(const std::string& dir, const Page& page) {
  Result<std::string> db = index::NewDbPath(dir);
  REQUIRE(db.ok());
  {
    auto writer = index::IndexWriter::Open(*db, true);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->Put(testing::ToDocument(page)).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  REQUIRE(index::Publish(dir, *db).ok());
}

// A one-block page of list "L" about an animal, at https://a.example/<name>.
Page AnimalPage(const std::string& name, const std::string& title, const std::string& text) {
  return Page{.url = "https://a.example/" + name, .list = "L", .title = title, .blocks = {text}};
}

// The number of matches of `query`; fails the test when the search fails.
int Total(Searcher& searcher, const std::string& query) {
  SearchRequest r;
  r.query = query;
  Result<SearchResults> res = searcher.Search(r);
  REQUIRE_MESSAGE(res.ok(), res.status().ToString());
  return res->total;
}
}  // namespace

TEST_CASE("a searcher kept open catches up with updates in place and with published rebuilds") {
  Page first = AnimalPage("otter", "Otters", "The otter swims in the river.");
  Page second = AnimalPage("heron", "Herons", "The heron fishes in the shallows.");
  Page third = AnimalPage("beaver", "Beavers", "The beaver builds a dam.");
  TestIndex index({first});
  Result<std::unique_ptr<Searcher>> kept = Searcher::Open(index.dir());
  REQUIRE(kept.ok());
  auto count = [&](const std::string& q) { return Total(**kept, q); };
  REQUIRE(count("otter") == 1);
  CHECK((*kept)->Refresh().ok());  // nothing changed
  CHECK(count("otter") == 1);

  // An incremental update writes the database `current` names.
  {
    auto writer = index::IndexWriter::Open(index::OpenDbPath(index.dir()), false);
    REQUIRE_MESSAGE(writer.ok(), writer.status().ToString());
    REQUIRE((*writer)->Put(testing::ToDocument(second)).ok());
    REQUIRE((*writer)->Commit().ok());
  }
  CHECK(count("heron") == 0);  // the revision it opened
  REQUIRE((*kept)->Refresh().ok());
  CHECK(count("heron") == 1);

  // A rebuild publishes a new database behind `current`.
  PublishRebuild(index.dir(), third);
  CHECK(count("beaver") == 0);
  REQUIRE((*kept)->Refresh().ok());
  CHECK(count("beaver") == 1);
  CHECK(count("otter") == 0);
}

TEST_CASE("a searcher kept open notices an index deleted and made anew under the same name") {
  TestIndex index({AnimalPage("otter", "Otters", "The otter swims in the river.")});
  Result<std::unique_ptr<Searcher>> kept = Searcher::Open(index.dir());
  REQUIRE(kept.ok());
  std::string before = index::OpenDbPath(index.dir());
  for (const auto& entry : std::filesystem::directory_iterator(index.dir())) {
    std::filesystem::remove_all(entry.path());
  }
  PublishRebuild(index.dir(), AnimalPage("walrus", "Walruses", "The walrus rests on the ice."));
  REQUIRE(index::OpenDbPath(index.dir()) == before);  // same name, same revision number
  REQUIRE((*kept)->Refresh().ok());
  CHECK(Total(**kept, "walrus") == 1);
  CHECK(Total(**kept, "otter") == 0);
}

}  // namespace haku::search

namespace haku::search {

TEST_CASE("a page whose stored data is damaged: not JSON shows its defaults, a wrong type fails") {
  TestIndex index({AnimalPage("otter", "Otters", "The otter swims in the river."),
                   AnimalPage("heron", "Herons", "The heron fishes in the shallows.")});
  auto set_data = [&](const std::string& url, const std::string& data) {
    Xapian::WritableDatabase db(index::OpenDbPath(index.dir()), Xapian::DB_OPEN);
    std::string key = std::string(index::kUrlPrefix) + url;
    Xapian::PostingIterator p = db.postlist_begin(key);
    REQUIRE(p != db.postlist_end(key));
    Xapian::Document doc = db.get_document(*p);
    doc.set_data(data);
    db.replace_document(*p, doc);
    db.commit();
  };
  set_data("https://a.example/otter", "{\"url\": \"https://a.example/otter\", \"title\"");
  REQUIRE(index.searcher().Refresh().ok());
  SearchResults r = index.Search("otter");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].url.empty());  // what nlohmann's parser gave: every field its default
  CHECK(r.hits[0].lang == "und");
  CHECK(r.hits[0].state == "not_fetched");
  CHECK(r.hits[0].snippet.find("otter") != std::string::npos);  // the text is a value, not data
  CHECK(index.Search("heron").hits.at(0).url == "https://a.example/heron");

  set_data("https://a.example/heron", R"({"url": "https://a.example/heron", "langs": "en"})");
  REQUIRE(index.searcher().Refresh().ok());
  SearchRequest req;
  req.query = "heron";
  Result<SearchResults> bad = index.searcher().Search(req);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kCorruption);
  CHECK(bad.status().message().find("haku update --rebuild") != std::string::npos);
}

}  // namespace haku::search
