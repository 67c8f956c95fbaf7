#include "indexer/index/index_writer.h"

#include <xapian.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/thread_priority.h"
#include "indexer/index/duplicate_keys.h"
#include "indexer/index/schema.h"

namespace haku::index {
namespace {
constexpr const char* kFlushThreshold = "1000";
}  // namespace

class IndexWriter::Impl {
 public:
  explicit Impl(Xapian::WritableDatabase db) : db_(std::move(db)) {
    std::istringstream langs(db_.get_metadata(std::string(kMetaLanguages)));
    for (std::string l; langs >> l;) languages_.insert(l);
  }

  // The spelling dictionary ("did you mean") learns every word the index
  // holds as an exact form: letters only, in any language. Words are
  // counted here and written once per commit (Xapian's add_spelling is
  // costly per call).
  static bool IsSpellingWord(const std::string& term) {
    if (term.empty() || term.size() > kMaxSpellingBytes) return false;
    unsigned char first = static_cast<unsigned char>(term[0]);
    if ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) return false;  // prefixed, numbers
    return term.find_first_of("0123456789.'") == std::string::npos;
  }
  // Into an index that had documents before: each document's words as it
  // is written (on the writer thread).
  void AddSpelling(const Xapian::Document& doc) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (IsSpellingWord(*it)) ++spelling_[*it];
    }
  }
  void FlushSpelling() {
    for (const auto& [word, count] : spelling_) db_.add_spelling(word, count);
    spelling_.clear();
  }
  // Into a new database, once every document is in: each word with the
  // number of documents holding it, from the index's own term list. The
  // same dictionary as AddSpelling() would make, at about a tenth of a
  // rebuild's CPU less: no per-document counting on the writer thread,
  // and Xapian is given the words in order. Flushed every
  // kMaxPendingSpelling words (Xapian holds a word's fragments in memory
  // until a commit; the database is not published before the last one).
  void SpellingFromTerms() {
    for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) {
      if (!IsSpellingWord(*it)) continue;
      spelling_[*it] += it.get_termfreq();
      if (spelling_.size() >= kMaxPendingSpelling) {
        FlushSpelling();
        db_.commit();
      }
    }
  }

  // One builder per thread: an Analyzer is not thread-safe. They share what
  // the dictionaries said of each word.
  DocumentBuilder& Builder(size_t i) {
    while (builders_.size() <= i) {
      builders_.push_back(std::make_unique<DocumentBuilder>(FieldWeights{}, morphology_.get()));
    }
    return *builders_[i];
  }

  // Built documents are written by one background thread, so Xapian's
  // (single-threaded) writing overlaps the analysis of the next batch.
  // Every use of db_ outside that thread first waits for it to go idle.
  void Enqueue(std::vector<std::pair<std::string, Xapian::Document>> batch,
               std::vector<std::pair<std::string, std::string>> synonyms) {
    std::unique_lock<std::mutex> lock(mu_);
    idle_cv_.wait(lock, [&] { return pending_.empty(); });  // one batch ahead at most
    pending_ = std::move(batch);
    pending_synonyms_ = std::move(synonyms);
    if (!writer_.joinable()) writer_ = std::thread([this] { WriterLoop(); });
    work_cv_.notify_one();
  }
  // Waits until every queued document is written; the first write error.
  Status Drain() {
    std::unique_lock<std::mutex> lock(mu_);
    idle_cv_.wait(lock, [&] { return pending_.empty() && !busy_; });
    return write_error_.empty() ? Status::OK() : Status::IOError("index write failed: " + write_error_);
  }
  void StopWriter() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_one();
    if (writer_.joinable()) writer_.join();
  }

  std::unordered_map<std::string, Xapian::termcount> spelling_;
  // Declared before the builders that use it, so that it outlives them.
  std::unique_ptr<analysis::SharedMorphology> morphology_ =
      std::make_unique<analysis::SharedMorphology>();
  std::vector<std::unique_ptr<DocumentBuilder>> builders_;
  bool fresh_ = false;  // created empty by this writer: no stored signatures to compare

 private:
  void WriterLoop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      work_cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
      if (pending_.empty() && stop_) return;
      auto batch = std::move(pending_);
      pending_.clear();
      auto synonyms = std::move(pending_synonyms_);
      pending_synonyms_.clear();
      busy_ = true;
      idle_cv_.notify_all();
      lock.unlock();
      std::string error;
      try {
        for (auto& [term, doc] : batch) {
          if (fresh_) {
            db_.add_document(doc);  // nothing to replace; words counted at Commit()
          } else {
            AddSpelling(doc);
            if (spelling_.size() >= kMaxPendingSpelling) FlushSpelling();
            db_.replace_document(term, doc);
          }
        }
        for (const auto& [form, lemma] : synonyms) db_.add_synonym(form, lemma);
      } catch (const Xapian::Error& e) {
        error = e.get_msg();
      }
      lock.lock();
      busy_ = false;
      if (!error.empty() && write_error_.empty()) write_error_ = error;
      idle_cv_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable work_cv_, idle_cv_;
  std::vector<std::pair<std::string, Xapian::Document>> pending_;
  std::vector<std::pair<std::string, std::string>> pending_synonyms_;
  bool busy_ = false;
  bool stop_ = false;
  std::string write_error_;
  std::thread writer_;

 public:
  static constexpr size_t kMaxSpellingBytes = 40;
  // Distinct words counted before they go to Xapian: bounds memory on
  // corpora in many languages (millions of distinct words). Xapian holds
  // each new word's n-gram fragments in memory until its next flush:
  // handing it 100k words at once cost a ~100 MB burst at 85k pages.
  static constexpr size_t kMaxPendingSpelling = 25000;
  Xapian::WritableDatabase db_;
  std::set<std::string> languages_;
  bool in_transaction_ = false;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() { impl_->StopWriter(); }

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& db_path,
                                                       bool truncate) {
  try {
    int flags = truncate ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    // Xapian buffers this many documents before flushing (default 10000,
    // ~200 MB of postings for web pages): a smaller batch bounds memory.
    // 1000 measured no slower than 1500 on 7.7k pages, ~20 MB less at 85k.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", kFlushThreshold, /*overwrite=*/0);
    Xapian::WritableDatabase db(db_path, flags);
    std::string format = db.get_metadata(std::string(kMetaFormat));
    if (db.get_doccount() > 0 && format.empty()) {
      return Status::Corruption(db_path + ": not a haku index");
    }
    if (!format.empty() && format != std::to_string(kFormatVersion)) {
      return Status::NotSupported(db_path + ": index format " + format + ", this haku writes " +
                                  std::to_string(kFormatVersion) +
                                  "; run `haku update --rebuild`");
    }
    // Updating the database searches use: one transaction, so Xapian's
    // automatic flushes never make a half-written revision visible. A fresh
    // database is invisible until published, and may flush freely.
    bool in_place = !truncate;
    if (in_place) db.begin_transaction(/*flushed=*/false);
    db.set_metadata(std::string(kMetaFormat), std::to_string(kFormatVersion));
    auto impl = std::make_unique<Impl>(std::move(db));
    impl->in_transaction_ = in_place;
    impl->fresh_ = truncate;
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Busy(db_path + ": index is being written by another process");
  } catch (const Xapian::Error& e) {
    return Status::IOError(db_path + ": " + e.get_msg());
  }
}

Result<IndexWriter::Change> IndexWriter::Put(const IndexDocument& doc) {
  Result<std::vector<Change>> changes = PutBatch({doc}, 1);
  if (!changes.ok()) return changes.status();
  return changes.value()[0];
}

Result<std::vector<IndexWriter::Change>> IndexWriter::PutBatch(
    const std::vector<IndexDocument>& docs, int threads) {
  try {
    // Which documents differ from what is stored (reads the database: one thread).
    std::vector<Change> changes(docs.size(), Change::kAdded);
    std::vector<size_t> to_build;
    if (!impl_->fresh_) {
      if (Status s = impl_->Drain(); !s.ok()) return s;
    }
    for (size_t i = 0; i < docs.size(); ++i) {
      if (impl_->fresh_) {
        to_build.push_back(i);
        continue;
      }
      std::string key = UrlTerm(docs[i].url);
      Xapian::PostingIterator it = impl_->db_.postlist_begin(key);
      if (it != impl_->db_.postlist_end(key)) {
        Xapian::Document old = impl_->db_.get_document(*it);
        if (old.get_value(kSlotSignature) == DocumentBuilder::Signature(docs[i])) {
          changes[i] = Change::kUnchanged;
          continue;
        }
        changes[i] = Change::kChanged;
      }
      to_build.push_back(i);
    }
    // Analysis in parallel, each thread with its own builder.
    std::vector<Xapian::Document> built(to_build.size());
    std::vector<std::set<std::string>> languages(std::max(1, threads));
    size_t n_threads = std::min<size_t>(std::max(1, threads), to_build.size());
    for (size_t t = 0; t < n_threads; ++t) impl_->Builder(t);
    std::vector<std::string> errors(n_threads);
    auto work = [&](size_t t) {
      try {
        for (size_t k = t; k < to_build.size(); k += n_threads) {
          built[k] = impl_->Builder(t).Build(docs[to_build[k]], languages[t]);
        }
      } catch (const Xapian::Error& e) {
        errors[t] = e.get_msg();
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    };
    if (n_threads == 1) {
      work(0);
    } else {
      // As many builders as cores, beside the writer thread: all runnable,
      // the writer would get its share of the cores, two thirds of one on
      // two, though it is what a rebuild waits for (its Xapian work is
      // about half of all the CPU). So the builders yield to it, each on a
      // thread of its own (common/thread_priority.h), and take what it
      // leaves; the caller's priority stays as it is.
      RunOnFeederThreads(n_threads, work);
    }
    for (const std::string& e : errors) {
      if (!e.empty()) return Status::IOError("analysis failed: " + e);
    }
    for (const auto& l : languages) impl_->languages_.insert(l.begin(), l.end());
    // Written in order by the writer thread.
    std::vector<std::pair<std::string, Xapian::Document>> batch;
    batch.reserve(to_build.size());
    for (size_t k = 0; k < to_build.size(); ++k) {
      batch.emplace_back(UrlTerm(docs[to_build[k]].url), std::move(built[k]));
    }
    std::vector<std::pair<std::string, std::string>> synonyms;
    for (size_t t = 0; t < n_threads; ++t) {
      // Each builder gives a form once; Xapian keeps one copy of a pair
      // two builders both give.
      for (auto& pair : impl_->Builder(t).TakeSynonyms()) synonyms.push_back(std::move(pair));
    }
    impl_->Enqueue(std::move(batch), std::move(synonyms));
    return changes;
  } catch (const Xapian::Error& e) {
    return Status::IOError("index write failed: " + e.get_msg());
  }
}

Result<std::vector<bool>> IndexWriter::Unchanged(const std::vector<IndexDocument>& docs) {
  std::vector<bool> out(docs.size(), false);
  if (impl_->fresh_) return out;
  if (Status s = impl_->Drain(); !s.ok()) return s;
  try {
    for (size_t i = 0; i < docs.size(); ++i) {
      std::string key = UrlTerm(docs[i].url);
      Xapian::PostingIterator it = impl_->db_.postlist_begin(key);
      if (it == impl_->db_.postlist_end(key)) continue;
      out[i] = impl_->db_.get_document(*it).get_value(kSlotSignature) ==
               DocumentBuilder::Signature(docs[i]);
    }
    return out;
  } catch (const Xapian::Error& e) {
    return Status::IOError("index read failed: " + e.get_msg());
  }
}

Status IndexWriter::Remove(const std::string& url) {
  if (Status s = impl_->Drain(); !s.ok()) return s;
  try {
    impl_->db_.delete_document(UrlTerm(url));
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return Status::IOError(url + ": " + e.get_msg());
  }
}

Result<std::vector<std::string>> IndexWriter::Urls() {
  if (Status s = impl_->Drain(); !s.ok()) return s;
  try {
    std::vector<std::string> urls;
    const std::string prefix(kUrlPrefix);
    for (auto it = impl_->db_.allterms_begin(prefix); it != impl_->db_.allterms_end(prefix); ++it) {
      std::string url = (*it).substr(prefix.size());
      if (url.find('#') != std::string::npos) {  // a hashed long URL: the data has it whole
        Xapian::PostingIterator p = impl_->db_.postlist_begin(*it);
        if (p == impl_->db_.postlist_end(*it)) continue;
        url = DocumentBuilder::UrlOf(impl_->db_.get_document(*p));
      }
      urls.push_back(std::move(url));
    }
    return urls;
  } catch (const Xapian::Error& e) {
    return Status::IOError(e.get_msg());
  }
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  if (Status s = impl_->Drain(); !s.ok()) return s;
  try {
    impl_->db_.set_metadata(key, value);
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return Status::IOError(e.get_msg());
  }
}

Result<std::string> IndexWriter::Metadata(const std::string& key) {
  try {
    return impl_->db_.get_metadata(key);
  } catch (const Xapian::Error& e) {
    return Status::IOError(e.get_msg());
  }
}

void IndexWriter::UseLexiconMemo(analysis::LexiconMemo* memo) {
  impl_->builders_.clear();  // built with the shared morphology being replaced
  impl_->morphology_ = std::make_unique<analysis::SharedMorphology>(
      analysis::SharedMorphology::kDefaultCapacity, memo);
}

Status IndexWriter::Commit() {
  if (Status s = impl_->Drain(); !s.ok()) return s;
  try {
    std::string langs;
    for (const std::string& l : impl_->languages_) langs += (langs.empty() ? "" : " ") + l;
    impl_->db_.set_metadata(std::string(kMetaLanguages), langs);
    // "" (too many to list) removes the list: searches collapse with Xapian.
    impl_->db_.set_metadata(std::string(kMetaDuplicateKeys), ListDuplicateKeys(impl_->db_));
    if (impl_->fresh_) {
      impl_->SpellingFromTerms();
      impl_->fresh_ = false;  // documents put after this commit replace, and count their words
    }
    impl_->FlushSpelling();
    if (impl_->in_transaction_) {
      impl_->db_.commit_transaction();
      impl_->in_transaction_ = false;
    } else {
      impl_->db_.commit();
    }
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return Status::IOError("commit failed: " + e.get_msg());
  }
}

Status CompactInto(const std::string& db_path, const std::string& out_path) {
  std::error_code ec;
  if (std::filesystem::exists(out_path, ec)) return Status::IOError(out_path + ": exists");
  try {
    Xapian::Database(db_path).compact(out_path, Xapian::DBCOMPACT_NO_RENUMBER);
    Xapian::WritableDatabase out(out_path, Xapian::DB_OPEN);
    out.set_metadata(std::string(kMetaChangedSinceCompaction), "");
    out.commit();
    return Status::OK();
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(out_path, ec);
    return Status::IOError("cannot compact " + db_path + ": " + e.get_msg());
  }
}

}  // namespace haku::index
