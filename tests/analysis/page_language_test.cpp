#include "analysis/page_language.h"

#include <doctest/doctest.h>

#include <memory>

#include "analysis/dictionary_lexicon.h"

namespace haku::analysis {

// From make-corpus fi/text/shared/01/ref_pdf_export.html: a Finnish title
// and Finnish labels over untranslated English paragraphs. Counting the
// title as a quarter of the page and judging all short blocks together made
// it Finnish.
TEST_CASE("a translated title and labels over untranslated English: English") {
  Analyzer analyzer(haku::analysis::MakeDictionaryLexicon());
  std::vector<std::string> blocks = {
      "Vie suoraan PDF-muotoon",
      "Käsiteltävä tiedosto viedään PDF-muodossa.",
      "Toiminnon käyttäminen:",
      "Choose File - Export as - Export Directly as PDF.",
      "Export as PDF icon on the Standard toolbar.",
      "Exports the current document in Portable Document Format (PDF) using the default "
      "PDF export settings. A file selector is shown where you can enter the file name.",
      "Aiheeseen liittyvää",
      "PDF export options let you choose the page range, image compression, watermarks "
      "and security settings before the file is written.",
  };
  PageLanguages p = IdentifyPageLanguages(blocks, "Vie suoraan PDF-muotoon",
                                          {.declared = "fi", .tld = "", .fallback = ""},
                                          analyzer);
  CHECK(p.primary == "en");
  CHECK(p.filter.count("en") == 1);
  REQUIRE(p.blocks.size() == blocks.size());
  CHECK(p.blocks[1] == "fi");  // short blocks keep their own language
  CHECK(p.blocks[3] == "en");
}

TEST_CASE("a half-Swedish page is found under both languages") {
  Analyzer analyzer(haku::analysis::MakeDictionaryLexicon());
  std::vector<std::string> blocks = {
      "I LibreOffice kan du registrera olika datakällor. Innehållet i datafälten är sedan "
      "tillgängliga att användas i olika fält och kontroller.",
      "I mallarna och guiderna i LibreOffice används fält för innehållet i adressboken. När "
      "en mall aktiveras ersätts de allmänna fälten i mallen automatiskt.",
      "To open the data source view, press Shift+F4 in a text, spreadsheet or form document.",
      "To view the contents of a database, click the plus sign (+) in front of the name in "
      "the data source view.",
  };
  PageLanguages p = IdentifyPageLanguages(blocks, "Data sources in LibreOffice",
                                          {.declared = "sv", .tld = "", .fallback = ""},
                                          analyzer);
  CHECK(p.filter == std::set<std::string>{"en", "sv"});
  CHECK(p.blocks[0] == "sv");
  CHECK(p.blocks[2] == "en");
}

namespace {

// The dictionaries, counting how often they are asked about a text.
class CountingLexicon : public Lexicon {
 public:
  explicit CountingLexicon(int& asked) : asked_(asked), real_(MakeDictionaryLexicon()) {}
  void AddMorphology(std::string_view word, std::string_view lang, TermForms& forms) override {
    real_->AddMorphology(word, lang, forms);
  }
  double KnownShare(std::string_view lang, const std::vector<std::string>& words) override {
    ++asked_;
    return real_->KnownShare(lang, words);
  }

 private:
  int& asked_;
  std::unique_ptr<Lexicon> real_;
};

}  // namespace

TEST_CASE("short texts' verdicts are remembered by text and hints, and are the same") {
  int asked = 0;
  Analyzer analyzer(std::make_unique<CountingLexicon>(asked));
  ShortTextVerdicts verdicts;
  const LanguageHints sv{.declared = "sv", .tld = "", .fallback = ""};
  const LanguageHints fi{.declared = "fi", .tld = "", .fallback = ""};
  for (std::string text : {"Syntax:", "Exempel på användning", "Toiminnon käyttäminen:"}) {
    CAPTURE(text);
    LanguageResult fresh = IdentifyLanguage(text, sv, analyzer);
    asked = 0;
    LanguageResult first = verdicts.Identify(text, sv, analyzer);
    CHECK(asked > 0);
    asked = 0;
    LanguageResult again = verdicts.Identify(text, sv, analyzer);
    CHECK(asked == 0);  // from memory
    for (const LanguageResult& r : {first, again}) {
      CHECK(r.lang == fresh.lang);
      CHECK(r.reliable == fresh.reliable);
      CHECK(r.shares.size() == fresh.shares.size());
    }
    // Other hints are another question.
    LanguageResult fresh_fi = IdentifyLanguage(text, fi, analyzer);
    asked = 0;
    CHECK(verdicts.Identify(text, fi, analyzer).lang == fresh_fi.lang);
    CHECK(asked > 0);
  }
  // A page's labels, the second time, cost no dictionary look-up; the
  // verdicts are those of a page judged afresh.
  std::vector<std::string> blocks = {"Toiminnon käyttäminen:", "Aiheeseen liittyvää",
                                     "Choose File - Export as - Export Directly as PDF."};
  // (Titles rarely repeat: they are not remembered.)
  PageLanguages plain = IdentifyPageLanguages(blocks, "", fi, analyzer);
  IdentifyPageLanguages(blocks, "", fi, analyzer, {}, &verdicts);
  asked = 0;
  PageLanguages remembered = IdentifyPageLanguages(blocks, "", fi, analyzer, {}, &verdicts);
  CHECK(asked == 0);
  CHECK(remembered.primary == plain.primary);
  CHECK(remembered.filter == plain.filter);
  CHECK(remembered.blocks == plain.blocks);
}

TEST_CASE("no text: the fallback") {
  Analyzer analyzer(haku::analysis::MakeDictionaryLexicon());
  PageLanguages p = IdentifyPageLanguages({}, "", {.declared = "", .tld = "", .fallback = "sv"},
                                          analyzer);
  CHECK(p.primary == "sv");
  CHECK(p.filter == std::set<std::string>{"sv"});
}

}  // namespace haku::analysis
