// Tests for analysis/lexicon_memo and its use by the dictionary Lexicon: the
// dictionaries' answers kept from one run to the next.
#include "analysis/lexicon_memo.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/dictionary_lexicon.h"
#include "tests/analysis/lexicon_terms.h"
#include "tests/test_util.h"

namespace haku::analysis {
namespace {

using Kind = LexiconMemo::Kind;
using testing::Terms;
using testing::Words;

std::unique_ptr<LexiconMemo> OpenMemo(const std::string& path, std::string_view generation) {
  Result<std::unique_ptr<LexiconMemo>> memo = LexiconMemo::Open(path, generation);
  REQUIRE_MESSAGE(memo.ok(), memo.status().ToString());
  return std::move(memo.value());
}

std::string Found(LexiconMemo& memo, Kind kind, std::string_view lang, std::string_view word) {
  std::string value;
  return memo.Find(kind, lang, word, value) ? value : "(none)";
}

TEST_SUITE("lexicon memo") {
  TEST_CASE("answers are found again after reopening, under their kind, language and word") {
    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    {
      auto memo = OpenMemo(path, "g1");
      memo->Put(Kind::kKnown, "sv", "och", "1");
      memo->Put(Kind::kMorphology, "sv", "och", "lemmas");
      memo->Put(Kind::kKnown, "fi", "och", "0");
      CHECK(memo->Flush().ok());
      memo->Put(Kind::kKnown, "en", "and", "1");  // written when the memo closes
      CHECK(Found(*memo, Kind::kKnown, "sv", "och") == "1");
      CHECK(memo->counts().put == 4);
    }
    auto memo = OpenMemo(path, "g1");
    CHECK(Found(*memo, Kind::kKnown, "sv", "och") == "1");
    CHECK(Found(*memo, Kind::kMorphology, "sv", "och") == "lemmas");
    CHECK(Found(*memo, Kind::kKnown, "fi", "och") == "0");
    CHECK(Found(*memo, Kind::kKnown, "en", "and") == "1");
    CHECK(Found(*memo, Kind::kKnown, "en", "och") == "(none)");
    CHECK(Found(*memo, Kind::kKnown, "s", "voch") == "(none)");  // "s" + "voch" is not "sv" + "och"
    CHECK(memo->counts().found == 4);
    CHECK(memo->counts().put == 0);
  }

  TEST_CASE("a memo of another generation is emptied") {
    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    OpenMemo(path, "dictionaries of May")->Put(Kind::kKnown, "sv", "och", "1");
    CHECK(Found(*OpenMemo(path, "dictionaries of May"), Kind::kKnown, "sv", "och") == "1");
    CHECK(Found(*OpenMemo(path, "dictionaries of June"), Kind::kKnown, "sv", "och") == "(none)");
    CHECK(Found(*OpenMemo(path, "dictionaries of May"), Kind::kKnown, "sv", "och") == "(none)");
  }

  TEST_CASE("many answers in one run are all kept") {
    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    {
      auto memo = OpenMemo(path, "g");
      for (int i = 0; i < 20000; ++i) memo->Put(Kind::kKnown, "fi", "w" + std::to_string(i), "1");
      CHECK(memo->Flush().ok());
    }
    auto memo = OpenMemo(path, "g");
    int found = 0;
    for (int i = 0; i < 20000; ++i) found += Found(*memo, Kind::kKnown, "fi", "w" + std::to_string(i)) == "1";
    CHECK(found == 20000);
  }

  TEST_CASE("a file that is not a memo is replaced; an impossible path is an error") {
    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    std::ofstream(path) << std::string(8192, 'x');
    {
      auto memo = OpenMemo(path, "g");
      CHECK(Found(*memo, Kind::kKnown, "sv", "och") == "(none)");
      memo->Put(Kind::kKnown, "sv", "och", "1");
    }
    CHECK(Found(*OpenMemo(path, "g"), Kind::kKnown, "sv", "och") == "1");

    Result<std::unique_ptr<LexiconMemo>> nowhere =
        LexiconMemo::Open(dir.File("no-such-dir/lexicon.sqlite"), "g");
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.status().message().find("no-such-dir/lexicon.sqlite") != std::string::npos);
  }

  TEST_CASE("a memo found damaged in use is set aside, and removed when it closes") {
    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    auto word = [](int i) { return "w" + std::to_string(i); };
    {
      auto memo = OpenMemo(path, "g");
      for (int i = 0; i < 20000; ++i) memo->Put(Kind::kKnown, "fi", word(i), "1");
    }
    // Garbage over 8 KiB in the middle of the answers (the header intact).
    const auto size = std::filesystem::file_size(path);
    REQUIRE(size > 64 * 1024);
    {
      std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(static_cast<std::streamoff>(size / 2));
      file << std::string(8192, '\x5a');
    }
    {
      auto memo = OpenMemo(path, "g");
      int found = 0;
      for (int i = 0; i < 20000; ++i) found += Found(*memo, Kind::kKnown, "fi", word(i)) == "1";
      CHECK(found < 20000);
      memo->Put(Kind::kKnown, "sv", "och", "1");  // forgotten: the memo is set aside
      Status flushed = memo->Flush();
      CHECK_FALSE(flushed.ok());
      CHECK(flushed.message().find("lexicon memo") != std::string::npos);
      CHECK(memo->Flush().ok());  // reported once
    }
    CHECK_FALSE(std::filesystem::exists(path));
    {
      auto memo = OpenMemo(path, "g");
      CHECK(Found(*memo, Kind::kKnown, "fi", word(0)) == "(none)");
      memo->Put(Kind::kKnown, "sv", "och", "1");
    }
    CHECK(Found(*OpenMemo(path, "g"), Kind::kKnown, "sv", "och") == "1");
  }

  TEST_CASE("the generation names the dictionary files it depends on") {
    const std::string generation = LexiconGeneration();
    CHECK(generation.find("sv_SE.dic") != std::string::npos);
    CHECK(generation.find("/usr/lib/voikko") != std::string::npos);
    // The libraries as loaded (a same-soname upgrade changes the file).
    CHECK(generation.find("/libhunspell") != std::string::npos);
    CHECK(generation.find("/libvoikko.so") != std::string::npos);
    CHECK(generation == LexiconGeneration());
  }

  TEST_CASE("a Lexicon over a memo says what the dictionaries say, and the next run asks the memo") {
    const Words sv = {"kortkommandot", "läkemedelsverket", "tabellerna", "infoga", "vårdcentralen"};
    const Words fi = {"taulukoita", "tekoälyä", "potilaiden", "kirjastopalvelut", "käyttäjille"};
    const Words en = {"the", "spreadsheet", "qwzxv"};
    std::unique_ptr<Lexicon> alone = MakeDictionaryLexicon();
    const auto sv_alone = Terms(*alone, "sv", sv);
    const auto fi_alone = Terms(*alone, "fi", fi);
    const double known_sv = alone->KnownShare("sv", sv);
    const double known_en = alone->KnownShare("en", en);
    REQUIRE(!sv_alone[0].second.empty());  // the dictionaries are there
    REQUIRE(known_en > 0.5);
    REQUIRE(known_en < 1.0);

    haku::testing::TempDir dir;
    const std::string path = dir.File("lexicon.sqlite");
    // A run: the memo at `path`, a lexicon over it; says what `alone` says.
    struct Run {
      explicit Run(const std::string& path)
          : memo(OpenMemo(path, LexiconGeneration())),
            shared(64, memo.get()),
            lexicon(MakeDictionaryLexicon({.shared = &shared})) {}
      std::unique_ptr<LexiconMemo> memo;
      SharedMorphology shared;
      std::unique_ptr<Lexicon> lexicon;
    };
    auto says_what_alone_says = [&](Lexicon& lexicon) {
      CHECK(Terms(lexicon, "sv", sv) == sv_alone);
      CHECK(Terms(lexicon, "fi", fi) == fi_alone);
      CHECK(lexicon.KnownShare("sv", sv) == known_sv);
      CHECK(lexicon.KnownShare("en", en) == known_en);
    };
    {
      Run first(path);
      says_what_alone_says(*first.lexicon);
      CHECK(first.memo->counts().found == 0);
      CHECK(first.memo->counts().put == 10 + 5 + 3);
    }
    {
      Run second(path);
      says_what_alone_says(*second.lexicon);
      CHECK(second.memo->counts().found == 10 + 5 + 3);
      CHECK(second.memo->counts().put == 0);  // nothing new: no dictionary was asked
    }
    {
      // A Lexicon that asks no dictionary (Swedish morphology off) keeps no
      // answer: its "nothing" is not the dictionary's.
      const std::string other = dir.File("other.sqlite");
      {
        auto memo = OpenMemo(other, LexiconGeneration());
        SharedMorphology shared(64, memo.get());
        std::unique_ptr<Lexicon> none =
            MakeDictionaryLexicon({.swedish_morphology = false, .shared = &shared});
        CHECK(Terms(*none, "sv", {"vårdcentralen"})[0] == std::make_pair(Words{}, Words{}));
        CHECK(memo->counts().put == 0);
      }
      Run after(other);
      CHECK(Terms(*after.lexicon, "sv", {"vårdcentralen"})[0] == sv_alone[4]);
    }
    // The memo is asked first: an answer planted in it is the one given.
    Run third(path);
    third.memo->Put(Kind::kMorphology, "sv", "tabellerna", "1:7:XLplant0:");
    third.memo->Put(Kind::kKnown, "en", "qwzxv", "1");
    REQUIRE(third.memo->Flush().ok());
    CHECK(Terms(*third.lexicon, "sv", {"tabellerna"})[0] ==
          std::make_pair(Words{"XLplant"}, Words{}));
    CHECK(third.lexicon->KnownShare("en", en) == 1.0);
    // A damaged answer is no answer: the dictionary is asked again.
    third.memo->Put(Kind::kMorphology, "sv", "infoga", "2:3:XL");
    REQUIRE(third.memo->Flush().ok());
    CHECK(Terms(*third.lexicon, "sv", {"infoga"})[0] == sv_alone[3]);
  }
}

}  // namespace
}  // namespace haku::analysis
