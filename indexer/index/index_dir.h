// indexer/index/index_dir.h -- where the index lives on disk.
//
// An index directory holds Xapian databases named db-<N> and a symbolic
// link `current` naming the one searches use. A rebuild writes a new db-<N>
// and then renames a new link over `current`: rename(2) is atomic, and a
// reader opens the database the link names at one moment (OpenDbPath), so
// it reads the old database or the new one, never a part. Incremental
// updates write `current` in place through Xapian's atomic commits. The
// crawl store (crawl.sqlite) and the update lock live beside them.
#ifndef HAKU_INDEXER_INDEX_INDEX_DIR_H_
#define HAKU_INDEXER_INDEX_INDEX_DIR_H_

#include <string>

#include "common/result.h"

namespace haku::index {

// `dir`/current, the link to the database searches use.
std::string CurrentDbPath(const std::string& dir);
// The database `current` names now, `dir`/db-<N>, for a reader to open:
// Xapian opens a database's files one by one, and through the link a
// rebuild publishing in between would give it files of two databases.
// `dir`/current itself when it is no link (or cannot be read).
std::string OpenDbPath(const std::string& dir);
// `dir`/crawl.sqlite.
std::string CrawlStorePath(const std::string& dir);
// `dir`/lexicon.sqlite: the dictionaries' answers (analysis/lexicon_memo.h).
std::string LexiconMemoPath(const std::string& dir);
// Creates `dir` (and parents) if needed. IOError naming the directory.
Status EnsureDir(const std::string& dir);
// A fresh, unused database path db-<N> in `dir` (not created).
Result<std::string> NewDbPath(const std::string& dir);
// Points `current` at `db_path` atomically, keeps the database it named
// before (a search may have just opened it) and removes older ones.
Status Publish(const std::string& dir, const std::string& db_path);
// Removes what an update that died left in `dir`: databases numbered above
// the one `current` names (every one if none is named), which were never
// published and so never searched, and half-made links. Only with the
// update lock held.
void RemoveUnpublished(const std::string& dir);
// True when `dir`/current exists.
bool HasIndex(const std::string& dir);
// True when `dir`/current is a link Publish() can move (an index copied
// with links followed has a directory there instead).
bool CurrentIsLink(const std::string& dir);

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_INDEX_DIR_H_
