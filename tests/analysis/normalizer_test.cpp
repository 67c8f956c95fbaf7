#include "analysis/normalizer.h"

#include <doctest/doctest.h>

namespace haku::analysis {

TEST_CASE("NormalizeWord: NFKC, full case folding, apostrophes; å ä ö stay") {
  CHECK(NormalizeWord("Maskininlärning") == "maskininlärning");
  CHECK(NormalizeWord("TEKOÄLY") == "tekoäly");
  CHECK(NormalizeWord("Ängelholm") == "ängelholm");
  CHECK(NormalizeWord("Öppna") == "öppna");
  CHECK(NormalizeWord("Straße") == "strasse");            // full folding
  CHECK(NormalizeWord("ﬁnancial") == "financial");        // ligature
  CHECK(NormalizeWord("ｄａｔａ") == "data");                // full-width
  CHECK(NormalizeWord("bröst\u00ADcancer") == "bröstcancer");  // soft hyphen
  CHECK(NormalizeWord("King’s") == "king's");
  // Decomposed input composes: a + combining ring above is å.
  CHECK(NormalizeWord("va\u030Ard") == "vård");
}

TEST_CASE("FoldDiacritics forgives missing marks") {
  CHECK(FoldDiacritics("maskininlärning") == "maskininlarning");
  CHECK(FoldDiacritics("tekoäly") == "tekoaly");
  CHECK(FoldDiacritics("vård") == "vard");
  CHECK(FoldDiacritics("søren") == "soren");
  CHECK(FoldDiacritics("plain") == "plain");
}

TEST_CASE("SanitizeUtf8 replaces invalid sequences") {
  CHECK(SanitizeUtf8("ok") == "ok");
  CHECK(SanitizeUtf8("k\xe4sikirja") == "k\xEF\xBF\xBDsikirja");
  CHECK(SanitizeUtf8("\xC3") == "\xEF\xBF\xBD");
  CHECK(IsAscii("abc"));
  CHECK_FALSE(IsAscii("åbc"));
}

}  // namespace haku::analysis
