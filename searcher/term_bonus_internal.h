// searcher/term_bonus_internal.h -- a fixed weight for the pages holding
// one term (Searcher's language boost).
//
// The same matches and weights as Xapian's
// FILTER(FixedWeightPostingSource(weight), term), read from the term's
// posting list alone: the FILTER walks a second list (every document) and
// a subquery more for each candidate the boost is checked against (at 85k
// pages, 4% of a --lang search's match). Internal to haku_search. Like any
// PostingSource, one object serves one match at a time; clone() gives
// Xapian another.
#ifndef HAKU_SEARCHER_TERM_BONUS_INTERNAL_H_
#define HAKU_SEARCHER_TERM_BONUS_INTERNAL_H_

#include <string>

#include <xapian.h>

namespace haku::search {

class TermBonus : public Xapian::PostingSource {
 public:
  TermBonus(std::string term, double weight);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return freq_; }
  Xapian::doccount get_termfreq_est() const override { return freq_; }
  Xapian::doccount get_termfreq_max() const override { return freq_; }
  double get_weight() const override { return weight_; }
  Xapian::docid get_docid() const override { return *it_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return it_ == end_; }
  TermBonus* clone() const override;
  std::string get_description() const override;

 private:
  std::string term_;
  double weight_;
  Xapian::doccount freq_ = 0;
  Xapian::PostingIterator it_;
  Xapian::PostingIterator end_;
  bool started_ = false;  // next() or skip_to() was called since init()
};

// A query of `term`'s pages, each weighing `weight` (owns its source).
Xapian::Query TermBonusQuery(const std::string& term, double weight);

}  // namespace haku::search

#endif  // HAKU_SEARCHER_TERM_BONUS_INTERNAL_H_
