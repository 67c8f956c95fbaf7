// indexer/extractor/pdf_extractor.h -- PDF to an ExtractedPage, with
// poppler-cpp.
//
// Text of at most options.max_pdf_pages pages (paragraphs split on blank
// lines, one block each), the Info title (else the first line of text), the
// language from XMP dc:language or the catalog's /Lang, the modification
// date. kFailed with a one-line reason for: no "%PDF-" header, a missing
// "%%EOF" (a truncated download), a document poppler cannot open (corrupt),
// an encrypted document that needs a password, no extractable text, and,
// in a subprocess, a crash or timeout.
//
// Poppler is a large C++ parser fed with untrusted bytes (xapian-omega's
// worker.h makes the same point), so by default ExtractPdf() forks a child
// that parses and writes the result back through a pipe; the parent waits
// at most options.pdf_timeout_ms, then kills it. Thread-safe: the child
// touches nothing shared, and the parent only forks, reads and reaps its own
// child. (fork() in a multi-threaded process is safe here because the
// child only runs poppler and malloc, which glibc keeps usable after fork.)
#ifndef HAKU_INDEXER_EXTRACTOR_PDF_EXTRACTOR_H_
#define HAKU_INDEXER_EXTRACTOR_PDF_EXTRACTOR_H_

#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor {

// type is kPdf on success, kFailed with `reason` otherwise.
ExtractedPage ExtractPdf(std::string_view bytes, const ExtractOptions& options);

// The same in this process (what the child runs).
ExtractedPage ParsePdfInProcess(std::string_view bytes,
                                const ExtractOptions& options);

}  // namespace haku::extractor

#endif  // HAKU_INDEXER_EXTRACTOR_PDF_EXTRACTOR_H_
