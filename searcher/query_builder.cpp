#include "searcher/query_builder.h"

#include <algorithm>

#include "analysis/language_tag.h"
#include "analysis/normalizer.h"
#include "analysis/tokenizer.h"
#include "indexer/index/schema.h"

namespace haku::search {
namespace {

// Xapian refuses terms longer than 245 bytes; no stored term is that long.
constexpr size_t kMaxTermBytes = 240;
constexpr size_t kMaxPlainWords = 64;
// See QueryBuilder::WordQuery().
constexpr double kCommonWordShare = 0.5;
// See QueryBuilder::WordQuery(): a word on this share of the pages is on
// all of them for ranking purposes, in an index of at least so many pages
// (in a handful of pages, one word on all of them is no stopword).
constexpr double kUbiquitousShare = 0.99;
constexpr Xapian::doccount kMinPagesForUbiquity = 50;

template <typename T>
Xapian::Query Scaled(const std::vector<T>& forms, double weight) {
  if (forms.empty()) return Xapian::Query();
  Xapian::Query q(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, weight);
}

// `op` over the non-empty queries; the one query itself, or an empty query.
Xapian::Query Combine(Xapian::Query::op op, std::vector<Xapian::Query> queries) {
  std::erase_if(queries, [](const Xapian::Query& q) { return q.empty(); });
  if (queries.empty()) return Xapian::Query();
  if (queries.size() == 1) return queries[0];
  return Xapian::Query(op, queries.begin(), queries.end());
}

Xapian::Query AndNot(Xapian::Query base, Xapian::Query excluded) {
  if (excluded.empty()) return base;
  if (base.empty()) base = Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, base, excluded);
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "https://www.example.org/a" -> "www.example.org".
std::string SiteValue(std::string_view v) {
  size_t scheme = v.find("://");
  if (scheme != std::string_view::npos) v.remove_prefix(scheme + 3);
  v = v.substr(0, v.find('/'));
  while (!v.empty() && v.back() == '.') v.remove_suffix(1);
  return LowerAscii(v);
}

std::vector<analysis::Token> Tokens(std::string_view text) {
  return analysis::Tokenize(text);
}

// Words and phrase words the query asks for (not those it excludes).
size_t CountWords(const QueryNode& node) {
  if (node.sign == QueryNode::Sign::kExcluded) return 0;
  if (node.kind == QueryNode::Kind::kWord || node.kind == QueryNode::Kind::kPhrase) {
    return Tokens(node.text).size();
  }
  size_t n = node.kind == QueryNode::Kind::kWildcard ? 1 : 0;
  for (const QueryNode& child : node.children) n += CountWords(child);
  return n;
}

}  // namespace

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, std::vector<std::string> langs,
                           QueryWeights weights)
    : analyzer_(analyzer), langs_(std::move(langs)), weights_(weights) {}

std::string QueryBuilder::FilterTerm(std::string_view field, std::string_view value) {
  std::string term;
  if (field == "site") term = std::string(index::kHostPrefix) + SiteValue(value);
  if (field == "lang") term = std::string(index::kLangPrefix) + analysis::PrimaryLanguage(value);
  if (field == "list") term = std::string(index::kListPrefix) + std::string(value);
  if (field == "section") term = std::string(index::kSectionPrefix) + analysis::NormalizeWord(value);
  if (field == "type") term = std::string(index::kTypePrefix) + LowerAscii(value);
  return analysis::TruncateUtf8(std::move(term), kMaxTermBytes);
}

std::vector<std::string> QueryBuilder::FilterTerms(std::string_view field, std::string_view value) {
  std::vector<std::string> terms = {FilterTerm(field, value)};
  if (field == "lang") {
    terms.push_back(std::string(index::kDeclaredLangPrefix) + analysis::PrimaryLanguage(value));
  }
  return terms;
}

Xapian::Query QueryBuilder::WordQuery(const std::string& word, Xapian::Query* core, bool* known) {
  const analysis::TermForms& f = analyzer_.Forms(word, langs_);
  std::vector<Xapian::Query> parts;
  auto add = [&](const std::vector<std::string>& terms, double weight) {
    terms_.insert(terms.begin(), terms.end());
    std::vector<std::string> present;
    for (const std::string& t : terms) {
      if (std::find(present.begin(), present.end(), t) != present.end()) continue;
      if (InIndex(t)) present.push_back(t);
    }
    if (!present.empty()) parts.push_back(Scaled(present, weight));
  };
  add({f.exact}, weights_.exact);
  // A word on more than half of the pages, beside other words: its exact
  // form only. BM25 gives such a word next to no weight, and each of its
  // stems, lemmas and folded forms is another near-complete posting list
  // to read ("libreoffice draw" at 85k pages: every form of "libreoffice"
  // is on every page). Its title forms still count for the title boost;
  // alone in a query, it keeps every form (what it matches is the answer).
  const Xapian::doccount freq = parts.empty() || freqs_ == nullptr ? 0 : freqs_->Get(f.exact);
  if (query_words_ > 1 && freq > 0 && freq > kCommonWordShare * freqs_->db().get_doccount()) {
    if (known != nullptr) *known = true;
    CollectTitleWords(f);
    // On (nearly) every page, beside a word that is not: it can neither
    // tell pages apart nor rank them (its BM25 weight is ~0), yet reading
    // its list was most of such a query's time ("instruktion libreoffice
    // draw" at 85k pages, "libreoffice" on all 84,509). Title boost only.
    if (may_drop_ && query_words_ > ubiquitous_words_ && IsUbiquitousFreq(freq)) {
      return Xapian::Query();
    }
    if (core != nullptr) *core = parts[0];
    return parts[0];
  }
  auto add_queries = [&](const std::vector<Xapian::Query>& queries, double weight) {
    if (!queries.empty()) parts.push_back(Scaled(queries, weight));
  };
  add_queries(StemQueries(analysis::kStemPrefix, f), weights_.stem);
  if (core != nullptr) *core = Combine(Xapian::Query::OP_OR, parts);
  add(f.lemmas, weights_.lemma);
  // A word typed without diacritics meets the folded forms of words that
  // have them; one typed with them needs no folding.
  if (analysis::IsAscii(word)) {
    std::vector<Xapian::Query> folded = StemQueries(analysis::kFoldStemPrefix, f);
    std::string term = std::string(analysis::kFoldPrefix) + word;
    terms_.insert(term);
    if (InIndex(term)) folded.emplace_back(term);
    add_queries(folded, weights_.folded);
  }
  CollectTitleWords(f);
  add(f.parts, weights_.part);
  std::vector<std::string> part_of = {std::string(analysis::kPartPrefix) + word};
  add(part_of, weights_.part);
  if (known != nullptr) *known = !parts.empty();
  // A word the index lacks in every form still stands in the query, so
  // that it matches nothing rather than vanishing (a filter alone would
  // then list everything).
  if (parts.empty()) return f.exact.empty() ? Xapian::Query() : Xapian::Query(f.exact);
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// A stem is some other word's stem in other languages: Turkish's stemmer
// makes "the" of "theme", Hungarian's "for" of "form" and "or" of "ord";
// English pages hold those on nearly every page. So a stem term that the
// stemmers of `langs` made, when the pages in those languages are fewer
// than half of those holding the term (`stem`, the Z term, judges for its
// folded and title terms too), is matched on those pages only: both more
// precise and cheaper (the languages' shorter posting lists drive). A stem
// the query's own languages share with most pages stays as it is: the
// filter would cost more than the stray matches it saves, which weigh
// little (a common stem's BM25 weight is small). Pages are in a language by
// their L terms: one whose text is mostly another language loses such a
// stem match, not its exact words.
const QueryBuilder::StemScope& QueryBuilder::Scope(const std::string& stem,
                                                  const std::vector<std::string>& langs) {
  std::string key = stem;
  for (const std::string& lang : langs) key.append(1, '\0').append(lang);
  auto [it, added] = scopes_.try_emplace(std::move(key));
  if (!added || freqs_ == nullptr) return it->second;
  std::vector<Xapian::Query> lang_terms;
  Xapian::doccount pages = 0;
  for (const std::string& lang : langs) {
    std::string lang_term = std::string(index::kLangPrefix) + lang;
    Xapian::doccount n = LangPages(lang_term);
    if (n == 0) continue;
    pages += n;
    lang_terms.emplace_back(lang_term);
  }
  if (2 * static_cast<double>(pages) >= freqs_->Get(stem)) return it->second;
  it->second.dropped = lang_terms.empty();
  it->second.langs = Combine(Xapian::Query::OP_OR, std::move(lang_terms));
  return it->second;
}

Xapian::Query QueryBuilder::StemQuery(const std::string& term, const std::string& stem,
                                      const std::vector<std::string>& langs) {
  const StemScope& scope = Scope(stem, langs);
  if (scope.dropped) return Xapian::Query();
  if (scope.langs.empty()) return Xapian::Query(term);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), scope.langs);
}

std::vector<Xapian::Query> QueryBuilder::StemQueries(std::string_view prefix,
                                                     const analysis::TermForms& f) {
  std::vector<Xapian::Query> out;
  for (size_t i = 0; i < f.stems.size(); ++i) {
    const std::string& stem = f.stems[i];
    std::string term = std::string(prefix) + stem.substr(analysis::kStemPrefix.size());
    terms_.insert(term);
    std::vector<std::string>& langs = stem_langs_[term];
    for (const std::string& lang : f.stem_langs[i]) {
      if (std::find(langs.begin(), langs.end(), lang) == langs.end()) langs.push_back(lang);
    }
    if (!InIndex(term)) continue;
    Xapian::Query q = StemQuery(term, stem, f.stem_langs[i]);
    if (!q.empty()) out.push_back(std::move(q));
  }
  return out;
}

Xapian::doccount QueryBuilder::LangPages(const std::string& lang_term) {
  return freqs_ == nullptr ? 0 : freqs_->Get(lang_term);
}

void QueryBuilder::CollectTitleWords(const analysis::TermForms& f) {
  if (!collect_title_words_) return;
  std::vector<Xapian::Query> title;
  for (const std::string& t : index::TitleTerms(f)) {
    if (!InIndex(t)) continue;
    auto stem = std::find(f.stems.begin(), f.stems.end(),
                          std::string_view(t).substr(index::kTitlePrefix.size()));
    if (stem == f.stems.end()) {
      title.emplace_back(t);
    } else {
      const std::vector<std::string>& langs = f.stem_langs[stem - f.stems.begin()];
      if (Xapian::Query q = StemQuery(t, *stem, langs); !q.empty()) title.push_back(std::move(q));
    }
  }
  title_words_.push_back(std::move(title));
}

Xapian::Query QueryBuilder::Words(const QueryNode& leaf, BuiltQuery& out, Xapian::Query* core) {
  bool title = leaf.field == "title";
  std::vector<Xapian::Query> words, cores;
  std::string previous;
  for (const analysis::Token& t : Tokens(leaf.text)) {
    if (!t.numeric) out.words.push_back({t.norm, leaf.begin + t.begin, leaf.begin + t.end});
    if (title) {
      terms_.insert(t.norm);
      std::vector<std::string> title_term = {std::string(index::kTitlePrefix) + t.norm};
      words.push_back(Scaled(title_term, weights_.exact));
      cores.push_back(words.back());
    } else {
      Xapian::Query word_core;
      bool known = false;
      words.push_back(WordQuery(t.norm, &word_core, &known));
      cores.push_back(word_core);
      if (!t.numeric) out.words.back().known = known;
    }
    if (t.joined && !previous.empty() && !title) {
      // "MIMIC-IV" also meets "mimiciv".
      terms_.insert(previous + t.norm);
      words.push_back(Xapian::Query(previous + t.norm));
      cores.push_back(words.back());
    }
    previous = t.norm;
  }
  if (core != nullptr) *core = Combine(Xapian::Query::OP_OR, std::move(cores));
  return Combine(Xapian::Query::OP_OR, std::move(words));
}

Xapian::Query QueryBuilder::Phrase(const QueryNode& leaf, BuiltQuery& out) {
  bool title = leaf.field == "title";
  std::vector<std::string> terms;
  for (const analysis::Token& t : Tokens(leaf.text)) {
    if (!t.numeric) out.words.push_back({t.norm, leaf.begin + t.begin, leaf.begin + t.end});
    terms_.insert(t.norm);
    terms.push_back(title ? std::string(index::kTitlePrefix) + t.norm : t.norm);
  }
  if (terms.empty()) return Xapian::Query();
  if (terms.size() == 1) return Scaled(terms, weights_.exact);
  // Title terms have no positions: all of them, anywhere in the title.
  if (title) return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

Xapian::Query QueryBuilder::Wildcard(const QueryNode& leaf) {
  std::vector<analysis::Token> tokens = Tokens(leaf.text);
  if (tokens.empty()) return Xapian::Query();
  bool title = leaf.field == "title";
  std::vector<Xapian::Query> parts;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    parts.push_back(title ? Xapian::Query(std::string(index::kTitlePrefix) + tokens[i].norm)
                          : WordQuery(tokens[i].norm));
  }
  const std::string& prefix = tokens.back().norm;
  prefixes_.push_back(prefix);
  std::string pattern = analysis::TruncateUtf8(
      (title ? std::string(index::kTitlePrefix) : "") + prefix, kMaxTermBytes);
  parts.emplace_back(Xapian::Query::OP_WILDCARD, pattern, kMaxWildcardTerms,
                     Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  return Combine(Xapian::Query::OP_OR, std::move(parts));
}

Xapian::Query QueryBuilder::CompileAnd(const QueryNode& node, BuiltQuery& out) {
  std::vector<Xapian::Query> all, excluded;
  for (const QueryNode& child : node.children) {
    bool negated = child.sign == QueryNode::Sign::kExcluded;
    (negated ? excluded : all).push_back(Compile(child, out));
  }
  Xapian::Query none = Combine(Xapian::Query::OP_OR, std::move(excluded));
  return AndNot(Combine(Xapian::Query::OP_AND, std::move(all)), none);
}

Xapian::Query QueryBuilder::CompileGroup(
    const QueryNode& node, BuiltQuery& out,
    std::map<std::string, std::vector<std::string>>* filters) {
  std::vector<Xapian::Query> required, optional, optional_core, excluded;
  for (const QueryNode& child : node.children) {
    bool negated = child.sign == QueryNode::Sign::kExcluded;
    if (filters && child.kind == QueryNode::Kind::kFilter && !negated) {
      for (std::string& term : FilterTerms(child.field, child.text)) {
        (*filters)[child.field].push_back(std::move(term));
      }
      continue;
    }
    collect_title_words_ = filters != nullptr && !negated;
    const bool word = child.kind == QueryNode::Kind::kWord;
    may_drop_ = word && filters != nullptr && child.sign == QueryNode::Sign::kNone;
    Xapian::Query core;  // the word as written and stemmed only
    Xapian::Query q = word ? Words(child, out, &core) : Compile(child, out);
    collect_title_words_ = false;
    may_drop_ = false;
    if (negated) {
      excluded.push_back(q);
    } else if (child.sign == QueryNode::Sign::kRequired) {
      required.push_back(q);
    } else {
      optional.push_back(q);
      // Coordination counts the plain words, each as written and stemmed
      // only: its other forms rarely decide whether a page has every word,
      // and would open their posting lists a second time (dev relevance
      // unchanged). Not nested groups: Xapian expands a subquery used
      // twice into two trees, so a group in both the OR and the AND at
      // every level of nesting would build 2^depth posting lists. A word
      // met only through its lemma or folded form counts with all its forms.
      if (word && !q.empty()) optional_core.push_back(core.empty() ? q : core);
    }
  }
  Xapian::Query base = Combine(Xapian::Query::OP_AND, std::move(required));
  // Coordination: a page that has every word of the query also scores the
  // sum of their exact and stemmed weights again, scaled (Lucene's classic
  // "coord" factor).
  Xapian::Query all;
  if (weights_.coordination > 0 && optional_core.size() >= 2) {
    all = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_AND, optional_core.begin(), optional_core.end()),
                        weights_.coordination);
  }
  Xapian::Query maybe = Combine(Xapian::Query::OP_OR, std::move(optional));
  if (!all.empty()) maybe = Xapian::Query(Xapian::Query::OP_OR, maybe, all);
  if (base.empty()) {
    base = maybe;
  } else if (!maybe.empty()) {
    base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, maybe);
  }
  return AndNot(base, Combine(Xapian::Query::OP_OR, std::move(excluded)));
}

Xapian::Query QueryBuilder::Compile(const QueryNode& node, BuiltQuery& out) {
  switch (node.kind) {
    case QueryNode::Kind::kWord:
      return Words(node, out);
    case QueryNode::Kind::kPhrase:
      return Phrase(node, out);
    case QueryNode::Kind::kWildcard:
      return Wildcard(node);
    case QueryNode::Kind::kFilter:
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(FilterTerm(node.field, node.text)), 0.0);
    case QueryNode::Kind::kAnd:
      return CompileAnd(node, out);
    case QueryNode::Kind::kOr: {
      std::vector<Xapian::Query> any;
      for (const QueryNode& child : node.children) any.push_back(Compile(child, out));
      return Combine(Xapian::Query::OP_OR, std::move(any));
    }
    case QueryNode::Kind::kAndNot: {
      if (node.children.empty()) return Xapian::Query();
      std::vector<Xapian::Query> rest;
      for (size_t i = 1; i < node.children.size(); ++i) {
        rest.push_back(Compile(node.children[i], out));
      }
      Xapian::Query first = Compile(node.children[0], out);
      return AndNot(first, Combine(Xapian::Query::OP_OR, std::move(rest)));
    }
    case QueryNode::Kind::kGroup:
      return CompileGroup(node, out, nullptr);
  }
  return Xapian::Query();
}

// Pages whose title holds two neighbouring words of the query (in any
// form; the word itself for a one-word query) gain weight: known-item
// searches name a page by its title. Pairs, not single words, so that one
// common word in a title does not outweigh a page that has every word in
// its text; neighbours, not every pair, so that each word's title terms
// are read at most twice (dev relevance: 0.8969 every pair, 0.8984
// neighbours).
Xapian::Query QueryBuilder::WithTitleMatches(Xapian::Query query) {
  constexpr size_t kMaxTitleWords = 6;
  if (query.empty() || weights_.title_match <= 0 || title_words_.empty()) return query;
  if (title_words_.size() > kMaxTitleWords) title_words_.resize(kMaxTitleWords);
  std::vector<Xapian::Query> words;
  for (const std::vector<Xapian::Query>& forms : title_words_) {
    words.emplace_back(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  }
  std::vector<Xapian::Query> matches;
  if (words.size() == 1) matches.push_back(words[0]);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    matches.emplace_back(Xapian::Query::OP_AND, words[i], words[i + 1]);
  }
  Xapian::Query titles(Xapian::Query::OP_SCALE_WEIGHT,
                       Combine(Xapian::Query::OP_OR, std::move(matches)), weights_.title_match);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, titles);
}

bool QueryBuilder::IsUbiquitousFreq(Xapian::doccount freq) const {
  if (freqs_ == nullptr) return false;
  const Xapian::doccount pages = freqs_->db().get_doccount();
  return pages >= kMinPagesForUbiquity && freq >= kUbiquitousShare * pages;
}

bool QueryBuilder::IsUbiquitous(const std::string& word) const {
  return freqs_ != nullptr && !word.empty() && IsUbiquitousFreq(freqs_->Get(word));
}

size_t QueryBuilder::CountUbiquitous(const QueryNode& node) const {
  if (node.sign == QueryNode::Sign::kExcluded) return 0;
  size_t n = 0;
  if (node.kind == QueryNode::Kind::kWord && node.field.empty()) {
    for (const analysis::Token& t : Tokens(node.text)) n += IsUbiquitous(t.norm) ? 1 : 0;
  }
  for (const QueryNode& child : node.children) n += CountUbiquitous(child);
  return n;
}

void QueryBuilder::PlainWords(BuiltQuery& out) {
  QueryNode all;
  all.kind = QueryNode::Kind::kWord;
  all.text = out.text;
  std::vector<analysis::Token> tokens = Tokens(out.text);
  if (tokens.size() > kMaxPlainWords) all.text.resize(tokens[kMaxPlainWords].begin);
  query_words_ = std::min(tokens.size(), kMaxPlainWords);
  ubiquitous_words_ = CountUbiquitous(all);
  may_drop_ = true;
  out.query = Words(all, out);
  may_drop_ = false;
}

BuiltQuery QueryBuilder::Build(std::string_view text) {
  terms_.clear();
  prefixes_.clear();
  title_words_.clear();
  stem_langs_.clear();
  BuiltQuery out;
  out.text = analysis::TruncateUtf8(analysis::SanitizeUtf8(text), kMaxQueryBytes);
  if (out.text.size() < text.size() && text.size() > kMaxQueryBytes) {
    out.note = "the query is too long: searched its first " + std::to_string(out.text.size()) +
               " bytes";
  }
  Result<ParsedQuery> parsed = ParseQuery(out.text);
  if (!parsed.ok()) {
    out.note = "could not read the query as written (" + parsed.status().message() +
               "): searched for its words";
    PlainWords(out);
    return out;
  }
  if (parsed->dropped > 0) {
    out.note += std::string(out.note.empty() ? "" : "; ") + "the query has too many words: " +
                std::to_string(parsed->dropped) + " left out";
  }
  std::map<std::string, std::vector<std::string>> filters;
  query_words_ = CountWords(parsed->root);
  ubiquitous_words_ = CountUbiquitous(parsed->root);
  out.query = CompileGroup(parsed->root, out, &filters);
  out.query = WithTitleMatches(out.query);
  std::vector<Xapian::Query> fields;
  for (const auto& [field, terms] : filters) {
    fields.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  out.filter = Combine(Xapian::Query::OP_AND, std::move(fields));
  return out;
}

}  // namespace haku::search
