// Scheduled updates: incremental counts, --rebuild without network, kill -9
// at each phase, one update at a time, searches during commits. The haku
// binary runs against pages a test HTTP server serves on 127.0.0.1.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "analysis/dictionary_lexicon.h"
#include "analysis/lexicon_memo.h"
#include "indexer/crawler/crawl_store.h"
#include "indexer/extractor/extracted_page_codec.h"
#include "indexer/index/index_dir.h"
#include "indexer/pipeline/page_text.h"
#include "tests/crawler/test_http_server.h"
#include "tests/test_util.h"

namespace haku {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::Quote;

std::string Page(const std::string& title, const std::string& word) {
  return "<!doctype html><html lang=en><head><title>" + title + "</title></head><body><main><h1>" +
         title + "</h1><p>This page is about " + word + " and nothing else. The " + word +
         " project publishes open health data for research and teaching.</p></main></body></html>";
}

// Four pages, each with a word of its own.
class Site {
 public:
  Site() {
    for (const char* name : {"alpha", "bravo", "charlie", "delta"}) {
      std::string body = Page(std::string("The ") + name + " page", std::string(name) + "word");
      server_.server().Get(std::string("/") + name + ".html",
                           [body](const httplib::Request&, httplib::Response& res) {
                             res.set_content(body, "text/html; charset=utf-8");
                           });
    }
    server_.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nAllow: /\n", "text/plain");
    });
    server_.Start();
  }
  std::string Url(const std::string& name) const { return server_.Url("/" + name + ".html"); }
  void Stop() { server_.Stop(); }

 private:
  testing::TestHttpServer server_;
};

struct Summary {
  int added = -1, changed = -1, unchanged = -1, removed = -1;
};

Summary ParseSummary(const std::string& out) {
  std::smatch m;
  static const std::regex re("(\\d+) added, (\\d+) changed, (\\d+) unchanged, (\\d+) removed");
  Summary s;
  if (std::regex_search(out, m, re)) {
    s = {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4])};
  }
  return s;
}

// The haku binary on one index and one list file, with no user config.
class Haku {
 public:
  explicit Haku(const Site& site)
      : url_([&site](const std::string& name) { return site.Url(name); }),
        index_(dir_.File("index")) {}
  explicit Haku(std::function<std::string(const std::string&)> url)
      : url_(std::move(url)), index_(dir_.File("index")) {}

  // Writes the list with these entries ("alpha", ...); `note` varies a description.
  void WriteList(const std::vector<std::string>& names, const std::string& note = "") {
    std::string md = "# Health data\n\n## Pages\n";
    for (const std::string& n : names) {
      md += "- [" + n + "](" + url_(n) + ") - about " + n + (n == "alpha" ? note : "") + "\n";
    }
    testing::WriteFile(List(), md);
  }
  std::string List() const { return dir_.File("list.md"); }
  const std::string& index() const { return index_; }

  std::string UpdateCommand(const std::string& flags = "") const {
    return Env() + std::string(HAKU_CLI_PATH) + " update --index " + Quote(index_) +
           " --sources " + Quote(List()) + " --allow-private --delay-ms 0 --timeout 5 " + flags;
  }
  CommandResult Update(const std::string& flags = "") const {
    return testing::RunCommand(UpdateCommand(flags));
  }
  CommandResult Run(const std::string& cmd, const std::string& args) const {
    return testing::RunCommand(Env() + std::string(HAKU_CLI_PATH) + " " + cmd + " --index " +
                               Quote(index_) + " " + args);
  }
  // Result URLs of a search; fails the test unless exit 0 or 1.
  std::vector<std::string> Search(const std::string& query) const {
    std::vector<std::string> urls;
    const json j = SearchJson(query);
    for (const json& x : j["results"]) urls.push_back(x["url"]);
    return urls;
  }
  json SearchJson(const std::string& query) const {
    CommandResult r = Run("search", "--json " + query);
    REQUIRE_MESSAGE(r.exit_code <= 1, r.err);
    return json::parse(r.out);
  }
  std::string File(const std::string& name) const { return dir_.File(name); }

 private:
  std::string Env() const { return "XDG_CONFIG_HOME=" + Quote(dir_.File("config")) + " "; }

  std::function<std::string(const std::string&)> url_;
  testing::TempDir dir_;
  std::string index_;
};

// A command run in the background by /bin/sh; stdout and stderr to files.
// With `exec`, the shell execs the command (through env(1), so leading
// VAR=value words work) and pid() is the command's own.
class Background {
 public:
  Background(const std::string& command, const std::string& log, bool exec) {
    std::string full = (exec ? "exec env " + command : "( " + command + " )") + " >" +
                       Quote(log + ".out") + " 2>" + Quote(log + ".err");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    REQUIRE(pid_ > 0);
  }
  ~Background() {
    if (!done_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }
  pid_t pid() const { return pid_; }
  void Kill9() {
    REQUIRE(::kill(pid_, SIGKILL) == 0);
    int status = Wait();
    CHECK(WIFSIGNALED(status));
  }
  // Waits for the exit; the wait status.
  int Wait() {
    if (!done_ && ::waitpid(pid_, &status_, 0) == pid_) done_ = true;
    return status_;
  }
  bool Running() {
    if (!done_ && ::waitpid(pid_, &status_, WNOHANG) == pid_) done_ = true;
    return !done_;
  }

 private:
  pid_t pid_ = -1;
  bool done_ = false;
  int status_ = 0;
};

// Polls for `path` for up to `max`; true once it exists.
bool WaitForFile(const std::string& path, std::chrono::seconds max) {
  auto deadline = std::chrono::steady_clock::now() + max;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

TEST_CASE("incremental updates count what changed") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo", "charlie"});
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  Summary s = ParseSummary(r.out);
  CHECK(s.added == 3);
  CHECK(haku.Search("bravoword") == std::vector<std::string>{site.Url("bravo")});
  // The database searches use: written anew, then changed in place, and
  // compacted anew once a tenth of its documents changed.
  const std::string index_dir = haku.File("index");
  const std::string first_db = index::OpenDbPath(index_dir);

  r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  s = ParseSummary(r.out);
  CHECK(s.added == 0);
  CHECK(s.changed == 0);
  CHECK(s.unchanged == 3);
  CHECK(s.removed == 0);
  CHECK(index::OpenDbPath(index_dir) == first_db);  // nothing changed: nothing compacted

  haku.WriteList({"alpha", "bravo", "charlie"}, " and its registry");
  r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  s = ParseSummary(r.out);
  CHECK(s.changed == 1);
  CHECK(s.unchanged == 2);
  CHECK(index::OpenDbPath(index_dir) != first_db);  // one of three changed
  CHECK(std::filesystem::exists(first_db));  // kept for searches that opened it
  CHECK(haku.Search("registry").size() == 1);
  CHECK(haku.Search("bravoword") == std::vector<std::string>{site.Url("bravo")});

  haku.WriteList({"alpha", "charlie"}, " and its registry");
  r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  s = ParseSummary(r.out);
  CHECK(s.removed == 1);
  CHECK(s.unchanged == 2);
  CHECK(haku.Search("bravoword").empty());

  CommandResult status = haku.Run("status", "--json");
  REQUIRE_MESSAGE(status.exit_code == 0, status.err);
  json j = json::parse(status.out);
  CHECK(j["documents"] == 2);
  CHECK(j["index_bytes"].get<uint64_t>() > 0);
  CHECK(j["crawl_store_bytes"].get<uint64_t>() > 0);
  CHECK(j["lexicon_bytes"].get<uint64_t>() >=
        std::filesystem::file_size(haku.File("index/lexicon.sqlite")));
  CHECK(j["lexicon_bytes"].get<uint64_t>() > 0);
  CHECK(j["links"]["listed"] == 2);
  CHECK(j["links"]["labels"]["ok"] == 2);
  CHECK(j["last_update"]["removed"] == 1);
  CHECK(j["last_update"]["outcome"] == "ok");
}

TEST_CASE("--rebuild works without network and gives the same results") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo", "charlie"});
  REQUIRE(haku.Update().exit_code == 0);
  std::vector<std::string> before = haku.Search("health");
  REQUIRE(before.size() == 3);
  site.Stop();
  CommandResult r = haku.Update("--rebuild");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(ParseSummary(r.out).added == 3);
  CHECK(haku.Search("health") == before);
  CHECK(haku.Search("charlieword") == std::vector<std::string>{site.Url("charlie")});
  CommandResult links = haku.Run("links", "--fail-on-broken");
  CHECK_MESSAGE(links.exit_code == 0, (links.out + links.err));
}

TEST_CASE("an update clears what a killed one left, and updates an index whose current is a directory") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo", "charlie"});
  REQUIRE(haku.Update().exit_code == 0);
  const std::string index_dir = haku.index();
  const std::string published = index::OpenDbPath(index_dir);
  // A database and a link an update killed before publishing would leave.
  std::filesystem::create_directories(index_dir + "/db-99");
  testing::WriteFile(index_dir + "/db-99/postlist.glass", "half written");
  std::filesystem::create_symlink("db-99", index_dir + "/.current.tmp.12345");
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_FALSE(std::filesystem::exists(index_dir + "/db-99"));
  CHECK_FALSE(std::filesystem::is_symlink(index_dir + "/.current.tmp.12345"));
  CHECK(index::OpenDbPath(index_dir) == published);

  // An index copied with its links followed: `current` is the database
  // itself. It is updated in place; it cannot be swapped for a compacted
  // copy, and none is made.
  std::filesystem::remove(index_dir + "/current");
  std::filesystem::rename(published, index_dir + "/current");
  haku.WriteList({"alpha", "bravo", "charlie"}, " and its registry");
  r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(ParseSummary(r.out).changed == 1);
  CHECK(haku.Search("registry").size() == 1);
  for (const auto& e : std::filesystem::directory_iterator(index_dir)) {
    CHECK_MESSAGE(e.path().filename().string().rfind("db-", 0) != 0, e.path().string());
  }
}

TEST_CASE("a site's template is left out of every page's text, the template sample's pages reused, in update and --rebuild") {
  // Twelve pages with one header and footer (a template: on every page)
  // and a word of their own. Template detection extracts a sample of the
  // host's pages before the pages are written; each page must still get
  // its own text, without the template.
  const std::vector<std::string> names = {"amber", "birch", "cedar", "dune",  "ember", "fjord",
                                          "grove", "heath", "inlet", "kelp", "larch", "moss"};
  testing::TestHttpServer server;
  for (const std::string& name : names) {
    std::string body =
        "<!doctype html><html lang=en><head><title>The " + name + " page</title></head><body>"
        "<div class=top><a href=/>Home</a> <a href=/data>Sitenavword datasets</a></div>"
        "<div><h1>The " + name + " page</h1><p>This page is about " + name + "word, which the " +
        name + " registry keeps for health research.</p></div>"
        "<div class=bottom><p>Copyright footerword Example Health Institute</p></div></body></html>";
    server.server().Get("/" + name + ".html", [body](const httplib::Request&, httplib::Response& res) {
      res.set_content(body, "text/html; charset=utf-8");
    });
  }
  server.Start();
  Haku haku([&server](const std::string& name) { return server.Url("/" + name + ".html"); });
  haku.WriteList(names);
  auto check_pages = [&](const char* when) {
    for (const std::string& name : names) {
      CAPTURE(when);
      CAPTURE(name);
      json j = haku.SearchJson(name + "word");
      REQUIRE(j["results"].size() == 1);
      CHECK(j["results"][0]["url"] == server.Url("/" + name + ".html"));
      std::string snippet = j["results"][0]["snippet"];
      CHECK(snippet.find(name + "word") != std::string::npos);
      CHECK(snippet.find("footerword") == std::string::npos);
      CHECK(snippet.find("Sitenavword") == std::string::npos);
    }
  };
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(ParseSummary(r.out).added == static_cast<int>(names.size()));
  check_pages("update");
  server.Stop();
  r = haku.Update("--rebuild");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  check_pages("rebuild");
}

TEST_CASE("--rebuild reads the text extracted last time, unless its page or the extractor changed") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo", "charlie"});
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  site.Stop();
  const std::string store_path = index::CrawlStorePath(haku.index());
  // What the extraction of `name`'s page is kept under.
  auto key_of = [&](crawler::CrawlStore& store, const std::string& name) {
    auto meta = store.GetMeta(site.Url(name));
    REQUIRE(meta.ok());
    REQUIRE(meta->has_value());
    return pipeline::ExtractionKey(**meta);
  };
  auto kept = [&](const std::string& name) -> std::optional<extractor::ExtractedPage> {
    auto store = crawler::CrawlStore::Open(store_path);
    REQUIRE(store.ok());
    auto bytes = (*store)->GetDerived(site.Url(name), key_of(**store, name));
    REQUIRE(bytes.ok());
    if (!bytes->has_value()) return std::nullopt;
    return extractor::DecodeExtracted(**bytes);
  };
  // Each page's extraction was kept by the update.
  for (const char* name : {"alpha", "bravo", "charlie"}) {
    CAPTURE(name);
    std::optional<extractor::ExtractedPage> page = kept(name);
    REQUIRE(page.has_value());
    CHECK(page->title.find(name) != std::string::npos);
  }
  // Kept text is what a rebuild indexes: alpha's, changed here, is found;
  // bravo's, changed under another key (another extractor), is not, and
  // charlie's, bytes no decoder wrote, is not either: both are extracted
  // from their bodies again and kept anew.
  {
    auto store = crawler::CrawlStore::Open(store_path);
    REQUIRE(store.ok());
    auto put = [&](const std::string& name, const std::string& word, const std::string& key_suffix) {
      extractor::ExtractedPage page;
      page.type = extractor::ExtractedPage::Type::kHtml;
      page.title = "Kept " + name;
      page.blocks = {{extractor::Block::Kind::kParagraph, "The " + word + " was kept.", 1}};
      REQUIRE((*store)->PutDerived(site.Url(name), key_of(**store, name) + key_suffix,
                                   extractor::EncodeExtracted(page)).ok());
    };
    put("alpha", "zebraword", "");
    put("bravo", "yakword", " of another extractor");
    REQUIRE((*store)->PutDerived(site.Url("charlie"), key_of(**store, "charlie"), "hx1\x01").ok());
  }
  r = haku.Update("--rebuild");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(haku.Search("zebraword") == std::vector<std::string>{site.Url("alpha")});
  CHECK(haku.Search("alphaword").empty());
  CHECK(haku.Search("yakword").empty());
  CHECK(haku.Search("bravoword") == std::vector<std::string>{site.Url("bravo")});
  CHECK(haku.Search("charlieword") == std::vector<std::string>{site.Url("charlie")});
  for (const char* name : {"bravo", "charlie"}) {
    CAPTURE(name);
    std::optional<extractor::ExtractedPage> page = kept(name);
    REQUIRE(page.has_value());
    CHECK(page->title.find(name) != std::string::npos);
  }
}

TEST_CASE("the dictionaries' answers are kept for the next run, or the update warns and goes on") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo"});
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const std::string memo_path = index::LexiconMemoPath(haku.index());
  {
    // A title's words were put to the English dictionary ("The alpha page").
    auto memo = analysis::LexiconMemo::Open(memo_path, analysis::LexiconGeneration());
    REQUIRE(memo.ok());
    std::string known;
    CHECK((*memo)->Find(analysis::LexiconMemo::Kind::kKnown, "en", "page", known));
    CHECK(known == "1");
  }
  // A memo that cannot be opened is left out, with a warning.
  std::filesystem::remove(memo_path);
  std::filesystem::create_directory(memo_path);
  site.Stop();
  r = haku.Update("--rebuild");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.find("dictionary answers not kept for the next run") != std::string::npos);
  CHECK(ParseSummary(r.out).added == 2);
  CHECK(haku.Search("bravoword") == std::vector<std::string>{site.Url("bravo")});
}

TEST_CASE("a page whose body changed is extracted anew, in update and --rebuild") {
  std::mutex mu;
  std::string word = "firstword";
  testing::TestHttpServer server;
  server.server().Get("/page.html", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    res.set_content(Page("The changing page", word), "text/html; charset=utf-8");
  });
  server.Start();
  Haku haku([&server](const std::string&) { return server.Url("/page.html"); });
  haku.WriteList({"page"});
  CommandResult r = haku.Update();
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(haku.Search("firstword").size() == 1);
  {
    std::lock_guard<std::mutex> lock(mu);
    word = "secondword";
  }
  r = haku.Update("--max-age 0");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(ParseSummary(r.out).changed == 1);
  CHECK(haku.Search("secondword") == std::vector<std::string>{server.Url("/page.html")});
  CHECK(haku.Search("firstword").empty());
  server.Stop();
  r = haku.Update("--rebuild");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(haku.Search("secondword") == std::vector<std::string>{server.Url("/page.html")});
  CHECK(haku.Search("firstword").empty());
}

TEST_CASE("kill -9 at fetch, index, commit or publish keeps the previous index; the next update completes") {
  for (const char* phase :
       {"fetch", "index", "commit", "rebuild-index", "rebuild-commit", "rebuild-publish"}) {
    CAPTURE(phase);
    const std::string p(phase);
    const bool rebuild = p.rfind("rebuild-", 0) == 0;
    const std::string hold = rebuild ? p.substr(8) : p;
    Site site;
    Haku haku(site);
    haku.WriteList({"alpha", "bravo"});
    REQUIRE(haku.Update().exit_code == 0);
    const std::vector<std::string> before = haku.Search("health");
    REQUIRE(before.size() == 2);

    haku.WriteList({"alpha", "charlie", "delta"}, " changed");
    std::string marker = haku.index() + "/hold." + hold;
    {
      Background update("HAKU_DEBUG_HOLD=" + hold + " " +
                            haku.UpdateCommand(rebuild ? "--rebuild" : ""),
                        haku.File("held"), /*exec=*/true);
      REQUIRE_MESSAGE(WaitForFile(marker, std::chrono::seconds(60)), (std::string("no ") + marker));

      // One at a time: a second update is refused, naming the running one.
      CommandResult second = haku.Update();
      CHECK(second.exit_code == 2);
      CHECK_MESSAGE(second.err.find("pid " + std::to_string(update.pid())) != std::string::npos,
                    second.err);
      update.Kill9();
    }
    std::filesystem::remove(marker);

    CHECK(haku.Search("health") == before);
    CHECK(haku.Search("deltaword").empty());
    const std::string searched = index::OpenDbPath(haku.index());
    CommandResult links = haku.Run("links", "--json");  // the crawl store opens
    CHECK_MESSAGE(links.exit_code == 0, links.err);
    CHECK(haku.Run("status", "").exit_code == 0);

    // The dead update's lock does not block the next one.
    CommandResult next = haku.Update();
    REQUIRE_MESSAGE(next.exit_code == 0, next.err);
    CHECK(haku.Search("deltaword") == std::vector<std::string>{site.Url("delta")});
    CHECK(haku.Search("bravoword").empty());
    CHECK(haku.Search("health").size() == 3);
    // What the dead update wrote is gone; the database searched before stays
    // for searches that opened it.
    std::vector<std::string> dbs;
    for (const auto& e : std::filesystem::directory_iterator(haku.index())) {
      if (e.path().filename().string().rfind("db-", 0) == 0) dbs.push_back(e.path().string());
    }
    CHECK(dbs.size() <= 2);
    CHECK(std::find(dbs.begin(), dbs.end(), searched) != dbs.end());
  }
}

TEST_CASE("searches while updates commit always succeed") {
  Site site;
  Haku haku(site);
  haku.WriteList({"alpha", "bravo", "charlie", "delta"});
  REQUIRE(haku.Update().exit_code == 0);
  std::string loop = "for i in 1 2 3; do " + haku.UpdateCommand() + " || exit 1; " +
                     haku.UpdateCommand("--rebuild") + " || exit 1; done";
  Background updates(loop, haku.File("loop"), /*exec=*/false);
  int searches = 0;
  while (updates.Running() || searches < 5) {
    CommandResult r = haku.Run("search", "--json health");
    REQUIRE_MESSAGE(r.exit_code <= 1, r.err);
    CHECK(json::parse(r.out)["results"].size() == 4);
    ++searches;
  }
  int status = updates.Wait();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  MESSAGE(searches << " searches during 6 updates");
}

}  // namespace haku
