#include "analysis/analyzer.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace haku::analysis {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& term) {
  return std::find(v.begin(), v.end(), term) != v.end();
}

}  // namespace

TEST_CASE("Forms: exact, stems per language, folded") {
  Analyzer a;
  TermForms f = a.Forms("maskininlärning", {"sv"});
  CHECK(f.exact == "maskininlärning");
  REQUIRE(f.stems.size() == 1);
  CHECK(f.stems[0].rfind("Zsv:", 0) == 0);
  CHECK(f.folded == "XFmaskininlarning");
  // Inflections meet at the stem.
  CHECK(a.StemTerm("kliniker", "sv") == a.StemTerm("klinikerna", "sv"));
  CHECK(a.StemTerm("datasets", "en") == a.StemTerm("dataset", "en"));
  CHECK(a.StemTerm("x", "und").empty());
  CHECK_FALSE(a.HasStemmer("und"));
}

TEST_CASE("Forms: Finnish lemmas through consonant gradation, compound parts") {
  Analyzer a;
  TermForms potilaiden = a.Forms("potilaiden", {"fi"});
  CHECK(Has(potilaiden.lemmas, "XLpotilas"));
  CHECK(Has(a.Forms("helsingissä", {"fi"}).lemmas, "XLhelsinki"));
  TermForms etiikka = a.Forms("tekoälyetiikka", {"fi"});
  CHECK(Has(etiikka.parts, "XCtekoäly"));
  CHECK(Has(etiikka.parts, "XCetiikka"));
}

TEST_CASE("Forms: Swedish compound parts") {
  Analyzer a;
  CHECK(Has(a.Forms("bröstcancer", {"sv"}).parts, "XCcancer"));
  CHECK(Has(a.Forms("maskininlärning", {"sv"}).parts, "XCinlärning"));
  CHECK(a.Forms("kliniker", {"sv"}).parts.empty());
}

}  // namespace haku::analysis
