#include "searcher/term_bonus_internal.h"

#include <utility>

namespace haku::search {

TermBonus::TermBonus(std::string term, double weight)
    : term_(std::move(term)), weight_(weight) {}

void TermBonus::init(const Xapian::Database& db) {
  it_ = db.postlist_begin(term_);
  end_ = db.postlist_end(term_);
  freq_ = db.get_termfreq(term_);
  started_ = false;
  set_maxweight(weight_);
}

// A PostingSource starts before its first entry; a PostingIterator at it.
void TermBonus::next(double) {
  if (started_) {
    ++it_;
  } else {
    started_ = true;
  }
}

void TermBonus::skip_to(Xapian::docid did, double) {
  started_ = true;
  it_.skip_to(did);
}

bool TermBonus::check(Xapian::docid did, double min_wt) {
  skip_to(did, min_wt);
  return true;
}

TermBonus* TermBonus::clone() const { return new TermBonus(term_, weight_); }

std::string TermBonus::get_description() const {
  return "TermBonus(" + term_ + ", " + std::to_string(weight_) + ")";
}

Xapian::Query TermBonusQuery(const std::string& term, double weight) {
  // release(): the query owns the source and frees it with itself.
  return Xapian::Query((new TermBonus(term, weight))->release());
}

}  // namespace haku::search
