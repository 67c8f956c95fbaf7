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

TEST_CASE("NormalizeWord: ASCII (a fast path) folds only A-Z, as ICU does") {
  CHECK(NormalizeWord("MIMIC-IV") == "mimic-iv");
  CHECK(NormalizeWord("O'Reilly_2.0") == "o'reilly_2.0");
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  std::string want = all;
  for (char& c : want) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  CHECK(NormalizeWord(all) == want);
  CHECK(NormalizeWord("Ä" + all) == "ä" + want);  // the ICU path agrees
}

TEST_CASE("FoldDiacritics forgives missing marks") {
  CHECK(FoldDiacritics("maskininlärning") == "maskininlarning");
  CHECK(FoldDiacritics("tekoäly") == "tekoaly");
  CHECK(FoldDiacritics("vård") == "vard");
  CHECK(FoldDiacritics("søren") == "soren");
  CHECK(FoldDiacritics("plain") == "plain");
}

TEST_CASE("TruncateUtf8 never cuts inside a character") {
  CHECK(TruncateUtf8("short", 10) == "short");
  CHECK(TruncateUtf8("abcdef", 3) == "abc");
  // "hälsa": h, then ä in two bytes; a cut at 2 would split ä.
  CHECK(TruncateUtf8("hälsa", 2) == "h");
  CHECK(TruncateUtf8("hälsa", 3) == "hä");
  CHECK(TruncateUtf8("ä", 0).empty());
}

TEST_CASE("SanitizeUtf8 replaces invalid sequences") {
  CHECK(SanitizeUtf8("ok") == "ok");
  CHECK(SanitizeUtf8("k\xe4sikirja") == "k\xEF\xBF\xBDsikirja");
  CHECK(SanitizeUtf8("\xC3") == "\xEF\xBF\xBD");
  CHECK(SanitizeUtf8("a\xff\xfe" "b\xC3") == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  CHECK(SanitizeUtf8("åäö \xe4 ok") == "åäö \xEF\xBF\xBD ok");
  CHECK(IsAscii("abc"));
  CHECK_FALSE(IsAscii("åbc"));
}

}  // namespace haku::analysis
