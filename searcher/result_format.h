// searcher/result_format.h -- search results as people and programs read them.
//
// JSON (stable; documented in README.md):
//   {"query": str, "total": int, "results": [{"rank": int, "url": str,
//    "title": str, "lang": str, "langs": [str], "lists": [str],
//    "sections": [str], "snippet": str, "snippet_html": str, "score": num,
//    "type": str, "state": str, "duplicates": [str]}],
//    "suggestion": str, "note": str,
//    "facets": {"lang": {str: int}, "list": {...}, "site": {...}, "type": {...}}}
// "sections" holds one "A › B" path per listing; "snippet_html" is the
// snippet HTML-escaped with matched words in <mark>; "suggestion", "note"
// and "facets" appear only when there is one (facets: when asked for).
#ifndef HAKU_SEARCHER_RESULT_FORMAT_H_
#define HAKU_SEARCHER_RESULT_FORMAT_H_

#include <string>

#include "searcher/searcher.h"

namespace haku::search {

struct HumanStyle {
  bool color = false;  // bold matches and dim URLs (a terminal without NO_COLOR)
};

enum class OutputFormat { kHuman, kJson, kTsv };

std::string FormatJson(const SearchResults& results);
std::string FormatHuman(const SearchResults& results, const HumanStyle& style);
// rank, score, lang, url, title: one line per hit, tabs in fields replaced.
std::string FormatTsv(const SearchResults& results);
// `results` in `format`; human output also carries the facets, if any.
std::string Format(const SearchResults& results, OutputFormat format, const HumanStyle& style);
// The facets as a few human lines ("lang: en 12, sv 3"), most frequent first.
std::string FormatFacets(const SearchResults& results);

}  // namespace haku::search

#endif  // HAKU_SEARCHER_RESULT_FORMAT_H_
