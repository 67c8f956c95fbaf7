// Tests for analysis/finnish_lemmatizer, swedish_compounds and
// spell_dictionary on real Finnish and Swedish words, with Debian's voikko-fi,
// hunspell-sv and hunspell-en-us.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "analysis/finnish_lemmatizer.h"
#include "analysis/spell_dictionary.h"
#include "analysis/swedish_compounds.h"
#include "tests/test_util.h"

namespace haku::analysis {
namespace {

using Words = std::vector<std::string>;

bool Contains(const Words& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Loading a dictionary takes a while: one of each per test binary.
FinnishLemmatizer& Finnish() {
  static std::unique_ptr<FinnishLemmatizer> lemmatizer =
      FinnishLemmatizer::Create();
  REQUIRE(lemmatizer != nullptr);
  return *lemmatizer;
}

SwedishCompounds& Swedish() {
  static std::unique_ptr<SwedishCompounds> compounds =
      SwedishCompounds::Create();
  REQUIRE(compounds != nullptr);
  return *compounds;
}

SpellDictionary& English() {
  static std::unique_ptr<SpellDictionary> dictionary =
      SpellDictionary::Open("en");
  REQUIRE(dictionary != nullptr);
  return *dictionary;
}

TEST_SUITE("finnish_lemmatizer") {
  TEST_CASE("inflections share one lemma, consonant gradation included") {
    const struct {
      const char* word;
      const char* lemma;
    } cases[] = {
        {"potilas", "potilas"},
        {"potilaan", "potilas"},
        {"potilaiden", "potilas"},
        {"potilaat", "potilas"},
        {"helsinki", "helsinki"},
        {"helsingissä", "helsinki"},
        {"helsingin", "helsinki"},
        {"tekoäly", "tekoäly"},
        {"tekoälyn", "tekoäly"},
        {"tekoälyetiikka", "tekoälyetiikka"},
        {"tietosuoja", "tietosuoja"},
        {"tietosuojan", "tietosuoja"},
        {"sairaala", "sairaala"},
        {"sairaalassa", "sairaala"},
        {"tulostusalueen", "tulostusalue"},
        {"parempi", "hyvä"},
        {"juoksin", "juosta"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.word);
      const FinnishLemmatizer::Analysis& a = Finnish().Analyze(c.word);
      CHECK(a.known);
      REQUIRE_FALSE(a.lemmas.empty());
      CHECK(a.lemmas.front() == c.lemma);
    }
  }

  TEST_CASE("compound parts, with runs of adjacent parts") {
    const struct {
      const char* word;
      Words parts;
    } cases[] = {
        {"tekoälyetiikka", {"teko", "tekoäly", "äly", "älyetiikka", "etiikka"}},
        {"tekoälyn", {"teko", "äly"}},
        {"tulostusalueen", {"tulostus", "alue"}},
        {"tietosuojan", {"tieto", "suoja"}},
        {"maailmanpankki", {"maailma", "pankki"}},
        {"yliopistosairaalan", {"yliopisto", "sairaala"}},
        {"tietojenkäsittelytiede",
         {"tieto", "tietojenkäsittely", "käsittely", "käsittelytiede",
          "tiede"}},
        {"asetusvalinnoista", {"asetus", "valinta"}},
        {"aikuissosiaalityö", {"aikuinen", "sosiaalityö"}},
        {"epäonnistuminen", {}},  // bound prefix epä-: no "onnistua"
        {"potilaiden", {}},
        {"sairaalassa", {}},
        {"helsingissä", {}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.word);
      CHECK(Finnish().Analyze(c.word).compound_parts == c.parts);
    }
  }

  TEST_CASE("both readings of a compound are obtainable") {
    const Words& parts = Finnish().Analyze("tekoälyetiikka").compound_parts;
    CHECK(Contains(parts, "tekoäly"));
    CHECK(Contains(parts, "äly"));
    CHECK(Contains(parts, "etiikka"));
  }

  TEST_CASE("ambiguous words keep every lemma, the word itself first") {
    CHECK(Finnish().Analyze("kuusi").lemmas == Words{"kuusi", "kuu"});
  }

  TEST_CASE("unknown and malformed input") {
    for (const std::string word : {"computer", "patientjournal", "xyzzy", ""}) {
      CAPTURE(word);
      const FinnishLemmatizer::Analysis& a = Finnish().Analyze(word);
      CHECK_FALSE(a.known);
      CHECK(a.lemmas.empty());
      CHECK(a.compound_parts.empty());
    }
    CHECK_FALSE(Finnish().Analyze(std::string("talo\0talo", 9)).known);
    CHECK_FALSE(Finnish().Analyze("talo\xff").known);
    CHECK_FALSE(Finnish().Analyze(std::string(300, 'a')).known);
  }

  TEST_CASE("known words, case-insensitive") {
    for (const std::string word :
         {"potilaiden", "helsingissä", "ja", "tietosuoja"}) {
      CAPTURE(word);
      CHECK(Finnish().IsKnownWord(word));
    }
    for (const std::string word : {"the", "patient", "bröstcancer", "och"}) {
      CAPTURE(word);
      CHECK_FALSE(Finnish().IsKnownWord(word));
    }
  }

  TEST_CASE("a full cache is emptied and refilled") {
    auto lemmatizer = FinnishLemmatizer::Create(2);
    REQUIRE(lemmatizer != nullptr);
    for (const std::string word :
         {"potilaan", "sairaalassa", "tietosuojan", "potilaan", "helsingin"}) {
      CAPTURE(word);
      CHECK(lemmatizer->Analyze(word).known);
    }
    CHECK(lemmatizer->Analyze("potilaiden").lemmas == Words{"potilas"});
  }
}

TEST_SUITE("swedish_compounds") {
  TEST_CASE("compounds split into dictionary words") {
    const struct {
      const char* word;
      Words parts;
    } cases[] = {
        {"bröstcancer", {"bröst", "cancer"}},
        {"maskininlärning", {"maskin", "inlärning"}},
        {"maskininlärningen", {"maskin", "inlärningen"}},
        {"patientjournal", {"patient", "journal"}},
        {"sjukhusvård", {"sjukhus", "vård"}},
        {"vårdcentral", {"vård", "central"}},
        {"vårdcentralen", {"vård", "centralen"}},
        {"patientsäkerhet", {"patient", "säkerhet"}},
        {"cancerforskning", {"cancer", "forskning"}},
        {"barnsjukhuset", {"barn", "sjukhuset"}},
        {"socialstyrelsen", {"social", "styrelsen"}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.word);
      CHECK(Swedish().Split(c.word) == c.parts);
    }
  }

  TEST_CASE("linking morphemes are removed from non-final parts") {
    const struct {
      const char* word;
      Words parts;
    } cases[] = {
        {"läkemedelsverket", {"läkemedel", "verket"}},  // -s-
        {"arbetsmarknadsdepartementet", {"arbetsmarknad", "departementet"}},
        {"folkhälsomyndigheten", {"folkhälsa", "myndigheten"}},  // a -> o
        {"veckodag", {"vecka", "dag"}},                          // a -> o
        {"kvinnokliniken", {"kvinna", "kliniken"}},              // a -> o
        {"räntehöjning", {"ränta", "höjning"}},                  // a -> e
        {"flickskola", {"flicka", "skola"}},                     // -a dropped
        {"hyresgäst", {"hyra", "gäst"}},                         // a -> es
        {"ansiktsuttryck", {"ansikte", "uttryck"}},              // e -> s
        {"förarplatsen", {"förare", "platsen"}},                 // -e dropped
    };
    for (const auto& c : cases) {
      CAPTURE(c.word);
      CHECK(Swedish().Split(c.word) == c.parts);
    }
  }

  TEST_CASE("simple words stay whole") {
    for (const std::string word :
         {"kliniker", "kontakt", "cancer", "regeringen", "station", "konstant",
          "matematik", "betala", "forskning", "patienterna", "inlärning",
          "liggande", "användande"}) {
      CAPTURE(word);
      CHECK(Swedish().Split(word).empty());
    }
  }

  TEST_CASE("unknown, short and malformed words are not split") {
    for (const std::string word :
         {"", "bil", "healthcare", "workflow", "potilaiden",
          "bröst\xff"
          "cancer"}) {
      CAPTURE(word);
      CHECK(Swedish().Split(word).empty());
    }
    CHECK(Swedish().Split(std::string("bröst\0cancer", 12)).empty());
  }

  TEST_CASE("known words") {
    for (const std::string word :
         {"och", "vården", "bröstcancer", "maskininlärning", "stockholm",
          "läkemedelsverket"}) {
      CAPTURE(word);
      CHECK(Swedish().IsKnownWord(word));
    }
    for (const std::string word :
         {"healthcare", "potilaiden", "tietosuoja", "guidelines"}) {
      CAPTURE(word);
      CHECK_FALSE(Swedish().IsKnownWord(word));
    }
  }

  TEST_CASE("lemmas undo inflections Snowball leaves apart") {
    // Snowball Swedish: "kortkommandot" and "kortkommandon" stay apart, as
    // do "aktuellt" and "aktuell", "databasfältet" and "databasfält".
    CHECK(Swedish().Lemmas("kortkommandot") == Words{"kortkommando"});
    CHECK(Swedish().Lemmas("kortkommandon") == Words{"kortkommando"});
    CHECK(Swedish().Lemmas("aktuellt") == Words{"aktuell"});
    CHECK(Swedish().Lemmas("aktuella") == Words{"aktuell"});
    CHECK(Swedish().Lemmas("databasfältet") == Words{"databasfält"});
    CHECK(Swedish().Lemmas("ordlistor") == Words{"ordlista"});
    Words helps = Swedish().Lemmas("hjälper");
    CHECK(std::find(helps.begin(), helps.end(), "hjälpa") != helps.end());
    // Hunspell's stem of a compound it builds is its first part: not a lemma.
    CHECK(Swedish().Lemmas("gruppelement").empty());
    CHECK(Swedish().Lemmas("healthcare").empty());
    CHECK(Swedish().Lemmas("").empty());
  }

  TEST_CASE("a full cache is emptied and refilled") {
    auto compounds = SwedishCompounds::Create(1);
    REQUIRE(compounds != nullptr);
    CHECK(compounds->Split("bröstcancer") == Words{"bröst", "cancer"});
    CHECK(compounds->Split("kontakt").empty());
    CHECK(compounds->Split("bröstcancer") == Words{"bröst", "cancer"});
  }
}

TEST_SUITE("spell_dictionary") {
  TEST_CASE("english words") {
    for (const std::string word :
         {"the", "patient", "healthcare", "workflow", "london", "journals"}) {
      CAPTURE(word);
      CHECK(English().IsKnownWord(word));
    }
    for (const std::string word : {"bröstcancer", "potilaiden", "sjukhusvård",
                                   "tekoäly", "", "the\xff"}) {
      CAPTURE(word);
      CHECK_FALSE(English().IsKnownWord(word));
    }
  }

  TEST_CASE("check reports compounds, stems undo inflection") {
    auto swedish = SpellDictionary::Open("sv");
    REQUIRE(swedish != nullptr);
    CHECK(swedish->Check("maskininlärning").compound);
    CHECK_FALSE(swedish->Check("bröstcancer").compound);  // listed whole
    CHECK(swedish->Check("bröstcancer").known);
    CHECK_FALSE(swedish->Check("Stockholm").compound);
    CHECK_FALSE(swedish->Check("healthcare").known);
    CHECK(swedish->Stems("läkemedels") == Words{"läkemedel"});
    CHECK(swedish->Stems("healthcare").empty());
  }

  TEST_CASE("missing dictionaries") {
    CHECK(SpellDictionary::Open("xx") == nullptr);
    CHECK(SpellDictionary::Open("") == nullptr);
    testing::TempDir dir;
    CHECK(SpellDictionary::Open("sv", {.directory = dir.path()}) == nullptr);
  }

  TEST_CASE("only UTF-8 dictionaries open") {
    testing::TempDir dir;
    testing::WriteFile(dir.File("xx_UTF.aff"), "SET UTF-8\n");
    testing::WriteFile(dir.File("xx_UTF.dic"), "1\nkött\n");
    testing::WriteFile(dir.File("xx_LAT.aff"), "SET ISO8859-1\n");
    testing::WriteFile(dir.File("xx_LAT.dic"), "1\nkatt\n");
    auto utf8 = SpellDictionary::Open("xx_UTF", {.directory = dir.path()});
    REQUIRE(utf8 != nullptr);
    CHECK(utf8->IsKnownWord("kött"));
    CHECK_FALSE(utf8->IsKnownWord("katt"));
    CHECK(SpellDictionary::Open("xx_LAT", {.directory = dir.path()}) ==
          nullptr);
  }
}

}  // namespace
}  // namespace haku::analysis
