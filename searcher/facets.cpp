#include "searcher/facets_internal.h"

#include "indexer/index/schema.h"

namespace haku::search {
namespace {

std::map<std::string, int> Top(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, int> out;
  for (auto it = spy.top_values_begin(kMaxFacetValues); it != spy.top_values_end(kMaxFacetValues);
       ++it) {
    if (!(*it).empty()) out[*it] = static_cast<int>(it.get_termfreq());
  }
  return out;
}

}  // namespace

// Counts the XLIST terms of each matching document.
class FacetCounter::ListSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const std::string_view prefix = index::kListPrefix;
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(std::string(prefix));
    for (; it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      ++counts_[term.substr(prefix.size())];
    }
  }

  std::map<std::string, int> Top() const {
    std::multimap<int, const std::string*, std::greater<>> by_count;
    for (const auto& [name, count] : counts_) by_count.emplace(count, &name);
    std::map<std::string, int> out;
    for (const auto& [count, name] : by_count) {
      if (out.size() >= kMaxFacetValues) break;
      out[*name] = count;
    }
    return out;
  }

 private:
  std::map<std::string, int> counts_;
};

FacetCounter::FacetCounter()
    : lang_(index::kSlotLang),
      site_(index::kSlotHost),
      type_(index::kSlotType),
      lists_(std::make_unique<ListSpy>()) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::Add(const Xapian::Document& doc) {
  lang_(doc, 0);
  site_(doc, 0);
  type_(doc, 0);
  (*lists_)(doc, 0);
}

std::map<std::string, std::map<std::string, int>> FacetCounter::Counts() const {
  return {{"lang", Top(lang_)}, {"list", lists_->Top()}, {"site", Top(site_)}, {"type", Top(type_)}};
}

}  // namespace haku::search
