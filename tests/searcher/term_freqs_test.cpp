// TermFreqs: a database's term frequencies, looked up once per revision.
#include "searcher/term_freqs.h"

#include <doctest/doctest.h>

#include <xapian.h>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace haku::search {
namespace {

void AddDocument(Xapian::WritableDatabase& db, const std::vector<std::string>& terms) {
  Xapian::Document doc;
  for (const std::string& t : terms) doc.add_term(t);
  db.add_document(doc);
  db.commit();
}

TEST_CASE("term frequencies are the database's, remembered until cleared") {
  haku::testing::TempDir dir;
  Xapian::WritableDatabase writer(dir.path(), Xapian::DB_CREATE_OR_OPEN);
  AddDocument(writer, {"data", "Zdat", "Len"});
  AddDocument(writer, {"data", "Lsv"});
  Xapian::Database reader(dir.path());
  TermFreqs freqs(reader);
  CHECK(freqs.Get("data") == 2);
  CHECK(freqs.Get("Len") == 1);
  CHECK(freqs.Exists("Zdat"));
  CHECK_FALSE(freqs.Exists("missing"));
  CHECK(freqs.Get("") == 2);  // as Xapian: "" stands for every document

  // A searcher reopens its database when it changed; until then it asks
  // the revision it holds, and once reopened it clears what it remembered.
  AddDocument(writer, {"data", "missing"});
  reader.reopen();
  CHECK(reader.get_termfreq("data") == 3);
  CHECK(freqs.Get("data") == 2);
  CHECK_FALSE(freqs.Exists("missing"));
  freqs.Clear();
  CHECK(freqs.Get("data") == 3);
  CHECK(freqs.Exists("missing"));
}

}  // namespace
}  // namespace haku::search
