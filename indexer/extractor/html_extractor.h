// indexer/extractor/html_extractor.h -- HTML (already UTF-8) to an
// ExtractedPage, with Gumbo.
//
// Metadata: title (<title>, else og:title, else the first <h1>),
// description (meta description, else og:description), language hint
// (<html lang>, else http-equiv Content-Language, else the response's
// Content-Language), <link rel=canonical>, a modification date (meta
// article:modified_time, dcterms.modified, <time datetime> in an <article>,
// last-modified meta), outgoing links (absolute http(s), against <base href>
// and the page URL, fragments dropped, each once).
//
// Main text: a <main> (or role=main) element is the content root, else the
// only <article>, else <body>; text outside the root is boilerplate.
// Dropped: script, style, noscript, template, embedded objects, form
// controls, hidden elements ([hidden], aria-hidden=true, display:none or
// visibility:hidden in style, class "hidden"/"d-none"). Boilerplate: nav,
// forms, dialogs, page-level header/footer (outside article/main/section),
// aside outside an article, the matching ARIA roles, containers whose
// class or id names a menu, navigation, breadcrumbs, sidebar, footer,
// cookie/consent banner or sharing widget, and blocks mostly made of link
// text (unless the page is mostly links). Each paragraph, heading, list
// item, table cell and <pre> is one Block. Thread-safe.
#ifndef HAKU_INDEXER_EXTRACTOR_HTML_EXTRACTOR_H_
#define HAKU_INDEXER_EXTRACTOR_HTML_EXTRACTOR_H_

#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

// `html` must be valid UTF-8; page.url resolves links and page.
// content_language is the fallback language hint. type is kHtml; charset
// is left to the caller.
ExtractedPage ExtractHtml(std::string_view html, const RawPage& page,
                          const ExtractOptions& options);

// An ISO 8601 date from `value`: ISO strings as found (trimmed), HTTP dates
// ("Tue, 15 Nov 1994 08:12:31 GMT") converted; "" when neither.
std::string NormalizeDate(std::string_view value);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_HTML_EXTRACTOR_H_
