#include "indexer/index/index_writer.h"

#include <xapian.h>

#include <set>
#include <sstream>

#include "indexer/index/schema.h"

namespace haku::index {

class IndexWriter::Impl {
 public:
  explicit Impl(Xapian::WritableDatabase db) : db_(std::move(db)) {
    std::istringstream langs(db_.get_metadata(std::string(kMetaLanguages)));
    for (std::string l; langs >> l;) languages_.insert(l);
  }

  // The spelling dictionary ("did you mean") learns every word the index
  // holds as an exact form: letters only, in any language.
  void AddSpelling(const Xapian::Document& doc) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.empty() || term.size() > kMaxSpellingBytes) continue;
      unsigned char first = static_cast<unsigned char>(term[0]);
      if ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) continue;  // prefixed, numbers
      if (term.find_first_of("0123456789.'") != std::string::npos) continue;
      db_.add_spelling(term, 1);
    }
  }

  static constexpr size_t kMaxSpellingBytes = 40;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  std::set<std::string> languages_;
  bool in_transaction_ = false;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& db_path,
                                                       bool truncate) {
  try {
    int flags = truncate ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
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
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Busy(db_path + ": index is being written by another process");
  } catch (const Xapian::Error& e) {
    return Status::IOError(db_path + ": " + e.get_msg());
  }
}

Result<IndexWriter::Change> IndexWriter::Put(const IndexDocument& doc) {
  try {
    std::string key = std::string(kUrlPrefix) + doc.url;
    std::string signature = DocumentBuilder::Signature(doc);
    Change change = Change::kAdded;
    Xapian::PostingIterator it = impl_->db_.postlist_begin(key);
    if (it != impl_->db_.postlist_end(key)) {
      Xapian::Document old = impl_->db_.get_document(*it);
      if (old.get_value(kSlotSignature) == signature) return Change::kUnchanged;
      change = Change::kChanged;
    }
    Xapian::Document xdoc = impl_->builder_.Build(doc, impl_->languages_);
    impl_->AddSpelling(xdoc);
    impl_->db_.replace_document(key, xdoc);
    return change;
  } catch (const Xapian::Error& e) {
    return Status::IOError(doc.url + ": " + e.get_msg());
  }
}

Status IndexWriter::Remove(const std::string& url) {
  try {
    impl_->db_.delete_document(std::string(kUrlPrefix) + url);
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return Status::IOError(url + ": " + e.get_msg());
  }
}

Result<std::vector<std::string>> IndexWriter::Urls() {
  try {
    std::vector<std::string> urls;
    for (auto it = impl_->db_.allterms_begin(std::string(kUrlPrefix));
         it != impl_->db_.allterms_end(std::string(kUrlPrefix)); ++it) {
      urls.push_back((*it).substr(kUrlPrefix.size()));
    }
    return urls;
  } catch (const Xapian::Error& e) {
    return Status::IOError(e.get_msg());
  }
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  try {
    impl_->db_.set_metadata(key, value);
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return Status::IOError(e.get_msg());
  }
}

Status IndexWriter::Commit() {
  try {
    std::string langs;
    for (const std::string& l : impl_->languages_) langs += (langs.empty() ? "" : " ") + l;
    impl_->db_.set_metadata(std::string(kMetaLanguages), langs);
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

}  // namespace haku::index
