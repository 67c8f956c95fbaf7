// End to end: the haku binary on the bundled corpus, in a temporary index.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include <set>

#include "tests/test_util.h"

namespace haku {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::Quote;
using testing::RunCommand;

std::string CorpusSources() {
  std::string args;
  for (const char* f : {"nordic-healthcare-data-science.md", "health-data-sharing-is-caring.md",
                        "public-medical-datasets.md", "health-data-science-links.txt",
                        "medical-datasets-for-education.md"}) {
    args += " --sources " + Quote(testing::SourceDir() + "/corpus/" + f);
  }
  return args;
}

// A Finnish list written for the tests: the bundled lists hold no Finnish text.
constexpr const char* kFinnishList =
    "# Suomalaisia terveysdatan lähteitä\n\n"
    "## Ohjeet\n"
    "- [Tekoälyn eettiset periaatteet julkishallinnossa](https://fi.example/etiikka) - "
    "opas virkamiehille\n"
    "- [Potilaiden tietojen toisiokäyttö](https://fi.example/toisiokaytto) - "
    "Findatan lupapalvelu\n";

class Haku {
 public:
  Haku() : index_(dir_.File("index")) {}
  CommandResult Run(const std::string& args) {
    return RunCommand(std::string(HAKU_CLI_PATH) + " " + args);
  }
  CommandResult Update(const std::string& sources) {
    return Run("update --offline --index " + Quote(index_) + sources);
  }
  CommandResult Search(const std::string& args) {
    return Run("search --index " + Quote(index_) + " " + args);
  }
  json SearchJson(const std::string& args) {
    CommandResult r = Search("--json " + args);
    REQUIRE_MESSAGE(r.exit_code <= 1, r.err);
    return json::parse(r.out);
  }
  std::string File(const std::string& name) const { return dir_.File(name); }

 private:
  testing::TempDir dir_;
  std::string index_;
};

std::vector<std::string> Urls(const json& j) {
  std::vector<std::string> out;
  for (const json& r : j["results"]) out.push_back(r["url"]);
  return out;
}

}  // namespace

TEST_CASE("update then search in English, Swedish and Finnish") {
  Haku haku;
  testing::WriteFile(haku.File("suomi.md"), kFinnishList);
  CommandResult u = haku.Update(CorpusSources() + " --sources " + Quote(haku.File("suomi.md")));
  REQUIRE_MESSAGE(u.exit_code == 0, u.err);
  CHECK(u.out.find("6 lists, 92 entries, 87 resources, 87 pages (0 fetched): 87 added") !=
        std::string::npos);

  json sv = haku.SearchJson("maskininlärning");
  REQUIRE(sv["results"].size() >= 1);
  CHECK(sv["results"][0]["url"] == "https://play.lnu.se/media/t/0_9gldbzgn");
  CHECK(sv["results"][0]["lang"] == "sv");

  // Without diacritics: still found.
  CHECK(Urls(haku.SearchJson("maskininlarning")).at(0) == "https://play.lnu.se/media/t/0_9gldbzgn");
  // A compound part finds the compound.
  CHECK(Urls(haku.SearchJson("cancer")) == std::vector<std::string>{
      "https://www.cancer.gov/about-nci/organization/ccg/research/structural-genomics/tcga",
      "https://www.cancerimagingarchive.net/", "https://play.lnu.se/media/t/0_wteryemf"});

  json en = haku.SearchJson("intensive care");
  REQUIRE(en["results"].size() >= 1);
  CHECK(en["results"][0]["lang"] == "en");

  // Finnish: base form finds the inflected titles (Voikko lemmas).
  CHECK(Urls(haku.SearchJson("tekoäly")).at(0) == "https://fi.example/etiikka");
  CHECK(Urls(haku.SearchJson("potilas")).at(0) == "https://fi.example/toisiokaytto");
  json fi = haku.SearchJson("--lang fi");
  CHECK(Urls(fi) == std::vector<std::string>{"https://fi.example/etiikka",
                                             "https://fi.example/toisiokaytto"});
}

TEST_CASE("--lang sv lists exactly the Swedish entries; filters combine") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  json sv = haku.SearchJson("--lang sv");
  std::vector<std::string> urls = Urls(sv);
  CHECK(std::set<std::string>(urls.begin(), urls.end()) ==
        std::set<std::string>{"https://play.lnu.se/media/t/0_9gldbzgn",
                              "https://play.lnu.se/media/t/0_mzti4jou",
                              "https://play.lnu.se/media/t/0_wteryemf"});
  CHECK(sv["total"] == 3);
  json site = haku.SearchJson("--site physionet.org");
  CHECK(site["total"] == 4);  // about/database, content/mimiciv, works/..., physiobank/...
  json list = haku.SearchJson("--list public-medical-datasets MIMIC");
  for (const json& r : list["results"]) {
    std::vector<std::string> lists = r["lists"];
    CHECK(std::count(lists.begin(), lists.end(), "public-medical-datasets") == 1);
  }
  CHECK(list["total"].get<int>() >= 3);
  json paged = haku.SearchJson("--limit 2 --offset 1 data");
  REQUIRE(paged["results"].size() == 2);
  CHECK(paged["results"][0]["rank"] == 2);
}

TEST_CASE("JSON output has the documented shape") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  json j = haku.SearchJson("MIMIC-IV");
  CHECK(j["query"] == "MIMIC-IV");
  CHECK(j["total"].is_number_integer());
  REQUIRE(j["results"].is_array());
  REQUIRE(!j["results"].empty());
  const json& r = j["results"][0];
  CHECK(r["url"] == "https://physionet.org/content/mimiciv/2.2/");
  for (const char* key : {"url", "title", "lang", "snippet", "snippet_html", "type", "state"}) {
    CAPTURE(key);
    CHECK(r[key].is_string());
  }
  CHECK(r["rank"] == 1);
  CHECK(r["score"].is_number());
  CHECK(r["lists"] == json::array({"nordic-healthcare-data-science"}));
  CHECK(r["sections"] == json::array({"Open source datasets"}));
  CHECK(r["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
}

TEST_CASE("exit codes and one-line errors, as grep") {
  Haku haku;
  CommandResult none = haku.Search("anything");
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no index") != std::string::npos);
  CHECK(std::count(none.err.begin(), none.err.end(), '\n') == 1);

  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  CHECK(haku.Search("maskininlärning").exit_code == 0);
  CHECK(haku.Search("zzqqxxnomatch").exit_code == 1);
  CHECK(haku.Search("").exit_code == 2);
  CHECK(haku.Search("--limit nope x").exit_code == 2);
  CHECK(haku.Run("frobnicate").exit_code == 2);
}

TEST_CASE("bad lists fail the update and keep the previous index") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);

  CommandResult missing = haku.Update(" --sources " + Quote(haku.File("missing.md")));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("missing.md") != std::string::npos);

  testing::WriteFile(haku.File("binary.md"), std::string("PK\x03\x04\0\0garbage", 12));
  CommandResult binary = haku.Update(" --sources " + Quote(haku.File("binary.md")));
  CHECK(binary.exit_code == 2);
  CHECK(binary.err.find("binary") != std::string::npos);

  // The previous index still answers.
  CHECK(haku.SearchJson("maskininlärning")["total"] == 1);

  // An empty list is no error: it lists nothing, so everything else goes.
  testing::WriteFile(haku.File("empty.md"), "");
  CommandResult empty = haku.Update(" --sources " + Quote(haku.File("empty.md")));
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.find("0 resources") != std::string::npos);
  CHECK(empty.out.find("85 removed") != std::string::npos);
}

TEST_CASE("a second update with nothing changed writes no document") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  CommandResult again = haku.Update(CorpusSources());
  CHECK(again.out.find("0 added, 0 changed, 85 unchanged, 0 removed") != std::string::npos);
}

TEST_CASE("search: query language, count, tsv, facets and spelling from the command line") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  // A field in the query filters as the flag does.
  CHECK(Urls(haku.SearchJson("site:physionet.org")) == Urls(haku.SearchJson("--site physionet.org")));
  json open = haku.SearchJson("'\"open source\" NOT kaggle'");
  CHECK(open["total"].get<int>() >= 1);
  for (const json& r : open["results"]) {
    CHECK(r["url"] != "https://www.kaggle.com/");
  }
  CommandResult count = haku.Search("--count --lang sv");
  CHECK(count.exit_code == 0);
  CHECK(count.out == "3\n");
  CHECK(haku.Search("--count zzqqxxnomatch").out == "0\n");
  // Output that cannot be written is an error, not a result.
  CommandResult full = RunCommand("sh -c " + Quote(std::string(HAKU_CLI_PATH) + " search --index " +
                                                  Quote(haku.File("index")) + " data >/dev/full"));
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("cannot write the output") != std::string::npos);

  CommandResult tsv = haku.Search("--format tsv --limit 3 data");
  REQUIRE(tsv.exit_code == 0);
  CHECK(std::count(tsv.out.begin(), tsv.out.end(), '\n') == 3);
  CHECK(std::count(tsv.out.begin(), tsv.out.end(), '\t') == 12);

  json facets = haku.SearchJson("--facets --lang sv");
  CHECK(facets["facets"]["lang"] == json({{"sv", 3}}));
  CHECK(facets["facets"]["list"]["nordic-healthcare-data-science"] == 3);
  CHECK(facets["facets"]["site"]["play.lnu.se"] == 3);

  CommandResult human = haku.Search("maskinlärning");
  CHECK(human.out.find("Did you mean: maskininlärning") != std::string::npos);
  CHECK(human.out.find('\033') == std::string::npos);  // not a terminal: no colours
  CHECK(haku.SearchJson("maskinlärning")["suggestion"] == "maskininlärning");
}

TEST_CASE("search: hostile queries give a note, never a raw error") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  CommandResult quote = haku.Search(Quote("\"intensive care"));
  CHECK(quote.exit_code == 0);
  CHECK(quote.err.find("unbalanced quote") != std::string::npos);
  CHECK(std::count(quote.err.begin(), quote.err.end(), '\n') == 1);
  for (const std::string& q : {std::string("'AND OR NOT'"), std::string("'((((('"),
                               std::string("\"$(printf '\\377\\376 data \\001')\""), std::string("'***'"),
                               std::string(5000, 'x')}) {
    CAPTURE(q.substr(0, 30));
    CommandResult r = haku.Search("--json " + q);
    CHECK(r.exit_code <= 1);
    CHECK(!json::parse(r.out, nullptr, false).is_discarded());
  }
}

TEST_CASE("similar lists the resources closest to a URL") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  CommandResult r = haku.Run("similar --index " + Quote(haku.File("index")) +
                             " --json --limit 5 https://physionet.org/content/mimiciv/2.2/");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  json j = json::parse(r.out);
  REQUIRE(!j["results"].empty());
  CHECK(j["results"].size() <= 5);
  for (const json& hit : j["results"]) CHECK(hit["url"] != "https://physionet.org/content/mimiciv/2.2/");
  CommandResult missing =
      haku.Run("similar --index " + Quote(haku.File("index")) + " https://nowhere.example/");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("not in the index") != std::string::npos);
  // A URL quoted in the message: its control characters as spaces, one
  // line, cut when huge.
  CommandResult hostile = haku.Run("similar --index " + Quote(haku.File("index")) + " " +
                                   Quote("https://x.example/\x1b]0;T\x07\x1b[2J\n" +
                                         std::string(5000, 'a')));
  CHECK(hostile.exit_code == 2);
  CHECK(hostile.err.find('\x1b') == std::string::npos);
  CHECK(hostile.err.find('\x07') == std::string::npos);
  CHECK(std::count(hostile.err.begin(), hostile.err.end(), '\n') == 1);
  CHECK(hostile.err.size() < 1100);
  CHECK(haku.Run("similar --index " + Quote(haku.File("none")) + " https://x.example/").exit_code == 2);
}

}  // namespace haku

namespace haku {

// Regression: CLI11 let a repeatable option swallow the words after it, so
// `--lang sv maskininlärning` listed every Swedish resource instead of
// searching for the word among them.
TEST_CASE("a filter flag takes one value; the words after it are the query") {
  Haku haku;
  REQUIRE(haku.Update(CorpusSources()).exit_code == 0);
  json j = haku.SearchJson("--lang sv maskininlärning");
  CHECK(j["query"] == "maskininlärning");
  CHECK(j["total"] == 1);
  CHECK(haku.Search("--lang en zzqqxxnomatch").exit_code == 1);
  // A country domain is a site too.
  CHECK(Urls(haku.SearchJson("--site fi")) ==
        std::vector<std::string>{"https://www.suomi.fi/guides/responsible-ai",
                                 "https://yle.fi/aihe/s/10005660"});
  // Repeating the flag still gives several values.
  CHECK(haku.SearchJson("--lang sv --lang en")["total"] == 85);
}

TEST_CASE("update, status and links run in haku-admin next to haku, with the same argv") {
  Haku haku;
  std::string config = haku.File("haku.toml");
  testing::WriteFile(config, "index = \"from-config\"\n");
  std::string list =
      " --sources " + Quote(testing::SourceDir() + "/corpus/public-medical-datasets.md");
  // The global --config before the subcommand, in both spellings, reaches haku-admin.
  CommandResult update = haku.Run("--config " + Quote(config) + " update --offline" + list);
  REQUIRE_MESSAGE(update.exit_code == 0, update.err);
  CHECK(update.out.find("added") != std::string::npos);
  CommandResult status = haku.Run("--config=" + Quote(config) + " status");
  CHECK_MESSAGE(status.exit_code == 0, status.err);
  CHECK(status.out.find(haku.File("from-config")) != std::string::npos);
  CHECK(haku.Run("links --config " + Quote(config)).exit_code == 0);
  CommandResult help = haku.Run("update --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--sources") != std::string::npos);
  CommandResult bad = haku.Run("update --no-such-flag");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--no-such-flag") != std::string::npos);
  CommandResult all = haku.Run("--help");
  for (const char* sub : {"update", "search", "similar", "status", "links"}) {
    CHECK(all.out.find(std::string("\n  ") + sub + " ") != std::string::npos);
  }

  // haku and haku-search alone still search; update says what is missing.
  std::string alone = haku.File("haku");
  REQUIRE(RunCommand("cp " + Quote(HAKU_CLI_PATH) + " " + Quote(alone)).exit_code == 0);
  CommandResult no_search = RunCommand(Quote(alone) + " search --index " +
                                       Quote(haku.File("from-config")) + " --count mimic");
  CHECK(no_search.exit_code == 2);
  CHECK(no_search.err.find("haku-search") != std::string::npos);
  REQUIRE(RunCommand("cp " + Quote(HAKU_SEARCH_PATH) + " " + Quote(haku.File("haku-search")))
              .exit_code == 0);
  CommandResult search = RunCommand(Quote(alone) + " search --index " +
                                    Quote(haku.File("from-config")) + " --count mimic");
  CHECK_MESSAGE(search.exit_code == 0, search.err);
  CommandResult missing = RunCommand(Quote(alone) + " update --offline" + list);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("haku-admin") != std::string::npos);
}

}  // namespace haku
