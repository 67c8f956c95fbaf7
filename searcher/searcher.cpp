#include "searcher/searcher.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "analysis/analyzer.h"
#include "analysis/language_tag.h"
#include "analysis/normalizer.h"
#include "indexer/index/duplicate_keys.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/schema.h"
#include "searcher/doc_data.h"
#include "searcher/facets_internal.h"
#include "searcher/index_lexicon.h"
#include "searcher/query_builder.h"
#include "searcher/snippeter.h"
#include "searcher/spelling_internal.h"
#include "searcher/term_bonus_internal.h"
#include "searcher/term_freqs.h"

namespace haku::search {
namespace {

// Matches counted exactly up to this many less one (Xapian knows a count is
// exact only once it checked past the last match: at 100, 100 matches at
// 85k pages were estimated as 200); beyond, Xapian's estimate.
// Counting more keeps Xapian from stopping early: at 85k pages, counting
// 10,000 put the p95 at ~30 ms against ~7 ms.
constexpr Xapian::doccount kCheckAtLeast = 101;
// A language is analysed for queries when at least this share of the
// documents is in it: short texts give CLD2 dozens of stray languages
// (72 languages listed at 85k pages in 33), each costing every word
// a stem and its terms.
constexpr double kMinLanguageShare = 0.001;
constexpr int kDefaultLimit = 10;
// Other URLs named for one collapsed result, at most.
constexpr Xapian::doccount kMaxDuplicates = 20;
// Matches fetched beyond a page of results, for pages collapsed out of it.
constexpr Xapian::doccount kCollapseSlack = 4;
// Distinct contents are counted among at most this many matches (whose
// keys are read); beyond, estimated.
constexpr Xapian::doccount kMaxCountedMatches = 1000;
// Terms of a page that make the query for Similar().
constexpr Xapian::termcount kSimilarTerms = 24;

// How many matches `enquire` has (it must not collapse), pages with the
// same content hash counted once: what collapsing would count, without
// Xapian's collapser, which keeps every key in an ordered map (a --count
// of a word on every page took ~0.5 s in it at 85k pages).
Xapian::doccount CountDistinctContent(const Xapian::Database& db, Xapian::Enquire& enquire,
                                      Xapian::doccount all) {
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  // Ascending already, but only by how Xapian orders equal weights.
  std::vector<Xapian::docid> docs = SortedDocids(enquire.get_mset(0, all, all));
  std::unordered_set<std::string> hashes;
  size_t with_hash = 0;
  ForEachValue(db, index::kSlotContentHash, docs, [&](const std::string& hash) {
    hashes.insert(hash);
    ++with_hash;
  });
  return static_cast<Xapian::doccount>(hashes.size() + (docs.size() - with_hash));
}

// Hits of one page whose pages were fetched from the same final URL (two
// listed URLs redirecting to one page): the later ones fold into the
// first, which names their URLs.
void MergeSameFinalUrl(std::vector<SearchHit>& hits) {
  std::map<std::string, size_t> first;
  std::vector<SearchHit> kept;
  for (SearchHit& h : hits) {
    if (h.final_url.empty()) {
      kept.push_back(std::move(h));
      continue;
    }
    auto [it, inserted] = first.try_emplace(h.final_url, kept.size());
    if (inserted) {
      kept.push_back(std::move(h));
      continue;
    }
    SearchHit& into = kept[it->second];
    into.duplicates.push_back(h.url);
    into.duplicates.insert(into.duplicates.end(), h.duplicates.begin(), h.duplicates.end());
  }
  int rank = kept.empty() ? 0 : kept.front().rank;
  for (SearchHit& h : kept) h.rank = rank++;
  hits = std::move(kept);
}

// "https://www.example.org/a/" -> "www.example.org/a": a title for a
// resource that has no other name.
std::string UrlAsTitle(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

// `op` over the non-empty queries; the one query itself, or an empty query.
Xapian::Query Combine(Xapian::Query::op op, std::vector<Xapian::Query> queries) {
  std::erase_if(queries, [](const Xapian::Query& q) { return q.empty(); });
  if (queries.empty()) return Xapian::Query();
  if (queries.size() == 1) return queries[0];
  return Xapian::Query(op, queries.begin(), queries.end());
}

// Under a language filter, pages whose text is in the language rank above
// pages that only declare it, and pages that both declare and are in it
// above copies of them elsewhere (an untranslated twin in another manual).
constexpr double kDetectedLanguageBoost = 1.0;
constexpr double kDeclaredLanguageBoost = 0.5;
// See Searcher::Impl::Langs().
constexpr double kWrittenInShare = 0.1;

Xapian::Query LanguageBoost(const Xapian::Query& text, const std::vector<std::string>& langs) {
  std::vector<Xapian::Query> bonus;
  for (const std::string& l : langs) {
    std::string lang = analysis::PrimaryLanguage(l);
    bonus.push_back(TermBonusQuery(std::string(index::kLangPrefix) + lang, kDetectedLanguageBoost));
    bonus.push_back(
        TermBonusQuery(std::string(index::kDeclaredLangPrefix) + lang, kDeclaredLanguageBoost));
  }
  if (bonus.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                       Xapian::Query(Xapian::Query::OP_OR, bonus.begin(), bonus.end()));
}

Xapian::Query AnyOf(std::string_view field, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) {
    for (const std::string& t : QueryBuilder::FilterTerms(field, v)) terms.emplace_back(t);
  }
  return Combine(Xapian::Query::OP_OR, std::move(terms));
}

std::string LowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `url` as typed, then as the index may spell it: fragment dropped,
// scheme and host lower-cased, "/" for an empty path.
std::vector<std::string> UrlSpellings(std::string_view url) {
  std::vector<std::string> out = {std::string(url)};
  url = url.substr(0, url.find('#'));
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return out;
  size_t path = url.find_first_of("/?", scheme + 3);
  std::string head = LowerAscii(std::string(url.substr(0, path)));
  std::string rest = path == std::string_view::npos ? "/" : std::string(url.substr(path));
  if (!rest.empty() && rest[0] == '?') rest = "/" + rest;
  out.push_back(head + rest);
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// Expand terms for Similar(): the exact forms of words (no prefixed,
// boolean or numeric terms).
class WordTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    unsigned char first = static_cast<unsigned char>(term[0]);
    return !(first >= 'A' && first <= 'Z') && !(first >= '0' && first <= '9');
  }
};

std::string EntryText(const DocData& data) {
  std::string text;
  for (const DocContext& c : data.contexts) {
    std::string line = c.link_text;
    const std::string& desc = c.description;
    if (!desc.empty()) line += line.empty() ? desc : " — " + desc;
    if (line.empty()) continue;
    if (!text.empty()) text += "\n";
    text += line;
  }
  return text;
}

// A document whose data holds a known key of another type: corrupt.
// Thrown inside a search and caught by Searcher::Guarded().
struct UnreadableDocument {
  std::string what;
};

// The data of `doc` into `data`: false (defaults) when it is not a JSON
// object; throws UnreadableDocument when a field has the wrong type.
bool ReadDocData(const Xapian::Document& doc, DocData& data) {
  DocDataStatus status = ParseDocData(doc.get_data(), data);
  if (status == DocDataStatus::kWrongType) {
    throw UnreadableDocument{"document " + std::to_string(doc.get_docid()) +
                             " has a field of the wrong type"};
  }
  return status == DocDataStatus::kOk;
}

// "device:inode" of the directory at `path` ("" if it cannot be read).
std::string DirectoryIdentity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(std::string dir, std::string db_path, Xapian::Database db)
      : dir_(std::move(dir)),
        db_path_(std::move(db_path)),
        db_identity_(DirectoryIdentity(db_path_)),
        db_(std::move(db)),
        freqs_(db_),
        analyzer_(std::make_unique<IndexLexicon>(db_)),
        duplicate_keys_(index::ParseDuplicateKeys(
            db_.get_metadata(std::string(index::kMetaDuplicateKeys)))) {
    std::istringstream langs(db_.get_metadata(std::string(index::kMetaLanguages)));
    double enough = std::max(1.0, kMinLanguageShare * db_.get_doccount());
    for (std::string l; langs >> l;) {
      if (db_.get_termfreq(std::string(index::kLangPrefix) + l) >= enough) languages_.push_back(l);
    }
  }

  Result<SearchResults> Run(const SearchRequest& request);
  Result<SearchResults> Similar(const std::string& url, const SearchRequest& request);

  std::string dir_;
  std::string db_path_;  // the database `current` named when it was opened
  std::string db_identity_;  // its directory's device and inode: a db-1 made anew differs
  Xapian::Database db_;
  TermFreqs freqs_;  // of db_, for every query of this Searcher
  std::vector<std::string> languages_;
  analysis::Analyzer analyzer_;  // lemmas and parts from db_'s synonyms
  WordMemo words_;  // stems and folded forms of the words snippets met
  // The content keys more than one page has; nullopt when the index does
  // not list them (see indexer/index/duplicate_keys.h).
  std::optional<std::unordered_set<std::string>> duplicate_keys_;

 private:
  // What a query asks of the index, however it was made.
  struct Plan {
    Xapian::Query text;    // ranked part; empty for a filter-only listing
    Xapian::Query filter;  // boolean part; empty when none
    std::set<std::string> terms;  // for highlighting
    std::vector<std::string> prefixes;
    std::map<std::string, std::vector<std::string>> stem_langs;  // for highlighting
    std::vector<std::string> langs;  // the languages the query was analysed in
  };

  std::vector<std::string> Langs(const SearchRequest& r);
  Xapian::Query Filters(const SearchRequest& request);
  SearchResults Execute(const Plan& plan, const SearchRequest& request);
  // A page of results: the matches fetched, which of them are shown (in
  // rank order), whether each shown one has others of its content among
  // the matches, and the total.
  struct ResultPage {
    Xapian::MSet mset;
    std::vector<Xapian::doccount> shown;
    std::vector<bool> repeating;
    Xapian::doccount total = 0;
  };
  Xapian::doccount DistinctTotal(Xapian::Enquire& enquire, const Xapian::MSet& mset,
                                 Xapian::doccount walked, Xapian::doccount left_out) const;
  ResultPage FirstOfEachKey(Xapian::Enquire& enquire, Xapian::doccount offset,
                            Xapian::doccount limit, Xapian::doccount check) const;
  Xapian::Query Matcher(const Plan& plan) const;
  SearchHit MakeHit(const Xapian::MSetIterator& it, int rank, Snippeter* snippeter);
  std::vector<std::string> Duplicates(const Plan& plan, const Xapian::MSetIterator& it);
  std::map<std::string, std::map<std::string, int>> Facets(const Xapian::MSet& mset);
};

std::vector<std::string> Searcher::Impl::Langs(const SearchRequest& r) {
  if (r.langs.empty()) return languages_;
  // Under a language filter, the query is analysed in that language, and in
  // each language that a substantial share of the pages declaring it are
  // really written in (untranslated pages of a translated manual).
  std::vector<std::string> langs;
  auto add = [&](const std::string& l) {
    if (std::find(langs.begin(), langs.end(), l) == langs.end()) langs.push_back(l);
  };
  for (const std::string& requested : r.langs) add(analysis::PrimaryLanguage(requested));
  for (const std::string& requested : r.langs) {
    std::string lang = analysis::PrimaryLanguage(requested);
    double declared = freqs_.Get(std::string(index::kDeclaredLangPrefix) + lang);
    for (const std::string& other : languages_) {
      if (other == lang) continue;
      std::string term = std::string(index::kDeclaredAsPrefix) + lang + ":" + other;
      if (declared > 0 && freqs_.Get(term) >= kWrittenInShare * declared) add(other);
    }
  }
  return langs;
}

Xapian::Query Searcher::Impl::Filters(const SearchRequest& r) {
  return Combine(Xapian::Query::OP_AND, {AnyOf("lang", r.langs), AnyOf("list", r.lists),
                                         AnyOf("site", r.sites), AnyOf("type", r.types),
                                         AnyOf("section", r.sections)});
}

SearchHit Searcher::Impl::MakeHit(const Xapian::MSetIterator& it, int rank,
                                  Snippeter* snippeter) {
  SearchHit hit;
  hit.rank = rank;
  hit.score = it.get_weight();
  const Xapian::Document doc = it.get_document();
  DocData data;
  ReadDocData(doc, data);
  hit.url = std::move(data.url);
  hit.final_url = std::move(data.final_url);
  hit.lang = std::move(data.lang);
  hit.langs = std::move(data.langs);
  hit.type = std::move(data.type);
  hit.state = std::move(data.state);
  for (const DocContext& c : data.contexts) hit.places.push_back({c.list, c.sections});
  hit.title = std::move(data.title);
  if (hit.title.empty()) {
    for (const DocContext& c : data.contexts) {
      hit.title = c.link_text;
      if (!hit.title.empty()) break;
    }
  }
  if (hit.title.empty()) hit.title = UrlAsTitle(hit.url);
  if (snippeter != nullptr) {
    std::string text = doc.get_value(index::kSlotText);
    if (text.empty()) text = data.description;
    if (text.empty()) text = EntryText(data);
    Snippet s = snippeter->Make(text, hit.lang);
    hit.snippet = std::move(s.text);
    hit.highlights = std::move(s.highlights);
  }
  return hit;
}

std::map<std::string, std::map<std::string, int>> Searcher::Impl::Facets(const Xapian::MSet& mset) {
  return CountFacets(db_, SortedDocids(mset));
}

Xapian::Query Searcher::Impl::Matcher(const Plan& plan) const {
  if (plan.text.empty()) return plan.filter;
  if (plan.filter.empty()) return plan.text;
  return Xapian::Query(Xapian::Query::OP_FILTER, plan.text, plan.filter);
}

// The other documents with the content hash of `it`, among the matches.
std::vector<std::string> Searcher::Impl::Duplicates(const Plan& plan,
                                                    const Xapian::MSetIterator& it) {
  std::string hash = it.get_document().get_value(index::kSlotContentHash);
  if (hash.empty()) return {};
  Xapian::Enquire enquire(db_);
  Xapian::Query same(Xapian::Query::OP_VALUE_RANGE, index::kSlotContentHash, hash, hash);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Matcher(plan), same));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<std::string> urls;
  Xapian::MSet mset = enquire.get_mset(0, kMaxDuplicates);
  for (auto d = mset.begin(); d != mset.end(); ++d) {
    if (*d == *it) continue;
    DocData data;
    if (ReadDocData(d.get_document(), data)) urls.push_back(std::move(data.url));
  }
  return urls;
}

// Of the ranked matches, the results from `offset` on (at most `limit`)
// once the pages of a repeating content key after its best ranked one are
// left out: what Xapian's collapsing shows, reading the keys of these pages
// alone.
Searcher::Impl::ResultPage Searcher::Impl::FirstOfEachKey(Xapian::Enquire& enquire,
                                                          Xapian::doccount offset,
                                                          Xapian::doccount limit,
                                                          Xapian::doccount check) const {
  const uint64_t want = uint64_t{offset} + limit;
  const uint64_t all = db_.get_doccount();
  ResultPage page;
  for (uint64_t fetch = std::min(want + kCollapseSlack, all);; fetch = std::min(2 * fetch, all)) {
    page.mset = enquire.get_mset(0, static_cast<Xapian::doccount>(fetch), check);
    page.shown.clear();
    page.repeating.clear();
    Xapian::doccount left_out = 0;
    std::unordered_set<std::string> seen;
    uint64_t kept = 0;
    for (Xapian::doccount i = 0; i < page.mset.size() && kept < want; ++i) {
      std::string key = page.mset[i].get_document().get_value(index::kSlotContentHash);
      bool repeating = duplicate_keys_->contains(key);
      if (repeating && !seen.insert(std::move(key)).second) {
        ++left_out;
        continue;
      }
      if (kept++ < offset) continue;
      page.shown.push_back(i);
      page.repeating.push_back(repeating);
    }
    if (kept == want || page.mset.size() < fetch || fetch == all) {
      page.total = DistinctTotal(enquire, page.mset, static_cast<Xapian::doccount>(kept), left_out);
      return page;
    }
  }
}

// How many distinct contents match: counted when Xapian counted every
// match and they are at most kMaxCountedMatches (or all in `mset`),
// reading the keys of them all; else Xapian's estimate of all matches
// scaled by the share of distinct pages among those FirstOfEachKey() went
// through (`walked` kept, `left_out` not), as Xapian's collapsing scales.
Xapian::doccount Searcher::Impl::DistinctTotal(Xapian::Enquire& enquire, const Xapian::MSet& mset,
                                               Xapian::doccount walked,
                                               Xapian::doccount left_out) const {
  Xapian::doccount n = mset.get_matches_estimated();
  bool counted = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (!counted || (mset.size() < n && n > kMaxCountedMatches)) {
    if (left_out == 0) return n;
    uint64_t scaled = uint64_t{n} * walked / (uint64_t{walked} + left_out);
    return static_cast<Xapian::doccount>(std::max<uint64_t>(walked, scaled));
  }
  const Xapian::MSet every = mset.size() >= n ? mset : enquire.get_mset(0, n, n);
  std::unordered_set<std::string> seen;
  Xapian::doccount collapsed = 0;
  ForEachValue(db_, index::kSlotContentHash, SortedDocids(every), [&](const std::string& key) {
    if (duplicate_keys_->contains(key) && !seen.insert(key).second) ++collapsed;
  });
  return n - collapsed;
}

SearchResults Searcher::Impl::Execute(const Plan& plan, const SearchRequest& request) {
  Xapian::Enquire enquire(db_);
  if (plan.text.empty()) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, plan.filter, 0.0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  } else {
    enquire.set_query(Matcher(plan));
  }
  // Pages may share content unless the index lists no repeating key (or,
  // written before the list, has no content keys).
  bool repeats = duplicate_keys_ ? !duplicate_keys_->empty()
                                 : db_.get_value_freq(index::kSlotContentHash) > 0;
  Xapian::doccount all = db_.get_doccount();
  if (repeats && request.exact_total && request.limit == 0 && !request.facets) {
    SearchResults out;
    out.query = request.query;
    out.total = static_cast<int>(CountDistinctContent(db_, enquire, all));
    return out;
  }
  // Counting every match, or faceting them, needs every match collapsed:
  // Xapian's collapsing does that (its counts are estimates otherwise), as
  // it does for a listing (no words: every match counted, none ranked).
  // A ranked page of results needs only its own pages' keys (FirstOfEachKey).
  bool xapian_collapse = repeats && (!duplicate_keys_ || request.facets || request.exact_total ||
                                     plan.text.empty());
  if (xapian_collapse) enquire.set_collapse_key(index::kSlotContentHash);
  int limit = request.limit;
  if (limit < 0) limit = plan.text.empty() ? static_cast<int>(all) : kDefaultLimit;
  Xapian::doccount offset = static_cast<Xapian::doccount>(std::max(0, request.offset));
  Xapian::doccount count = static_cast<Xapian::doccount>(limit);
  // Xapian counts exactly across collapsed duplicates only with every
  // match in the MSet; facets count every (collapsed) match.
  bool full = request.facets || (xapian_collapse && request.exact_total);
  Xapian::doccount check = request.facets || request.exact_total ? all : kCheckAtLeast;
  // Without Xapian's collapsing, pages that may repeat are collapsed here.
  bool post_hoc = repeats && !xapian_collapse;
  ResultPage page;
  if (full) {
    page.mset = enquire.get_mset(0, all, all);
    page.total = page.mset.size();
    for (Xapian::doccount i = offset; i < page.mset.size() && i - offset < count; ++i) {
      page.shown.push_back(i);
    }
  } else if (post_hoc) {
    page = FirstOfEachKey(enquire, offset, count, check);
  } else {
    page.mset = enquire.get_mset(offset, count, check);
    page.total = page.mset.get_matches_estimated();
    for (Xapian::doccount i = 0; i < page.mset.size(); ++i) page.shown.push_back(i);
  }
  SearchResults out;
  out.query = request.query;
  out.total = static_cast<int>(page.total);
  Snippeter snippeter(analyzer_, plan.terms, plan.prefixes, plan.stem_langs, plan.langs, &words_);
  int rank = static_cast<int>(offset);
  for (size_t j = 0; j < page.shown.size(); ++j) {
    Xapian::MSetIterator it = page.mset[page.shown[j]];
    SearchHit hit = MakeHit(it, ++rank, request.snippets ? &snippeter : nullptr);
    if (post_hoc ? page.repeating[j] : it.get_collapse_count() > 0) {
      hit.duplicates = Duplicates(plan, it);
    }
    out.hits.push_back(std::move(hit));
  }
  MergeSameFinalUrl(out.hits);
  if (request.facets) out.facets = Facets(page.mset);
  return out;
}

Result<SearchResults> Searcher::Impl::Run(const SearchRequest& request) {
  QueryBuilder builder(analyzer_, Langs(request));
  builder.set_database(&freqs_);
  BuiltQuery built = builder.Build(request.query);
  Plan plan{built.query, Combine(Xapian::Query::OP_AND, {Filters(request), built.filter}),
            builder.terms(), builder.prefixes(), builder.stem_langs(), builder.langs()};
  if (plan.text.empty() && plan.filter.empty()) {
    if (IsBlank(request.query)) {
      return Status::InvalidArgument("nothing to search for: give words or a filter");
    }
    SearchResults none;
    none.query = request.query;
    none.note = built.note.empty() ? "the query has no words to search for" : built.note;
    return none;
  }
  if (!plan.text.empty()) plan.text = LanguageBoost(plan.text, request.langs);
  SearchResults out = Execute(plan, request);
  out.note = built.note;
  if (request.spelling && !built.words.empty()) {
    out.suggestion = SuggestSpelling(freqs_, built, out.total);
  }
  return out;
}

Result<SearchResults> Searcher::Impl::Similar(const std::string& url,
                                              const SearchRequest& request) {
  std::string key;
  Xapian::PostingIterator p;
  for (const std::string& candidate : UrlSpellings(url)) {
    key = std::string(index::kUrlPrefix) + candidate;
    p = db_.postlist_begin(key);
    if (p != db_.postlist_end(key)) break;
  }
  if (p == db_.postlist_end(key)) {
    return Status::NotFound(analysis::SanitizeUtf8(url) +
                            " is not in the index (`haku search --json` shows its URLs)");
  }
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(key));
  WordTermsOnly decider;
  Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
  Plan plan;
  for (auto it = eset.begin(); it != eset.end(); ++it) plan.terms.insert(*it);
  plan.text = Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end());
  plan.filter = Filters(request);
  if (plan.text.empty()) {
    SearchResults none;
    none.query = url;
    return none;
  }
  plan.text = Xapian::Query(Xapian::Query::OP_AND_NOT, plan.text, Xapian::Query(key));
  SearchResults out = Execute(plan, request);
  out.query = url;
  return out;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

const std::vector<std::string>& Searcher::languages() const { return impl_->languages_; }

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& index_dir) {
  if (!index::HasIndex(index_dir)) {
    return Status::NotFound("no index at " + index_dir + ": run `haku update` first");
  }
  try {
    std::string db_path = index::OpenDbPath(index_dir);
    Xapian::Database db(db_path);
    std::string format = db.get_metadata(std::string(index::kMetaFormat));
    if (!format.empty() && std::atoi(format.c_str()) > index::kFormatVersion) {
      return Status::NotSupported("index at " + index_dir + " has format " + format +
                                  ", written by a newer haku than this one (which reads " +
                                  std::to_string(index::kFormatVersion) +
                                  "): upgrade haku, or `haku update --rebuild` to rewrite it");
    }
    if (format != std::to_string(index::kFormatVersion)) {
      return Status::NotSupported(
          "index at " + index_dir + " has format " + (format.empty() ? "unknown" : format) +
          ", this haku reads " + std::to_string(index::kFormatVersion) +
          ": run `haku update --rebuild`");
    }
    return std::unique_ptr<Searcher>(
        new Searcher(std::make_unique<Impl>(index_dir, db_path, std::move(db))));
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot read index at " + index_dir + ": " + e.get_msg() +
                           ": `haku update --rebuild` writes it anew from the crawl store");
  }
}

Status Searcher::Refresh() {
  std::string path = index::OpenDbPath(impl_->dir_);
  if (path == impl_->db_path_ && DirectoryIdentity(path) == impl_->db_identity_) {
    try {
      if (!impl_->db_.reopen()) return Status::OK();
      // A new revision: its languages, synonyms and statistics.
      impl_ = std::make_unique<Impl>(impl_->dir_, impl_->db_path_, impl_->db_);
      return Status::OK();
    } catch (const Xapian::Error&) {
      // Removed or rewritten underneath: open whatever `current` names.
    }
  }
  Result<std::unique_ptr<Searcher>> fresh = Open(impl_->dir_);
  if (!fresh.ok()) return fresh.status();
  impl_ = std::move((*fresh)->impl_);
  return Status::OK();
}

template <typename Fn>
Result<SearchResults> Searcher::Guarded(Fn fn) {
  // A concurrent update may commit while we read; reopen and retry once.
  for (int attempt = 0;; ++attempt) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt > 0) return Status::IOError("index changed during the search; try again");
      // Languages, forms and frequencies of the old revision go with it.
      if (Status s = Refresh(); !s.ok()) {
        return Status::IOError("cannot reopen index: " + s.message());
      }
    } catch (const Xapian::Error& e) {
      return Status::IOError("search failed: " + e.get_msg());
    } catch (const UnreadableDocument& e) {
      return Status::Corruption("unreadable document in the index: " + e.what +
                                ": run `haku update --rebuild`");
    }
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  return Guarded([&] { return impl_->Run(request); });
}

Result<SearchResults> Searcher::Similar(const std::string& url, const SearchRequest& request) {
  return Guarded([&] { return impl_->Similar(url, request); });
}

}  // namespace haku::search
