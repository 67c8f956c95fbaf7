// Tests for searcher/doc_data.h: every input reads as nlohmann::json reads
// it (the parser the searcher used before), good and hostile.
#include "searcher/doc_data.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace haku::search {
namespace {

using nlohmann::json;

// What the searcher took from `text` with nlohmann: kMalformed when it is
// no JSON object, kWrongType when a field read threw.
DocDataStatus Reference(const std::string& text, DocData& out) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return DocDataStatus::kMalformed;
  try {
    out.url = j.value("url", "");
    out.final_url = j.value("final_url", "");
    out.title = j.value("title", "");
    out.description = j.value("description", "");
    out.lang = j.value("lang", std::string("und"));
    out.langs = j.value("langs", std::vector<std::string>{});
    out.type = j.value("type", "none");
    out.state = j.value("state", "not_fetched");
    for (const json& c : j.value("contexts", json::array())) {
      out.contexts.push_back({c.value("list", ""), c.value("sections", std::vector<std::string>{}),
                              c.value("link_text", ""), c.value("description", "")});
    }
  } catch (const json::exception&) {
    out = DocData();
    return DocDataStatus::kWrongType;
  }
  return DocDataStatus::kOk;
}

void CheckSame(const std::string& text) {
  CAPTURE(text);
  DocData want, got;
  DocDataStatus want_status = Reference(text, want);
  CHECK(ParseDocData(text, got) == want_status);
  CHECK(got.url == want.url);
  CHECK(got.final_url == want.final_url);
  CHECK(got.title == want.title);
  CHECK(got.description == want.description);
  CHECK(got.lang == want.lang);
  CHECK(got.langs == want.langs);
  CHECK(got.type == want.type);
  CHECK(got.state == want.state);
  REQUIRE(got.contexts.size() == want.contexts.size());
  for (size_t i = 0; i < got.contexts.size(); ++i) {
    CHECK(got.contexts[i].list == want.contexts[i].list);
    CHECK(got.contexts[i].sections == want.contexts[i].sections);
    CHECK(got.contexts[i].link_text == want.contexts[i].link_text);
    CHECK(got.contexts[i].description == want.contexts[i].description);
  }
}

TEST_CASE("doc data: what IndexWriter writes reads as nlohmann reads it") {
  json data;
  data["url"] = "https://example.org/ä?q=1";
  data["title"] = "Tabell \"kvoter\" \\ med\ttabb och 🐟";
  data["lang"] = "sv";
  data["langs"] = {"sv", "en"};
  data["description"] = "rad\nny rad \x01 kontroll";
  data["contexts"] = {{{"list", "a"}, {"sections", {"Data", "Öppna"}}, {"link_text", "T"},
                       {"description", ""}, {"lang", "sv"}},
                      {{"list", "b"}, {"sections", json::array()}, {"link_text", ""},
                       {"description", "d"}, {"lang", "en"}}};
  data["type"] = "html";
  data["state"] = "ok";
  data["final_url"] = "https://example.org/b";
  data["fetched_at"] = 1796284509;
  std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
  CheckSame(text);
  DocData got;
  REQUIRE(ParseDocData(text, got) == DocDataStatus::kOk);
  CHECK(got.title == "Tabell \"kvoter\" \\ med\ttabb och 🐟");
  CHECK(got.contexts[0].sections == std::vector<std::string>{"Data", "Öppna"});
  CheckSame(data.dump(2));  // indented, with ASCII escapes
  CheckSame(data.dump(-1, ' ', true));
}

TEST_CASE("doc data: absent keys take the searcher's defaults") {
  DocData got;
  REQUIRE(ParseDocData("{}", got) == DocDataStatus::kOk);
  CHECK(got.lang == "und");
  CHECK(got.type == "none");
  CHECK(got.state == "not_fetched");
  CheckSame("{}");
  CheckSame(R"({"contexts":[{}],"other":{"deep":[1,2,{"x":null}]}})");
  CheckSame(R"({"contexts":null})");
}

TEST_CASE("doc data: escapes and UTF-8 as RFC 8259 has them") {
  const char* cases[] = {
      R"({"url":"a\/b\"c\\d\b\f\n\r\t"})",
      R"({"url":"\u00e4\u00C4 \u20ac \ud83d\udc1f"})",
      R"({"url":"\ud83d"})",          // unpaired high surrogate
      R"({"url":"\udc1f"})",          // lone low surrogate
      R"({"url":"\ud83d\u0041"})",    // high surrogate, then no low one
      R"({"url":"\u12"})",            // short escape
      R"({"url":"\x"})",              // unknown escape
      "{\"url\":\"a\tb\"}",           // raw control character
      "{\"url\":\"\xC3\xA4\xE2\x82\xAC\xF0\x9F\x90\x9F\"}",
      "{\"url\":\"\xC3\"}",           // truncated sequence
      "{\"url\":\"\xC0\xAF\"}",       // overlong
      "{\"url\":\"\xED\xA0\x80\"}",   // encoded surrogate
      "{\"url\":\"\xF4\x90\x80\x80\"}",  // past U+10FFFF
      "{\"url\":\"\xFF\"}",
      "\xEF\xBB\xBF{\"url\":\"bom\"}",
  };
  for (const char* c : cases) CheckSame(c);
}

TEST_CASE("doc data: malformed JSON reads as all defaults") {
  const char* cases[] = {
      "", " ", "[]", "\"text\"", "null", "42", "{", "}", "{\"url\"}", "{\"url\":}",
      "{\"url\":\"a\"", "{\"url\":\"a\",}", "{\"url\":\"a\"} x", "{\"url\":\"a\"}{}",
      "{'url':'a'}", "{url:\"a\"}", "{\"n\":01}", "{\"n\":1.}", "{\"n\":.5}", "{\"n\":-}",
      "{\"n\":1e}", "{\"n\":tru}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\" 1}}",
      "{\"url\":\"a\"}\n", "\t{ \"url\" : \"a\" , \"n\" : -0.5e+3 }\r\n",
  };
  for (const char* c : cases) CheckSame(c);
}

TEST_CASE("doc data: a known key of another type is a corrupt document") {
  const char* cases[] = {
      R"({"url":7})",
      R"({"url":null})",
      R"({"title":["a"]})",
      R"({"langs":"en"})",
      R"({"langs":["en",1]})",
      R"({"langs":null})",
      R"({"contexts":[{"list":false}]})",
      R"({"contexts":[{"sections":"x"}]})",
      R"({"contexts":["x"]})",
      R"({"url":7,"title":"a"} trailing)",  // malformed wins
  };
  for (const char* c : cases) CheckSame(c);
}

TEST_CASE("doc data: a repeated key keeps its last value") {
  CheckSame(R"({"url":"a","url":"b","langs":["x"],"langs":["y","z"]})");
  DocData got;
  REQUIRE(ParseDocData(R"({"url":"a","url":"b"})", got) == DocDataStatus::kOk);
  CHECK(got.url == "b");
}

TEST_CASE("doc data: nesting past the limit is refused, not a crash") {
  std::string deep = "{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  DocData got;
  CHECK(ParseDocData(deep, got) == DocDataStatus::kMalformed);
  std::string ok = "{\"x\":" + std::string(50, '[') + std::string(50, ']') + "}";
  CheckSame(ok);
}

}  // namespace
}  // namespace haku::search
