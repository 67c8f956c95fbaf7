#include "analysis/language_id.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/dictionary_lexicon.h"

namespace haku::analysis {

TEST_CASE("paragraphs: CLD2 identifies English, Swedish and Finnish") {
  CHECK(IdentifyLanguage(
            "Machine learning has the potential to revolutionize global health. A crucial step "
            "to unleash this potential is training the algorithms on rich data samples that "
            "accurately represent the population they will be implemented in.")
            .lang == "en");
  CHECK(IdentifyLanguage(
            "Maskininlärning används allt oftare inom hälso- och sjukvården. Kursen ger "
            "kliniker en introduktion till hur algoritmerna tränas och hur resultaten ska "
            "tolkas i det dagliga arbetet med patienterna.")
            .lang == "sv");
  CHECK(IdentifyLanguage(
            "Tekoäly muuttaa terveydenhuoltoa. Opas kertoo, miten julkinen sektori voi "
            "käyttää tekoälyä vastuullisesti ja mitä eettisiä periaatteita sen "
            "kehittämisessä ja käytössä tulee noudattaa.")
            .lang == "fi");
}

TEST_CASE("a declared language does not override plainly English text") {
  LanguageResult r = IdentifyLanguage(
      "Choose Format - Cells and click the Numbers tab. Select the number format that you "
      "want to apply to the selected cells, then click OK to close the dialog.",
      {.declared = "sv", .tld = "", .fallback = ""});
  CHECK(r.lang == "en");
}

TEST_CASE("short list entries: markers, letters and dictionaries") {
  Analyzer analyzer(haku::analysis::MakeDictionaryLexicon());
  auto id = [&](std::string_view text) { return IdentifyLanguage(text, {}, analyzer).lang; };
  CHECK(id("AI och maskininlärning för kliniker — in Swedish!") == "sv");
  CHECK(id("AI och bröstcancer") == "sv");
  CHECK(id("Artificiell intelligens inom vård och omsorg") == "sv");
  CHECK(id("patientjournal öppna data") == "sv");
  CHECK(id("Tekoälyn eettiset periaatteet julkishallinnossa") == "fi");
  CHECK(id("Potilastietojen toisiokäyttö") == "fi");
  CHECK(id("Guidelines for ethical AI in public sector") == "en");
  CHECK(id("Brain MRI data") == "en");
  CHECK(id("Opas suomeksi") == "fi");
  CHECK(IdentifyLanguage("NHSX", {.declared = "", .tld = "", .fallback = "en"}, analyzer).lang == "en");
  CHECK(PrimaryLanguage("sv-SE") == "sv");
  CHECK(PrimaryLanguage("") == "");
}

TEST_CASE("short texts: a dictionary that could not change the verdict is not asked") {
  // Stand-in dictionaries: Swedish knows every word, the others none.
  std::map<std::string, int> asked;
  LexiconEvidence lexicon = [&](std::string_view lang, const std::vector<std::string>&) {
    ++asked[std::string(lang)];
    return lang == "sv" ? 1.0 : 0.0;
  };
  // "å" and the declared language make Swedish likeliest: asked first, it
  // scores 0.6 + 0.2 + 1.5 = 2.3; English and Finnish could reach 1.5 at most.
  LanguageResult sv = IdentifyLanguage("Välj åtgärd", {.declared = "sv", .tld = "", .fallback = ""},
                                       lexicon);
  CHECK(sv.lang == "sv");
  CHECK(sv.reliable);
  CHECK(asked == std::map<std::string, int>{{"sv", 1}});
  // Dictionaries that know none of the words: no score gets out of any
  // language's reach, so each is asked.
  asked.clear();
  LexiconEvidence none = [&](std::string_view lang, const std::vector<std::string>&) {
    ++asked[std::string(lang)];
    return 0.0;
  };
  IdentifyLanguage("Alternativ", {}, none);
  CHECK(asked == std::map<std::string, int>{{"en", 1}, {"fi", 1}, {"sv", 1}});
}

}  // namespace haku::analysis
