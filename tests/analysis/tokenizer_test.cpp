#include "analysis/tokenizer.h"

#include <doctest/doctest.h>

namespace haku::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.norm);
  return out;
}

}  // namespace

TEST_CASE("Tokenize keeps versions, domains and codes searchable") {
  CHECK(Words("MIMIC-IV dataset v2.2 at physionet.org!") ==
        std::vector<std::string>{"mimic", "iv", "dataset", "v2.2", "at", "physionet.org"});
  std::vector<Token> t = Tokenize("MIMIC-IV");
  REQUIRE(t.size() == 2);
  CHECK_FALSE(t[0].joined);
  CHECK(t[1].joined);
  CHECK(Words("AI och maskininlärning för kliniker") ==
        std::vector<std::string>{"ai", "och", "maskininlärning", "för", "kliniker"});
  CHECK(Words("Tekoälyn etiikka: periaatteet (2023)") ==
        std::vector<std::string>{"tekoälyn", "etiikka", "periaatteet", "2023"});
}

TEST_CASE("Tokenize reports byte offsets into the original text") {
  std::string text = "Öppna data — vård";
  std::vector<Token> t = Tokenize(text);
  REQUIRE(t.size() == 3);
  CHECK(text.substr(t[0].begin, t[0].end - t[0].begin) == "Öppna");
  CHECK(text.substr(t[2].begin, t[2].end - t[2].begin) == "vård");
  CHECK(Tokenize("").empty());
  CHECK(Tokenize(std::string(100, 'x')).empty());  // over kMaxTokenBytes
}

}  // namespace haku::analysis
