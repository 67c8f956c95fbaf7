// Tests for indexer/crawler/crawl_store.h.
#include "indexer/crawler/crawl_store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "common/file_util.h"
#include "tests/test_util.h"

namespace haku::crawler {
namespace {

StoredPage SamplePage() {
  StoredPage page;
  page.url = "https://example.org/a";
  page.state = FetchState::kOk;
  page.http_status = 200;
  page.final_url = "https://example.org/b";
  page.redirects = {"https://example.org/x", "https://example.org/b"};
  page.permanent_redirect = true;
  page.content_type = "text/html";
  page.charset = "utf-8";
  page.content_language = "sv";
  page.etag = "\"abc\"";
  page.last_modified = "Mon, 23 Nov 2026 10:00:00 GMT";
  page.fetched_at = 1795000000;
  page.content_hash = "00ff";
  page.body = std::string(100000, 'x') + "\0binary\xff";
  page.depth = 2;
  page.parent_url = "https://example.org/";
  return page;
}

void CheckSame(const StoredPage& a, const StoredPage& b, bool with_body) {
  CHECK(a.url == b.url);
  CHECK(a.state == b.state);
  CHECK(a.http_status == b.http_status);
  CHECK(a.final_url == b.final_url);
  CHECK(a.redirects == b.redirects);
  CHECK(a.permanent_redirect == b.permanent_redirect);
  CHECK(a.content_type == b.content_type);
  CHECK(a.charset == b.charset);
  CHECK(a.content_language == b.content_language);
  CHECK(a.etag == b.etag);
  CHECK(a.last_modified == b.last_modified);
  CHECK(a.fetched_at == b.fetched_at);
  CHECK(a.content_hash == b.content_hash);
  CHECK(a.error == b.error);
  CHECK(a.depth == b.depth);
  CHECK(a.parent_url == b.parent_url);
  CHECK((with_body ? a.body == b.body : a.body.empty()));
}

// A store at `path` holding SamplePage().
void WriteSampleStore(const std::string& path) {
  auto store = CrawlStore::Open(path);
  REQUIRE(store.ok());
  REQUIRE((*store)->Put(SamplePage()).ok());
}

// Runs `sql` on the store's file directly, as another program would.
void ExecSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

TEST_CASE("CrawlStore keeps every field across reopening") {
  testing::TempDir dir;
  std::string path = dir.File("crawl.db");
  StoredPage page = SamplePage();
  {
    auto store = CrawlStore::Open(path);
    REQUIRE(store.ok());
    REQUIRE((*store)->Put(page).ok());
  }
  auto store = CrawlStore::Open(path);
  REQUIRE(store.ok());
  auto got = (*store)->Get(page.url);
  REQUIRE(got.ok());
  REQUIRE(got->has_value());
  CheckSame(**got, page, true);
  auto meta = (*store)->GetMeta(page.url);
  REQUIRE(meta.ok());
  REQUIRE(meta->has_value());
  CheckSame(**meta, page, false);
}

TEST_CASE("CrawlStore: missing rows, replace, remove, sorted URLs") {
  testing::TempDir dir;
  auto store = CrawlStore::Open(dir.File("crawl.db"));
  REQUIRE(store.ok());
  CrawlStore& s = **store;
  auto none = s.Get("https://nowhere.example/");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  StoredPage page = SamplePage();
  REQUIRE(s.Begin().ok());
  for (const char* url :
       {"https://b.example/", "https://a.example/", "https://c.example/"}) {
    page.url = url;
    REQUIRE(s.Put(page).ok());
  }
  REQUIRE(s.Commit().ok());
  page.url = "https://a.example/";
  page.state = FetchState::kNotFound;
  page.body.clear();
  REQUIRE(s.Put(page).ok());
  auto replaced = s.Get("https://a.example/");
  REQUIRE(replaced.ok());
  REQUIRE(replaced->has_value());
  CHECK((*replaced)->state == FetchState::kNotFound);
  CHECK((*replaced)->body.empty());
  REQUIRE(s.Remove("https://b.example/").ok());
  auto urls = s.Urls();
  REQUIRE(urls.ok());
  CHECK(*urls ==
        std::vector<std::string>{"https://a.example/", "https://c.example/"});
}

TEST_CASE("CrawlStore compresses bodies") {
  testing::TempDir dir;
  std::string path = dir.File("crawl.db");
  {
    auto store = CrawlStore::Open(path);
    REQUIRE(store.ok());
    StoredPage page = SamplePage();
    page.body = std::string(4 << 20, 'a');
    REQUIRE((*store)->Put(page).ok());
  }
  auto bytes = ReadFile(path);
  auto wal = ReadFile(path + "-wal");
  size_t on_disk =
      (bytes.ok() ? bytes->size() : 0) + (wal.ok() ? wal->size() : 0);
  CHECK(on_disk < (1u << 20));
}

TEST_CASE("CrawlStore keeps derived data under its key, across reopening, until the row goes") {
  testing::TempDir dir;
  std::string path = dir.File("crawl.db");
  const std::string text = std::string(200000, 'y') + std::string("\0\xff", 2);
  {
    auto store = CrawlStore::Open(path);
    REQUIRE(store.ok());
    REQUIRE((*store)->Put(SamplePage()).ok());
    auto none = (*store)->GetDerived("https://example.org/a", "k1");
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    REQUIRE((*store)->PutDerived("https://example.org/a", "k1", text).ok());
  }
  auto store = CrawlStore::Open(path);
  REQUIRE(store.ok());
  auto kept = (*store)->GetDerived("https://example.org/a", "k1");
  REQUIRE(kept.ok());
  REQUIRE(kept->has_value());
  CHECK(**kept == text);
  // Derived from something else: not given.
  auto other = (*store)->GetDerived("https://example.org/a", "k2");
  REQUIRE(other.ok());
  CHECK_FALSE(other->has_value());
  // Replaced under a new key, then gone with the row.
  REQUIRE((*store)->PutDerived("https://example.org/a", "k2", "z").ok());
  CHECK_FALSE((*store)->GetDerived("https://example.org/a", "k1")->has_value());
  CHECK((*store)->GetDerived("https://example.org/a", "k2")->value() == "z");
  REQUIRE((*store)->Remove("https://example.org/a").ok());
  CHECK_FALSE((*store)->GetDerived("https://example.org/a", "k2")->has_value());
}

TEST_CASE("CrawlStore: a store written before derived data gets its table when opened") {
  testing::TempDir dir;
  std::string path = dir.File("crawl.db");
  WriteSampleStore(path);
  ExecSql(path, "DROP TABLE derived");
  auto store = CrawlStore::Open(path);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  auto page = (*store)->Get("https://example.org/a");
  REQUIRE(page.ok());
  REQUIRE(page->has_value());
  CheckSame(**page, SamplePage(), /*with_body=*/true);
  REQUIRE((*store)->PutDerived("https://example.org/a", "k", "text").ok());
  CHECK((*store)->GetDerived("https://example.org/a", "k")->value() == "text");
}

TEST_CASE("CrawlStore: an older store it cannot write to is read without derived data") {
  testing::TempDir dir;
  std::string path = dir.File("crawl.db");
  WriteSampleStore(path);
  ExecSql(path, "DROP TABLE derived; PRAGMA wal_checkpoint(TRUNCATE);");
  // Read-only to whoever opens it: the file's mode for a user, and for root
  // (whom modes do not stop) a child process of user nobody. The directory
  // stays writable: SQLite keeps a WAL store's shared-memory file there.
  REQUIRE(::chmod(path.c_str(), 0444) == 0);
  REQUIRE(::chmod(dir.path().c_str(), 0777) == 0);
  // 0 when the store opens, reads its page, keeps and gives no derived data.
  auto check = [&]() -> int {
    auto store = CrawlStore::Open(path);
    if (!store.ok()) return 1;
    auto page = (*store)->Get("https://example.org/a");
    if (!page.ok() || !page->has_value() || (*page)->body != SamplePage().body) return 2;
    auto derived = (*store)->GetDerived("https://example.org/a", "k");
    if (!derived.ok() || derived->has_value()) return 3;
    if ((*store)->PutDerived("https://example.org/a", "k", "text").ok()) return 4;
    return 0;
  };
  if (::geteuid() != 0) {
    CHECK(check() == 0);
    return;
  }
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(9);
    ::_exit(check());
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("CrawlStore: a damaged size is refused before anything that large is allocated") {
  // Huge, and -1 and -2 (which, as unsigned, are zstd's "unknown" and
  // "error" content sizes).
  for (const char* size : {"1000000000000", "-1", "-2"}) {
    CAPTURE(size);
    testing::TempDir dir;
    std::string path = dir.File("crawl.db");
    WriteSampleStore(path);
    {
      auto store = CrawlStore::Open(path);
      REQUIRE(store.ok());
      REQUIRE((*store)->PutDerived("https://example.org/a", "k", "text").ok());
    }
    std::string sql = std::string("UPDATE pages SET body_size = ") + size +
                      "; UPDATE derived SET size = " + size + ";";
    ExecSql(path, sql.c_str());
    auto store = CrawlStore::Open(path);
    REQUIRE(store.ok());
    auto page = (*store)->Get("https://example.org/a");
    REQUIRE_FALSE(page.ok());
    CHECK(page.status().code() == Status::Code::kCorruption);
    auto derived = (*store)->GetDerived("https://example.org/a", "k");
    REQUIRE(derived.ok());
    CHECK_FALSE(derived->has_value());  // derived again
  }
}

TEST_CASE("CrawlStore refuses files that are not crawl stores") {
  testing::TempDir dir;
  testing::WriteFile(dir.File("text.db"), std::string(4096, 'x'));
  auto text = CrawlStore::Open(dir.File("text.db"));
  REQUIRE_FALSE(text.ok());
  CHECK(text.status().code() == Status::Code::kCorruption);
  auto missing_dir = CrawlStore::Open(dir.File("no/such/dir/crawl.db"));
  REQUIRE_FALSE(missing_dir.ok());
  CHECK(missing_dir.status().code() == Status::Code::kIOError);
}

TEST_CASE("FetchState names round-trip and are stable") {
  for (int i = 0; i <= static_cast<int>(FetchState::kError); ++i) {
    auto state = static_cast<FetchState>(i);
    auto back = FetchStateFromName(FetchStateName(state));
    REQUIRE(back.has_value());
    CHECK(*back == state);
  }
  CHECK(FetchStateName(FetchState::kNotFound) == "not_found");
  CHECK(FetchStateName(FetchState::kRobotsBlocked) == "robots_blocked");
  CHECK_FALSE(FetchStateFromName("nope").has_value());
  CHECK(IsBroken(FetchState::kGone));
  CHECK_FALSE(IsBroken(FetchState::kOk));
}

}  // namespace
}  // namespace haku::crawler
