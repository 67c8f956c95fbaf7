// analysis/lexicon_memo.cpp -- LexiconMemo over SQLite: one table of
// answers keyed by kind, language and word, and the generation they are of.
#include "analysis/lexicon_memo.h"

#include <sqlite3.h>

#include <cstdio>
#include <mutex>
#include <utility>
#include <vector>

namespace haku::analysis {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS memo_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS answers(key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;";

// Answers held in memory before they are written: bounds the memory a cold
// run's answers take (~300k at 85k pages in 33 languages).
constexpr size_t kFlushEvery = 8192;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, Closer>;
using Stmt = std::unique_ptr<sqlite3_stmt, Finalizer>;

void Bind(sqlite3_stmt* s, int i, std::string_view bytes) {
  sqlite3_bind_blob(s, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

std::string Column(sqlite3_stmt* s, int i) {
  const void* data = sqlite3_column_blob(s, i);
  int size = sqlite3_column_bytes(s, i);
  return data == nullptr ? std::string() : std::string(static_cast<const char*>(data), size);
}

// Opens `path` as a memo of `generation`: IOError with SQLite's message,
// and its primary result code in `code`.
Result<Db> OpenDb(const std::string& path, std::string_view generation, int& code) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  Db db(raw);
  auto error = [&](std::string_view what) {
    code = db ? sqlite3_errcode(db.get()) & 0xff : SQLITE_CANTOPEN;
    return Status::IOError(path + ": " + std::string(what) + ": " +
                           (db ? sqlite3_errmsg(db.get()) : "cannot open"));
  };
  if (rc != SQLITE_OK) return error("open");
  sqlite3_busy_timeout(db.get(), 5000);
  // WAL: a kill leaves the last committed batch; NORMAL: no fsync a batch.
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", kSchema}) {
    if (sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(sql);
  }
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT value FROM memo_meta WHERE key='generation'", -1,
                         &raw_stmt, nullptr) != SQLITE_OK) {
    return error("read generation");
  }
  Stmt read(raw_stmt);
  std::string stored;
  rc = sqlite3_step(read.get());
  if (rc == SQLITE_ROW) stored = Column(read.get(), 0);
  else if (rc != SQLITE_DONE) return error("read generation");
  read.reset();
  if (rc == SQLITE_ROW && stored == generation) return db;
  // Answers of another generation (or none yet): start afresh.
  if (sqlite3_prepare_v2(db.get(),
                         "INSERT OR REPLACE INTO memo_meta(key, value) VALUES('generation', ?)",
                         -1, &raw_stmt, nullptr) != SQLITE_OK) {
    return error("write generation");
  }
  Stmt write(raw_stmt);
  Bind(write.get(), 1, generation);
  if (sqlite3_exec(db.get(), "BEGIN; DELETE FROM answers;", nullptr, nullptr, nullptr) !=
          SQLITE_OK ||
      sqlite3_step(write.get()) != SQLITE_DONE ||
      sqlite3_exec(db.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status failed = error("write generation");  // before ROLLBACK resets SQLite's error
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return failed;
  }
  return db;
}

// Removes the memo at `path` with its WAL files; false when it was not there
// or could not be removed.
bool RemoveMemoFiles(const std::string& path) {
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  return std::remove(path.c_str()) == 0;
}

}  // namespace

class LexiconMemo::Impl {
 public:
  Impl(Db db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
  // A memo found damaged while in use is removed as it closes: the next
  // run starts a new one.
  ~Impl() {
    find_.reset();
    put_.reset();
    db_.reset();
    if (damaged_) RemoveMemoFiles(path_);
  }

  Status Prepare() {
    sqlite3_stmt* find = nullptr;
    sqlite3_stmt* put = nullptr;
    if (sqlite3_prepare_v2(db_.get(), "SELECT value FROM answers WHERE key=?", -1, &find,
                           nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db_.get(), "INSERT OR REPLACE INTO answers(key, value) VALUES(?, ?)",
                           -1, &put, nullptr) != SQLITE_OK) {
      sqlite3_finalize(find);
      return Fail("prepare");
    }
    find_.reset(find);
    put_.reset(put);
    return Status::OK();
  }

  bool Find(Kind kind, std::string_view lang, std::string_view word, std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_.empty()) return false;
    sqlite3_stmt* s = find_.get();
    Bind(s, 1, Key(kind, lang, word));
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
      value = Column(s, 0);
      ++counts_.found;
    } else if (rc != SQLITE_DONE) {
      (void)Fail("find");
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW;
  }

  void Put(Kind kind, std::string_view lang, std::string_view word, std::string_view value) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_.empty()) return;
    pending_.emplace_back(Key(kind, lang, word), std::string(value));
    ++counts_.put;
    if (pending_.size() >= kFlushEvery) (void)FlushLocked();
  }

  Status Flush() {
    std::lock_guard<std::mutex> lock(mu_);
    Status s = FlushLocked();
    if (!s.ok()) {
      if (reported_) return Status::OK();
      reported_ = true;
    }
    return s;
  }

  Counts counts() const {
    std::lock_guard<std::mutex> lock(mu_);
    return counts_;
  }

 private:
  static std::string Key(Kind kind, std::string_view lang, std::string_view word) {
    std::string key(1, static_cast<char>(kind));
    key.append(lang).append(1, '\0').append(word);
    return key;
  }

  Status Fail(std::string_view what) {
    const int code = sqlite3_errcode(db_.get()) & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) damaged_ = true;
    if (error_.empty()) {
      error_ = std::string("lexicon memo: ") + std::string(what) + ": " + sqlite3_errmsg(db_.get());
    }
    pending_.clear();
    return Status::IOError(error_);
  }

  Status FlushLocked() {
    if (!error_.empty()) return Status::IOError(error_);
    if (pending_.empty()) return Status::OK();
    if (sqlite3_exec(db_.get(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Fail("begin");
    }
    sqlite3_stmt* s = put_.get();
    for (const auto& [key, value] : pending_) {
      Bind(s, 1, key);
      Bind(s, 2, value);
      int rc = sqlite3_step(s);
      sqlite3_reset(s);
      if (rc != SQLITE_DONE) {
        Status failed = Fail("write");
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        return failed;
      }
    }
    if (sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status failed = Fail("commit");
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      return failed;
    }
    pending_.clear();
    return Status::OK();
  }

  mutable std::mutex mu_;
  Db db_;
  Stmt find_;
  Stmt put_;
  std::vector<std::pair<std::string, std::string>> pending_;
  Counts counts_;
  std::string path_;
  std::string error_;  // set aside from the first error on
  bool reported_ = false;
  bool damaged_ = false;
};

Result<std::unique_ptr<LexiconMemo>> LexiconMemo::Open(const std::string& path,
                                                        std::string_view generation) {
  int code = SQLITE_OK;
  Result<Db> db = OpenDb(path, generation, code);
  if (!db.ok() && (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)) {
    // Not a database, or a damaged one: it is only a cache, so it is
    // replaced (not when busy or unreadable: that is reported).
    if (!RemoveMemoFiles(path)) return db.status();
    db = OpenDb(path, generation, code);
  }
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>(std::move(db.value()), path);
  if (Status s = impl->Prepare(); !s.ok()) return s;
  return std::unique_ptr<LexiconMemo>(new LexiconMemo(std::move(impl)));
}

LexiconMemo::LexiconMemo(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LexiconMemo::~LexiconMemo() { (void)impl_->Flush(); }

bool LexiconMemo::Find(Kind kind, std::string_view lang, std::string_view word,
                       std::string& value) {
  return impl_->Find(kind, lang, word, value);
}

void LexiconMemo::Put(Kind kind, std::string_view lang, std::string_view word,
                      std::string_view value) {
  impl_->Put(kind, lang, word, value);
}

Status LexiconMemo::Flush() { return impl_->Flush(); }

LexiconMemo::Counts LexiconMemo::counts() const { return impl_->counts(); }

}  // namespace haku::analysis
