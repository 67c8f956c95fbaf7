// indexer/index/schema.h -- the layout of a haku index (Xapian), in one place.
//
// One Xapian document per resource, keyed by its normalised URL (Q term).
// Free-text terms come from analysis/analyzer.h (exact, Zstem, XF,
// XG, XL, XC). Boolean terms below filter; value slots sort and count, and
// one holds the page's text kept for snippets (kSlotText). Document data is
// a JSON object (written by DocumentBuilder::Build): what a result shows.
//
// Bump kFormatVersion whenever a change here, or in what analysis produces,
// makes an old index answer wrongly; `haku update --rebuild` rebuilds it.
#ifndef HAKU_INDEXER_INDEX_SCHEMA_H_
#define HAKU_INDEXER_INDEX_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include <xapian/types.h>

#include "analysis/analyzer.h"

namespace haku::index {

// 6: one stem term across languages; 7: snippet text after the JSON;
// 8: snippet text in kSlotText; 9: an 8-byte collapse key (CollapseKey).
inline constexpr int kFormatVersion = 9;

// Boolean (filter) term prefixes, after Omega's termprefixes.rst where one
// exists.
inline constexpr std::string_view kUrlPrefix = "Q";       // Q + normalised URL
inline constexpr std::string_view kLangPrefix = "L";      // L + ISO 639-1 ("Lsv"), detected
inline constexpr std::string_view kDeclaredLangPrefix = "XDL";  // XDL + language the page declares
// XDA + declared ":" detected, on a page whose text is not in the language
// it declares ("XDAsv:en": labelled Swedish, written in English); its
// frequency tells a searcher which analyses a language filter admits.
inline constexpr std::string_view kDeclaredAsPrefix = "XDA";
inline constexpr std::string_view kHostPrefix = "H";      // H + host and each parent domain
inline constexpr std::string_view kTypePrefix = "T";      // T + html | pdf | text | none
inline constexpr std::string_view kListPrefix = "XLIST";  // XLIST + list name
inline constexpr std::string_view kSectionPrefix = "XSEC";  // XSEC + normalised section
inline constexpr std::string_view kStatePrefix = "XSTATE";  // XSTATE + fetch state name
inline constexpr std::string_view kTitlePrefix = "S";     // S + title/link-text word (title:)

// The unique term of a URL: Q + URL, or for a URL too long for a Xapian
// term (245 bytes), Q + its first 160 bytes + "#" + a hash of the whole
// ("#" never occurs in a normalised URL).
std::string UrlTerm(std::string_view url);

// Value slots.
inline constexpr Xapian::valueno kSlotSignature = 0;  // hash of everything indexed
inline constexpr Xapian::valueno kSlotLang = 1;       // primary language
inline constexpr Xapian::valueno kSlotHost = 2;       // host
inline constexpr Xapian::valueno kSlotType = 3;       // html | pdf | text | none
inline constexpr Xapian::valueno kSlotFetchedAt = 4;  // sortable_serialise(unix seconds)
inline constexpr Xapian::valueno kSlotContentHash = 5;  // CollapseKey(): duplicates collapse
// The start of the page's text, for snippets (UTF-8, up to 24 KB, raw). A
// value, not part of the document data, because Xapian stores values as
// they are and zlib-compresses data: compressing it was ~5% of a rebuild's
// CPU (on the writer thread), inflating it a share of every search.
inline constexpr Xapian::valueno kSlotText = 6;

// The title terms of one title word (S + its exact form, stems and
// lemmas): what the indexer adds for a title or link-text word and what a
// query's word must meet to count as a title match.
inline std::vector<std::string> TitleTerms(const analysis::TermForms& f) {
  std::vector<std::string> terms = {std::string(kTitlePrefix) + f.exact};
  for (const std::string& t : f.stems) terms.push_back(std::string(kTitlePrefix) + t);
  for (const std::string& t : f.lemmas) terms.push_back(std::string(kTitlePrefix) + t);
  return terms;
}

// Synonyms: "<lang>:<word form>" -> the lemma (XL) and compound-part (XC)
// terms the form was indexed under in that language, as the dictionaries
// gave them ("fi:taulukoita" -> XLtaulukko; "sv:kortkommandot" ->
// XLkortkommando, XCkommando). A searcher takes a query word's lemmas and
// parts from here instead of loading Voikko and hunspell.
inline std::string SynonymKey(std::string_view lang, std::string_view form) {
  std::string key(lang);
  key += ':';
  key += form;
  return key;
}

// Metadata keys.
inline constexpr std::string_view kMetaFormat = "haku:format";
inline constexpr std::string_view kMetaLanguages = "haku:languages";  // "en sv fi"
inline constexpr std::string_view kMetaLastUpdate = "haku:last-update";  // JSON
// Documents added, changed and removed in place since the database was last
// compacted (a decimal number; none: 0).
inline constexpr std::string_view kMetaChangedSinceCompaction = "haku:changed-since-compaction";

// Position gap between blocks, so that phrases do not match across them.
inline constexpr unsigned kBlockGap = 100;

// What kSlotContentHash holds for a page's content hash (SHA-256, hex): its
// first 8 bytes, raw (a hash that is not hex, e.g. in tests: as it is).
// Xapian reads the collapse key of every candidate page of a search, from
// one value stream; 64 hex characters made that stream, and its reads, ~6x
// larger. 64 bits: a chance collision among 100k pages ~3e-10.
inline std::string CollapseKey(std::string_view content_hash) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string key;
  for (size_t i = 0; i + 1 < content_hash.size() && key.size() < 8; i += 2) {
    int hi = nibble(content_hash[i]), lo = nibble(content_hash[i + 1]);
    if (hi < 0 || lo < 0) return std::string(content_hash);
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  return key.size() == 8 ? key : std::string(content_hash);
}

}  // namespace haku::index

#endif  // HAKU_INDEXER_INDEX_SCHEMA_H_
