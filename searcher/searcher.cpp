#include "searcher/searcher.h"

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/analyzer.h"
#include "analysis/language_id.h"
#include "analysis/normalizer.h"
#include "indexer/index/index_dir.h"
#include "indexer/index/schema.h"
#include "searcher/query_builder.h"
#include "searcher/snippeter.h"

namespace haku::search {
namespace {

using nlohmann::json;

// Matches counted exactly up to this many; beyond, Xapian's estimate.
constexpr Xapian::doccount kCheckAtLeast = 10000;
constexpr int kDefaultLimit = 10;

// "https://www.example.org/a/" -> "www.example.org/a": a title for a
// resource that has no other name.
std::string UrlAsTitle(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

Xapian::Query AnyOf(std::string_view prefix, const std::vector<std::string>& values,
                    bool normalise = false) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values) {
    std::string value = normalise ? analysis::NormalizeWord(v) : v;
    terms.emplace_back(std::string(prefix) + value);
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::string LowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string EntryText(const json& data) {
  std::string text;
  for (const json& c : data.value("contexts", json::array())) {
    std::string line = c.value("link_text", "");
    std::string desc = c.value("description", "");
    if (!desc.empty()) line += line.empty() ? desc : " — " + desc;
    if (line.empty()) continue;
    if (!text.empty()) text += "\n";
    text += line;
  }
  return text;
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(std::string dir, Xapian::Database db) : dir_(std::move(dir)), db_(std::move(db)) {
    std::istringstream langs(db_.get_metadata(std::string(index::kMetaLanguages)));
    for (std::string l; langs >> l;) languages_.push_back(l);
  }

  Result<SearchResults> Run(const SearchRequest& request);

  std::string dir_;
  Xapian::Database db_;
  std::vector<std::string> languages_;
  analysis::Analyzer analyzer_;

 private:
  Xapian::Query Filters(const SearchRequest& request);
  SearchHit MakeHit(const Xapian::MSetIterator& it, int rank, bool snippets,
                    QueryBuilder& builder);
};

Xapian::Query Searcher::Impl::Filters(const SearchRequest& r) {
  std::vector<Xapian::Query> groups;
  if (!r.langs.empty()) {
    std::vector<std::string> langs;
    for (const std::string& l : r.langs) langs.push_back(analysis::PrimaryLanguage(l));
    groups.push_back(AnyOf(index::kLangPrefix, langs));
  }
  if (!r.lists.empty()) groups.push_back(AnyOf(index::kListPrefix, r.lists));
  if (!r.sites.empty()) {
    std::vector<std::string> sites;
    for (const std::string& s : r.sites) sites.push_back(LowerAscii(s));
    groups.push_back(AnyOf(index::kHostPrefix, sites));
  }
  if (!r.types.empty()) groups.push_back(AnyOf(index::kTypePrefix, r.types));
  if (groups.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
}

SearchHit Searcher::Impl::MakeHit(const Xapian::MSetIterator& it, int rank, bool snippets,
                                  QueryBuilder& builder) {
  SearchHit hit;
  hit.rank = rank;
  hit.score = it.get_weight();
  json data = json::parse(it.get_document().get_data(), nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) data = json::object();
  hit.url = data.value("url", "");
  hit.lang = data.value("lang", std::string(analysis::kUndetermined));
  hit.langs = data.value("langs", std::vector<std::string>{});
  hit.type = data.value("type", "none");
  hit.state = data.value("state", "not_fetched");
  for (const json& c : data.value("contexts", json::array())) {
    hit.places.push_back({c.value("list", ""), c.value("sections", std::vector<std::string>{})});
  }
  hit.title = data.value("title", "");
  if (hit.title.empty()) {
    for (const json& c : data.value("contexts", json::array())) {
      hit.title = c.value("link_text", "");
      if (!hit.title.empty()) break;
    }
  }
  if (hit.title.empty()) hit.title = UrlAsTitle(hit.url);
  if (snippets) {
    std::string text = data.value("text", "");
    if (text.empty()) text = data.value("description", "");
    if (text.empty()) text = EntryText(data);
    Snippet s = Snippeter(analyzer_, builder.terms()).Make(text, hit.lang);
    hit.snippet = std::move(s.text);
    hit.highlights = std::move(s.highlights);
  }
  return hit;
}

Result<SearchResults> Searcher::Impl::Run(const SearchRequest& request) {
  std::vector<std::string> langs = request.langs.empty() ? languages_ : request.langs;
  for (std::string& l : langs) l = analysis::PrimaryLanguage(l);
  QueryBuilder builder(analyzer_, langs);
  Xapian::Query text = builder.Build(request.query);
  Xapian::Query filter = Filters(request);
  Xapian::Enquire enquire(db_);
  if (text.empty()) {
    if (filter.empty()) {
      return Status::InvalidArgument("nothing to search for: give words or a filter");
    }
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  } else if (filter.empty()) {
    enquire.set_query(text);
  } else {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, filter));
  }
  int limit = request.limit;
  if (limit < 0) limit = text.empty() ? static_cast<int>(db_.get_doccount()) : kDefaultLimit;
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, request.offset)),
                                       static_cast<Xapian::doccount>(limit), kCheckAtLeast);
  SearchResults out;
  out.query = request.query;
  out.total = static_cast<int>(mset.get_matches_estimated());
  int rank = std::max(0, request.offset);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.hits.push_back(MakeHit(it, ++rank, request.snippets, builder));
  }
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
    Xapian::Database db(index::CurrentDbPath(index_dir));
    std::string format = db.get_metadata(std::string(index::kMetaFormat));
    if (format != std::to_string(index::kFormatVersion)) {
      return Status::NotSupported(
          "index at " + index_dir + " has format " + (format.empty() ? "unknown" : format) +
          ", this haku reads " + std::to_string(index::kFormatVersion) +
          ": run `haku update --rebuild`");
    }
    return std::unique_ptr<Searcher>(
        new Searcher(std::make_unique<Impl>(index_dir, std::move(db))));
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot read index at " + index_dir + ": " + e.get_msg());
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  // A concurrent update may commit while we read; reopen and retry once.
  for (int attempt = 0;; ++attempt) {
    try {
      return impl_->Run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt > 0) return Status::IOError("index changed during the search; try again");
      try {
        impl_->db_.reopen();
      } catch (const Xapian::Error& e) {
        return Status::IOError("cannot reopen index: " + e.get_msg());
      }
    } catch (const Xapian::Error& e) {
      return Status::IOError("search failed: " + e.get_msg());
    }
  }
}

}  // namespace haku::search
