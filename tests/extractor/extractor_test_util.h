// tests/extractor/extractor_test_util.h -- helpers for the extractor tests.
#ifndef HAKU_TESTS_EXTRACTOR_EXTRACTOR_TEST_UTIL_H_
#define HAKU_TESTS_EXTRACTOR_EXTRACTOR_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "indexer/extractor/extractor.h"

namespace haku::extractor::testing {

// One line per field, as the golden *.expected.txt files hold them.
std::string Dump(const ExtractedPage& page);
// The main text, one block per line.
std::string Body(const ExtractedPage& page);
std::string BoilerplateText(const ExtractedPage& page);
// `utf8` re-encoded in `charset` with ICU (the test fixtures stay UTF-8).
std::string Encode(std::string_view utf8, const char* charset);
// tests/data/extractor/<name>
std::string DataPath(const std::string& name);
std::string ReadData(const std::string& name);
// Extract() of an HTML body at https://example.org/<path>.
ExtractedPage ExtractHtmlBody(std::string_view body,
                              std::string_view charset = "",
                              std::string_view path = "page.html");

}  // namespace haku::extractor::testing

#endif  // HAKU_TESTS_EXTRACTOR_EXTRACTOR_TEST_UTIL_H_
