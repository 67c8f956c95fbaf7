#include "searcher/term_bonus_internal.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <string>

namespace haku::search {
namespace {

// Documents 1..8; "Lsv" on 2, 3, 5 and 8, "text" on every even one (wdf 1
// on 2 and 6, 3 on 4 and 8), "rare" on 7 only.
Xapian::Database TestDatabase() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (Xapian::docid d = 1; d <= 8; ++d) {
    Xapian::Document doc;
    doc.add_term("filler", 1);
    if (d == 2 || d == 3 || d == 5 || d == 8) doc.add_boolean_term("Lsv");
    if (d % 2 == 0) doc.add_term("text", d % 4 == 0 ? 3 : 1);
    if (d == 7) doc.add_term("rare");
    db.add_document(doc);
  }
  db.commit();
  return db;
}

std::map<Xapian::docid, double> Weights(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  std::map<Xapian::docid, double> out;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
  return out;
}

// What TermBonus replaces.
Xapian::Query FixedFilter(const std::string& term, double weight) {
  Xapian::Query fixed((new Xapian::FixedWeightPostingSource(weight))->release());
  return Xapian::Query(Xapian::Query::OP_FILTER, fixed, Xapian::Query(term));
}

TEST_CASE("a term bonus weighs each page of its term alike") {
  Xapian::Database db = TestDatabase();
  CHECK(Weights(db, TermBonusQuery("Lsv", 1.5)) ==
        std::map<Xapian::docid, double>{{2, 1.5}, {3, 1.5}, {5, 1.5}, {8, 1.5}});
  CHECK(Weights(db, TermBonusQuery("absent", 1.5)).empty());
}

TEST_CASE("a term bonus matches and weighs as a fixed weight filtered by its term") {
  Xapian::Database db = TestDatabase();
  const Xapian::Query text("text"), rare("rare");
  auto boosted = [](const Xapian::Query& q, const Xapian::Query& bonus) {
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, bonus);
  };
  // As the language boost uses it (candidates checked by skip_to), in an
  // AND (the bonus may drive), an OR of two bonuses, and with no overlap.
  for (const Xapian::Query& q : {text, Xapian::Query(Xapian::Query::OP_OR, text, rare)}) {
    CAPTURE(q.get_description());
    CHECK(Weights(db, boosted(q, TermBonusQuery("Lsv", 1.0))) ==
          Weights(db, boosted(q, FixedFilter("Lsv", 1.0))));
    CHECK(Weights(db, Xapian::Query(Xapian::Query::OP_AND, q, TermBonusQuery("Lsv", 0.5))) ==
          Weights(db, Xapian::Query(Xapian::Query::OP_AND, q, FixedFilter("Lsv", 0.5))));
    Xapian::Query ours(Xapian::Query::OP_OR, TermBonusQuery("Lsv", 1.0),
                       TermBonusQuery("filler", 0.5));
    Xapian::Query theirs(Xapian::Query::OP_OR, FixedFilter("Lsv", 1.0), FixedFilter("filler", 0.5));
    CHECK(Weights(db, boosted(q, ours)) == Weights(db, boosted(q, theirs)));
  }
  std::map<Xapian::docid, double> only_rare = Weights(db, boosted(rare, TermBonusQuery("Lsv", 1.0)));
  REQUIRE(only_rare.size() == 1);
  CHECK(only_rare.count(7) == 1);
  CHECK(only_rare == Weights(db, rare));
}

TEST_CASE("a term bonus serves one match after another") {
  Xapian::Database db = TestDatabase();
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("text"),
                                  TermBonusQuery("Lsv", 2.0)));
  Xapian::MSet first = enquire.get_mset(0, 10);
  Xapian::MSet again = enquire.get_mset(0, 10);
  REQUIRE(first.size() == 4);
  REQUIRE(again.size() == 4);
  for (Xapian::doccount i = 0; i < first.size(); ++i) {
    CHECK(*first[i] == *again[i]);
    CHECK(first[i].get_weight() == again[i].get_weight());
  }
  // Pages 2 and 8 hold "Lsv": both rank above 4 and 6 by the bonus.
  CHECK(*first[0] == 8);
  CHECK(*first[1] == 2);
}

}  // namespace
}  // namespace haku::search
