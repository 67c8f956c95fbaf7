#include "indexer/extractor/nesting_limiter.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {

TEST_CASE("EstimateNestingDepth ignores void and optional-end tags") {
  CHECK(EstimateNestingDepth("<div><div><p>x<p>y<br><img></div></div>") == 2);
  CHECK(EstimateNestingDepth("<ul><li>a<li>b</ul>") == 1);
  CHECK(EstimateNestingDepth("<script>if (a<b) { '<div>' }</script>") == 0);
  CHECK(EstimateNestingDepth("<!-- <div><div> --><span/>") == 0);
}

TEST_CASE("LimitNesting leaves ordinary pages alone") {
  std::string out;
  CHECK_FALSE(LimitNesting("<div><p>a</p></div>", 10, &out));
  CHECK(out.empty());
}

TEST_CASE("LimitNesting flattens below the cap and keeps the text") {
  std::string html;
  for (int i = 0; i < 20; ++i) html += "<div>" + std::to_string(i) + "<b>";
  std::string out;
  REQUIRE(LimitNesting(html, 4, &out));
  CHECK(EstimateNestingDepth(out) <= 4);
  for (int i = 0; i < 20; ++i) CHECK(out.find(std::to_string(i)) != std::string::npos);
}

TEST_CASE("100,000 nested divs: no stack overflow, fast") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>Deep inside the tree.</p>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "<p>After the tree.</p></body></html>";
  auto start = std::chrono::steady_clock::now();
  ExtractedPage page = testing::ExtractHtmlBody(html);
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  CHECK(testing::Body(page) == "Deep inside the tree.\nAfter the tree.\n");
  CHECK(seconds < 10.0);  // sanitizer build; Release takes ~0.1 s
}

TEST_CASE("deeply nested inline and list markup") {
  for (const char* open : {"<b>", "<span>", "<ul><li>", "<table><tr><td>",
                           "<a href=x>", "<blockquote>"}) {
    CAPTURE(open);
    std::string html;
    for (int i = 0; i < 20000; ++i) html += open;
    html += "bottom";
    ExtractedPage page = testing::ExtractHtmlBody(html);
    CHECK(testing::Body(page).find("bottom") != std::string::npos);
  }
}

}  // namespace haku::extractor
