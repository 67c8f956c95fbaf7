#include "analysis/analyzer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "analysis/dictionary_lexicon.h"

namespace haku::analysis {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& term) {
  return std::find(v.begin(), v.end(), term) != v.end();
}

}  // namespace

TEST_CASE("Forms: exact, stems per language, folded") {
  Analyzer a(MakeDictionaryLexicon());
  TermForms f = a.Forms("maskininlärning", {"sv"});
  CHECK(f.exact == "maskininlärning");
  REQUIRE(f.stems.size() == 1);
  CHECK(f.stems[0] == a.StemTerm("maskininlärning", "sv"));
  CHECK(f.stems[0].rfind("Zmaskininlär", 0) == 0);
  CHECK(f.folded == "XFmaskininlarning");
  // Inflections meet at the stem.
  CHECK(a.StemTerm("kliniker", "sv") == a.StemTerm("klinikerna", "sv"));
  CHECK(a.StemTerm("datasets", "en") == a.StemTerm("dataset", "en"));
  CHECK(a.StemTerm("x", "und").empty());
  // A stem several languages' stemmers share is one term.
  TermForms data = a.Forms("data", {"en", "sv", "da", "nl", "de"});
  CHECK(Has(data.stems, a.StemTerm("data", "en")));
  CHECK(Has(data.stems, a.StemTerm("data", "de")));
  CHECK(data.stems.size() < 5);
  REQUIRE(data.stem_langs.size() == data.stems.size());
  size_t named = 0;
  for (size_t i = 0; i < data.stems.size(); ++i) {
    CHECK(std::count(data.stems.begin(), data.stems.end(), data.stems[i]) == 1);
    // ... and says which languages make it.
    for (const std::string& lang : data.stem_langs[i]) {
      CHECK(a.StemTerm("data", lang) == data.stems[i]);
      ++named;
    }
  }
  CHECK(named == 5);
  CHECK_FALSE(a.HasStemmer("und"));
  CHECK_FALSE(a.HasStemmer("zh"));
  CHECK(a.HasStemmer("fi"));
}

TEST_CASE("Forms stays right across the cache's turnovers") {
  Analyzer a;  // stems and folded forms only
  const TermForms first = a.Forms("klinikerna", {"sv"});
  const TermForms other = a.Forms("datasets", {"en"});
  for (int i = 0; i < 50000; ++i) {
    a.Forms("ord" + std::to_string(i), {"sv"});
    if (i % 997 == 0) {
      // Asked often: kept, or moved back from the old generation, intact.
      const TermForms& again = a.Forms("klinikerna", {"sv"});
      CHECK(again.exact == first.exact);
      CHECK(again.stems == first.stems);
    }
  }
  // Asked once, long ago: analysed afresh, alike.
  const TermForms& later = a.Forms("datasets", {"en"});
  CHECK(later.stems == other.stems);
  CHECK(later.folded == other.folded);
  CHECK(a.Forms("ord49999", {"sv"}).exact == "ord49999");
}

TEST_CASE("Forms: Finnish lemmas through consonant gradation, compound parts") {
  Analyzer a(MakeDictionaryLexicon());
  TermForms potilaiden = a.Forms("potilaiden", {"fi"});
  CHECK(Has(potilaiden.lemmas, "XLpotilas"));
  CHECK(Has(a.Forms("helsingissä", {"fi"}).lemmas, "XLhelsinki"));
  TermForms etiikka = a.Forms("tekoälyetiikka", {"fi"});
  CHECK(Has(etiikka.parts, "XCtekoäly"));
  CHECK(Has(etiikka.parts, "XCetiikka"));
}

TEST_CASE("Forms: Swedish compound parts") {
  Analyzer a(MakeDictionaryLexicon());
  CHECK(Has(a.Forms("bröstcancer", {"sv"}).parts, "XCcancer"));
  CHECK(Has(a.Forms("maskininlärning", {"sv"}).parts, "XCinlärning"));
  CHECK(a.Forms("kliniker", {"sv"}).parts.empty());
}

namespace {

// Knows one Swedish word, and counts what it is asked.
class OneWordLexicon : public Lexicon {
 public:
  void AddMorphology(std::string_view word, std::string_view lang, TermForms& forms) override {
    ++asked;
    if (lang == "sv" && word == "tabellerna") {
      AddUniqueTerm(forms.lemmas, "XLtabell");
      AddUniqueTerm(forms.lemmas, "XLtabell");  // once only
    }
  }
  double KnownShare(std::string_view lang, const std::vector<std::string>&) override {
    return lang == "sv" ? 1.0 : 0.0;
  }
  int asked = 0;
};

}  // namespace

TEST_CASE("Forms: lemmas and parts come from the lexicon; none without one") {
  auto owned = std::make_unique<OneWordLexicon>();
  OneWordLexicon* lexicon = owned.get();
  Analyzer a(std::move(owned));
  CHECK(a.Forms("tabellerna", {"sv"}).lemmas == std::vector<std::string>{"XLtabell"});
  CHECK(a.Forms("tabellerna", {"en"}).lemmas.empty());
  CHECK(a.Forms("tabellerna", {"sv"}).lemmas.size() == 1);  // cached: not asked again
  CHECK(lexicon->asked == 2);
  CHECK(a.KnownShare("sv", {"tabell"}) == 1.0);

  Analyzer plain;
  TermForms f = plain.Forms("potilaiden", {"fi"});
  CHECK(f.lemmas.empty());
  CHECK(f.parts.empty());
  CHECK_FALSE(f.stems.empty());
  CHECK(plain.KnownShare("sv", {"tabell"}) == 0.0);
}

}  // namespace haku::analysis
