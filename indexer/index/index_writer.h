// indexer/index/index_writer.h -- adds, replaces and removes resources in a
// haku index (one Xapian database).
//
// Every change is invisible to readers until Commit(), which Xapian makes
// atomic: a search sees the last committed revision, and a writer killed at
// any point leaves that revision intact. Only one IndexWriter may hold a
// database at a time (Busy otherwise). Not thread-safe.
#ifndef HAKU_INDEXER_INDEX_INDEX_WRITER_H_
#define HAKU_INDEXER_INDEX_INDEX_WRITER_H_

#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "analysis/lexicon_memo.h"
#include "common/result.h"
#include "indexer/index/document_builder.h"
#include "indexer/index/index_document.h"

namespace haku::index {

class IndexWriter {
 public:
  enum class Change { kAdded, kChanged, kUnchanged };

  // Opens the database at `db_path`, creating it when absent. With
  // `truncate`, starts from an empty database. Busy when another writer
  // holds it; Corruption when it is not a haku index; NotSupported when it
  // is of another format version (rebuild it).
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& db_path,
                                                   bool truncate = false);
  ~IndexWriter();

  // Adds or replaces the document for doc.url. kUnchanged (and nothing
  // written) when the stored document has the same signature.
  Result<Change> Put(const IndexDocument& doc);
  // The same for many documents: the changed ones are analysed on
  // `threads` threads, then written in order. One Change per document.
  Result<std::vector<Change>> PutBatch(const std::vector<IndexDocument>& docs, int threads);
  // For each document, whether the index already holds it with the same
  // signature (DocumentBuilder::Signature: no page text needed).
  Result<std::vector<bool>> Unchanged(const std::vector<IndexDocument>& docs);
  Status Remove(const std::string& url);
  // Every URL in the index.
  Result<std::vector<std::string>> Urls();
  Status SetMetadata(const std::string& key, const std::string& value);
  // The value under `key` ("" when none).
  Result<std::string> Metadata(const std::string& key);
  // Analysis asks `memo` before the dictionaries and keeps their answers
  // there (null: none). Before the first Put; `memo` must outlive this.
  void UseLexiconMemo(analysis::LexiconMemo* memo);
  Status Commit();

 private:
  class Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes a compacted copy of the database at `db_path` (no writer may hold
// it) to `out_path`, which must not exist: the same documents, document
// ids, terms, values, metadata, spelling and synonyms, in full blocks (its
// count of documents changed since compaction, kMetaChangedSinceCompaction,
// none). A
// database written in batches leaves its B-tree blocks part full: compacted,
// the 85k-page index is 31% smaller and a search reads fewer blocks. On
// failure nothing is left at `out_path`.
Status CompactInto(const std::string& db_path, const std::string& out_path);

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_INDEX_WRITER_H_
