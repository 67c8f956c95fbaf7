// indexer/crawler/crawl_store.cpp -- CrawlStore on SQLite (WAL), bodies
// compressed with zstd.
#include "indexer/crawler/crawl_store.h"

#include <sqlite3.h>
#include <zstd.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haku::crawler {
namespace {

constexpr int kSchemaVersion = 1;
constexpr int kZstdLevel = 3;

constexpr const char* kCreateSchema = R"sql(
CREATE TABLE schema_version(version INTEGER NOT NULL);
CREATE TABLE pages(
  url TEXT PRIMARY KEY NOT NULL,
  state TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  redirects TEXT NOT NULL,        -- hops joined by '\n'
  permanent_redirect INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  charset TEXT NOT NULL,
  content_language TEXT NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  error TEXT NOT NULL,
  body BLOB,                      -- zstd frame, NULL when empty
  body_size INTEGER NOT NULL,     -- decoded bytes
  depth INTEGER NOT NULL,
  parent_url TEXT NOT NULL);
)sql";

// Added beside schema version 1 (older stores get it when opened): what
// was derived from a page, keyed by what it was derived from.
constexpr const char* kCreateDerived = R"sql(
CREATE TABLE IF NOT EXISTS derived(
  url TEXT PRIMARY KEY NOT NULL,
  key TEXT NOT NULL,
  data BLOB NOT NULL,             -- zstd frame
  size INTEGER NOT NULL);         -- decoded bytes
)sql";
constexpr int kZstdDerivedLevel = 1;  // written once per page change, read per rebuild

constexpr const char* kColumns =
    "url, state, http_status, final_url, redirects, permanent_redirect, "
    "content_type, charset, content_language, etag, last_modified, "
    "fetched_at, content_hash, error, body, body_size, depth, parent_url";

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out.push_back('\n');
    out += line;
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t end = text.find('\n');
    out.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

Result<std::string> Compress(std::string_view data, int level = kZstdLevel) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(n)) {
    return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(n));
  }
  out.resize(n);
  return out;
}

// `stored_size`: the row's size column, checked against the frame's own before
// anything is allocated: a damaged row must not ask for terabytes.
Result<std::string> Decompress(std::string_view frame, sqlite3_int64 stored_size) {
  unsigned long long framed = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (stored_size < 0 || framed >= ZSTD_CONTENTSIZE_ERROR ||
      framed != static_cast<unsigned long long>(stored_size)) {
    return Status::Corruption("crawl store: bad compressed body");
  }
  size_t size = static_cast<size_t>(stored_size);
  std::string out(size, '\0');
  size_t n =
      ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) {
    return Status::Corruption("crawl store: bad compressed body");
  }
  return out;
}

// Owns a prepared statement; Reset() readies it for the next use.
class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  sqlite3_stmt* get() const { return stmt_; }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void BindText(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  std::string_view Text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                sqlite3_column_bytes(stmt_, column))
             : std::string_view();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteCrawlStore final : public CrawlStore {
 public:
  explicit SqliteCrawlStore(sqlite3* db) : db_(db) {}
  ~SqliteCrawlStore() override {
    statements_.clear();
    sqlite3_close(db_);
  }

  Status Init();
  Result<std::optional<StoredPage>> Get(std::string_view url) override {
    return Read(url, /*with_body=*/true);
  }
  Result<std::optional<StoredPage>> GetMeta(std::string_view url) override {
    return Read(url, /*with_body=*/false);
  }
  Status Put(const StoredPage& page) override;
  Status Remove(std::string_view url) override;
  Result<std::vector<std::string>> Urls() override;
  Result<std::optional<std::string>> GetDerived(std::string_view url,
                                                std::string_view key) override;
  Status PutDerived(std::string_view url, std::string_view key,
                    std::string_view data) override;
  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

 private:
  Status Error(std::string_view what) const {
    std::string msg =
        "crawl store: " + std::string(what) + ": " + sqlite3_errmsg(db_);
    int code = sqlite3_errcode(db_) & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      return Status::Corruption(msg);
    }
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Status::Busy(msg);
    return Status::IOError(msg);
  }
  Status Exec(const char* sql);
  Result<Statement*> Prepare(const std::string& sql);
  Status CheckSchema();
  // Whether the table of derived data exists: decided when opened, asked
  // again while it does not (another process may have added it since).
  bool HasDerived();
  Result<std::optional<StoredPage>> Read(std::string_view url, bool with_body);
  Result<StoredPage> RowToPage(const Statement& stmt, bool with_body);

  sqlite3* db_;
  std::vector<std::pair<std::string, std::unique_ptr<Statement>>> statements_;
  bool has_derived_ = true;  // the table of derived data exists
};

Status SqliteCrawlStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return Error(sql);
  }
  return Status::OK();
}

Result<Statement*> SqliteCrawlStore::Prepare(const std::string& sql) {
  for (auto& [text, stmt] : statements_) {
    if (text == sql) {
      stmt->Reset();
      return stmt.get();
    }
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return Error("prepare");
  }
  statements_.emplace_back(sql, std::make_unique<Statement>(raw));
  return statements_.back().second.get();
}

Status SqliteCrawlStore::Init() {
  sqlite3_busy_timeout(db_, 5000);
  if (Status s = Exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
  if (Status s = Exec("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
  return CheckSchema();
}

// Creates the schema in an empty database; refuses anything else that is
// not a crawl store of kSchemaVersion.
Status SqliteCrawlStore::CheckSchema() {
  Result<Statement*> tables =
      Prepare("SELECT name FROM sqlite_master WHERE type='table'");
  if (!tables.ok()) return tables.status();
  bool any_table = false, has_version = false, has_derived = false;
  while (sqlite3_step((*tables)->get()) == SQLITE_ROW) {
    any_table = true;
    has_version |= (*tables)->Text(0) == "schema_version";
    has_derived |= (*tables)->Text(0) == "derived";
  }
  if (!any_table) {
    std::string sql = std::string("BEGIN;") + kCreateSchema + kCreateDerived +
                      "INSERT INTO schema_version VALUES (" +
                      std::to_string(kSchemaVersion) + ");COMMIT;";
    return Exec(sql.c_str());
  }
  if (!has_version) return Status::Corruption("not a haku crawl store");
  Result<Statement*> version = Prepare("SELECT version FROM schema_version");
  if (!version.ok()) return version.status();
  if (sqlite3_step((*version)->get()) != SQLITE_ROW ||
      sqlite3_column_int((*version)->get(), 0) != kSchemaVersion) {
    return Status::Corruption("crawl store format is not version " +
                              std::to_string(kSchemaVersion));
  }
  (*version)->Reset();
  // A store it cannot write to now (read-only, or a crawl holding the
  // write lock) is read without derived data.
  has_derived_ = has_derived || Exec(kCreateDerived).ok();
  return Status::OK();
}

bool SqliteCrawlStore::HasDerived() {
  if (has_derived_) return true;
  Result<Statement*> stmt =
      Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='derived'");
  if (!stmt.ok()) return false;
  has_derived_ = sqlite3_step((*stmt)->get()) == SQLITE_ROW;
  (*stmt)->Reset();
  return has_derived_;
}

Result<StoredPage> SqliteCrawlStore::RowToPage(const Statement& stmt,
                                               bool with_body) {
  sqlite3_stmt* s = stmt.get();
  StoredPage page;
  page.url = stmt.Text(0);
  std::optional<FetchState> state = FetchStateFromName(stmt.Text(1));
  if (!state) return Status::Corruption("crawl store: unknown state");
  page.state = *state;
  page.http_status = sqlite3_column_int(s, 2);
  page.final_url = stmt.Text(3);
  page.redirects = SplitLines(stmt.Text(4));
  page.permanent_redirect = sqlite3_column_int(s, 5) != 0;
  page.content_type = stmt.Text(6);
  page.charset = stmt.Text(7);
  page.content_language = stmt.Text(8);
  page.etag = stmt.Text(9);
  page.last_modified = stmt.Text(10);
  page.fetched_at = sqlite3_column_int64(s, 11);
  page.content_hash = stmt.Text(12);
  page.error = stmt.Text(13);
  page.depth = sqlite3_column_int(s, 16);
  page.parent_url = stmt.Text(17);
  if (with_body && sqlite3_column_type(s, 14) == SQLITE_BLOB) {
    std::string_view frame(static_cast<const char*>(sqlite3_column_blob(s, 14)),
                           sqlite3_column_bytes(s, 14));
    Result<std::string> body =
        Decompress(frame, sqlite3_column_int64(s, 15));
    if (!body.ok()) return body.status();
    page.body = std::move(body).value();
  }
  return page;
}

Result<std::optional<StoredPage>> SqliteCrawlStore::Read(std::string_view url,
                                                         bool with_body) {
  Result<Statement*> stmt =
      Prepare(std::string("SELECT ") + kColumns + " FROM pages WHERE url = ?");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->BindText(1, url);
  int rc = sqlite3_step((*stmt)->get());
  if (rc == SQLITE_DONE) return std::optional<StoredPage>();
  if (rc != SQLITE_ROW) return Error("read");
  Result<StoredPage> page = RowToPage(**stmt, with_body);
  (*stmt)->Reset();
  if (!page.ok()) return page.status();
  return std::optional<StoredPage>(std::move(page).value());
}

Status SqliteCrawlStore::Put(const StoredPage& page) {
  Result<Statement*> stmt =
      Prepare(std::string("INSERT OR REPLACE INTO pages (") + kColumns +
              ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!stmt.ok()) return stmt.status();
  Statement& st = **stmt;
  sqlite3_stmt* s = st.get();
  st.BindText(1, page.url);
  st.BindText(2, FetchStateName(page.state));
  sqlite3_bind_int(s, 3, page.http_status);
  st.BindText(4, page.final_url);
  st.BindText(5, JoinLines(page.redirects));
  sqlite3_bind_int(s, 6, page.permanent_redirect ? 1 : 0);
  st.BindText(7, page.content_type);
  st.BindText(8, page.charset);
  st.BindText(9, page.content_language);
  st.BindText(10, page.etag);
  st.BindText(11, page.last_modified);
  sqlite3_bind_int64(s, 12, page.fetched_at);
  st.BindText(13, page.content_hash);
  st.BindText(14, page.error);
  if (!page.body.empty()) {
    Result<std::string> frame = Compress(page.body);
    if (!frame.ok()) return frame.status();
    sqlite3_bind_blob64(s, 15, frame->data(), frame->size(), SQLITE_TRANSIENT);
  }
  sqlite3_bind_int64(s, 16, static_cast<sqlite3_int64>(page.body.size()));
  sqlite3_bind_int(s, 17, page.depth);
  st.BindText(18, page.parent_url);
  int rc = sqlite3_step(s);
  st.Reset();
  return rc == SQLITE_DONE ? Status::OK() : Error("write " + page.url);
}

Status SqliteCrawlStore::Remove(std::string_view url) {
  std::vector<const char*> deletes = {"DELETE FROM pages WHERE url = ?"};
  if (HasDerived()) deletes.push_back("DELETE FROM derived WHERE url = ?");
  for (const char* sql : deletes) {
    Result<Statement*> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    (*stmt)->BindText(1, url);
    int rc = sqlite3_step((*stmt)->get());
    (*stmt)->Reset();
    if (rc != SQLITE_DONE) return Error("remove");
  }
  return Status::OK();
}

Result<std::optional<std::string>> SqliteCrawlStore::GetDerived(std::string_view url,
                                                                std::string_view key) {
  if (!HasDerived()) return std::optional<std::string>();
  Result<Statement*> stmt = Prepare("SELECT key, data, size FROM derived WHERE url = ?");
  if (!stmt.ok()) return stmt.status();
  Statement& st = **stmt;
  st.BindText(1, url);
  int rc = sqlite3_step(st.get());
  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && st.Text(0) != key)) {
    st.Reset();
    return std::optional<std::string>();
  }
  if (rc != SQLITE_ROW) return Error("read derived");
  std::string_view frame(static_cast<const char*>(sqlite3_column_blob(st.get(), 1)),
                         sqlite3_column_bytes(st.get(), 1));
  Result<std::string> data =
      Decompress(frame, sqlite3_column_int64(st.get(), 2));
  st.Reset();
  if (!data.ok()) return std::optional<std::string>();  // derived again
  return std::optional<std::string>(std::move(data).value());
}

Status SqliteCrawlStore::PutDerived(std::string_view url, std::string_view key,
                                    std::string_view data) {
  if (!HasDerived()) return Status::IOError("crawl store: no table for derived data (opened read-only)");
  Result<std::string> frame = Compress(data, kZstdDerivedLevel);
  if (!frame.ok()) return frame.status();
  Result<Statement*> stmt =
      Prepare("INSERT OR REPLACE INTO derived (url, key, data, size) VALUES (?,?,?,?)");
  if (!stmt.ok()) return stmt.status();
  Statement& st = **stmt;
  st.BindText(1, url);
  st.BindText(2, key);
  sqlite3_bind_blob64(st.get(), 3, frame->data(), frame->size(), SQLITE_STATIC);  // outlives the step
  sqlite3_bind_int64(st.get(), 4, static_cast<sqlite3_int64>(data.size()));
  int rc = sqlite3_step(st.get());
  st.Reset();
  return rc == SQLITE_DONE ? Status::OK() : Error("write derived " + std::string(url));
}

Result<std::vector<std::string>> SqliteCrawlStore::Urls() {
  Result<Statement*> stmt = Prepare("SELECT url FROM pages ORDER BY url");
  if (!stmt.ok()) return stmt.status();
  std::vector<std::string> urls;
  int rc;
  while ((rc = sqlite3_step((*stmt)->get())) == SQLITE_ROW) {
    urls.emplace_back((*stmt)->Text(0));
  }
  (*stmt)->Reset();
  if (rc != SQLITE_DONE) return Error("list urls");
  return urls;
}

}  // namespace

Result<std::unique_ptr<CrawlStore>> CrawlStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  auto store = std::make_unique<SqliteCrawlStore>(db);
  if (rc != SQLITE_OK) {
    return Status::IOError(path + ": " +
                           (db ? sqlite3_errmsg(db) : "cannot open"));
  }
  if (Status s = store->Init(); !s.ok()) {
    return Status(s.code() == Status::Code::kIOError
                      ? Status::IOError(path + ": " + s.message())
                      : s);
  }
  return std::unique_ptr<CrawlStore>(std::move(store));
}

}  // namespace haku::crawler
