#include "indexer/index/document_builder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "analysis/dictionary_lexicon.h"
#include "analysis/language_id.h"
#include "analysis/normalizer.h"
#include "analysis/page_language.h"
#include "analysis/tokenizer.h"
#include "indexer/index/schema.h"

namespace haku::index {
namespace {

constexpr size_t kStoredTextBytes = 24 * 1024;      // body kept for snippets

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  if (!authority.empty() && authority.front() == '[') {
    return std::string(authority.substr(0, authority.find(']') + 1));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

std::string TldOf(const std::string& host) {
  size_t dot = host.rfind('.');
  return dot == std::string::npos ? "" : host.substr(dot + 1);
}

// "www.physionet.org" -> {"www.physionet.org", "physionet.org", "org"}: a
// site filter names a site at any level, down to a country (--site fi).
std::vector<std::string> HostAndParents(const std::string& host) {
  std::vector<std::string> out;
  if (host.empty()) return out;
  out.push_back(host);
  if (host.front() == '[') return out;
  size_t dot = host.find('.');
  while (dot != std::string::npos) {
    out.push_back(host.substr(dot + 1));
    dot = host.find('.', dot + 1);
  }
  return out;
}

// FNV-1a 64: stable across builds and runs (std::hash is not).
uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string BodyText(const IndexDocument& doc, size_t max_bytes) {
  std::string text;
  for (const TextBlock& b : doc.blocks) {
    if (text.size() >= max_bytes) break;
    if (!text.empty()) text += "\n\n";
    text += b.text;
  }
  return analysis::TruncateUtf8(std::move(text), max_bytes);
}

std::string EntryText(const ListContext& c) {
  return c.description.empty() ? c.link_text : c.link_text + " — " + c.description;
}

}  // namespace

// Adds analysed text to one Xapian document, keeping positions apart
// between blocks.
class DocumentBuilder::Fields {
 public:
  Fields(Xapian::Document& doc, analysis::Analyzer& analyzer, SynonymRecorder& synonyms)
      : doc_(doc), analyzer_(analyzer), synonyms_(synonyms) {}

  void Add(std::string_view text, const std::string& lang, unsigned wdf, bool title = false) {
    std::vector<std::string> langs;
    if (lang != analysis::kUndetermined && analyzer_.HasStemmer(lang)) langs.push_back(lang);
    std::string clean = analysis::SanitizeUtf8(text);
    std::string previous;
    for (const analysis::Token& t : analysis::Tokenize(clean)) {
      const analysis::TermForms& f = analyzer_.Forms(t.norm, langs);
      doc_.add_posting(f.exact, pos_++, wdf);
      for (const std::string& term : f.stems) doc_.add_term(term, wdf);
      if (!f.folded.empty()) doc_.add_term(f.folded, wdf);
      for (const std::string& term : f.folded_stems) doc_.add_term(term, wdf);
      for (const std::string& term : f.lemmas) doc_.add_term(term, wdf);
      for (const std::string& term : f.parts) doc_.add_term(term, std::max(1u, wdf / 2));
      if (!langs.empty() && (!f.lemmas.empty() || !f.parts.empty())) synonyms_.Add(langs[0], f);
      if (t.joined && !previous.empty()) doc_.add_term(previous + t.norm, wdf);
      if (title) {
        // Exact forms for title: queries; stems and lemmas too, so that a
        // query's inflected word still counts as a title match.
        for (const std::string& term : TitleTerms(f)) doc_.add_term(term, wdf);
      }
      previous = t.norm;
    }
    pos_ += kBlockGap;
  }

 private:
  Xapian::Document& doc_;
  analysis::Analyzer& analyzer_;
  SynonymRecorder& synonyms_;
  Xapian::termpos pos_ = 1;
};

std::string UrlTerm(std::string_view url) {
  constexpr size_t kMaxUrlInTerm = 200, kKeptPrefix = 160;
  std::string term(kUrlPrefix);
  if (url.size() <= kMaxUrlInTerm) return term.append(url);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(Fnv1a(url)));
  return term.append(url.substr(0, kKeptPrefix)).append("#").append(hash);
}

void DocumentBuilder::SynonymRecorder::Add(const std::string& lang, const analysis::TermForms& f) {
  key_ = SynonymKey(lang, f.exact);
  size_t hash = std::hash<std::string>{}(key_);
  if (recorded_.contains(hash)) return;  // most tokens: one hash look-up
  if (recorded_.size() >= kMaxRecorded) recorded_.clear();
  recorded_.insert(hash);
  for (const std::string& term : f.lemmas) pending_.emplace_back(key_, term);
  for (const std::string& term : f.parts) pending_.emplace_back(key_, term);
}

std::vector<std::pair<std::string, std::string>> DocumentBuilder::TakeSynonyms() {
  return std::exchange(synonyms_.pending_, {});
}

std::string DocumentBuilder::UrlOf(const Xapian::Document& doc) {
  nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
  return data.is_object() ? data.value("url", "") : "";
}

DocumentBuilder::DocumentBuilder(FieldWeights weights, analysis::SharedMorphology* morphology)
    : weights_(weights), analyzer_(analysis::MakeDictionaryLexicon({.shared = morphology})) {}

std::string DocumentBuilder::Signature(const IndexDocument& doc) {
  nlohmann::json j;
  j["v"] = kFormatVersion;
  j["url"] = doc.url;
  nlohmann::json contexts = nlohmann::json::array();
  for (const ListContext& c : doc.contexts) {
    contexts.push_back({c.list, c.sections, c.link_text, c.description, c.list_lang});
  }
  j["c"] = contexts;
  // What the page says (title, text, ...) follows from its content hash, so
  // a signature can be checked before anything is extracted.
  j["p"] = {doc.fetch_state, doc.final_url, doc.content_hash, doc.depth, doc.parent_url,
            doc.redirects};
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Fnv1a(s)));
  return buf;
}

Xapian::Document DocumentBuilder::Build(const IndexDocument& doc,
                                        std::set<std::string>& languages) {
  std::string host = HostOf(doc.url);
  std::string tld = TldOf(host);

  // Languages: of each list entry, and of the page when there is one.
  std::vector<std::string> entry_langs;
  std::set<std::string> filter_langs;
  for (const ListContext& c : doc.contexts) {
    analysis::LanguageResult r =
        analysis::IdentifyLanguage(EntryText(c), {.declared = "", .tld = tld, .fallback = c.list_lang},
                                   analyzer_);
    entry_langs.push_back(r.lang);
  }
  std::string primary = entry_langs.empty() ? std::string(analysis::kUndetermined) : entry_langs[0];
  std::vector<std::string> block_langs;
  if (!doc.blocks.empty() || !doc.title.empty()) {
    std::vector<std::string> texts;
    texts.reserve(doc.blocks.size());
    for (const TextBlock& b : doc.blocks) texts.push_back(b.text);
    analysis::PageLanguages page = analysis::IdentifyPageLanguages(
        texts, doc.title, {.declared = doc.lang_hint, .tld = tld, .fallback = primary}, analyzer_,
        {}, &short_verdicts_);
    primary = page.primary;
    filter_langs = std::move(page.filter);
    block_langs = std::move(page.blocks);
  } else {
    filter_langs.insert(entry_langs.begin(), entry_langs.end());
  }

  Xapian::Document xdoc;
  Fields fields(xdoc, analyzer_, synonyms_);
  fields.Add(doc.title, primary, weights_.title, /*title=*/true);
  for (size_t i = 0; i < doc.contexts.size(); ++i) {
    const ListContext& c = doc.contexts[i];
    fields.Add(c.link_text, entry_langs[i], weights_.link_text, /*title=*/true);
    fields.Add(c.description, entry_langs[i], weights_.description);
    for (const std::string& s : c.sections) fields.Add(s, entry_langs[i], weights_.section);
  }
  fields.Add(doc.description, primary, weights_.description);
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const TextBlock& b = doc.blocks[i];
    fields.Add(b.text, block_langs[i], b.heading ? weights_.heading : weights_.body);
  }
  // Template and hidden text: searchable, but never above the page's own.
  for (const std::string& text : doc.boilerplate) fields.Add(text, primary, weights_.boilerplate);

  // Boolean terms and values.
  xdoc.add_boolean_term(UrlTerm(doc.url));
  for (const std::string& lang : filter_langs) {
    xdoc.add_boolean_term(std::string(kLangPrefix) + lang);
    if (lang != analysis::kUndetermined) languages.insert(lang);
  }
  for (const std::string& lang : entry_langs) {
    if (lang != analysis::kUndetermined) languages.insert(lang);
  }
  std::string declared = analysis::PrimaryLanguage(doc.lang_hint);
  if (!declared.empty() && declared.size() <= 3) {
    xdoc.add_boolean_term(std::string(kDeclaredLangPrefix) + declared);
    if (!filter_langs.contains(declared)) {
      for (const std::string& lang : filter_langs) {
        if (lang == analysis::kUndetermined) continue;
        xdoc.add_boolean_term(std::string(kDeclaredAsPrefix) + declared + ":" + lang);
      }
    }
  }
  for (const std::string& h : HostAndParents(host)) {
    xdoc.add_boolean_term(std::string(kHostPrefix) + h);
  }
  std::string type = doc.content_type.empty() ? "none" : doc.content_type;
  xdoc.add_boolean_term(std::string(kTypePrefix) + type);
  xdoc.add_boolean_term(std::string(kStatePrefix) + doc.fetch_state);
  for (const ListContext& c : doc.contexts) {
    xdoc.add_boolean_term(std::string(kListPrefix) + c.list);
    for (const std::string& s : c.sections) {
      std::string sec = analysis::NormalizeWord(s);
      if (!sec.empty() && sec.size() < 200) xdoc.add_boolean_term(std::string(kSectionPrefix) + sec);
    }
  }
  xdoc.add_value(kSlotSignature, Signature(doc));
  xdoc.add_value(kSlotLang, primary);
  xdoc.add_value(kSlotHost, host);
  xdoc.add_value(kSlotType, type);
  xdoc.add_value(kSlotFetchedAt, Xapian::sortable_serialise(static_cast<double>(doc.fetched_at)));
  if (!doc.content_hash.empty()) xdoc.add_value(kSlotContentHash, CollapseKey(doc.content_hash));

  // What search results show.
  nlohmann::json data;
  data["url"] = doc.url;
  data["title"] = doc.title;
  data["lang"] = primary;
  data["langs"] = std::vector<std::string>(filter_langs.begin(), filter_langs.end());
  data["description"] = doc.description;
  nlohmann::json contexts = nlohmann::json::array();
  for (size_t i = 0; i < doc.contexts.size(); ++i) {
    const ListContext& c = doc.contexts[i];
    contexts.push_back({{"list", c.list}, {"sections", c.sections}, {"link_text", c.link_text},
                        {"description", c.description}, {"lang", entry_langs[i]}});
  }
  data["contexts"] = contexts;
  data["type"] = type;
  data["state"] = doc.fetch_state;
  data["final_url"] = doc.final_url;
  data["fetched_at"] = doc.fetched_at;
  xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::string text = analysis::SanitizeUtf8(BodyText(doc, kStoredTextBytes));
  if (!text.empty()) xdoc.add_value(kSlotText, text);
  return xdoc;
}

}  // namespace haku::index
