// Tests for analysis/dictionary_lexicon: the dictionaries as a Lexicon, and
// the morphology several threads' Lexicons share (Debian's voikko-fi and
// hunspell-sv).
#include "analysis/dictionary_lexicon.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/analysis/lexicon_terms.h"

namespace haku::analysis {
namespace {

using testing::Terms;
using testing::Words;

TEST_SUITE("shared morphology") {
  TEST_CASE("lexicons of two threads that share their morphology say what each says alone") {
    const Words sv = {"kortkommandot", "läkemedelsverket", "tabellerna", "infoga", "vårdcentralen"};
    const Words fi = {"taulukoita", "tekoälyä", "potilaiden", "kirjastopalvelut", "käyttäjille"};
    std::unique_ptr<Lexicon> alone = MakeDictionaryLexicon();
    const auto sv_alone = Terms(*alone, "sv", sv);
    const auto fi_alone = Terms(*alone, "fi", fi);
    CHECK(!sv_alone[0].second.empty());  // the dictionaries are there: parts of a compound
    CHECK(!fi_alone[0].first.empty());

    auto shared = std::make_unique<SharedMorphology>(64);
    std::unique_ptr<Lexicon> first = MakeDictionaryLexicon({.shared = shared.get()});
    std::unique_ptr<Lexicon> second = MakeDictionaryLexicon({.shared = shared.get()});
    // Concurrently, each thread through its own Lexicon.
    std::vector<std::pair<Words, Words>> sv_first, fi_second;
    std::thread other([&] { fi_second = Terms(*second, "fi", fi); });
    sv_first = Terms(*first, "sv", sv);
    other.join();
    CHECK(sv_first == sv_alone);
    CHECK(fi_second == fi_alone);
    // What one thread found, the other is told, under its language only.
    CHECK(Terms(*second, "sv", sv) == sv_alone);
    CHECK(Terms(*first, "fi", fi) == fi_alone);
    TermForms none;
    CHECK_FALSE(shared->Find("fi", "kortkommandot", none));
    TermForms found;
    CHECK(shared->Find("sv", "kortkommandot", found));
    CHECK(std::make_pair(found.lemmas, found.parts) == sv_alone[0]);
    // Forms already there are not repeated.
    CHECK(shared->Find("sv", "kortkommandot", found));
    CHECK(std::make_pair(found.lemmas, found.parts) == sv_alone[0]);
  }

  TEST_CASE("the shared memory is bounded and stays right past its bound") {
    auto shared = std::make_unique<SharedMorphology>(8);
    std::unique_ptr<Lexicon> lexicon = MakeDictionaryLexicon({.shared = shared.get()});
    std::unique_ptr<Lexicon> alone = MakeDictionaryLexicon();
    const Words words = {"kortkommandot", "läkemedelsverket", "tabellerna", "vårdcentralen",
                         "sjukhusets", "datakällor", "bokmärken", "kalkylbladet", "diagrammen",
                         "utskriftsformat", "textdokumentet", "sidhuvudet"};
    for (int round = 0; round < 3; ++round) {
      CHECK(Terms(*lexicon, "sv", words) == Terms(*alone, "sv", words));
    }
    int remembered = 0;
    for (const std::string& w : words) {
      TermForms f;
      remembered += shared->Find("sv", w, f) ? 1 : 0;
    }
    CHECK(remembered > 0);
    CHECK(remembered <= 8);
  }
}

}  // namespace
}  // namespace haku::analysis
